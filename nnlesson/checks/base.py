"""What every exercise check returns: right or wrong, and a hint that moves the learner on.

A check computes the true answer with the package (never a stored literal), compares,
and answers with a Feedback that shows as a coloured box in a notebook. A wrong answer
gets a hint about *where* the slip is, never the answer itself.

Every answer is read through ``normalise`` first, so NumPy values count as what they hold:
np.int64(7850), np.float32(30100.0) and np.array(0.5) are the numbers 7850, 30100 and 0.5, and
np.array([1, 1, -1.5]) is the list [1, 1, -1.5]. A number typed in quotes ('785') is text,
never taken for the number: the hint says to remove the quotes.

A count must be exact. A real number is right when it is the truth rounded at its last digit
(0.84 for 0.8438, not 0.85), keeping at least the significant figures the exercise needs; the
feedback then says to what precision it was right. How many significant figures an answer
shows is read off its shortest spelling, generously where the spelling cannot tell:

* A float keeps no zeros after its point, so 2.0 may have been typed as 2.0 or 2.00: it is
  read with as many zeros after its last digit as it needs (2.0 is right to 1 decimal, two
  significant figures, for 2.03995).
* A whole number shows every digit, so 2 is one significant figure, never 2.0.
* Zeros at the end of a whole number may only hold places: 120 counts as three significant
  figures or as two (a right answer at two for 124, and for 125, which lies halfway, as 130
  does).
* Read with more or fewer zeros than it shows, an answer counts only the figures of the
  truth it keeps: 100 is a one-figure rounding of 96, not a two-figure one, and 1.0e-7 a
  one-figure rounding of 9.7e-8.

A halfway truth accepts both neighbours, and a little float noise is always forgiven.
"""
from __future__ import annotations

import html
import math
import numbers
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np

from ..palette import box_style

_STYLES = {True: ("green", "&#10004; Right."), False: ("vermillion", "&#10008; Not yet."),
           None: ("blue", "&#9998; Your turn.")}
"""Each outcome's palette colour and its sign: the sign repeats what the colour says."""


@dataclass(frozen=True)
class Feedback:
    """The outcome of one check: ``correct`` is True, False, or None when nothing was answered."""

    correct: bool | None
    message: str

    def __bool__(self) -> bool:
        return bool(self.correct)

    def __str__(self) -> str:
        verdict = {True: "Right.", False: "Not yet.", None: "Your turn."}[self.correct]
        return f"{verdict} {self.message}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour, verdict = _STYLES[self.correct]
        return (f'<div class="nnlesson-feedback" style="{box_style(colour)}">'
                f"<b>{verdict}</b> {html.escape(self.message)}</div>")


def right(message: str) -> Feedback:
    return Feedback(True, message)


def wrong(hint: str) -> Feedback:
    return Feedback(False, hint)


def unanswered(what: str = "your answer") -> Feedback:
    return Feedback(None, f"Replace ... with {what} and run the cell again.")


def is_blank(answer: Any) -> bool:
    """True for the placeholders a notebook ships with: ``...`` or ``None``."""
    return answer is ... or answer is None


def normalise(answer: Any) -> Any:
    """The answer as plain Python holds it: the one place every check reads an answer through.

    A NumPy integer becomes an int, a bool_ a bool, a 0-d array the value it holds, and a 1-d
    array a list of its values (each normalised). A float32 or float16 stays what it is, so
    that its own shortest spelling (0.84, not 0.8399999737739563) still tells the digits typed.
    Anything else comes back unchanged.
    """
    if isinstance(answer, np.ndarray):
        if answer.ndim == 1:
            return [normalise(value) for value in answer]
        if answer.ndim != 0:
            return answer
        answer = answer[()]
    if isinstance(answer, np.bool_):
        return bool(answer)
    if isinstance(answer, np.integer):
        return int(answer)
    if isinstance(answer, np.floating) and not isinstance(answer, (np.float32, np.float16)):
        return float(answer)
    return answer


def is_real(answer: Any) -> bool:
    """A single real number (after ``normalise``), and not a bool."""
    return isinstance(answer, numbers.Real) and not isinstance(answer, bool)


def as_number(answer: Any) -> float | None:
    """The answer as a float, or None when it is not a single real number or too large for a float."""
    answer = normalise(answer)
    if not is_real(answer):
        return None
    try:
        return float(answer)
    except OverflowError:
        return None


def looks_like_a_number(text: str) -> bool:
    """True for text that would be a number without its quotes: '785', ' 2.2', '1e-6', '30_100'."""
    try:
        return math.isfinite(float(text.strip().replace(",", "")))
    except ValueError:
        return False


TOO_LARGE = ("That number is far too large to be the answer: it does not even fit in a float. "
             "Check the calculation step by step.")
"""The hint for an integer beyond a float's range, such as 10**400, in a check of a real number."""


def quoted(expected: str) -> str:
    """The hint for a number typed in quotes: ``expected`` says what was wanted."""
    return f"{expected}, but this is text: remove the quotes so that Python reads it as a number."


@dataclass(frozen=True)
class Typed:
    """How precisely a number was typed, read off its shortest spelling.

    ``digits`` are its significant digits ('84' for 0.84, '' for zero), ``decimals`` the
    position of its last digit: 2 for 0.84, 8 for 9.5e-07, 0 for 12, -16 for 1e+16.
    ``whole`` is True for an integer, which shows every digit it has and none after a point.
    """
    digits: str
    decimals: int
    scientific: bool
    whole: bool = False

    @property
    def significant(self) -> int:
        """How many significant figures were typed (0 for zero)."""
        return len(self.digits)

    @property
    def power_of_ten(self) -> bool:
        """A lone 1 with zeros: 1, 100, 0.001, 1e-6."""
        return self.digits.rstrip("0") == "1"

    @property
    def half_unit(self) -> float:
        """Half a unit in the last typed digit: how far a correctly rounded answer can be off."""
        return 0.5 * 10.0 ** -self.decimals


@dataclass(frozen=True)
class Reading:
    """One way to read a typed number's precision: its last digit at ``decimals``, keeping ``significant`` figures."""
    significant: int
    decimals: int
    scientific: bool
    power_of_ten: bool

    @property
    def half_unit(self) -> float:
        return 0.5 * 10.0 ** -self.decimals


def typed(answer: Any) -> Typed:
    """The digits a learner gave: Python keeps no trailing zeros, so the shortest repr is what counts.

    0.84 -> 2 significant figures, 2 decimals; 9.5e-7 -> 2 significant figures; 1e-6 -> 1;
    an integer counts all its digits (100 -> 3). A float with nothing after the point
    (2.0) counts as the integer it equals; ``readings`` adds the zeros it may have had.
    """
    answer = normalise(answer)
    if isinstance(answer, numbers.Integral):
        text = str(abs(int(answer)))
    elif isinstance(answer, np.floating) and not isinstance(answer, float):
        text = str(abs(answer))          # float32, float16: numpy's shortest spelling for that precision
    else:
        text = repr(abs(float(answer)))
    mantissa, _, exponent = text.lower().partition("e")
    whole, _, fraction = mantissa.partition(".")
    fraction = fraction.rstrip("0")
    digits = (whole + fraction).lstrip("0")
    return Typed(digits, len(fraction) - int(exponent or 0), "e" in text, isinstance(answer, numbers.Integral))


_MORE_ZEROS = 17
"""How many zeros a float may be read to have had after its last digit (a double holds 17 figures)."""


def _exponent(value: float) -> int:
    """The power of ten of the leading digit, exactly: 2 for 125, -1 for 0.84, 0 for 9.9999999."""
    return Decimal(abs(value)).adjusted()


def readings(precision: Typed, truth: float) -> list[Reading]:
    """Every way to read how precisely ``precision`` was typed, as the module docstring sets out.

    The spelling itself is one reading, and counts the figures it shows. A float may also have
    had zeros after its last digit (2.0 read as 2.00), and a whole number's trailing zeros may
    only hold places (120 read as 12 tens); such a reading counts no more figures than the
    truth keeps rounded there (1.0e-7 is not a two-figure rounding of 9.7e-8).
    Zero has no reading: it is right only when the truth is zero.
    """
    if not precision.digits:
        return []
    leading = precision.significant - 1 - precision.decimals          # the answer's own power of ten
    truth_leading = _exponent(truth) if truth else leading
    stripped = precision.digits.rstrip("0")
    coarsest = precision.decimals - (precision.significant - len(stripped))
    finest = precision.decimals if precision.whole else precision.decimals + _MORE_ZEROS
    found = []
    for decimals in range(coarsest, finest + 1):
        shown = leading + 1 + decimals
        significant = shown if decimals == precision.decimals else min(shown, truth_leading + 1 + decimals)
        if significant >= 1:
            found.append(Reading(significant, decimals, precision.scientific, significant == 1 and stripped == "1"))
    return found


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def describe(precision: Typed | Reading) -> str:
    """'2 decimals', '2 significant figures', ...: how the learner's answer was rounded."""
    if precision.significant == 1 and precision.power_of_ten:
        return "1 significant figure, the order of magnitude"
    if precision.scientific or precision.decimals <= 0 or precision.significant < precision.decimals:
        return _count(precision.significant, "significant figure")
    return _count(precision.decimals, "decimal")


def exact(answer: float, truth: float, noise: float = 1e-12, rel: float = 1e-9) -> bool:
    """Equal up to floating-point noise: 0.1 * -3 for -0.3, a long computed float for the truth."""
    return math.isclose(answer, truth, rel_tol=rel, abs_tol=noise)


def _float_noise(answer: Any) -> float:
    """Relative slack for rounding errors: more for a float32 or float16 answer than for a Python float."""
    if isinstance(answer, np.floating):
        return max(1e-9, 4 * float(np.finfo(type(answer)).eps))
    return 1e-9


def _shown(truth: float) -> str:
    """The truth to 6 significant figures, with an ellipsis where that cuts digits off: 0.843795…, 9.53674…e-07."""
    text = f"{truth:.6g}"
    if math.isclose(float(text), truth, rel_tol=1e-12):
        return text
    mantissa, e, exponent = text.partition("e")
    return f"{mantissa}…{e}{exponent}"


def numeric_check(answer: Any, truth: float, hints: list[tuple[float, str]], fallback: str,
                  success: str, least: int = 2, noise: float = 1e-12) -> Feedback:
    """Right to the digits the learner typed, with at least ``least`` significant figures?

    The precision comes from how the answer is spelled (``typed``, read generously by
    ``readings``): 0.84 is right for 0.8438 (2 decimals), 0.85 is not, and 2.0 is right for
    2.03995 (2.0, 1 decimal). An answer that only rounds the truth to fewer than ``least``
    significant figures is told to give more digits. ``hints`` pairs the value a typical
    mistake produces with what to say about it, so a learner who, say, forgot the bias is
    told to look at the bias; a slip is recognised exactly, or rounded the way the answer is
    spelled. ``noise`` is the absolute slack for float noise around 0 (0 when the truth
    itself is tiny).
    """
    if is_blank(answer):
        return unanswered("a number")
    given, answer = answer, normalise(answer)
    if isinstance(answer, str) and looks_like_a_number(answer):
        return wrong(quoted("Expected a single number"))
    if not is_real(answer):
        return wrong(f"Expected a single number, got {type(given).__name__}.")
    try:
        value = float(answer)
    except OverflowError:
        return wrong(TOO_LARGE)
    if not math.isfinite(value):
        return wrong(f"Expected a finite number, got {value}.")
    rel = _float_noise(answer)
    if exact(value, truth, noise, rel):
        return right(success)
    precision = typed(answer)
    slack = precision.half_unit * (1 + rel) if precision.significant else 0.0

    def within(target: float, reading: Typed | Reading) -> bool:
        return abs(value - target) <= reading.half_unit * (1 + rel) or exact(value, target, noise, rel)

    def rounds_to(target: float) -> bool:
        return abs(value - target) <= slack or exact(value, target, noise, rel)

    ways = [reading for reading in readings(precision, truth) if within(truth, reading)]
    good = [reading for reading in ways if reading.significant >= least]
    if good:
        best = min(good, key=lambda reading: abs(reading.decimals - precision.decimals))   # nearest the spelling
        return right(f"Right to {describe(best)}: the exact value is {_shown(truth)}, so your answer is "
                     f"correctly rounded. {success}")
    for mistaken, hint in hints:
        if exact(value, mistaken, noise, rel):
            return wrong(hint)
    if ways:
        coarse = max(reading.significant for reading in ways)
        return wrong(f"On the right track, but {_count(coarse, 'significant figure')} is too coarse here: "
                     f"give at least {least}.")
    for mistaken, hint in hints:
        if rounds_to(mistaken):
            return wrong(hint)
    if precision.significant >= max(least, 2) and abs(value - truth) <= 3 * slack:
        return wrong("Close, but not right to the last digit you typed. Keep every digit through the "
                     "calculation and round once, at the end.")
    return wrong(fallback)


def _spelled(answer: Any) -> str:
    """The answer as the learner would recognise it: 2.5 for np.float32(2.5)."""
    return str(answer) if isinstance(answer, np.generic) else repr(answer)


def whole_number(answer: Any) -> int | None:
    """The answer as an int when it is a whole number (7850, 7850.0, np.float32(7850.0)), else None."""
    answer = normalise(answer)
    if not is_real(answer):
        return None
    if isinstance(answer, numbers.Integral):
        return int(answer)
    try:
        value = float(answer)
    except OverflowError:
        return None
    return int(value) if value.is_integer() else None


def integer_check(answer: Any, truth: int, hints: list[tuple[int, str]], fallback: str,
                  success: str, not_whole: str | None = None) -> Feedback:
    """Compare an exact count; counts are whole numbers, so no tolerance.

    ``not_whole`` is the hint for a real number with a fraction (by default, that a count
    is a whole number).
    """
    if is_blank(answer):
        return unanswered("a whole number")
    answer = normalise(answer)
    if isinstance(answer, str) and looks_like_a_number(answer):
        return wrong(quoted("A count is a whole number"))
    count = whole_number(answer)
    if count is None:
        if is_real(answer) and not_whole:
            return wrong(not_whole)
        return wrong(f"A count is a whole number; got {_spelled(answer)}.")
    if count == truth:
        return right(success)
    for mistaken, hint in hints:
        if count == mistaken:
            return wrong(hint)
    return wrong(fallback)
