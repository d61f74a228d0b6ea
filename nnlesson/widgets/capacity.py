"""capacity_explorer: train a sweep of widths and plot error against parameter count.

The sweep goes from networks with far fewer parameters than training points to networks
with far more. A progress bar follows it, one step per width. Moving only the "current
network" slider re-marks the picture without training again.
"""
from __future__ import annotations

import ipywidgets as widgets

from .. import data
from ..plots.capacity import CapacityPanel
from ..summary import format_count
from ..train import capacity_sweep
from ..train.sweep import DEFAULT_WIDTHS, CapacityCurve
from .explorer import Explorer, figure_image
from .tables import html_table, lines
from .training_controls import activation_control, column, data_controls, steps_slider, training_controls

N_VAL = 200
SEED = 0


class CapacityExplorer(Explorer):
    """Training and validation error of networks of every width in ``widths``, trained the same way.

    ``hidden_layers`` is fixed when the explorer is built (1 by default): with two hidden layers
    the widest networks have a quarter of a million parameters and the sweep takes several times longer.
    """

    def __init__(self, dataset: str = "moons", n_train: int = 50, noise: float = 0.3, hidden_layers: int = 1,
                 activation: str = "relu", l2: float = 0.0, epochs: int = 1000, lr: float = 0.01, width: int = 16,
                 widths: tuple[int, ...] = DEFAULT_WIDTHS):
        self.widths = tuple(widths)
        controls = {**data_controls(dataset, n_train, noise),
                    "activation": activation_control(activation),
                    **training_controls(l2, epochs, lr),
                    "width": steps_slider("current network: width", self.widths, width)}
        self.hidden_layers = hidden_layers
        self.progress = widgets.IntProgress(value=0, min=0, max=len(self.widths), description="training",
                                            bar_style="info", style={"description_width": "initial"},
                                            layout=widgets.Layout(width="330px"))
        self.readout = widgets.HTML()
        self.readout.add_class("nnlesson-result")
        self.panel = CapacityPanel()
        self.image = figure_image()
        self._sweep_key: tuple | None = None
        self._curve: CapacityCurve | None = None
        c = controls
        columns = [column("data", c["dataset"], c["n_train"], c["noise"]),
                   column("networks", c["activation"], c["width"], self.progress),
                   column("training (same for every width)", c["lr"], c["epochs"], c["l2"])]
        super().__init__(controls, [widgets.HBox(columns, layout=widgets.Layout(flex_flow="row wrap")),
                                    self.readout, widgets.HBox([self.image])])  # the box keeps it at its own size

    def compute(self, width, **settings) -> dict:
        curve = self._sweep(**settings)
        now, best = curve.point(width), curve.best
        return {"widths": self.widths, "params": [p.params for p in curve.points],
                "train_error": [p.train_error for p in curve.points],
                "val_error": [p.val_error for p in curve.points],
                "n_train": curve.n_train, "error_name": curve.error_name, "width": width,
                "current_params": now.params, "current_train_error": now.train_error,
                "current_val_error": now.val_error, "best_width": best.width, "best_params": best.params,
                "best_val_error": best.val_error, "diverged": [p.width for p in curve.points if p.message],
                "curve": curve}

    def _sweep(self, dataset, n_train, noise, activation, l2, epochs, lr) -> CapacityCurve:
        """The sweep for these settings; trained again only when a setting other than width changed."""
        key = (dataset, n_train, noise, activation, l2, epochs, lr)
        if key != self._sweep_key:
            d = data.make_split(dataset, n_train, N_VAL, noise=noise, seed=SEED)
            self.progress.value, self.progress.bar_style = 0, "info"
            self._curve = capacity_sweep(d, self.widths, self.hidden_layers, activation, seed=SEED,
                                         on_progress=self._advance, epochs=epochs, lr=lr, l2=l2)
            self._sweep_key = key  # only after the sweep succeeded
            self.progress.bar_style = "success"
        return self._curve

    def _advance(self, done: int, total: int) -> None:
        self.progress.value = done

    def show(self, result: dict) -> None:
        self.readout.value = readout_html(result)
        self.panel.update(result["curve"], result["width"])
        self.image.value = self.panel.png()


def readout_html(r: dict) -> str:
    """The current network against the data, and the best width of the sweep."""
    def error(value: float) -> str:
        return f"{value:.1%}" if r["error_name"] == "error rate" else f"{value:.3f}"

    rows = [[f"current (width {r['width']})", format_count(r["current_params"]), error(r["current_train_error"]),
             error(r["current_val_error"])],
            [f"best on validation (width {r['best_width']})", format_count(r["best_params"]), "",
             error(r["best_val_error"])]]
    parts = [f"{len(r['widths'])} networks trained on <b>{r['n_train']} points</b>, from "
             f"{format_count(r['params'][0])} to {format_count(r['params'][-1])} parameters; "
             f"{r['error_name']} on training and validation data:",
             html_table(["network", "parameters", "training", "validation"], rows)]
    if r["diverged"]:
        parts.append(f"Training diverged for widths {r['diverged']}: lower the learning rate.")
    return lines(*parts)


def capacity_explorer(**kwargs) -> CapacityExplorer:
    """Build the capacity explorer; keyword arguments set the starting controls."""
    return CapacityExplorer(**kwargs)
