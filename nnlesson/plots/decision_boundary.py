"""Decision boundaries: the points of a toy set, and the part of the plane a model calls positive.

Class 0 and class 1 differ in colour *and* marker; the positive region is shaded *and*
hatched; a wrongly classified point gets a black ring. The single-neuron panel moves
with the sliders; the hidden-layer panel is drawn once.
"""
from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon
from matplotlib.ticker import MultipleLocator

from ..decision_boundary import TwoLayerNetwork
from ..decision_boundary import Classification, positive_region
from .panel import Panel
from .style import CLASS_LOOKS, LINE_STYLES, PALETTE, RC, panel, png_bytes

SIZE = (4.2, 5.0)
MARGINS = {"left": 0.18, "right": 0.96, "bottom": 0.25, "top": 0.92}
REGION = {"facecolor": to_rgba(PALETTE["sky"], 0.3), "hatch": "//", "linewidth": 0}
DECISION_RC = {**RC, "hatch.color": to_rgba(PALETTE["blue"], 0.6), "hatch.linewidth": 0.8}
"""Hatch colour is read when a patch is made, so every region is made inside this context."""
BOX = tuple[float, float, float, float]


def _class_points(ax: Axes) -> list[Line2D]:
    """One empty marker series per class, to be filled with ``_set_points``."""
    return [ax.plot([], [], linestyle="none", marker=look["marker"], markersize=9, color=look["color"],
                    markeredgecolor=PALETTE["black"], markeredgewidth=0.6)[0] for look in CLASS_LOOKS]


def _set_points(series: list[Line2D], X: np.ndarray, y: np.ndarray) -> None:
    for label, points in enumerate(series):
        points.set_data(X[y == label, 0], X[y == label, 1])


def _frame(ax: Axes, box: BOX, title: str) -> None:
    """Square limits, axis labels and title: everything that stays put while sliders move."""
    ax.set_xlim(box[0], box[1])
    ax.set_ylim(box[2], box[3])
    ax.set_aspect("equal")
    step = 0.5 if box[1] - box[0] <= 3 else 1.0
    ax.xaxis.set_major_locator(MultipleLocator(step))
    ax.yaxis.set_major_locator(MultipleLocator(step))
    ax.set_xlabel("input $x_1$")
    ax.set_ylabel("input $x_2$")
    ax.set_title(title)


def _legend(ax: Axes, lines: list[tuple[str, str]]) -> None:
    """One legend below the axes: the classes, the shaded region, then the given boundary lines."""
    handles = [Line2D([], [], linestyle="none", marker=look["marker"], color=look["color"],
                      markeredgecolor=PALETTE["black"], label=look["label"]) for look in CLASS_LOOKS]
    handles.append(Patch(**REGION, label="classed positive (1)"))
    handles += [Line2D([], [], color=PALETTE["black"], linestyle=style, label=label) for style, label in lines]
    handles.append(Line2D([], [], linestyle="none", marker="o", markersize=11, markerfacecolor="none",
                          markeredgecolor=PALETTE["black"], label="wrong"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=8,
              frameon=False)


class DecisionPanel(Panel):
    """One neuron's line w1 x1 + w2 x2 + b = 0 over a toy set, with its positive side shaded."""

    def __init__(self):
        with matplotlib.rc_context(DECISION_RC):
            figure, ax = panel(*SIZE, MARGINS)
            self.region = Polygon(np.zeros((0, 2)), closed=True, **REGION)
            ax.add_patch(self.region)
            self.points = _class_points(ax)
            self.line, = ax.plot([], [], color=PALETTE["black"], linewidth=2)
            self.wrong, = ax.plot([], [], linestyle="none", marker="o", markersize=17, markerfacecolor="none",
                                  markeredgecolor=PALETTE["black"], markeredgewidth=1.5)
            self.note = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center", fontsize=9,
                                bbox={"facecolor": "white", "alpha": 0.9, "edgecolor": PALETTE["grey"]})
            _legend(ax, [("-", "boundary $z = 0$")])
        self.axes = ax
        super().__init__(figure)
        # Drawn in this order: the shaded region, then the points on top of it.
        self.live.animate(self.region, *self.points, self.line, self.wrong, self.note)
        self._frame_key = None

    def show_points(self, name: str, X: np.ndarray, y: np.ndarray, box: BOX) -> None:
        """Show a new point set with its own limits (a full redraw); nothing to do if already shown."""
        if self._frame_key == name:
            return
        self._frame_key = name
        _set_points(self.points, X, y)
        with matplotlib.rc_context(DECISION_RC):
            _frame(self.axes, box, f"one neuron on {name}")
        self.live.invalidate(frame=name)

    def update(self, X: np.ndarray, result: Classification, region: np.ndarray,
               segment: np.ndarray | None, note: str) -> None:
        """Move the shaded region, the line and the rings of the wrong points."""
        self.region.set_xy(region if len(region) else np.zeros((1, 2)))
        self.region.set_visible(len(region) > 0)
        if segment is None:
            self.line.set_data([], [])
        else:
            self.line.set_data(segment[:, 0], segment[:, 1])
        wrong = X[~result.correct]
        self.wrong.set_data(wrong[:, 0], wrong[:, 1])
        self.note.set_text(note)
        self.note.set_visible(bool(note))


def network_figure(network: TwoLayerNetwork, X: np.ndarray, y: np.ndarray, box: BOX, title: str) -> bytes:
    """A hidden-layer network's two lines and its positive region (a static PNG)."""
    with matplotlib.rc_context(DECISION_RC):
        figure, ax = panel(*SIZE, MARGINS)
        grid = np.linspace(box[0], box[1], 241), np.linspace(box[2], box[3], 241)
        xx, yy = np.meshgrid(*grid)
        inside = network.classify(np.column_stack([xx.ravel(), yy.ravel()]), np.zeros(xx.size)).predicted
        ax.contourf(xx, yy, inside.reshape(xx.shape), levels=[0.5, 1.5], colors=[REGION["facecolor"]],
                    hatches=[REGION["hatch"]])
        lines = []
        for j, name in enumerate(network.hidden_names):
            _, segment = positive_region(network.hidden_weights[:, j], network.hidden_biases[j], box)
            style = LINE_STYLES[1 + j % 3]
            if segment is not None:
                ax.plot(segment[:, 0], segment[:, 1], color=PALETTE["black"], linestyle=style, linewidth=1.6)
            lines.append((style, f"line of hidden $h_{j + 1}$ ({name})"))
        _set_points(_class_points(ax), X, y)
        _frame(ax, box, title)
        _legend(ax, lines)
        return png_bytes(figure)
