"""What every exercise check returns: right or wrong, and a hint that moves the learner on.

A check computes the true answer with the package (never a stored literal), compares,
and answers with a Feedback that shows as a coloured box in a notebook. A wrong answer
gets a hint about *where* the slip is, never the answer itself.
"""
from __future__ import annotations

import html
import math
import numbers
from dataclasses import dataclass
from typing import Any

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


def close(answer: float, truth: float, tolerance: float = 1e-6) -> bool:
    """Equal up to rounding: learners type 0.78 for 0.7800000000000001."""
    return math.isclose(answer, truth, rel_tol=tolerance, abs_tol=tolerance)


def numeric_check(answer: Any, truth: float, hints: list[tuple[float, str]], fallback: str,
                  success: str, decimals: int = 2) -> Feedback:
    """Compare a number with ``truth`` (to ``decimals`` places); pick the hint of a known slip.

    ``hints`` pairs the value a typical mistake produces with what to say about it, so a
    learner who, say, forgot the bias is told to look at the bias.
    """
    if is_blank(answer):
        return unanswered("a number")
    value = as_number(answer)
    if value is None:
        return wrong(f"Expected a single number, got {type(answer).__name__}.")
    tolerance = 0.5 * 10 ** -decimals
    if abs(value - truth) <= tolerance:
        return right(success)
    for mistaken, hint in hints:
        if abs(value - mistaken) <= tolerance:
            return wrong(hint)
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
