"""What every exercise check returns: right or wrong, and a hint that moves the learner on.

A check computes the true answer with the package (never a stored literal), compares,
and answers with a Feedback that shows as a coloured box in a notebook. A wrong answer
gets a hint about *where* the slip is, never the answer itself.

A count must be exact. A real number is right when it is right to the digits the learner
typed (0.84 for 0.8438, not 0.85), with at least the significant figures the exercise
needs; the feedback then says to what precision it was right.
"""
from __future__ import annotations

import html
import math
import numbers
from dataclasses import dataclass
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


def as_number(answer: Any) -> float | None:
    """The answer as a float, or None when it is not a single real number."""
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return None
    return float(answer)


@dataclass(frozen=True)
class Typed:
    """How precisely a number was typed, read off its shortest spelling.

    ``digits`` are its significant digits ('84' for 0.84, '' for zero), ``decimals`` the
    position of its last digit: 2 for 0.84, 8 for 9.5e-07, 0 for 12, -16 for 1e+16.
    """
    digits: str
    decimals: int
    scientific: bool

    @property
    def significant(self) -> int:
        """How many significant figures were typed (0 for zero)."""
        return len(self.digits)

    @property
    def half_unit(self) -> float:
        """Half a unit in the last typed digit: how far a correctly rounded answer can be off."""
        return 0.5 * 10.0 ** -self.decimals


def typed(answer: Any) -> Typed:
    """The digits a learner gave: Python keeps no trailing zeros, so the shortest repr is what counts.

    0.84 -> 2 significant figures, 2 decimals; 9.5e-7 -> 2 significant figures; 1e-6 -> 1;
    an integer counts all its digits (100 -> 3). A float with nothing after the point
    (2.0) counts as the integer it equals.
    """
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
    return Typed(digits, len(fraction) - int(exponent or 0), "e" in text)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def describe(precision: Typed) -> str:
    """'2 decimals', '2 significant figures', ...: how the learner's answer was rounded."""
    if precision.digits == "1":
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

    The precision comes from how the answer is spelled (``typed``): 0.84 is right for
    0.8438 (2 decimals), 0.85 is not. An answer coarser than ``least`` significant figures
    is told to give more digits. ``hints`` pairs the value a typical mistake produces with
    what to say about it, so a learner who, say, forgot the bias is told to look at the
    bias; a slip is recognised exactly, or rounded the way the answer is. ``noise`` is the
    absolute slack for float noise around 0 (0 when the truth itself is tiny).
    """
    if is_blank(answer):
        return unanswered("a number")
    value = as_number(answer)
    if value is None:
        return wrong(f"Expected a single number, got {type(answer).__name__}.")
    if not math.isfinite(value):
        return wrong(f"Expected a finite number, got {value}.")
    rel = _float_noise(answer)
    if exact(value, truth, noise, rel):
        return right(success)
    precision = typed(answer)
    slack = precision.half_unit * (1 + rel) if precision.significant else 0.0

    def rounds_to(target: float) -> bool:
        return abs(value - target) <= slack or exact(value, target, noise, rel)

    if rounds_to(truth) and precision.significant >= least:
        return right(f"Right to {describe(precision)}: the exact value is {_shown(truth)}, so your answer is "
                     f"correctly rounded. {success}")
    for mistaken, hint in hints:
        if exact(value, mistaken, noise, rel):
            return wrong(hint)
    if rounds_to(truth):
        return wrong(f"On the right track, but {_count(precision.significant, 'significant figure')} is too "
                     f"coarse here: give at least {least}.")
    for mistaken, hint in hints:
        if rounds_to(mistaken):
            return wrong(hint)
    if precision.significant >= max(least, 2) and abs(value - truth) <= 3 * slack:
        return wrong("Close, but not right to the last digit you typed. Keep every digit through the "
                     "calculation and round once, at the end.")
    return wrong(fallback)


def integer_check(answer: Any, truth: int, hints: list[tuple[int, str]], fallback: str,
                  success: str) -> Feedback:
    """Compare an exact count; counts are whole numbers, so no tolerance."""
    if is_blank(answer):
        return unanswered("a whole number")
    if isinstance(answer, bool) or not isinstance(answer, numbers.Integral):
        if isinstance(answer, float) and answer.is_integer():
            answer = int(answer)
        else:
            return wrong(f"A count is a whole number; got {answer!r}.")
    if answer == truth:
        return right(success)
    for mistaken, hint in hints:
        if answer == mistaken:
            return wrong(hint)
    return wrong(fallback)
