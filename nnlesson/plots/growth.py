"""How an MLP's parameters and neurons grow when it gets wider or deeper, with the current model marked.

Two small figures. Widening: every hidden layer scaled by the same factor, parameters (solid)
and neurons (dashed) as multiples of the current model's, on fixed axes, so the picture never
needs a full redraw: double the width and read off what happens. Deepening: parameters (left
axis) and neurons (right axis) with 0 to 6 hidden layers; this one redraws whole only when a
limit jumps to the next 1-2-5 step. Curves and stars are drawn over a cached background.
"""
from __future__ import annotations

from typing import Sequence

import matplotlib
from matplotlib.lines import Line2D

from ..counting import Growth, GrowthPoint
from .live import LiveFigure
from .style import PALETTE, RC, new_figure, nice_limit
from .ticks import COUNT_FORMATTER, COUNT_STEPS

PARAMS_LOOK = {"color": PALETTE["blue"], "linestyle": "-", "linewidth": 2}
NEURONS_LOOK = {"color": PALETTE["orange"], "linestyle": "--", "linewidth": 2}
YOU_LOOK = {"marker": "*", "markersize": 15, "color": PALETTE["black"], "linestyle": "none"}
PANEL_SIZE = (4.4, 3.3)
PANEL_MARGINS = {"left": 0.17, "right": 0.83, "bottom": 0.27, "top": 0.9}
WIDTH_FACTOR_MAX, RATIO_MAX = 2.0, 4.4


class _SweepPanel:
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
        self.live = LiveFigure(self.figure)
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
            self.live.invalidate()
        return True


class GrowthFigures:
    """Both sweeps of an MLP, each its own live figure."""

    def __init__(self, max_depth: int = 6):
        self.width, self.depth = WidthPanel(), DepthPanel(max_depth)
        self.panels = (self.width.live, self.depth.live)

    def update(self, growth: Growth) -> list[LiveFigure]:
        """Show both sweeps; return the figures whose picture changed (the others need no new PNG)."""
        return [panel.live for panel in (self.width, self.depth) if panel.update(growth)]
