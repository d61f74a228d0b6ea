"""The controls the two training explorers share (overfitting and capacity): the toy data, the hidden
activation, and the optimiser's settings. Every one that starts a retraining updates only when released."""
from __future__ import annotations

import ipywidgets as widgets

from ..data import MAKERS
from ..train import TRAINABLE_ACTIVATIONS
from .controls import ArgumentError, dropdown, slider, steps_slider, within

L2_STEPS = (0.0, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
LEARNING_RATES = (0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
DATA_SETS = tuple((f"{name} (3 classes)" if name == "pinwheel" else name, name) for name in MAKERS)
"""The data-set menu: every toy set, the multiclass one labelled as such."""


def int_slider(description: str, value: int, low: int, high: int, step: int = 1, *,
               argument: str | None = None) -> widgets.IntSlider:
    """A whole-number slider that updates when released (each change retrains)."""
    within(argument or description, value, low)
    return slider(description, value, low, high, step, integer=True, live=False, argument=argument)


def data_controls(dataset: str, n_train: int, noise: float) -> dict[str, widgets.ValueWidget]:
    """Which toy data set, how many training points, how much noise."""
    return {"dataset": dropdown("data set", DATA_SETS, dataset, argument="dataset"),
            "n_train": int_slider("training points", n_train, 10, 400, 10, argument="n_train"),
            "noise": slider("noise", noise, 0.0, 1.0, 0.05, live=False, argument="noise")}


def activation_control(activation: str) -> widgets.Dropdown:
    """The activation of every hidden neuron."""
    return dropdown("activation", TRAINABLE_ACTIVATIONS, activation, argument="activation")


def training_controls(l2: float, epochs: int, lr: float) -> dict[str, widgets.ValueWidget]:
    """Weight decay, training length and learning rate (Adam, full batch: the column title says so)."""
    if not isinstance(lr, bool) and isinstance(lr, (int, float)) and lr <= 0:
        raise ArgumentError("lr", lr, "the learning rate must be above 0")
    return {"l2": steps_slider("L2 weight decay", L2_STEPS, l2, argument="l2"),
            "epochs": int_slider("epochs", epochs, 10, 1000, 10, argument="epochs"),
            "lr": steps_slider("learning rate", LEARNING_RATES, lr, argument="lr")}
