"""The overfitting explorer's math: one run of the training lab, from settings to verdict, and its replay.

A run makes the seeded data split (or takes the learner's own data), builds the network, trains it
from scratch (full-batch Adam), reads a verdict off the loss curves and evaluates the network on a
grid for the picture. Every run with the same settings gives the same numbers.

While it trains, the run keeps *snapshots*: the parameters every few epochs (every epoch when they
fit in ``SNAPSHOT_VALUES``). ``LabRun.frame(epoch)`` rebuilds the network of that epoch from its
snapshot and shows what a fresh run stopped there would show: the same losses, accuracies, verdict
and picture, without training again. Parameters are a few kilobytes; a picture is computed only when
a frame is asked for, and the last few are kept.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .. import data as datasets
from ..data import Dataset
from .diagnose import Diagnosis, diagnose
from .fit import fit
from .history import History
from .network import MLP, mlp_for
from .surface import Surface, surface

N_VAL = 200
"""Validation points: fixed, so every model is judged on the same amount of new data."""
SEED = 0
SNAPSHOT_VALUES = 2_000_000
"""At most this many parameters are kept over all snapshots of a run (8 MB as float32)."""
SNAPSHOT_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
"""Epochs between snapshots: the first of these whose snapshots fit in ``SNAPSHOT_VALUES``."""
FRAMES_KEPT = 24
"""Pictures of replayed epochs kept, so scrubbing back and forth does not recompute them."""
RESOLUTION = 80
"""Grid points per axis of the pictures: fine enough for a smooth boundary, cheap enough to replay."""
TURN_RISE = 0.05
"""The validation loss this far (fraction of the baseline) above its lowest point has turned upward."""


def lab_data(dataset: str, n_train: int, noise: float) -> Dataset:
    """The lab's seeded split: ``n_train`` training points and ``N_VAL`` validation points."""
    return datasets.make_split(dataset, n_train, N_VAL, noise=noise, seed=SEED)


def own_data(X, y, seed: int = SEED) -> Dataset:
    """The learner's arrays as a lab data set: 30% of the points (seeded) kept aside for validation."""
    d = datasets.from_arrays(X, y, seed=seed)
    if d.n_features == 1 and d.n_classes > 2:
        raise ValueError(f"With one input column the lab draws two classes at most, and your labels have "
                         f"{d.n_classes}: give X a second column, or use two classes.")
    return d


def snapshot_every(epochs: int, params: int) -> int:
    """Epochs between two snapshots, so that all of them hold at most ``SNAPSHOT_VALUES`` parameters."""
    for step in SNAPSHOT_STEPS:
        if (epochs // step + 2) * params <= SNAPSHOT_VALUES:
            return step
    return max(epochs, 1)  # a giant network: its start and its end


@dataclass(frozen=True)
class Snapshots:
    """The parameters at epochs 0, ``every``, 2 ``every``, ... and at the epoch the trained model holds."""

    every: int
    epochs: tuple[int, ...]
    states: tuple[np.ndarray, ...]

    def nearest(self, epoch: int) -> int:
        """The latest snapshot epoch at or before ``epoch`` (the first one for earlier epochs)."""
        earlier = [e for e in self.epochs if e <= epoch]
        return earlier[-1] if earlier else self.epochs[0]

    def state(self, epoch: int) -> np.ndarray:
        """The parameters of a snapshot epoch."""
        return self.states[self.epochs.index(epoch)]


class _Recorder:
    """Called by ``fit`` after every epoch: copies the parameters every ``every`` epochs."""

    def __init__(self, every: int):
        self.every = every
        self.kept: dict[int, np.ndarray] = {}

    def __call__(self, epoch: int, model: MLP) -> None:
        if epoch % self.every == 0:
            self.kept[epoch] = model.get_state()

    def snapshots(self, model: MLP, kept_epoch: int) -> Snapshots:
        """All snapshots, plus the trained model's own parameters at the epoch it holds."""
        kept = {**self.kept, kept_epoch: model.get_state()}
        epochs = tuple(sorted(kept))
        return Snapshots(self.every, epochs, tuple(kept[e] for e in epochs))


class _Readings:
    """The numbers a run shows, read off its ``history`` and ``diagnosis`` (a whole run or one epoch of it)."""

    history: History
    diagnosis: Diagnosis

    @property
    def train_loss(self) -> float:
        return self.history.final_train_loss

    @property
    def val_loss(self) -> float:
        return self.history.final_val_loss

    @property
    def train_accuracy(self) -> float | None:
        return self.history.final_train_accuracy

    @property
    def val_accuracy(self) -> float | None:
        return self.history.final_val_accuracy

    @property
    def verdict(self) -> str:
        return self.diagnosis.verdict

    @property
    def reason(self) -> str:
        return self.diagnosis.reason


@dataclass(frozen=True)
class LabFrame(_Readings):
    """The run as it stood at one epoch: what a fresh run stopped at that epoch would show."""

    epoch: int
    history: History
    diagnosis: Diagnosis
    surface: Surface



@dataclass(frozen=True)
class LabRun(_Readings):
    """One trained network with its data, its curves, the verdict, its predictions on a grid and its snapshots."""

    dataset: str
    data: Dataset
    model: MLP
    history: History
    diagnosis: Diagnosis
    surface: Surface
    epochs: int
    snapshots: Snapshots
    own: bool = False  # the learner's own data
    _frames: dict = field(default_factory=dict, compare=False, repr=False)
    _scratch: list = field(default_factory=list, compare=False, repr=False)  # one network to load snapshots into

    @property
    def layer_sizes(self) -> tuple[int, ...]:
        return tuple(self.model.layer_sizes)

    @property
    def params(self) -> int:
        return self.model.n_params

    @property
    def neurons(self) -> int:
        return self.model.n_neurons

    @property
    def n_train(self) -> int:
        return self.data.n_train

    @property
    def n_val(self) -> int:
        return self.data.n_val

    @property
    def n_classes(self) -> int:
        return self.data.n_classes

    @property
    def params_per_point(self) -> float:
        """Parameters per training point: the first ratio to look at."""
        return self.params / self.n_train



    @property
    def best_epoch(self) -> int:
        """The epoch of the lowest validation loss."""
        return self.history.best_epoch

    @property
    def turns_up(self) -> bool:
        """True when the validation loss rose clearly after the best epoch: where overfitting starts."""
        h = self.history
        rise = (max(h.val_loss[h.best_epoch:]) - h.val_loss[h.best_epoch]) / (h.baseline_loss or 1.0)
        return math.isfinite(rise) and rise >= TURN_RISE

    def frame(self, epoch: int) -> LabFrame:
        """The run at the snapshot nearest ``epoch`` (at or before it), without training again."""
        epoch = self.snapshots.nearest(epoch)
        if epoch not in self._frames:
            if len(self._frames) >= FRAMES_KEPT:
                self._frames.pop(next(iter(self._frames)))  # the oldest picture goes
            history = self.history.until(epoch)
            self._frames[epoch] = LabFrame(epoch, history, diagnose(history), self._surface_at(epoch))
        return self._frames[epoch]

    def _surface_at(self, epoch: int) -> Surface:
        """The prediction grid of the network of a snapshot epoch (the trained model's own at its epoch)."""
        if epoch == self.history.kept_epoch:
            return self.surface
        if not self._scratch:
            self._scratch.append(MLP(self.model.layer_sizes, self.model.activation, dtype=str(self.model.dtype)))
        scratch = self._scratch[0]
        scratch.set_state(self.snapshots.state(epoch))
        return surface(scratch, self.data, RESOLUTION)


def run_lab(dataset: str = "moons", n_train: int = 100, noise: float = 0.2, hidden_layers: int = 2, width: int = 64,
            activation: str = "relu", l2: float = 0.0, dropout: float = 0.0, epochs: int = 300,
            early_stopping: int = 0, lr: float = 0.01, data: Dataset | None = None) -> LabRun:
    """Train a fresh network on the lab's data; ``early_stopping`` is the patience (0 for off).

    With ``data`` (e.g. ``own_data(X, y)``) the network trains on it, and ``dataset``, ``n_train``
    and ``noise`` are not used.
    """
    own = data is not None
    d = data if own else lab_data(dataset, n_train, noise)
    model = mlp_for(d, hidden_layers, width, activation, SEED)
    recorder = _Recorder(snapshot_every(epochs, model.n_params))
    history = fit(model, d, epochs=epochs, lr=lr, l2=l2, dropout=dropout, patience=early_stopping or None, seed=SEED,
                  on_epoch=recorder)
    snapshots = recorder.snapshots(model, history.kept_epoch)
    picture = surface(model, d, RESOLUTION)
    return LabRun(d.name if own else dataset, d, model, history, diagnose(history), picture, epochs, snapshots, own)
