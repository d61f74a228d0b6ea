"""One channel of a convolution's input: its padding, one kernel placement, and what floor() leaves out.

Cells are drawn as a grid when there are few of them; a large input (say 224 x 224) is drawn
as plain regions, so any size draws equally fast. The picture is made of a fixed set of
rectangles and texts that are moved on every update, over an empty background: the axes are
hidden and the sizes are written along the edges instead of on tick marks.
"""
from __future__ import annotations

import matplotlib
from matplotlib.collections import LineCollection
from matplotlib.patches import Patch, Rectangle

from ..layers.shapes import Window
from .panel import Panel
from ..palette import tint
from .style import PALETTE, RC, new_figure

GRID_LIMIT = 40
"""Above this many cells on a side, cell borders and kernel taps are not drawn."""
LOOKS = {
    "padding": {"facecolor": PALETTE["sky"], "hatch": "..", "edgecolor": "white", "label": "zero padding"},
    "input": {"facecolor": tint("grey", 0.2), "hatch": "", "edgecolor": PALETTE["grey"], "label": "input values"},
    "left_out": {"facecolor": PALETTE["vermillion"], "hatch": "//", "edgecolor": "white", "alpha": 0.55,
                 "label": "never covered (floor)"},
    "kernel": {"facecolor": "none", "hatch": "", "edgecolor": PALETTE["orange"], "linewidth": 3,
               "label": "kernel, first placement"},
    "next": {"facecolor": "none", "hatch": "", "edgecolor": PALETTE["black"], "linestyle": "--", "linewidth": 1.5,
             "label": "next placement (stride)"},
}
"""A colour plus a second cue (hatching or a dashed edge) for each region."""
WIDTH, HEIGHT = 5.2, 4.7
"""Inches: 520 px, shown at its own size beside the readout on a laptop."""
MARGINS = {"left": 0.42, "right": 0.42, "bottom": 0.62, "top": 0.74}
"""Inches around the axes: the side label, the legend below, a two-line title and the top label above."""
BOX = (MARGINS["left"] / WIDTH, MARGINS["bottom"] / HEIGHT, 1 - (MARGINS["left"] + MARGINS["right"]) / WIDTH,
       1 - (MARGINS["bottom"] + MARGINS["top"]) / HEIGHT)  # axes position in the figure


class ConvGridPanel(Panel):
    """Draws the padded input of one channel; ``update(rows, columns, title)`` redraws it (a title may have two
    lines)."""

    def __init__(self, width: float = WIDTH, height: float = HEIGHT):
        with matplotlib.rc_context(RC):
            self.figure = new_figure(width, height)
            ax = self.axes = self.figure.add_axes(BOX)
            ax.axis("off")
            ax.invert_yaxis()
            self.regions = {name: ax.add_patch(Rectangle((0, 0), 0, 0, **_patch_style(look)))
                            for name, look in LOOKS.items()}
            self.bottom_band = ax.add_patch(Rectangle((0, 0), 0, 0, **_patch_style(LOOKS["left_out"])))
            self.grid = ax.add_collection(LineCollection([], colors="white", linewidths=0.6))
            self.taps = ax.scatter([], [], s=10, c=PALETTE["black"], zorder=5)
            self.title = self.figure.text(0.5, 1 - 0.06 / height, "", ha="center", va="top", fontsize=11,
                                          linespacing=1.3)
            self.top_label = ax.text(0, 0, "", ha="center", va="bottom", fontsize=9)
            self.side_label = ax.text(0, 0, "", ha="right", va="center", fontsize=9, rotation=90)
            self.kernel_label = ax.text(0, 0, "", ha="left", va="top", fontsize=9, color=PALETTE["black"],
                                        bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 1})
            self.figure.legend(handles=[Patch(label=look["label"], **_patch_style(look)) for look in LOOKS.values()],
                               loc="lower center", ncol=3, fontsize=8, frameon=False)
        super().__init__(self.figure)
        self.live.animate(self.regions["padding"], self.regions["input"], self.grid, self.regions["left_out"],
                          self.bottom_band, self.taps, self.regions["next"], self.regions["kernel"],
                          self.kernel_label, self.title, self.top_label, self.side_label)

    def update(self, rows: Window, columns: Window, title: str) -> None:
        """Place every region for a kernel sliding over ``rows`` x ``columns`` (one channel)."""
        height, width = rows.padded, columns.padded
        self._set_limits(height, width)
        self.regions["padding"].set_bounds(0, 0, width, height)
        self.regions["padding"].set_visible(height > rows.size or width > columns.size)
        self.regions["input"].set_bounds(columns.pad_before, rows.pad_before, columns.size, rows.size)
        self.regions["left_out"].set_bounds(columns.covered, 0, columns.left_out, height)
        self.regions["left_out"].set_visible(columns.left_out > 0)
        self.bottom_band.set_bounds(0, rows.covered, min(columns.covered, width), rows.left_out)
        self.bottom_band.set_visible(rows.left_out > 0)
        self.regions["kernel"].set_bounds(0, 0, columns.span, rows.span)
        self.regions["next"].set_bounds(columns.stride, 0, columns.span, rows.span)
        self.regions["next"].set_visible(columns.positions > 1)
        small = max(height, width) <= GRID_LIMIT
        self.grid.set_segments(_grid_lines(height, width) if small else [])
        self.taps.set_offsets(_taps(rows, columns) if small else [(float("nan"), float("nan"))])
        self.kernel_label.set_visible(not small)  # a kernel of a few cells is hard to spot on a large input
        self.kernel_label.set_position((columns.span + 0.01 * width, rows.span + 0.01 * height))
        self.kernel_label.set_text(f"← kernel {rows.span}×{columns.span}")
        self.title.set_text(title)
        self.top_label.set_position((width / 2, -0.02 * max(height, width)))
        self.top_label.set_text(_edge_label("width", columns))
        self.side_label.set_position((-0.02 * max(height, width), height / 2))
        self.side_label.set_text(_edge_label("height", rows))

    def _set_limits(self, height: int, width: int) -> None:
        """Limits that keep cells square in the fixed axes box (no aspect machinery at draw time)."""
        fig_w, fig_h = self.figure.get_size_inches()
        box_ratio = (BOX[2] * fig_w) / (BOX[3] * fig_h)  # axes width / height, in inches
        span_x, span_y = max(width, height * box_ratio), max(height, width / box_ratio)
        self.axes.set_xlim(-(span_x - width) / 2, width + (span_x - width) / 2)
        self.axes.set_ylim(height + (span_y - height) / 2, -(span_y - height) / 2)


def _patch_style(look: dict) -> dict:
    return {key: value for key, value in look.items() if key != "label"}


def _grid_lines(height: int, width: int) -> list:
    return ([[(0, r), (width, r)] for r in range(1, height)] +
            [[(c, 0), (c, height)] for c in range(1, width)])


def _taps(rows: Window, columns: Window) -> list:
    """Centres of the cells the first kernel placement multiplies (spread out by the dilation)."""
    return [(c * columns.dilation + 0.5, r * rows.dilation + 0.5)
            for r in range(rows.kernel) for c in range(columns.kernel)]


def _edge_label(name: str, axis: Window) -> str:
    padding = axis.pad_before + axis.pad_after
    text = f"{name} {axis.size}" + (f" + {padding} padding" if padding else "")
    return text + (f"  ({axis.left_out} left out)" if axis.left_out else "")
