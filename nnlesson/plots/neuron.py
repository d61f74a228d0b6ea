"""The neuron's two pictures: how z is built from its terms, and where z lands on f.

Each picture is its own small live figure, so a slider move that rescales one
redraws only that one.
"""
from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.patches import Patch

from ..activations import Activation
from ..neuron import NeuronResult
from .panel import Panel
from .style import NEGATIVE, PALETTE, POSITIVE, RC, nice_limit, panel

PANEL_SIZE = (4.8, 3.4)
PANEL_MARGINS = {"left": 0.15, "right": 0.96, "bottom": 0.15, "top": 0.88}


def limits_up_to(reach: float) -> list[float]:
    """The waterfall's possible y limits, 5, 10, 20, 50, 100, ..., up to the first that holds ``reach`` with
    10% room (the sliders' own ranges stop at 33; an explorer built with larger inputs goes further)."""
    limits = [5.0]
    while limits[-1] < reach * 1.1:
        limits.append(limits[-1] * (2.5 if str(limits[-1])[0] == "2" else 2))
    return limits


def steady_limit(reach: float, current: float | None) -> float:
    """The y limit (from -limit to +limit) for a running sum reaching ``reach``: it grows as soon as the bars need
    room, but shrinks only when they would fit twice over in a smaller limit, so bars stay comparable as sliders
    move."""
    limits = limits_up_to(reach)
    needed = limits[-1]
    if current is None or needed > current:
        return needed
    smaller = [limit for limit in limits_up_to(current) if limit < current]
    if smaller and reach * 1.1 * 2 <= smaller[-1]:
        return needed
    return current


def _panel():
    return panel(*PANEL_SIZE, PANEL_MARGINS)


class ContributionsPanel(Panel):
    """A waterfall: each w_i x_i and then b moves the running sum, the last bar is z."""

    def __init__(self, n_inputs: int = 3):
        with matplotlib.rc_context(RC):
            figure, ax = _panel()
            names = [f"$w_{i}x_{i}$" for i in range(1, n_inputs + 1)] + ["$b$", "$z$"]
            positions = np.arange(len(names))
            self.bars = ax.bar(positions, np.zeros(len(names)), width=0.65, edgecolor="white", linewidth=0.5)
            self.labels = [ax.text(p, 0, "", ha="center", fontsize=9) for p in positions]
            ax.axhline(0, color=PALETTE["black"], linewidth=0.8)
            ax.axvline(n_inputs + 0.5, color=PALETTE["grey"], linewidth=0.8, linestyle=":")
            ax.set_xticks(positions, names)
            ax.set_xlabel("term of the sum")
            ax.set_ylabel("running sum towards z")
            terms = " + ".join(f"w_{i}x_{i}" for i in range(1, n_inputs + 1))
            ax.set_title(f"$z = {terms} + b$, term by term")
            ax.legend(handles=[Patch(facecolor=POSITIVE["color"], label="adds"),
                               Patch(facecolor=NEGATIVE["color"], hatch=NEGATIVE["hatch"],
                                     edgecolor="white", label="subtracts")],
                      loc="lower left", fontsize=8, framealpha=0.9)
        self.axes = ax
        super().__init__(figure)
        self.live.animate(*self.bars, *self.labels)
        self._bound = None
        self._shown = None

    def update(self, result: NeuronResult) -> None:
        shown = (*result.terms, result.b, result.z)
        if shown == self._shown:  # a new activation leaves the sum as it is: nothing to move or send
            return
        self._shown = shown
        steps = np.array([*result.terms, result.b])
        ends = np.cumsum(steps)
        starts = ends - steps
        bound = steady_limit(float(np.max(np.abs(ends))), self._bound)
        if bound != self._bound:
            self._bound = bound
            self.axes.set_ylim(-bound, bound)
            self.live.invalidate(frame=bound)
        for bar, label, start, height in zip(self.bars, self.labels, [*starts, 0.0], [*steps, result.z]):
            style = POSITIVE if height >= 0 else NEGATIVE
            bar.set_y(start)
            bar.set_height(height)
            bar.set_facecolor(style["color"])
            bar.set_hatch(style["hatch"])
            offset = 0.02 * bound if height >= 0 else -0.02 * bound
            label.set_position((bar.get_x() + bar.get_width() / 2, start + height + offset))
            label.set_verticalalignment("bottom" if height >= 0 else "top")
            label.set_text(f"{height:+.2f}")
        self.bars[-1].set_facecolor(PALETTE["green"] if result.z >= 0 else PALETTE["purple"])


class ActivationPanel(Panel):
    """The curve a = f(z) with the neuron's current (z, a) marked and read off both axes.

    Three layers (``LiveFigure``): the background holds what every activation shares at one z
    range (the frame, the z axis); the curve, the y axis it needs and the title naming it are
    frame marks, an SVG that changes only with the activation or the z range; the point and its
    guides are the moving marks. A new activation then sends a few kilobytes of SVG, never a new
    background picture. The numbers themselves are in the explorer's readout; text drawn here
    would cost more per slider move than the curve and the point together.
    """

    def __init__(self):
        with matplotlib.rc_context(RC):
            figure, ax = _panel()
            self.curve, = ax.plot([], [], color=PALETTE["black"], linewidth=1.8)
            self.guide_v, = ax.plot([], [], color=PALETTE["grey"], linestyle="--", linewidth=1)
            self.guide_h, = ax.plot([], [], color=PALETTE["grey"], linestyle="--", linewidth=1)
            self.point, = ax.plot([], [], marker="o", markersize=9, linestyle="none",
                                  color=PALETTE["orange"], markeredgecolor=PALETTE["black"])
            ax.set_xlabel("pre-activation z")
            ax.set_ylabel("output a = f(z)")
            self.title = ax.set_title("", y=1.02)  # placed once: no tick labels measured on each draw
        self.axes = ax
        super().__init__(figure)
        self.live.frame_marks(ax.yaxis, self.curve, self.title)
        self.live.animate(self.guide_v, self.guide_h, self.point)
        self._frame = None

    def update(self, z: float, a: float, f: Activation) -> None:
        reach = nice_limit(abs(z), steps=(5, 10, 20, 30, 50))
        frame = (f.name, f.note, reach)
        if frame != self._frame:
            self._frame = frame
            self._draw_curve(f, reach)
        bottom, left = self.axes.get_ylim()[0], self.axes.get_xlim()[0]
        self.point.set_data([z], [a])
        self.guide_v.set_data([z, z], [bottom, a])
        self.guide_h.set_data([left, z], [a, a])

    def _draw_curve(self, f: Activation, reach: float) -> None:
        z = np.linspace(-reach, reach, 401)
        a = f(z)
        low, high = float(np.min(a)), float(np.max(a))
        pad = 0.08 * (high - low) if high > low else 0.1
        self.curve.set_data(z, a)
        self.axes.set_xlim(-reach, reach)
        self.axes.set_ylim(low - pad, high + pad)
        self.title.set_text(f"activation: {f.name}")
        self.live.invalidate(frame=(f.name, f.note, reach), background=reach)  # one background per z range


class NeuronFigure:
    """Both neuron pictures, updated together from one NeuronResult."""

    def __init__(self, n_inputs: int = 3):
        self.contributions = ContributionsPanel(n_inputs)
        self.activation = ActivationPanel()
        self.panels = (self.contributions, self.activation)

    def update(self, result: NeuronResult, f: Activation) -> None:
        self.contributions.update(result)
        self.activation.update(result.z, result.a, f)
