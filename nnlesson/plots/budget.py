"""Figures of the equal-budget explorer: both models' accuracy while they train, and under shifted digits.

The dense network is blue with circles, the convnet vermillion with squares, in both figures;
training curves are dashed, validation curves solid, so no meaning rests on colour alone.
"""
from __future__ import annotations

import numpy as np

from ..train.budget import BudgetRun
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
    is ringed, and one digit shows what a shift does to the picture."""

    size = (4.6, 3.6)
    margins = {"left": 0.15, "right": 0.97, "bottom": 0.31, "top": 0.9}

    def __init__(self) -> None:
        super().__init__()
        self.digit_axes = self.figure.add_axes((0.72, 0.62, 0.2, 0.2))

    def update(self, run: BudgetRun, shift: int, example: np.ndarray) -> None:
        self.redraw(lambda ax: _shifts(ax, run, shift), "Validation digits moved right")
        self.digit_axes.clear()
        self.digit_axes.imshow(example[:, :, 0], cmap="gray_r", vmin=0, vmax=1)
        self.digit_axes.set_xticks([])
        self.digit_axes.set_yticks([])
        self.digit_axes.set_title(f"{shift} px", fontsize=8, pad=2)


def _shifts(ax, run: BudgetRun, shift: int) -> None:
    for trained in run.models:
        look = LOOKS[trained.name]
        accuracy = trained.shifted_accuracy
        ax.plot(range(len(accuracy)), accuracy, linewidth=2, markersize=6, label=trained.name, **look)
        ax.plot([shift], [accuracy[shift]], marker="o", markersize=15, markerfacecolor="none",
                markeredgecolor=PALETTE["black"], markeredgewidth=1.5, linestyle="none")
    ax.axhline(0.1, color=PALETTE["grey"], linestyle=":", linewidth=1.2, label="guessing (10%)")
    ax.set_xticks(range(len(run.convnet.shifted_accuracy)))
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("pixels moved right")
    ax.set_ylabel("validation accuracy")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.17), ncol=3, fontsize=8, frameon=False)
