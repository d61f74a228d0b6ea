"""Dead ReLUs in two pictures: every unit's pre-activations, and the dead share as the bias moves.

The heat map has one row per unit and one column per example; its colour says the
sign of z, and a cross in the right margin marks a dead unit (the second cue).
"""
from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.lines import Line2D

from ..dead_relu import DeadReluReport
from .panel import Panel, WholePanel
from .style import PALETTE, RC, panel

SIZE = (4.8, 3.8)
HEATMAP_MARGINS = {"left": 0.13, "right": 0.86, "bottom": 0.24, "top": 0.9}
CURVE_MARGINS = {"left": 0.15, "right": 0.96, "bottom": 0.24, "top": 0.9}
Z_LIMIT = 3.0
"""The colour scale saturates at |z| = 3, enough to read the sign of every cell."""


class PreactivationPanel(WholePanel):
    """z for every unit (rows, sorted once by their largest z) and example (columns)."""


    def __init__(self, n_units: int, n_examples: int, order: np.ndarray):
        self.order = order
        with matplotlib.rc_context(RC):
            figure, ax = panel(*SIZE, HEATMAP_MARGINS)
            self.image = ax.imshow(np.zeros((n_units, n_examples)), cmap="PuOr_r", vmin=-Z_LIMIT, vmax=Z_LIMIT,
                                   aspect="auto", interpolation="nearest", origin="lower",
                                   extent=(0.5, n_examples + 0.5, 0.5, n_units + 0.5))
            bar = figure.colorbar(self.image, ax=ax, fraction=0.06, pad=0.1)
            bar.set_label("pre-activation z (z ≤ 0: output 0)")
            self.crosses, = ax.plot([], [], linestyle="none", marker="x", markersize=4, color=PALETTE["black"],
                                    clip_on=False)
            self.crosses.set_in_layout(False)  # drawn in the margin on purpose, between the map and its colour bar
            ax.set_xlim(0.5, n_examples + 0.5)
            ax.set_ylim(0.5, n_units + 0.5)
            ax.grid(False)
            ax.set_xlabel("example in the batch")
            ax.set_ylabel("unit (sorted by its largest z)")
            ax.set_title("z of every unit for every example")
            ax.legend(handles=[Line2D([], [], linestyle="none", marker="x", color=PALETTE["black"],
                                      label="dead unit: z ≤ 0 for every example")],
                      loc="upper center", bbox_to_anchor=(0.55, -0.14), fontsize=8, frameon=False)
        self.x_margin = n_examples + 0.5 + 0.03 * n_examples
        super().__init__(figure)
        self.live.animate(self.image, self.crosses)

    def update(self, report: DeadReluReport) -> None:
        z = report.z_after[:, self.order]
        self.image.set_data(z.T)
        rows = np.flatnonzero(report.dead_after[self.order]) + 1
        self.crosses.set_data(np.full(len(rows), self.x_margin), rows)


class DeadFractionPanel(Panel):
    """The dead share against the bias shift: without a step (dashed) and after it (solid)."""

    def __init__(self, shifts: np.ndarray, without_step: np.ndarray):
        self.shifts = shifts
        with matplotlib.rc_context(RC):
            figure, ax = panel(*SIZE, CURVE_MARGINS)
            ax.plot(shifts, without_step, color=PALETTE["grey"], linestyle="--", linewidth=1.5,
                    label="no gradient step")
            self.curve, = ax.plot([], [], color=PALETTE["vermillion"], linewidth=2, label="after one step")
            self.point, = ax.plot([], [], marker="o", markersize=9, linestyle="none", color=PALETTE["orange"],
                                  markeredgecolor=PALETTE["black"])
            self.note = ax.text(1.0, 1.03, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=10,
                                fontweight="bold")
            ax.set_xlim(float(shifts[0]), float(shifts[-1]))
            ax.set_ylim(-0.03, 1.03)
            ax.set_xlabel("bias shift (added to every bias)")
            ax.set_ylabel("fraction of dead units")
            ax.set_title("dead units as the biases move", loc="left")
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=8, frameon=False)
        super().__init__(figure)
        self.live.animate(self.curve, self.point, self.note)

    def update(self, after_step: np.ndarray, shift: float, fraction: float) -> None:
        self.curve.set_data(self.shifts, after_step)
        self.point.set_data([shift], [fraction])
        self.note.set_text(f"{fraction:.0%} dead")
