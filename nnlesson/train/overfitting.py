"""The overfitting explorer's math: one run of the training lab, from settings to verdict.

A run makes the seeded data split, builds the network, trains it from scratch (full-batch
Adam), reads a verdict off the loss curves and evaluates the network on a grid for the
picture. Every run with the same settings gives the same numbers.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import data
from ..data import Dataset
from .diagnose import Diagnosis, diagnose
from .fit import fit
from .history import History
from .network import MLP, mlp_for
from .surface import Surface, surface

N_VAL = 200
"""Validation points: fixed, so every model is judged on the same amount of new data."""
SEED = 0


def lab_data(dataset: str, n_train: int, noise: float) -> Dataset:
    """The lab's seeded split: ``n_train`` training points and ``N_VAL`` validation points."""
    return data.make_split(dataset, n_train, N_VAL, noise=noise, seed=SEED)


@dataclass(frozen=True)
class LabRun:
    """One trained network with its data, its curves, the verdict and its predictions on a grid."""

    dataset: str
    data: Dataset
    model: MLP
    history: History
    diagnosis: Diagnosis
    surface: Surface
    epochs: int

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
    def params_per_point(self) -> float:
        """Parameters per training point: the first ratio to look at."""
        return self.params / self.n_train

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


def run_lab(dataset: str = "moons", n_train: int = 100, noise: float = 0.2, hidden_layers: int = 2, width: int = 64,
            activation: str = "relu", l2: float = 0.0, dropout: float = 0.0, epochs: int = 300,
            early_stopping: int = 0, lr: float = 0.01) -> LabRun:
    """Train a fresh network on the lab's data; ``early_stopping`` is the patience (0 for off)."""
    d = lab_data(dataset, n_train, noise)
    model = mlp_for(d, hidden_layers, width, activation, SEED)
    history = fit(model, d, epochs=epochs, lr=lr, l2=l2, dropout=dropout, patience=early_stopping or None, seed=SEED)
    return LabRun(dataset, d, model, history, diagnose(history), surface(model, d), epochs)
