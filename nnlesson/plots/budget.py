"""Figures of the equal-budget explorer: both models' accuracy while they train, and under shifted digits.

The dense network is blue with circles, the convnet vermillion with squares, in both figures;
training curves are dashed, validation curves solid, so no meaning rests on colour alone.
"""
from __future__ import annotations

import matplotlib
import numpy as np

from ..train.budget import MAX_SHIFT, BudgetRun
from .panel import Panel
from .style import PALETTE

LOOKS = {"dense": {"color": PALETTE["blue"], "marker": "o"},
         "convnet": {"color": PALETTE["vermillion"], "marker": "s"}}


class AccuracyCurvesPanel(Panel):
    """Training and validation accuracy of both models, epoch by epoch."""

    size = (4.6, 3.6)
    margins = {"left": 0.15, "right": 0.97, "bottom": 0.31, "top": 0.9}

    def update(self, run: BudgetRun) -> None:
        self.redraw(lambda ax: _curves(ax, run), f"Accuracy while training ({run.n_train} images)")


def _curves(ax, run: BudgetRun) -> None:
    for trained in run.models:
        h, look = trained.history, LOOKS[trained.name]
        epochs = np.arange(len(h.val_accuracy))
        ax.plot(epochs, h.train_accuracy, linestyle="--", linewidth=1.5, color=look["color"],
                label=f"{trained.name}, training")
        ax.plot(epochs, h.val_accuracy, linestyle="-", linewidth=2, color=look["color"], marker=look["marker"],
                markevery=5, markersize=5, label=f"{trained.name}, validation")
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("epoch")
    ax.set_ylabel("accuracy")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.17), ncol=2, fontsize=8, frameon=False)


class ShiftPanel(Panel):
    """Validation accuracy of both models when every digit is moved 0 to 3 pixels right; the chosen shift
    is ringed, and one digit shows what a shift does to the picture.

    The curves change only with a new training run; the rings and the digit are the moving marks,
    so the shift slider sends only them."""

    size = (4.6, 3.6)
    margins = {"left": 0.15, "right": 0.97, "bottom": 0.31, "top": 0.9}

    def __init__(self) -> None:
        super().__init__()
        ax = self.axes
        with matplotlib.rc_context(self.rc):
            self.lines = {name: ax.plot([], [], linewidth=2, markersize=6, label=name, **look)[0]
                          for name, look in LOOKS.items()}
            ax.axhline(0.1, color=PALETTE["grey"], linestyle=":", linewidth=1.2, label="guessing (10%)")
            self.rings = ax.plot([], [], marker="o", markersize=15, markerfacecolor="none", linestyle="none",
                                 markeredgecolor=PALETTE["black"], markeredgewidth=1.5)[0]
            ax.set_xticks(range(MAX_SHIFT + 1))
            ax.set_xlim(-0.2, MAX_SHIFT + 0.2)
            ax.set_ylim(0, 1.02)
            ax.set_xlabel("pixels moved right")
            ax.set_ylabel("validation accuracy")
            ax.set_title("Validation digits moved right", y=1.02)
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.17), ncol=3, fontsize=8, frameon=False)
            inset = self.figure.add_axes((0.72, 0.62, 0.2, 0.2))
            inset.set_xticks([])
            inset.set_yticks([])
            inset.spines[:].set_visible(True)  # a full frame: the digit's blank border is part of the picture
            self.digit = inset.imshow(np.zeros((8, 8)), cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")
            self.digit_title = inset.set_title(" ", fontsize=8, pad=2)
        self.live.animate(self.rings, self.digit, self.digit_title)
        self._run: BudgetRun | None = None

    def update(self, run: BudgetRun, shift: int, example: np.ndarray) -> None:
        if run is not self._run:  # new curves: a new background
            for trained in run.models:
                accuracy = trained.shifted_accuracy
                self.lines[trained.name].set_data(range(len(accuracy)), accuracy)
            self._run = run
            self.live.invalidate()
        self.rings.set_data([shift, shift], [t.shifted_accuracy[shift] for t in run.models])
        self.digit.set_data(example[:, :, 0])
        self.digit_title.set_text(f"{shift} px")
