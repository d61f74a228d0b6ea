"""A multilayer perceptron drawn as circles (neurons) joined by lines (weights), counts beside it.

A layer wider than ``MAX_DRAWN`` shows its first and last few neurons around a gap marked
with dots, and its real width underneath, so a 4,096-wide layer draws as fast as a 4-wide one.
All artists are made once and only moved on an update, over a cached background that holds
just the legend: with the axes hidden, changing the x limits needs no background redraw.
"""
from __future__ import annotations

from typing import Sequence

import matplotlib
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from ..summary import format_count
from .live import LiveFigure
from .style import PALETTE, RC, new_figure

MAX_DRAWN = 10
"""Circles drawn per layer at most; wider layers are drawn with a gap."""
MAX_LAYERS = 12
"""Columns the diagram can show (input, hidden layers, output)."""
ROLES = {
    "input": {"marker": "s", "color": "white", "edge": PALETTE["grey"], "label": "input value (computes nothing)"},
    "hidden": {"marker": "o", "color": PALETTE["blue"], "edge": PALETTE["black"], "label": "hidden neuron"},
    "output": {"marker": "D", "color": PALETTE["orange"], "edge": PALETTE["black"], "label": "output neuron"},
}
"""How each kind of unit looks: a colour and, as a second cue, a marker shape."""
TOP = (MAX_DRAWN - 1) / 2  # height of the highest circle


def drawn_slots(width: int) -> tuple[list[float], float | None]:
    """Vertical positions of the circles drawn for a layer of ``width`` neurons, and of the gap (or None)."""
    if width <= MAX_DRAWN:
        return [(width - 1) / 2 - j for j in range(width)], None
    half = MAX_DRAWN // 2
    slots = [TOP - j for j in range(MAX_DRAWN)]
    return slots[:half] + slots[half + 1:], slots[half]


def role(column: int, columns: int) -> str:
    """'input', 'hidden' or 'output' for a column of a diagram with ``columns`` columns."""
    return "input" if column == 0 else "output" if column == columns - 1 else "hidden"


class NetworkDiagram:
    """The whole MLP in one picture; ``update(sizes, params, title)`` redraws it."""

    def __init__(self, width: float = 8.0, height: float = 3.9):
        with matplotlib.rc_context(RC):
            self.figure = new_figure(width, height)
            ax = self.axes = self.figure.add_axes((0.01, 0.13, 0.98, 0.74))
            ax.axis("off")
            ax.set_ylim(-TOP - 2.6, TOP + 1.8)
            self.title = self.figure.text(0.5, 0.96, "", ha="center", va="top", fontsize=11)
            self.weights = ax.add_collection(LineCollection([], colors=PALETTE["grey"], linewidths=0.5, alpha=0.4))
            self.units = {name: ax.scatter([], [], s=90, marker=look["marker"], c=look["color"],
                                           edgecolors=look["edge"], linewidths=1, zorder=3)
                          for name, look in ROLES.items()}

            def texts(y: float, **style) -> list:
                return [ax.text(0, y, "", ha="center", **style) for _ in range(MAX_LAYERS)]

            self.names = texts(TOP + 0.9, va="bottom", fontsize=9, fontweight="bold")
            self.widths = texts(-TOP - 0.9, va="top", fontsize=9)
            self.params = texts(-TOP - 1.7, va="top", fontsize=8, color=PALETTE["blue"])
            self.gaps = ax.scatter([], [], s=7, c=PALETTE["black"], zorder=3)
            self.figure.legend(handles=[Line2D([], [], linestyle="none", marker=look["marker"],
                                               markerfacecolor=look["color"], markeredgecolor=look["edge"],
                                               markersize=8, label=look["label"]) for look in ROLES.values()],
                               loc="lower center", ncol=3, fontsize=8, frameon=False)
            self.figure.text(0.5, 0.115, "blue: parameters (weights + biases) between two layers", ha="center",
                             va="bottom", fontsize=8, color=PALETTE["blue"])
        self.live = LiveFigure(self.figure)
        self.live.animate(self.title, self.weights, *self.units.values(), self.gaps, *self.names, *self.widths,
                          *self.params)

    def update(self, sizes: Sequence[int], params: Sequence[int], title: str) -> None:
        """Draw layers of ``sizes`` (input first); ``params[i]`` labels the connections into layer i + 1."""
        columns = [drawn_slots(width) for width in sizes]
        self.weights.set_segments([[(i, y0), (i + 1, y1)] for i, (left, right) in enumerate(zip(columns, columns[1:]))
                                   for y0 in left[0] for y1 in right[0]])
        for name, scatter in self.units.items():
            points = [(i, y) for i, (slots, _) in enumerate(columns) if role(i, len(sizes)) == name for y in slots]
            scatter.set_offsets(points or [(float("nan"), float("nan"))])
        dots = [(i, gap + step) for i, (_, gap) in enumerate(columns) if gap is not None for step in (-0.3, 0, 0.3)]
        self.gaps.set_offsets(dots or [(float("nan"), float("nan"))])
        for i in range(MAX_LAYERS):
            shown = i < len(sizes)
            name = role(i, len(sizes))
            self._place(self.names[i], i, shown, name if name != "hidden" else f"hidden {i}")
            self._place(self.widths[i], i, shown, f"{format_count(sizes[i])}" if shown else "")
            label = f"{format_count(params[i])}" if i < len(params) else ""
            self._place(self.params[i], i + 0.5, i < len(params), label)
        self.title.set_text(title)
        middle, half = (len(sizes) - 1) / 2, max(len(sizes), 3) / 2  # centred, never wider than 3 columns apart
        self.axes.set_xlim(middle - half - 0.1, middle + half + 0.1)

    @staticmethod
    def _place(text, x: float, shown: bool, label: str) -> None:
        text.set_x(x)
        text.set_visible(shown)
        text.set_text(label)
