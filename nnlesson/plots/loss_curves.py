"""Loss curves: training and validation loss per epoch, read to tell underfitting from overfitting.

The best epoch (lowest validation loss) is starred; where early stopping or divergence ended
training, a vertical line says so. A dotted line marks the baseline, the loss of a model
that learned nothing, so "high" and "low" have a reference.
"""
from __future__ import annotations

import math

import numpy as np
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from ..train.history import History
from .panel import Panel
from .style import PALETTE

TRAIN = {"color": PALETTE["blue"], "linestyle": "-", "linewidth": 2}
VAL = {"color": PALETTE["vermillion"], "linestyle": "--", "linewidth": 2}


def _short(value: float, _position=None) -> str:
    """A tick label of at most four characters: 0.02, 0.5, 20, 500, and 1e-5 or 2e+6 beyond."""
    if 0.01 <= value < 1000:
        return f"{value:g}"
    mantissa, exponent = f"{value:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def _log_axis(axis, low: float, high: float) -> None:
    """A log scale from ``low`` to ``high`` with short labels (0.2, 0.5, 1, 1e-5): at 1, 2 and 5
    times each power of ten when the range is short, at the powers of ten alone when it is long."""
    axis.axes.set_yscale("log")
    axis.axes.set_ylim(low, high)
    subs = (1.0, 2.0, 5.0) if math.log10(high / low) < 3 else (1.0,)
    axis.set_major_locator(LogLocator(base=10, subs=subs))
    axis.set_major_formatter(FuncFormatter(_short))
    axis.set_minor_locator(NullLocator())


class LossCurvesPanel(Panel):
    """Both loss curves on a log scale, with the best epoch and any stop marked."""

    def update(self, history: History, epochs: int, title: str) -> None:
        self.redraw(lambda ax: _draw(ax, history, epochs), title)


def _draw(ax, h: History, epochs: int) -> None:
    x = np.arange(len(h.train_loss))
    ax.plot(x, h.train_loss, label="training loss", **TRAIN)
    ax.plot(x, h.val_loss, label="validation loss", **VAL)
    ax.axhline(h.baseline_loss, color=PALETTE["grey"], linestyle=":", linewidth=1.2,
               label="baseline (learned nothing)")
    best = h.best_epoch
    ax.plot([best], [h.val_loss[best]], marker="*", markersize=14, linestyle="none",
            color=PALETTE["vermillion"], markeredgecolor=PALETTE["black"], label=f"best epoch ({best})")
    if h.stopped_epoch is not None:
        what = "diverged" if h.diverged else "early stop"
        ax.axvline(h.stopped_epoch, color=PALETTE["black"], linestyle="-.", linewidth=1.2,
                   label=f"{what} (epoch {h.stopped_epoch})")
    values = np.array(h.train_loss + h.val_loss + [h.baseline_loss])
    low, high = max(float(values.min()), 1e-6), float(values.max())
    _log_axis(ax.yaxis, low / 1.5, high * 1.5)
    ax.set_xlim(0, max(epochs, 1))
    ax.set_xlabel("epoch (passes over the training set)")
    ax.set_ylabel(f"loss ({h.loss}, log scale)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, fontsize=8, frameon=False)
