"""overfitting_explorer: change the data, the network and the regularisation; watch it retrain.

Every change trains a fresh, seeded network from scratch (NumPy, full-batch Adam) and shows
what it learned, both loss curves, and a verdict (underfitting, good fit, overfitting) read
from those curves by ``train.diagnose``. The parameter count sits next to the number of
training points, because their ratio is the first thing to look at.

The data, activation and training controls are shared with the capacity explorer
(``training_controls.py``). Every control that starts a retraining updates only when released
(arrow keys: once per press).
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as widgets

from ..data import Dataset
from ..layers.summary import format_count
from ..palette import PALETTE
from ..plots.overfitting import LossCurvesPanel, PredictionPanel
from ..train.diagnose import turned_up
from ..train.overfitting import LabFrame, LabRun, own_data, run_lab
from .controls import ArgumentError, dropdown, number, slider, steps_slider, wrap_row
from .explorer import Explorer, learner_facing
from .html import lines, table
from .training_controls import activation_control, data_controls, int_slider, training_controls

WIDTHS = (1, 2, 4, 8, 16, 32, 64, 128, 256)
EARLY_STOPPING = (("off", 0), ("patience 10", 10), ("patience 20", 20), ("patience 50", 50))
PLAY_FRAMES = 40
"""A replay plays about this many frames, whatever the number of epochs."""
PLAY_INTERVAL_MS = 150
VERDICT_LOOKS = {"underfitting": ("blue", "&#9660;"), "good fit": ("green", "&#10004;"),
                 "overfitting": ("vermillion", "&#9650;"), "diverged": ("black", "&#9888;"),
                 "not learning": ("black", "&#9888;")}
"""Each verdict's colour and sign: the sign repeats what the colour says."""


def group(title: str, *children: widgets.Widget) -> widgets.VBox:
    """A titled group of controls, stacked in the explorer's one control column (compact at 1366x768)."""
    return widgets.VBox([widgets.HTML(f"<b>{title}</b>"), *children], layout=widgets.Layout(margin="0 0 6px 0"))


def replay_controls() -> tuple[widgets.Play, widgets.IntSlider]:
    """A Play button linked to an "epoch" slider that scrubs through the recorded run (no retraining)."""
    epoch = slider("epoch", 0, 0, 1, 1, integer=True, live=True)
    play = widgets.Play(value=0, min=0, max=1, step=1, interval=PLAY_INTERVAL_MS, description="replay",
                        tooltip="replay the training, epoch by epoch", layout=widgets.Layout(width="auto"))
    widgets.jslink((play, "value"), (epoch, "value"))
    return play, epoch


def patience_menu(patience) -> tuple:
    """The early-stopping menu, with the starting patience added when it is another whole number of epochs."""
    if isinstance(patience, int) and not isinstance(patience, bool) and patience > 0 and \
            patience not in dict(EARLY_STOPPING).values():
        return tuple(sorted((*EARLY_STOPPING, (f"patience {patience}", patience)), key=lambda item: item[1]))
    return EARLY_STOPPING


class OverfittingExplorer(Explorer):
    """A network trained live on a toy data set (or the learner's own), with its fit, loss curves and
    verdict, and a replay of its training epoch by epoch."""

    def __init__(self, X=None, y=None, *, dataset: str = "moons", n_train: int = 100, noise: float = 0.2,
                 hidden_layers: int = 2, width: int = 64, activation: str = "relu", l2: float = 0.0,
                 dropout: float = 0.0, epochs: int = 300, early_stopping: int = 0, lr: float = 0.01):
        self.own = None if X is None and y is None else _own(X, y)
        data = {} if self.own is not None else data_controls(dataset, n_train, noise)
        if not 0 <= number("dropout", dropout) < 1:
            raise ArgumentError("dropout", dropout, "dropout is the share of neurons left out at each step: "
                                "at least 0 and below 1")
        controls = {**data,
                    "hidden_layers": int_slider("hidden layers", hidden_layers, 0, 4, argument="hidden_layers"),
                    "width": steps_slider("neurons per layer", WIDTHS, width, argument="width"),
                    "activation": activation_control(activation),
                    **training_controls(l2, epochs, lr),
                    "dropout": slider("dropout", dropout, 0.0, 0.8, 0.1, live=False, argument="dropout"),
                    "early_stopping": dropdown("early stopping", patience_menu(early_stopping), early_stopping,
                                               argument="early_stopping")}
        self.size_note = widgets.HTML()
        self.data_note = widgets.HTML(own_data_note(self.own) if self.own is not None else "")
        self.play, self.epoch = replay_controls()
        self._run: LabRun | None = None
        self._run_key: tuple | None = None
        self._replayed: LabRun | None = None  # the run the epoch slider spans
        self.prediction, self.curves = PredictionPanel(), LossCurvesPanel()
        c = controls
        data_group = (group("your data", self.data_note) if self.own is not None else
                      group("data", c["dataset"], c["n_train"], c["noise"]))
        view = widgets.VBox([data_group,
                             group("network", c["hidden_layers"], c["width"], c["activation"], self.size_note),
                             group("training (Adam, full batch) and regularisation", c["lr"], c["epochs"], c["l2"],
                                   c["dropout"], c["early_stopping"])],
                            layout=widgets.Layout(flex="1 1 280px", min_width="240px", max_width="360px",
                                                  margin="0 20px 6px 0"))
        controls["epoch"] = self.epoch  # the same settings at another epoch: no training, another frame
        super().__init__(controls, [self.prediction, self.curves], view)

    def arrange(self, view: widgets.Widget) -> list[widgets.Widget]:
        """Controls beside the main picture, the replay and the readout; the loss curves below (all wrap)."""
        picture = widgets.VBox([self.figures[0], wrap_row([self.play, self.epoch], align_items="center"),
                                self.readout], layout=widgets.Layout(flex="1 1 380px", max_width="480px"))
        return [wrap_row([view, picture]), self.figures[1]]

    def compute(self, epoch: int, **settings) -> LabView:
        """The run for these settings (trained again only when they changed) at the epoch shown; a new run
        is shown at the epoch of the model it kept."""
        key = tuple(sorted(settings.items()))
        if key != self._run_key:
            self._run = run_lab(**settings, data=self.own)
            self._run_key = key  # only after the run succeeded
            return LabView(self._run, self._run.frame(self._run.history.kept_epoch))
        return LabView(self._run, self._run.frame(epoch))

    def draw(self, result: LabView) -> str:
        r, f = result.run, result.frame
        sizes = "-".join(map(str, r.layer_sizes))
        self.prediction.update(r.data, f.surface, f"What the {sizes} network learned")
        self.curves.update(r.history, r.epochs, f"Loss curves: {r.verdict}", epoch=f.epoch)
        return readout_html(result)

    def update_view(self, result: LabView) -> None:
        """The network's size beside its controls; for a new run, the replay spanning it at the epoch shown."""
        r = result.run
        self.size_note.value = (f'<span style="font-size: 13px"><b>{format_count(r.params)}</b> parameters '
                                f"for <b>{r.n_train}</b> training points</span>")
        if r is self._replayed:
            return
        self._replayed = r
        last, every = r.history.epochs_run, r.snapshots.every
        step = max(every, every * round(last / PLAY_FRAMES / every))
        self.epoch.max, self.epoch.step = max(last, 1), every
        self.play.max, self.play.step = max(-(-last // step) * step, 1), step  # the replay's last frame is the end
        self.epoch.value = self.play.value = result.frame.epoch


@dataclass(frozen=True)
class LabView:
    """The overfitting explorer's result: the whole run, and the frame of the epoch on show."""

    run: LabRun
    frame: LabFrame

    def __getattr__(self, name: str):
        return getattr(self.run, name)  # the run's numbers read as before: result.params, result.verdict, ...


def _own(X, y) -> Dataset:
    """The learner's arrays as the lab's data; a rejected shape is told in the learner's words."""
    if X is None or y is None:
        raise TypeError("Give both your inputs X and your targets y: overfitting_explorer(X, y).")
    return own_data(X, y)


def own_data_note(d: Dataset) -> str:
    """What the lab made of the learner's data: points, inputs, task and split."""
    task = (f"{d.n_classes} classes (whole-number labels)" if d.task == "classification" else
            "values to predict (decimal targets: regression)")
    inputs = "1 input" if d.n_features == 1 else "2 inputs"
    return (f'<span style="font-size: 13px"><b>{d.n_train + d.n_val} points</b>, {inputs}, {task}:<br>'
            f"<b>{d.n_train}</b> for training, <b>{d.n_val}</b> kept for validation (seeded shuffle)</span>")


def readout_html(v: LabView) -> str:
    """The numbers at the shown epoch, the verdict there, where validation turned up, and the network's size."""
    r, f = v.run, v.frame
    h = r.history
    header, rows = ["", "loss"], [["training", f"{f.train_loss:.3f}"], ["validation", f"{f.val_loss:.3f}"]]
    if f.train_accuracy is not None:
        header.append("accuracy")
        rows[0].append(f"{f.train_accuracy:.1%}")
        rows[1].append(f"{f.val_accuracy:.1%}")
    if r.verdict == "diverged":  # the curves of a run that blew up say nothing about capacity
        verdict = _verdict("diverged", r.reason)
        turn = "Its curves say nothing about capacity: lower the learning rate and train again."
    else:
        verdict = _verdict(f.verdict, f"at epoch {f.epoch}: {f.diagnosis.reason}")
        turn = turn_html(f.history)
    if h.stopped_epoch is None:
        run = f"Trained for {h.epochs_run} epochs; move <b>epoch</b> or press &#9654; to replay them."
    else:
        run = (f"Stopped at epoch {h.stopped_epoch} of {r.epochs}; kept the weights of epoch {h.kept_epoch}. "
               "Move <b>epoch</b> or press &#9654; to replay the run.")
    whose = "your data" if r.own else r.dataset
    sizes = "-".join(map(str, r.layer_sizes))
    size = (f"<b>{sizes}</b> network on <b>{html.escape(whose)}</b>: <b>{format_count(r.params)} parameters</b> "
            f"({format_count(r.neurons)} neurons) for <b>{r.n_train} training points</b> "
            f"&mdash; {r.params_per_point:.1f} parameters per point")
    of = (f"of the {h.epochs_run} recorded before training diverged" if r.verdict == "diverged" else
          f"of {h.epochs_run}")
    parts = [f"<b>At epoch {f.epoch}</b> {of}:", table(header, rows), verdict, turn, run, size]
    if h.message and r.verdict != "diverged":
        parts.append(html.escape(h.message))
    return lines(*parts)


def _verdict(verdict: str, reason: str) -> str:
    """The verdict in its colour and sign, then why."""
    colour, sign = VERDICT_LOOKS[verdict]
    return (f'<span style="color: {PALETTE[colour]}; font-weight: bold">{sign} {html.escape(verdict)}</span> '
            f"{html.escape(reason)}")


def turn_html(history) -> str:
    """Where the validation loss was lowest up to the epoch shown, and whether it has turned up since, read by the
    same rule as the verdict (``train.diagnose``), so the two never disagree."""
    best, now = history.best_epoch, history.kept_epoch
    lowest = f"The validation loss is lowest at <b>epoch {best}</b>"
    if turned_up(history):
        return f"{lowest} and turns upward after it: that is where overfitting starts."
    if best < now and history.val_loss[now] > history.val_loss[best]:
        return f"{lowest} and has risen a little since."
    return f"{lowest} and does not turn back up." if best < now else f"{lowest} so far."


@learner_facing
def overfitting_explorer(X=None, y=None, **kwargs) -> OverfittingExplorer:
    """Build the overfitting explorer; ``X, y`` train it on your own data (X of shape (n, 2) or (n, 1);
    y whole numbers 0..K-1 for classes, decimals for regression); keyword arguments set the starting controls."""
    return OverfittingExplorer(X, y, **kwargs)
