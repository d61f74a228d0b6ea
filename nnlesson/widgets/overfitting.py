"""overfitting_explorer: change the data, the network and the regularisation; watch it retrain.

Every change trains a fresh, seeded network from scratch (NumPy, full-batch Adam) and shows
what it learned, both loss curves, and a verdict (underfitting, good fit, overfitting) read
from those curves by ``train.diagnose``. The parameter count sits next to the number of
training points, because their ratio is the first thing to look at.

The data, activation and training controls here are shared with the capacity explorer. Every
control that starts a retraining updates only when released (arrow keys: once per press).
"""
from __future__ import annotations

import html

import ipywidgets as widgets

from ..data import MAKERS
from ..layers.summary import format_count
from ..palette import PALETTE
from ..plots.overfitting import LossCurvesPanel, PredictionPanel
from ..train import TRAINABLE_ACTIVATIONS
from ..train.overfitting import LabRun, run_lab
from .controls import column, dropdown, slider, steps_slider, wrap_row
from .explorer import Explorer
from .html import lines, table

WIDTH = "330px"
WIDTHS = (1, 2, 4, 8, 16, 32, 64, 128, 256)
L2_STEPS = (0.0, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
LEARNING_RATES = (0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
EARLY_STOPPING = (("off", 0), ("patience 10", 10), ("patience 20", 20), ("patience 50", 50))
VERDICT_LOOKS = {"underfitting": ("blue", "&#9660;"), "good fit": ("green", "&#10004;"),
                 "overfitting": ("vermillion", "&#9650;"), "diverged": ("black", "&#9888;")}
"""Each verdict's colour and sign: the sign repeats what the colour says."""


def int_slider(description: str, value: int, low: int, high: int, step: int = 1) -> widgets.IntSlider:
    return slider(description, value, low, high, step, integer=True, live=False, width=WIDTH)


def data_controls(dataset: str, n_train: int, noise: float) -> dict[str, widgets.ValueWidget]:
    """Which toy data set, how many training points, how much noise."""
    return {"dataset": dropdown("data set", tuple(MAKERS), dataset, width=WIDTH),
            "n_train": int_slider("training points", n_train, 10, 400, 10),
            "noise": slider("noise", noise, 0.0, 1.0, 0.05, live=False, width=WIDTH)}


def activation_control(activation: str) -> widgets.Dropdown:
    """The activation of every hidden neuron."""
    return dropdown("activation", TRAINABLE_ACTIVATIONS, activation, width=WIDTH)


def training_controls(l2: float, epochs: int, lr: float) -> dict[str, widgets.ValueWidget]:
    """Weight decay, training length and learning rate (Adam, full batch)."""
    return {"l2": steps_slider("L2 weight decay", L2_STEPS, l2, width=WIDTH),
            "epochs": int_slider("epochs", epochs, 10, 1000, 10),
            "lr": steps_slider("learning rate (Adam)", LEARNING_RATES, lr, width=WIDTH)}


class OverfittingExplorer(Explorer):
    """A network trained live on a toy data set, with its fit, loss curves and verdict."""

    def __init__(self, dataset: str = "moons", n_train: int = 100, noise: float = 0.2, hidden_layers: int = 2,
                 width: int = 64, activation: str = "relu", l2: float = 0.0, dropout: float = 0.0,
                 epochs: int = 300, early_stopping: int = 0, lr: float = 0.01):
        controls = {**data_controls(dataset, n_train, noise),
                    "hidden_layers": int_slider("hidden layers", hidden_layers, 0, 4),
                    "width": steps_slider("neurons per layer", WIDTHS, width, width=WIDTH),
                    "activation": activation_control(activation),
                    **training_controls(l2, epochs, lr),
                    "dropout": slider("dropout", dropout, 0.0, 0.8, 0.1, live=False, width=WIDTH),
                    "early_stopping": dropdown("early stopping", EARLY_STOPPING, early_stopping, width=WIDTH)}
        self.size_note = widgets.HTML()
        self.prediction, self.curves = PredictionPanel(), LossCurvesPanel()
        c = controls
        view = wrap_row([column("data", c["dataset"], c["n_train"], c["noise"]),
                         column("network", c["hidden_layers"], c["width"], c["activation"], self.size_note),
                         column("training and regularisation", c["lr"], c["epochs"], c["l2"], c["dropout"],
                                c["early_stopping"])])
        super().__init__(controls, [self.prediction, self.curves], view)

    def compute(self, **settings) -> LabRun:
        return run_lab(**settings)

    def show(self, result: LabRun) -> str:
        sizes = "-".join(map(str, result.layer_sizes))
        self.size_note.value = (f'<span style="font-size: 13px"><b>{format_count(result.params)}</b> parameters '
                                f"for <b>{result.n_train}</b> training points</span>")
        self.prediction.update(result.data, result.surface, f"What the {sizes} network learned")
        self.curves.update(result.history, result.epochs, f"Loss curves: {result.verdict}")
        return readout_html(result)


def readout_html(r: LabRun) -> str:
    """Size against data, the losses (and accuracies), what happened in training, and the verdict."""
    sizes = "-".join(map(str, r.layer_sizes))
    size = (f"<b>{sizes}</b> network: <b>{format_count(r.params)} parameters</b> "
            f"({format_count(r.neurons)} neurons) for <b>{r.n_train} training points</b> "
            f"&mdash; {r.params_per_point:.1f} parameters per point")
    header, rows = ["", "loss"], [["training", f"{r.train_loss:.3f}"], ["validation", f"{r.val_loss:.3f}"]]
    if r.train_accuracy is not None:
        header.append("accuracy")
        rows[0].append(f"{r.train_accuracy:.1%}")
        rows[1].append(f"{r.val_accuracy:.1%}")
    h = r.history
    if h.stopped_epoch is None:
        run = f"trained for {h.epochs_run} epochs; lowest validation loss at epoch {h.best_epoch}"
    else:
        run = f"stopped at epoch {h.stopped_epoch} of {r.epochs}; kept the weights of epoch {h.kept_epoch}"
    colour, sign = VERDICT_LOOKS[r.verdict]
    verdict = (f'<span style="color: {PALETTE[colour]}; font-weight: bold">{sign} {html.escape(r.verdict)}</span>: '
               f"{html.escape(r.reason)}")
    parts = [size, table(header, rows), run, verdict]
    if h.message and r.verdict != "diverged":
        parts.append(html.escape(h.message))
    return lines(*parts)


def overfitting_explorer(**kwargs) -> OverfittingExplorer:
    """Build the overfitting explorer; keyword arguments set the starting controls."""
    return OverfittingExplorer(**kwargs)
