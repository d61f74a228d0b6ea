"""dead_relu_explorer: shift a ReLU layer's biases, or kick them with one big step; count the dead.

A unit is dead when its pre-activation is <= 0 for every example in the batch: it
outputs 0 everywhere and its gradient is 0 everywhere, so training cannot revive it.
"""
from __future__ import annotations

import numpy as np

from ..dead_relu import DeadReluReport, dead_fraction_curve, dead_relu, random_layer
from ..plots.dead_relu import DeadFractionPanel, PreactivationPanel
from .controls import column, slider, within, wrap_row
from .explorer import Explorer, learner_facing
from .html import mono_lines, muted

SHIFT_RANGE = (-5.0, 5.0)


class DeadReluExplorer(Explorer):
    """A seeded layer of 64 ReLU units over 128 examples: a bias-shift and a learning-rate slider."""

    def __init__(self, shift: float = 0.0, learning_rate: float = 0.0, seed: int = 0):
        self.layer = random_layer(seed=seed)
        self.shifts = np.linspace(*SHIFT_RANGE, 101)
        for name, value, (low, high) in (("shift", shift, SHIFT_RANGE), ("learning_rate", learning_rate, (0, 10))):
            within(name, value, low, high, f"{name} takes {low:g} to {high:g} (the curve of dead units spans that "
                   "range)" if name == "shift" else None)
        controls = {"shift": slider("bias shift", shift, *SHIFT_RANGE, argument="shift"),
                    "learning_rate": slider("learning rate of one step", learning_rate, 0, 10,
                                            argument="learning_rate")}
        largest = self.layer.pre_activations(self.layer.b).max(axis=0)
        panels = (PreactivationPanel(self.layer.n_units, self.layer.n_examples, np.argsort(largest)),
                  DeadFractionPanel(self.shifts, dead_fraction_curve(self.layer, self.shifts)))
        super().__init__(controls, panels, wrap_row([column("", controls["shift"]),
                                                     column("", controls["learning_rate"])]))
        self.add_class("nnlesson-dead-relu")

    def compute(self, shift, learning_rate) -> DeadReluReport:
        return dead_relu(self.layer, shift, learning_rate, shifts=self.shifts)

    def draw(self, result: DeadReluReport) -> str:
        heatmap, curve = self.panels
        heatmap.update(result)
        curve.update(result.curve, result.shift, result.dead_fraction)
        return readout_html(result)


def readout_html(r: DeadReluReport) -> str:
    """Dead units after the step, before it, and how far the step moved the biases."""
    lines = [f"dead units: <b>{r.dead} of {r.n_units}</b> ({r.dead_fraction:.0%})"]
    if r.learning_rate > 0:
        lines.append(f"before the gradient step: {r.dead_before_step} of {r.n_units}; "
                     f"the step b &larr; b &minus; {r.learning_rate:g}&middot;dL/db moved the biases by "
                     f"{r.bias_step:+.2f} on average")
    lines.append(muted("a dead unit outputs 0 and gets gradient 0 for every example, so no later step can "
                       "revive it"))
    return mono_lines(*lines)


@learner_facing
def dead_relu_explorer(**kwargs) -> DeadReluExplorer:
    """Build the dead-ReLU explorer; keyword arguments set the starting shift, learning rate and seed."""
    return DeadReluExplorer(**kwargs)
