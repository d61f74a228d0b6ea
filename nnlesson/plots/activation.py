"""Activation curves side by side: f(z) on the left, its slope f'(z) on the right.

Every activation keeps the same colour *and* line style in both panels and in every
figure, so a curve can be followed without telling colours apart. The curves are
animated artists; the axes are redrawn only when the limits or the legend change.
"""
from __future__ import annotations

import math
from typing import Sequence

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .. import activations
from ..activation import CURVE_ACTIVATIONS, Curve, curve
from .panel import Panel
from .style import PALETTE, RC, line_look, new_figure, nice_bounds

SIZE = (9.4, 3.4)
MARGINS = {"left": 0.07, "right": 0.97, "bottom": 0.32, "top": 0.89, "wspace": 0.22}
PANELS = (("value", "output $f(z)$", "activation $f(z)$"), ("slope", "slope $f'(z)$", "slope $f'(z)$"))


def look(name: str) -> dict[str, str]:
    """The fixed colour and line style of an activation, by its place in the catalogue."""
    return line_look(CURVE_ACTIVATIONS.index(name))


def _ys(c: Curve, kind: str) -> np.ndarray:
    return c.value if kind == "value" else c.slope


class CurvesFigure(Panel):
    """f and f' for the chosen activations, with a marker on every curve at the chosen z."""

    def __init__(self):
        with matplotlib.rc_context(RC):
            figure = new_figure(*SIZE)
            self.axes: dict[str, Axes] = {}
            self.lines: dict[tuple[str, str], object] = {}
            self.markers: dict[tuple[str, str], object] = {}
            self.cursors = []
            for index, (kind, ylabel, title) in enumerate(PANELS):
                ax = figure.add_subplot(1, 2, index + 1)
                for name in CURVE_ACTIVATIONS:
                    self.lines[kind, name] = ax.plot([], [], linewidth=1.8, label=name, **look(name))[0]
                    self.markers[kind, name] = ax.plot([], [], marker="o", markersize=7, linestyle="none",
                                                       color=look(name)["color"],
                                                       markeredgecolor=PALETTE["black"])[0]
                self.cursors.append(ax.axvline(0.0, color=PALETTE["grey"], linestyle=":", linewidth=1))
                ax.axhline(0.0, color=PALETTE["black"], linewidth=0.6)
                ax.set_xlabel("pre-activation $z$")
                ax.set_ylabel(ylabel)
                ax.set_title(title)
                self.axes[kind] = ax
            figure.subplots_adjust(**MARGINS)
        self.figure = figure
        super().__init__(figure)
        self.live.animate(*self.lines.values(), *self.cursors, *self.markers.values())
        self._frame = None
        self._names: tuple[str, ...] = ()
        self._legend = None

    def update(self, curves: Sequence[Curve], z: float, points: dict[str, tuple[float, float]]) -> None:
        """Move curves, markers and legend; redraw the axes only when their limits change."""
        shown = {c.name: c for c in curves}
        for (kind, name), line in self.lines.items():
            line.set_visible(name in shown)
            marker = self.markers[kind, name]
            marker.set_visible(name in shown)
            if name in shown:
                line.set_data(shown[name].z, _ys(shown[name], kind))
                marker.set_data([z], [points[name][0 if kind == "value" else 1]])
        for cursor in self.cursors:
            cursor.set_xdata([z, z])
        if tuple(shown) != self._names:
            self._names = tuple(shown)
            self._update_legend()
        frame = (*z_axis(float(curves[0].z[0]), float(curves[0].z[-1])),
                 *(self._bounds(curves, kind) for kind in self.axes))
        if frame != self._frame:
            self._frame = frame
            low, high, *bounds = frame
            for ax, ylim in zip(self.axes.values(), bounds):
                ax.set_xlim(low, high)
                ax.set_ylim(*ylim)
            self.live.invalidate(frame=frame)

    @staticmethod
    def _bounds(curves: Sequence[Curve], kind: str) -> tuple[float, float]:
        low = min(float(np.min(_ys(c, kind))) for c in curves)
        high = max(float(np.max(_ys(c, kind))) for c in curves)
        return nice_bounds(min(low, 0.0) if kind == "slope" else low, high)

    def _update_legend(self) -> None:
        """A legend for the shown curves; it is animated, so ticking a box needs no full redraw."""
        old = self._legend
        with matplotlib.rc_context(RC):
            self._legend = self.figure.legend(
                handles=[self.lines["value", name] for name in self._names], loc="lower center", ncol=5,
                fontsize=9, frameon=False, handlelength=3, bbox_to_anchor=(0.5, 0.0))
        self.live.replace(old, self._legend)
        if old is not None:
            old.remove()


Z_AXIS_STEPS = (0.5, 1.0, 2.5, 5.0)
"""The z axis ends on multiples of one of these: the largest that is at most a quarter of the z range."""


def z_axis(low: float, high: float) -> tuple[float, float]:
    """The z axis for curves drawn from ``low`` to ``high``: the range rounded outwards to a step that suits its
    width, so that most moves of a handle keep the axes (and their picture) and only the curves grow or shrink.
    (-5, 5) stays (-5, 5); (-5, 5.5) to (-5, 7.5) share one axis."""
    step = max([s for s in Z_AXIS_STEPS if s <= (high - low) / 4] or [Z_AXIS_STEPS[0]])
    return math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step


def panel_range(f: activations.Activation, low: float, high: float) -> tuple[float, float]:
    """The z range of f's small panel: ``low`` to ``high``, stretched to show where f levels off
    (ReLU6 reaches its top at z = 6, beyond the usual 4)."""
    top = f.output_range[1]
    if high < top < math.inf:  # f can still grow past the usual range: show it reaching its top
        return low, float(math.ceil(top + 2))
    return low, high


PANEL_WIDTH = 1.8
"""Inches per panel of the catalogue: five panels make 920 px, the width of a laptop's notebook with the file
browser open, so the figure is shown at its own size there."""


def catalogue_figure(names: Sequence[str] = CURVE_ACTIVATIONS, low: float = -4.0, high: float = 4.0,
                     columns: int = 5) -> Figure:
    """Small multiples: one panel per activation with f (solid) and f' (dashed), each titled."""
    rows = -(-len(names) // columns)
    widened = []
    with matplotlib.rc_context(RC):
        figure = new_figure(PANEL_WIDTH * columns + 0.2, 2.1 * rows + 0.7)
        axes: list[Axes] = list(np.ravel(figure.subplots(rows, columns, squeeze=False)))
        for index, (ax, name) in enumerate(zip(axes, names)):
            f = activations.get(name)
            z_range = panel_range(f, low, high)
            if z_range != (low, high):
                widened.append(f"{name} to {z_range[1]:g}")
            c = curve(f, *z_range)
            ax.plot(c.z, c.value, color=PALETTE["blue"], linewidth=1.8, label="$f(z)$")
            ax.plot(c.z, c.slope, color=PALETTE["vermillion"], linestyle="--", linewidth=1.5, label="$f'(z)$")
            ax.axhline(0.0, color=PALETTE["black"], linewidth=0.6)
            ax.set_xlim(*z_range)
            ax.set_title(name)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 4, 5, 10]))  # whole numbers on narrow panels
            ax.yaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 5, 10]))
            ax.set_ylim(*nice_bounds(min(c.output_min, float(np.min(c.slope))), max(c.output_max, c.max_slope), 5))
            if index + columns >= len(names):  # no panel below: this one carries the z label
                ax.set_xlabel("$z$")
        for ax in axes[len(names):]:
            ax.set_visible(False)
        for ax in axes[::columns]:
            ax.set_ylabel("$f(z)$, $f'(z)$")
        axes[0].legend(loc="upper left", fontsize=8)
        extra = f" ({', '.join(widened)}, where it levels off)" if widened else ""
        figure.suptitle(f"Activation functions (solid) and their slopes (dashed), z from {low:g} to {high:g}{extra}",
                        fontsize=11)
        inch_w, inch_h = figure.get_size_inches()  # fixed margins in inches, whatever the number of panels
        figure.subplots_adjust(left=0.66 / inch_w, right=1 - 0.08 / inch_w, bottom=0.5 / inch_h, top=1 - 0.62 / inch_h,
                               hspace=0.55, wspace=0.3)
    return figure
