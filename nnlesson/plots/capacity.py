"""The capacity curve: training and validation error against the number of parameters.

The x axis is logarithmic, so tiny and huge networks both get room. A vertical line marks
where the parameters equal the training points; a ring marks the network chosen now.
"""
from __future__ import annotations

from ..train.capacity import CapacityCurve
from .panel import Panel
from .style import PALETTE
from .ticks import COUNT_FORMATTER

TRAIN = {"color": PALETTE["blue"], "linestyle": "-", "marker": "o", "linewidth": 2, "markersize": 5}
VAL = {"color": PALETTE["vermillion"], "linestyle": "--", "marker": "s", "linewidth": 2, "markersize": 5}


class CapacityPanel(Panel):
    """Errors of every network in a sweep, with the current one and params = points marked."""

    size = (7.0, 4.1)
    margins = {"left": 0.1, "right": 0.98, "bottom": 0.28, "top": 0.9}

    def update(self, curve: CapacityCurve, width: int) -> None:
        layers = "1 hidden layer" if curve.hidden_layers == 1 else f"{curve.hidden_layers} hidden layers"
        self.redraw(lambda ax: _draw(ax, curve, width),
                    f"Capacity curve: {curve.error_name} against parameters ({layers})")


def _draw(ax, curve: CapacityCurve, width: int) -> None:
    trained = [p for p in curve.points if p.message is None]
    params = [p.params for p in trained]
    ax.plot(params, [p.train_error for p in trained], label="training error", **TRAIN)
    ax.plot(params, [p.val_error for p in trained], label="validation error", **VAL)
    failed = [p for p in curve.points if p.message is not None]
    if failed:  # their errors belong to an untrained network: mark them, do not join them to the curve
        ax.plot([p.params for p in failed], [p.val_error for p in failed], linestyle="none", marker="X",
                markersize=9, color=PALETTE["black"], label="training diverged (learning rate too large)")
    ax.axvline(curve.n_train, color=PALETTE["grey"], linestyle="-.", linewidth=1.5,
               label=f"parameters = training points ({curve.n_train})")
    now = curve.point(width)
    ax.plot([now.params], [now.val_error], marker="o", markersize=16, markerfacecolor="none",
            markeredgecolor=PALETTE["black"], markeredgewidth=2, linestyle="none",
            label=f"current network (width {width}, {now.params:,} parameters)")
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(COUNT_FORMATTER)
    top = max(max(p.val_error for p in curve.points), max(p.train_error for p in curve.points), 1e-9)
    ax.set_ylim(-0.04 * top, 1.1 * top)  # a little room below 0, so markers at zero error show whole
    ax.set_xlabel("parameters (log scale)")
    ax.set_ylabel(curve.error_name)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, fontsize=8, frameon=False)
