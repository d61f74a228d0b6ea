"""One look for every figure: the package palette plus a second cue, fixed fonts and margins.

The colours come from ``nnlesson.palette`` (Okabe and Ito's colour-blind-safe set).
Wherever colour carries meaning, a hatch, line style or marker repeats it.
"""
from __future__ import annotations

import io
import math

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..palette import PALETTE

POSITIVE = {"color": PALETTE["blue"], "hatch": ""}
NEGATIVE = {"color": PALETTE["vermillion"], "hatch": "//"}
LINE_STYLES = ("-", "--", "-.", ":")
MARKERS = ("o", "s", "^", "D", "v", "P")
CLASS_LOOKS = ({"color": PALETTE["vermillion"], "marker": "s", "label": "class 0"},
               {"color": PALETTE["blue"], "marker": "o", "label": "class 1"})
"""Two classes told apart by colour and by marker shape."""
_LINE_COLOURS = ("blue", "vermillion", "green", "orange", "purple", "sky", "black")

SMALLEST_TEXT_PT = 8.0
"""No figure draws text smaller than this. At a figure's 100 dpi that is 11.1 px, so a figure shown down to 81%
of its own pixel width still has text of at least 9 CSS px (``SMALLEST_SCALE``); the screen test checks that."""
SMALLEST_SCALE = 9 / (SMALLEST_TEXT_PT * 100 / 72)
"""The least a figure may be scaled down on screen (displayed width over its own pixel width)."""

RC = {
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titley": 1.0,  # a fixed place above the axes: left unset, every full draw measured the x axis to place it
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


def panel(width: float, height: float, margins: dict[str, float]) -> tuple[Figure, Axes]:
    """A one-axes figure with fixed margins: a full redraw never re-runs a layout engine."""
    figure = new_figure(width, height)
    axes = figure.add_subplot()
    figure.subplots_adjust(**margins)
    return figure, axes


def line_look(index: int) -> dict[str, str]:
    """Colour and line style of the index-th curve; no two of the first 28 look alike."""
    return {"color": PALETTE[_LINE_COLOURS[index % len(_LINE_COLOURS)]],
            "linestyle": LINE_STYLES[index % len(LINE_STYLES)]}


def png_bytes(figure: Figure) -> bytes:
    """A static figure as PNG bytes, fully drawn (for figures that never move)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def show(figure: Figure) -> None:
    """Display a static figure in a notebook, without touching pyplot's global state."""
    from IPython.display import Image, display

    display(Image(png_bytes(figure)))


def nice_limit(value: float, steps: tuple[float, ...] = (1, 2, 5, 10, 20, 50, 100)) -> float:
    """The smallest step that holds ``value`` with 10% room; axes jump between few limits."""
    for step in steps:
        if abs(value) * 1.1 <= step:
            return step
    return abs(value) * 1.1


def nice_bounds(low: float, high: float, ticks: int = 8) -> tuple[float, float]:
    """Round (low, high) outwards, with 5% room, to a multiple of a 1-2-5 step giving about ``ticks``
    ticks: limits that jump rarely, so a slider seldom forces a full redraw."""
    pad = 0.05 * (high - low) if high > low else 0.5
    low, high = low - pad, high + pad
    raw = (high - low) / ticks
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return round(math.floor(low / step) * step, 12), round(math.ceil(high / step) * step, 12)
