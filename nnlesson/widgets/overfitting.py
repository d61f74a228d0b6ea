"""overfitting_explorer: change the data, the network and the regularisation; watch it retrain.

Every change trains a fresh, seeded network from scratch (NumPy, full-batch Adam) and shows
what it learned, both loss curves, and a verdict (underfitting, good fit, overfitting) read
from those curves by ``train.diagnose``. The parameter count sits next to the number of
training points, because their ratio is the first thing to look at.
"""
from __future__ import annotations

import html

import ipywidgets as widgets

from .. import data
from ..summary import format_count
from ..train import diagnose, fit, mlp_for, surface
from ..plots.loss_curves import LossCurvesPanel
from ..plots.prediction import PredictionPanel
from .explorer import Explorer, figure_image
from .tables import html_table, lines
from .training_controls import (EARLY_STOPPING, activation_control, column, data_controls, dropdown, float_slider,
                                int_slider, steps_slider, training_controls)

WIDTHS = (1, 2, 4, 8, 16, 32, 64, 128, 256)
N_VAL = 200
"""Validation points: fixed, so every model is judged on the same amount of new data."""
SEED = 0
VERDICT_COLOURS = {"underfitting": "#0072B2", "good fit": "#009E73", "overfitting": "#D55E00",
                   "diverged": "#000000"}
VERDICT_SIGNS = {"underfitting": "&#9660;", "good fit": "&#10004;", "overfitting": "&#9650;",
                 "diverged": "&#9888;"}


class OverfittingExplorer(Explorer):
    """A network trained live on a toy data set, with its fit, loss curves and verdict."""

    def __init__(self, dataset: str = "moons", n_train: int = 100, noise: float = 0.2, hidden_layers: int = 2,
                 width: int = 64, activation: str = "relu", l2: float = 0.0, dropout: float = 0.0,
                 epochs: int = 300, early_stopping: int = 0, lr: float = 0.01):
        controls = {**data_controls(dataset, n_train, noise),
                    "hidden_layers": int_slider("hidden layers", hidden_layers, 0, 4),
                    "width": steps_slider("neurons per layer", WIDTHS, width),
                    "activation": activation_control(activation),
                    **training_controls(l2, epochs, lr),
                    "dropout": float_slider("dropout", dropout, 0.0, 0.8, 0.1),
                    "early_stopping": dropdown("early stopping", EARLY_STOPPING, early_stopping)}
        self.size_note = widgets.HTML()
        self.readout = widgets.HTML()
        self.readout.add_class("nnlesson-result")
        self.prediction, self.curves = PredictionPanel(), LossCurvesPanel()
        self.images = [figure_image(), figure_image()]
        c = controls
        columns = [column("data", c["dataset"], c["n_train"], c["noise"]),
                   column("network", c["hidden_layers"], c["width"], c["activation"], self.size_note),
                   column("training and regularisation", c["lr"], c["epochs"], c["l2"], c["dropout"],
                          c["early_stopping"])]
        wrap = widgets.Layout(flex_flow="row wrap")
        super().__init__(controls, [widgets.HBox(columns, layout=wrap), self.readout,
                                    widgets.HBox(self.images, layout=wrap)])

    def compute(self, dataset, n_train, noise, hidden_layers, width, activation, l2, dropout, epochs,
                early_stopping, lr) -> dict:
        d = data.make_split(dataset, n_train, N_VAL, noise=noise, seed=SEED)
        model = mlp_for(d, hidden_layers, width, activation, SEED)
        history = fit(model, d, epochs=epochs, lr=lr, l2=l2, dropout=dropout,
                      patience=early_stopping or None, seed=SEED)
        verdict = diagnose(history)
        return {"dataset": dataset, "layer_sizes": tuple(model.layer_sizes), "params": model.n_params,
                "neurons": model.n_neurons, "n_train": d.n_train, "n_val": d.n_val,
                "params_per_point": model.n_params / d.n_train,
                "train_loss": history.final_train_loss, "val_loss": history.final_val_loss,
                "train_accuracy": history.final_train_accuracy, "val_accuracy": history.final_val_accuracy,
                "epochs": epochs, "epochs_run": history.epochs_run, "best_epoch": history.best_epoch,
                "kept_epoch": history.kept_epoch, "stopped_epoch": history.stopped_epoch,
                "verdict": verdict.verdict, "reason": verdict.reason, "message": history.message,
                "history": history, "data": d, "surface": surface(model, d)}

    def show(self, result: dict) -> None:
        sizes = "-".join(map(str, result["layer_sizes"]))
        self.size_note.value = (f'<span style="font-size: 13px"><b>{format_count(result["params"])}</b> parameters '
                                f'for <b>{result["n_train"]}</b> training points</span>')
        self.readout.value = readout_html(result)
        self.prediction.update(result["data"], result["surface"], f"What the {sizes} network learned")
        self.curves.update(result["history"], result["epochs"], f"Loss curves: {result['verdict']}")
        for image, panel in zip(self.images, (self.prediction, self.curves)):
            image.value = panel.png()


def readout_html(r: dict) -> str:
    """Size against data, the losses (and accuracies), what happened in training, and the verdict."""
    sizes = "-".join(map(str, r["layer_sizes"]))
    size = (f"<b>{sizes}</b> network: <b>{format_count(r['params'])} parameters</b> "
            f"({format_count(r['neurons'])} neurons) for <b>{r['n_train']} training points</b> "
            f"&mdash; {r['params_per_point']:.1f} parameters per point")
    header, rows = ["", "loss"], [["training", f"{r['train_loss']:.3f}"], ["validation", f"{r['val_loss']:.3f}"]]
    if r["train_accuracy"] is not None:
        header.append("accuracy")
        rows[0].append(f"{r['train_accuracy']:.1%}")
        rows[1].append(f"{r['val_accuracy']:.1%}")
    if r["stopped_epoch"] is None:
        run = f"trained for {r['epochs_run']} epochs; lowest validation loss at epoch {r['best_epoch']}"
    else:
        run = f"stopped at epoch {r['stopped_epoch']} of {r['epochs']}; kept the weights of epoch {r['kept_epoch']}"
    colour = VERDICT_COLOURS[r["verdict"]]
    verdict = (f'<span style="color: {colour}; font-weight: bold">{VERDICT_SIGNS[r["verdict"]]} '
               f'{html.escape(r["verdict"])}</span>: {html.escape(r["reason"])}')
    parts = [size, html_table(header, rows), run, verdict]
    if r["message"] and r["verdict"] != "diverged":
        parts.append(html.escape(r["message"]))
    return lines(*parts)


def overfitting_explorer(**kwargs) -> OverfittingExplorer:
    """Build the overfitting explorer; keyword arguments set the starting controls."""
    return OverfittingExplorer(**kwargs)
