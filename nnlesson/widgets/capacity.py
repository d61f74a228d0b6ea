"""capacity_explorer: train a sweep of widths and plot error against parameter count.

The sweep goes from networks with far fewer parameters than training points to networks
with far more. A progress bar follows it, one step per width. Moving only the "current
network" slider re-marks the picture without training again.
"""
from __future__ import annotations

import ipywidgets as widgets

from ..layers.summary import format_count
from ..plots.capacity import CapacityPanel
from ..train import capacity_sweep
from ..train.capacity import DEFAULT_WIDTHS, CapacityCurve, CapacityReading
from ..train.overfitting import SEED, lab_data
from .controls import WIDTH, column, steps_slider, wrap_row
from .explorer import Explorer, learner_facing
from .html import lines, table
from .training_controls import activation_control, data_controls, training_controls


class CapacityExplorer(Explorer):
    """Training and validation error of networks of every width in ``widths``, trained the same way.

    ``hidden_layers`` is fixed when the explorer is built (1 by default): with two hidden layers
    the widest networks have a quarter of a million parameters and the sweep takes several times longer.
    """

    def __init__(self, dataset: str = "moons", n_train: int = 50, noise: float = 0.3, hidden_layers: int = 1,
                 activation: str = "relu", l2: float = 0.0, epochs: int = 1000, lr: float = 0.01, width: int = 16,
                 widths: tuple[int, ...] = DEFAULT_WIDTHS):
        self.widths = tuple(widths)
        self.hidden_layers = hidden_layers
        controls = {**data_controls(dataset, n_train, noise),
                    "activation": activation_control(activation),
                    **training_controls(l2, epochs, lr),
                    "width": steps_slider("current network", self.widths, width, argument="width", others=False)}
        self.progress = widgets.IntProgress(value=0, min=0, max=len(self.widths), description="training",
                                            bar_style="info", style={"description_width": "initial"},
                                            layout=widgets.Layout(width=WIDTH))
        self.panel = CapacityPanel()
        self._sweep_key: tuple | None = None
        self._curve: CapacityCurve | None = None
        c = controls
        view = wrap_row([column("data", c["dataset"], c["n_train"], c["noise"]),
                         column("networks", c["activation"], c["width"], self.progress),
                         column("training: Adam, full batch", c["lr"], c["epochs"], c["l2"])])
        super().__init__(controls, [self.panel], view)

    def compute(self, width, **settings) -> CapacityReading:
        return CapacityReading(self._sweep(**settings), width)

    def _sweep(self, dataset, n_train, noise, activation, l2, epochs, lr) -> CapacityCurve:
        """The sweep for these settings; trained again only when a setting other than width changed."""
        key = (dataset, n_train, noise, activation, l2, epochs, lr)
        if key != self._sweep_key:
            self._curve = capacity_sweep(lab_data(dataset, n_train, noise), self.widths, self.hidden_layers,
                                         activation, seed=SEED, on_progress=self._progressed, epochs=epochs, lr=lr,
                                         l2=l2)
            self._sweep_key = key  # only after the sweep succeeded
        return self._curve

    def _progressed(self, done: int, total: int) -> None:
        """The sweep's progress callback: the bar moves while it trains, and the last sweep is dimmed meanwhile."""
        self.dim()
        self.progress.value, self.progress.bar_style = done, "success" if done == total else "info"

    def draw(self, result: CapacityReading) -> str:
        self.panel.update(result.curve, result.width)
        return readout_html(result)


def readout_html(r: CapacityReading) -> str:
    """The current network against the data, and the best width of the sweep."""
    def error(value: float) -> str:
        return f"{value:.1%}" if r.curve.error_name == "error rate" else f"{value:.3f}"

    now, best = r.current, r.best
    rows = [[f"current (width {r.width})", format_count(now.params), error(now.train_error), error(now.val_error)],
            [f"best on validation (width {best.width})", format_count(best.params), "", error(best.val_error)]]
    parts = [f"{len(r.widths)} networks trained on <b>{r.curve.n_train} points</b>, from "
             f"{format_count(r.params[0])} to {format_count(r.params[-1])} parameters; "
             f"{r.curve.error_name} on training and validation data:",
             table(["network", "parameters", "training", "validation"], rows)]
    if r.diverged:
        parts.append(f"Training diverged for widths {r.diverged}: lower the learning rate.")
    return lines(*parts)


@learner_facing
def capacity_explorer(**kwargs) -> CapacityExplorer:
    """Build the capacity explorer; keyword arguments set the starting controls."""
    return CapacityExplorer(**kwargs)
