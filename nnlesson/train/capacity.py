"""The capacity curve: train the same kind of network at many widths, then compare the errors.

Capacity is what a network *could* fit; its parameter count is the usual, rough measure.
Sweeping the width from far fewer parameters than training points to far more shows how
the training and validation errors respond. "Error" is the misclassification rate for
classification and the mean squared error for regression.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from .._validate import describe, positive_int
from ..data import Dataset
from .fit import fit
from .history import History
from .network import mlp_for

DEFAULT_WIDTHS = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 128, 256, 512)


@dataclass(frozen=True)
class CapacityPoint:
    """One trained network of the sweep: its size and how well it did."""

    width: int
    params: int
    neurons: int
    train_error: float
    val_error: float
    message: str | None  # set when this network's training diverged


@dataclass(frozen=True)
class CapacityCurve:
    """All points of a sweep, with what is needed to read them."""

    points: tuple[CapacityPoint, ...]
    n_train: int
    hidden_layers: int
    error_name: str  # "error rate" or "mean squared error"

    def point(self, width: int) -> CapacityPoint:
        """The point trained at ``width``."""
        for p in self.points:
            if p.width == width:
                return p
        raise ValueError(f"{describe('CapacityCurve.point', 'width', width)}: width must be one of "
                         f"{[p.width for p in self.points]}")

    @property
    def best(self) -> CapacityPoint:
        """The point with the lowest validation error (among those whose training did not diverge)."""
        trained = [p for p in self.points if p.message is None] or self.points
        return min(trained, key=lambda p: p.val_error)


def errors(history: History) -> tuple[float, float]:
    """(training error, validation error) of the kept model: 1 - accuracy, or the MSE."""
    if history.train_accuracy:
        return 1.0 - history.final_train_accuracy, 1.0 - history.final_val_accuracy
    return history.final_train_loss, history.final_val_loss


def capacity_sweep(data: Dataset, widths: Sequence[int] = DEFAULT_WIDTHS, hidden_layers: int = 1,
                   activation: str = "relu", seed: int = 0,
                   on_progress: Callable[[int, int], None] | None = None, **fit_options) -> CapacityCurve:
    """Train one network per width (same data, same seed, same ``fit_options``) and collect errors.

    ``on_progress(done, total)`` is called after each width, so a progress bar can follow.
    """
    if not widths:
        raise ValueError(f"{describe('capacity_sweep', 'widths', widths)}: give at least one width")
    widths = sorted({positive_int("capacity_sweep", "widths", w) for w in widths})
    points = []
    for done, width in enumerate(widths, start=1):
        model = mlp_for(data, hidden_layers, width, activation, seed)
        history = fit(model, data, seed=seed, **fit_options)
        train_error, val_error = errors(history)
        points.append(CapacityPoint(width, model.n_params, model.n_neurons, train_error, val_error,
                                    history.message if history.diverged else None))
        if on_progress is not None:
            on_progress(done, len(widths))
    return CapacityCurve(tuple(points), data.n_train, hidden_layers,
                         "error rate" if data.task == "classification" else "mean squared error")


@dataclass(frozen=True)
class CapacityReading:
    """A sweep read at one of its widths: the capacity explorer's result."""

    curve: CapacityCurve
    width: int

    @property
    def widths(self) -> tuple[int, ...]:
        return tuple(p.width for p in self.curve.points)

    @property
    def params(self) -> list[int]:
        return [p.params for p in self.curve.points]

    @property
    def train_error(self) -> list[float]:
        return [p.train_error for p in self.curve.points]

    @property
    def val_error(self) -> list[float]:
        return [p.val_error for p in self.curve.points]

    @property
    def current(self) -> CapacityPoint:
        return self.curve.point(self.width)

    @property
    def best(self) -> CapacityPoint:
        return self.curve.best

    @property
    def diverged(self) -> list[int]:
        """Widths whose training diverged."""
        return [p.width for p in self.curve.points if p.message]
