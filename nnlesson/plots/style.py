"""One look for every figure: a colour-blind-safe palette plus a second cue.

The palette is Okabe and Ito's (2008), readable with every common colour-vision
deficiency. Wherever colour carries meaning, a hatch, line style or marker repeats it.
"""
from __future__ import annotations

from matplotlib.figure import Figure

PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#777777",
}
POSITIVE = {"color": PALETTE["blue"], "hatch": ""}
NEGATIVE = {"color": PALETTE["vermillion"], "hatch": "//"}
LINE_STYLES = ("-", "--", "-.", ":")
MARKERS = ("o", "s", "^", "D", "v", "P")

RC = {
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "hatch.color": "white",
}


def new_figure(width: float, height: float, dpi: int = 100) -> Figure:
    """A figure that is not registered with pyplot, so it never shows up twice in a notebook."""
    return Figure(figsize=(width, height), dpi=dpi)


def nice_limit(value: float, steps: tuple[float, ...] = (1, 2, 5, 10, 20, 50, 100)) -> float:
    """The smallest step that holds ``value`` with 10% room; axes jump between few limits."""
    for step in steps:
        if abs(value) * 1.1 <= step:
            return step
    return abs(value) * 1.1
