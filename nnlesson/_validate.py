"""Argument checks that raise errors naming the layer, the argument, the value and the rule.

Every public constructor in the package funnels its checks through here, so a learner
always reads the same kind of message: ``Dense(units=0): units must be a positive integer``.
"""
from __future__ import annotations

import numbers
from typing import Any, Iterable


def describe(owner: str, arg: str, value: Any) -> str:
    """The ``Owner(arg=value)`` prefix every message starts with."""
    return f"{owner}({arg}={value!r})"


class _Missing:
    """The default of an argument the caller must give, so that leaving it out names the argument."""

    def __repr__(self) -> str:
        return "missing"


MISSING: Any = _Missing()


def given(owner: str, arg: str, value: Any, example: str) -> Any:
    """Return ``value`` unless the caller left ``arg`` out; then raise, showing a call with it (``example``)."""
    if value is MISSING:
        raise TypeError(f"{owner}: {arg} is missing; give it, e.g. {example}")
    return value


def positive_int(owner: str, arg: str, value: Any) -> int:
    """Return ``value`` as an int if it is a whole number >= 1, else raise."""
    return _whole(owner, arg, value, minimum=1, rule="a positive integer")


def non_negative_int(owner: str, arg: str, value: Any) -> int:
    """Return ``value`` as an int if it is a whole number >= 0, else raise."""
    return _whole(owner, arg, value, minimum=0, rule="a whole number >= 0")


def _whole(owner: str, arg: str, value: Any, minimum: int, rule: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{describe(owner, arg, value)}: {arg} must be {rule}, "
                        f"not {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{describe(owner, arg, value)}: {arg} must be {rule}")
    return int(value)


def one_of(owner: str, arg: str, value: Any, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``, else raise listing the valid ones."""
    choices = list(choices)
    if value not in choices:
        valid = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{describe(owner, arg, value)}: {arg} must be one of {valid}")
    return value


def real_number(owner: str, arg: str, value: Any) -> float:
    """Return ``value`` as a float if it is a finite real number, else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{describe(owner, arg, value)}: {arg} must be a real number, "
                        f"not {type(value).__name__}")
    value = float(value)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{describe(owner, arg, value)}: {arg} must be a finite number")
    return value


def boolean(owner: str, arg: str, value: Any) -> bool:
    """Return ``value`` if it is True or False, else raise (1 and "yes" are not booleans)."""
    if not isinstance(value, bool):
        raise TypeError(f"{describe(owner, arg, value)}: {arg} must be True or False, "
                        f"not {type(value).__name__}")
    return value


MEMORY_LIMIT = 2 * 1024**3
"""The most memory nnlesson takes for one block of numbers (a data set, a network's parameters): 2 GiB,
so a size typed with a few zeros too many is refused before anything is allocated, instead of freezing a
laptop or ending in a MemoryError. A fixed cap, not a share of the computer's memory, so that every
machine refuses the same sizes."""


def fits_in_memory(call: str, what: str, nbytes: int, advice: str) -> None:
    """Raise a ValueError if ``nbytes`` (the memory ``what`` would take) is above ``MEMORY_LIMIT``.
    ``call`` is the call as the learner wrote it, ``advice`` what to do instead."""
    if nbytes > MEMORY_LIMIT:
        raise ValueError(f"{call}: {what} would take {nbytes:,} bytes of memory, more than nnlesson's limit of "
                         f"{MEMORY_LIMIT // 1024**3} GiB ({MEMORY_LIMIT:,} bytes) for one block of numbers. {advice}")
