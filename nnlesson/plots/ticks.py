"""Axis helpers for counts that span from a handful to billions: short tick labels and stable limits."""
from __future__ import annotations

from matplotlib.ticker import FuncFormatter

COUNT_STEPS = tuple(m * 10 ** e for e in range(13) for m in (1, 2, 5))
"""1, 2, 5, 10, 20, 50, ...: limits for count axes, so they change only at these values."""


def short_count(value: float, _position: int | None = None) -> str:
    """A tick label: 950, 12k, 1.5M, 2G (exact counts are in the tables, not on the axes)."""
    for size, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


COUNT_FORMATTER = FuncFormatter(short_count)
