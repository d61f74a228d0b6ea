"""The size of the gradient layer by layer, on a log scale, with the forward signal beside it.

On a log axis a constant per-layer factor is a straight line: sloping down means the
gradient vanishes on its way back to layer 1, sloping up means it explodes.
"""
from __future__ import annotations

import math

import matplotlib
import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullLocator

from ..vanishing_gradient import GradientFlow
from .panel import Panel
from .style import PALETTE, RC, panel

SIZE = (6.4, 3.9)
MARGINS = {"left": 0.12, "right": 0.97, "bottom": 0.25, "top": 0.9}
DECADES = 6
"""The y axis jumps in steps of this many powers of ten, so most slider moves keep the axes."""
DEPTH_STOPS = (5, 10, 20, 30, 40, 50)
"""The x axis ends at the first of these that holds the depth: few full redraws while dragging."""


SUPERSCRIPTS = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def power_of_ten(value: float, _position: int | None = None) -> str:
    """A log-axis tick label as plain text, 10⁻⁶ or 1: matplotlib's default is mathtext, which took 8 ms a
    label to lay out the first time a decade range was shown."""
    exponent = round(math.log10(value)) if value > 0 else 0
    return "1" if exponent == 0 else f"10{str(exponent).translate(SUPERSCRIPTS)}"


def _decade_ticks(low: float, high: float) -> list[float]:
    """Powers of ten from low to high, every 1, 2, 3, 6 or 12 decades: at most 8 labels."""
    bottom, top = round(math.log10(low)), round(math.log10(high))
    step = next(s for s in (1, 2, 3, 6, 12, 24, 48) if (top - bottom) / s <= 8)
    return [10.0 ** k for k in range(bottom, top + 1, step)]


def _decade_bounds(values: np.ndarray) -> tuple[float, float]:
    """Powers of ten, rounded outwards to multiples of DECADES, that hold every positive value and 1."""
    positive = values[values > 0]
    low = min(float(np.min(positive)), 1.0) if positive.size else 1.0
    high = max(float(np.max(positive)), 1.0) if positive.size else 1.0
    bottom = DECADES * math.floor(math.log10(low) / DECADES - 1e-9)
    top = DECADES * math.ceil(math.log10(high) / DECADES + 1e-9)
    return 10.0 ** bottom, 10.0 ** top


class GradientPanel(Panel):
    """|dL/dz| per layer (solid, circles) and the layer outputs' size (dashed, squares).

    The background (a PNG) holds the x axis and the legend, one per depth stop; the y axis, its line at 1
    and the title are frame marks (an SVG per activation, initialisation and decade range), so a new
    dropdown choice or a new decade range sends a few kilobytes of SVG instead of a new picture.
    """

    def __init__(self):
        with matplotlib.rc_context(RC):
            figure, ax = panel(*SIZE, MARGINS)
            ax.set_yscale("log")
            ax.yaxis.set_minor_locator(NullLocator())
            ax.yaxis.set_major_formatter(FuncFormatter(power_of_ten))
            self.gradient, = ax.plot([], [], color=PALETTE["blue"], marker="o", markersize=4, linewidth=1.8,
                                     label="gradient |dL/dz| (backward)")
            self.forward, = ax.plot([], [], color=PALETTE["orange"], marker="s", markersize=3, linewidth=1.4,
                                    linestyle="--", label="outputs |h| (forward)")
            self.one = ax.axhline(1.0, color=PALETTE["grey"], linestyle=":", linewidth=1)
            self.note = ax.text(1.0, 1.03, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=10,
                                fontweight="bold")
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_xlabel("layer (1 = nearest the input)")
            ax.set_ylabel("size (log scale)")
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.17), ncol=2, fontsize=9, frameon=False)
            self.title = ax.set_title("", loc="left")
        self.axes = ax
        super().__init__(figure)
        self.live.frame_marks(ax.yaxis, self.one, self.title)
        self.live.animate(self.gradient, self.forward, self.note)
        self._frame = None

    def update(self, flow: GradientFlow) -> None:
        layers = np.arange(1, flow.depth + 1)
        values = np.concatenate([flow.gradient, flow.activation_size])
        end = next((stop for stop in DEPTH_STOPS if stop >= flow.depth), flow.depth)
        frame = (end, _decade_bounds(values), flow.activation, flow.init)
        if frame != self._frame:
            self._frame = frame
            self.axes.set_xlim(0.5, end + 0.5)
            self.axes.set_ylim(*frame[1])
            self.axes.set_yticks(_decade_ticks(*frame[1]))
            self.axes.yaxis.set_minor_locator(NullLocator())
            self.title.set_text(f"{flow.activation} layers, {flow.init} initialisation")
            self.live.invalidate(frame=frame[1:], background=end)  # the frame marks do not depend on the x range
        self.gradient.set_data(layers, np.where(flow.gradient > 0, flow.gradient, np.nan))
        self.forward.set_data(layers, np.where(flow.activation_size > 0, flow.activation_size, np.nan))
        self.note.set_text(f"layer 1 / layer {flow.depth}: {flow.ratio:.2g}")
