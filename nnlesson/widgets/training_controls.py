"""Controls shared by the training explorers: data, network and regularisation settings.

Every control that starts a retraining is ``continuous_update=False``: dragging a slider
trains once, when the handle is released (arrow keys still train once per press).
"""
from __future__ import annotations

from typing import Any, Sequence

import ipywidgets as widgets

from ..data import MAKERS
from ..train import TRAINABLE_ACTIVATIONS

WIDTH = "330px"
STYLE = {"description_width": "initial"}
L2_STEPS = (0.0, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
LEARNING_RATES = (0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
EARLY_STOPPING = (("off", 0), ("patience 10", 10), ("patience 20", 20), ("patience 50", 50))


def int_slider(description: str, value: int, low: int, high: int, step: int = 1) -> widgets.IntSlider:
    return widgets.IntSlider(value=value, min=low, max=high, step=step, description=description,
                             continuous_update=False, style=STYLE, layout=widgets.Layout(width=WIDTH))


def float_slider(description: str, value: float, low: float, high: float, step: float) -> widgets.FloatSlider:
    return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                               continuous_update=False, style=STYLE, layout=widgets.Layout(width=WIDTH))


def steps_slider(description: str, options: Sequence[Any], value: Any) -> widgets.SelectionSlider:
    """A slider over a few chosen values (powers of two, decades), labelled as the numbers read."""
    return widgets.SelectionSlider(options=[(f"{v:g}", v) for v in options], value=value,
                                   description=description, continuous_update=False, style=STYLE,
                                   layout=widgets.Layout(width=WIDTH))


def dropdown(description: str, options: Sequence[Any], value: Any) -> widgets.Dropdown:
    return widgets.Dropdown(options=options, value=value, description=description, style=STYLE,
                            layout=widgets.Layout(width=WIDTH))


def data_controls(dataset: str, n_train: int, noise: float) -> dict[str, widgets.ValueWidget]:
    """Which toy data set, how many training points, how much noise."""
    return {"dataset": dropdown("data set", tuple(MAKERS), dataset),
            "n_train": int_slider("training points", n_train, 10, 400, 10),
            "noise": float_slider("noise", noise, 0.0, 1.0, 0.05)}


def activation_control(activation: str) -> widgets.Dropdown:
    """The activation of every hidden neuron."""
    return dropdown("activation", TRAINABLE_ACTIVATIONS, activation)


def training_controls(l2: float, epochs: int, lr: float) -> dict[str, widgets.ValueWidget]:
    """Weight decay, training length and learning rate (Adam, full batch)."""
    return {"l2": steps_slider("L2 weight decay", L2_STEPS, l2),
            "epochs": int_slider("epochs", epochs, 10, 1000, 10),
            "lr": steps_slider("learning rate (Adam)", LEARNING_RATES, lr)}


def column(title: str, *children: widgets.Widget) -> widgets.VBox:
    """A titled column of controls, with room to its right so neighbouring columns never touch."""
    return widgets.VBox([widgets.HTML(f"<b>{title}</b>"), *children],
                        layout=widgets.Layout(margin="0 28px 8px 0"))
