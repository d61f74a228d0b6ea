"""The mlp explorer's figures: the network drawn, and how its counts grow when it gets wider or deeper.

``NetworkDiagram``: circles (neurons) joined by lines (weights), counts beside them. A layer
wider than ``MAX_DRAWN`` shows its first and last few neurons around a gap marked with dots,
and its real width underneath, so a 4,096-wide layer draws as fast as a 4-wide one. With the
axes hidden, changing the x limits needs no background redraw.

``GrowthFigures``, two small figures. Widening: every hidden layer scaled by the same factor,
parameters (solid) and neurons (dashed) as multiples of the current model's, on fixed axes:
double the width and read off what happens. Deepening: parameters (left axis) and neurons
(right axis) with 0 to 6 hidden layers; redrawn whole only when a limit jumps to the next
1-2-5 step. Everything else is drawn over a cached background.
"""
from __future__ import annotations

from typing import Sequence

import matplotlib
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from ..counting import Growth, GrowthPoint
from ..layers.summary import format_count
from .panel import Panel, WholePanel
from .style import PALETTE, RC, new_figure, nice_limit
from .ticks import COUNT_FORMATTER, COUNT_STEPS


PARAMS_LOOK = {"color": PALETTE["blue"], "linestyle": "-", "linewidth": 2}
NEURONS_LOOK = {"color": PALETTE["orange"], "linestyle": "--", "linewidth": 2}
YOU_LOOK = {"marker": "*", "markersize": 15, "color": PALETTE["black"], "linestyle": "none"}
PANEL_SIZE = (4.4, 3.3)
PANEL_MARGINS = {"left": 0.17, "right": 0.83, "bottom": 0.27, "top": 0.9}
WIDTH_FACTOR_MAX, RATIO_MAX = 2.0, 4.4


class _SweepPanel(Panel):
    """A figure with one sweep: a parameters line, a neurons line (on ``neuron_axes``) and a star."""

    def __init__(self, title: str, xlabel: str, ylabel: str, twin: bool, marker: str | None):
        with matplotlib.rc_context(RC):
            self.figure = new_figure(*PANEL_SIZE)
            self.axes = self.figure.add_subplot()
            self.figure.subplots_adjust(**PANEL_MARGINS)
            self.neuron_axes = self.axes.twinx() if twin else self.axes
            self.params, = self.axes.plot([], [], marker=marker, **PARAMS_LOOK)
            self.neurons, = self.neuron_axes.plot([], [], marker="s" if marker else None, markersize=4,
                                                  **NEURONS_LOOK)
            self.you, = self.axes.plot([], [], zorder=5, **YOU_LOOK)
            self.note = self.axes.text(0.03, 0.96, "", transform=self.axes.transAxes, va="top", fontsize=8.5,
                                       bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"})
            self.axes.set_title(title)
            self.axes.set_xlabel(xlabel)
            self.axes.set_ylabel(ylabel, color=PALETTE["blue"] if twin else PALETTE["black"])
            if twin:
                self.neuron_axes.set_ylabel("neurons", color=PALETTE["orange"])
                self.neuron_axes.spines["right"].set_visible(True)
                self.neuron_axes.grid(False)
            self.figure.legend(handles=[Line2D([], [], label="parameters", **PARAMS_LOOK),
                                        Line2D([], [], label="neurons", **NEURONS_LOOK),
                                        Line2D([], [], label="your model", **YOU_LOOK)],
                               loc="lower center", ncol=3, fontsize=8, frameon=False)
        super().__init__(self.figure)
        self.live.animate(self.params, self.neurons, self.you, self.note)

    def draw(self, points: Sequence[GrowthPoint], you: GrowthPoint | None, note: str) -> bool:
        """Move the curves, the star and the note; False (and nothing done) when nothing changed."""
        if (points, you, note) == getattr(self, "_shown", None):
            return False
        self._shown = (points, you, note)
        self.params.set_data([p.x for p in points], [p.params for p in points])
        self.neurons.set_data([p.x for p in points], [p.neurons for p in points])
        self.you.set_data(([you.x], [you.params]) if you else ([], []))
        self.note.set_text(note)
        return True


class WidthPanel(_SweepPanel):
    """Counts as multiples of the current model's while every hidden width is scaled from 0 to 2 times."""

    def __init__(self):
        super().__init__("Widening every hidden layer", "hidden widths, × your model's",
                         "count, × your model's", twin=False, marker=None)
        self.axes.set_xlim(0, WIDTH_FACTOR_MAX)
        self.axes.set_ylim(0, RATIO_MAX)

    def update(self, growth: Growth) -> bool:
        """Show the width sweep; True when the picture changed (ratios are drawn to 1/1000, far below a pixel)."""
        points = [GrowthPoint(p.x, round(p.params, 3), round(p.neurons, 3)) for p in growth.relative_width()]
        if not points:
            return self.draw([], None, "no hidden layer to widen:\nmove 'hidden layers' above 0")
        last = points[-1]
        return self.draw(points, GrowthPoint(1.0, 1.0, 1.0),
                  f"{last.x:g}× as wide: {last.params:.2f}× the parameters,\n"
                  f"and {last.neurons:.2f}× the neurons")


class DepthPanel(_SweepPanel):
    """Parameters and neurons with 0, 1, ... hidden layers; the model's own depth starred."""

    def __init__(self, max_depth: int = 6):
        super().__init__("Adding hidden layers", "hidden layers", "parameters", twin=True, marker="o")
        self.axes.set_xlim(-0.3, max_depth + 0.3)
        self.axes.set_xticks(range(max_depth + 1))
        for axes in (self.axes, self.neuron_axes):
            axes.yaxis.set_major_formatter(COUNT_FORMATTER)
        self.limits = None

    def update(self, growth: Growth) -> bool:
        """Show the depth sweep; True when the picture changed."""
        points = growth.by_depth
        you = growth.at_depth
        if not self.draw(points, you, f"{int(you.x)} hidden: {you.params:,} parameters"):
            return False
        limits = (nice_limit(max(p.params for p in points), COUNT_STEPS),
                  nice_limit(max(p.neurons for p in points), COUNT_STEPS))
        if limits != self.limits:  # only a jump to the next 1-2-5 step redraws the axes
            self.limits = limits
            self.axes.set_ylim(0, limits[0])
            self.neuron_axes.set_ylim(0, limits[1])
            self.live.invalidate(frame=limits)
        return True


class GrowthFigures:
    """Both sweeps of an MLP, each its own panel."""

    def __init__(self, max_depth: int = 6):
        self.width, self.depth = WidthPanel(), DepthPanel(max_depth)
        self.panels = (self.width, self.depth)

    def update(self, growth: Growth) -> None:
        """Show both sweeps (a panel whose picture did not change keeps its PNG)."""
        for panel in self.panels:
            panel.update(growth)


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


class NetworkDiagram(WholePanel):
    """The whole MLP in one picture; ``update(sizes, params, title)`` redraws it."""


    def __init__(self, width: float = 8.0, height: float = 3.3):
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
        super().__init__(self.figure)
        self.live.animate(self.title, self.weights, *self.units.values(), self.gaps, *self.names, *self.widths,
                          *self.params)

    def update(self, sizes: Sequence[int], params: Sequence[int], title: str) -> None:
        """Draw layers of ``sizes`` (input first); ``params[i]`` labels the connections into layer i + 1."""
        if (tuple(sizes), tuple(params), title) == getattr(self, "_shown", None):
            return  # e.g. only the number format changed: the picture stays as it is
        self._shown = (tuple(sizes), tuple(params), title)
        self.live.state = self._shown  # the picture depends on nothing else: its PNG can be kept by this name
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
