"""Equal budgets: a dense network and a convnet with about the same number of parameters, trained alike.

Both learn the same handwritten digits (``nnlesson.digits``) with the same optimiser, batches
and epochs; only the way they spend their parameters differs. The dense network gives every
pixel its own weight into every hidden neuron. The convnet spends its parameters on small
kernels that slide over the image, so the same few weights look at every position, and it
pools, so a stroke one pixel away lands in the same pooled cell more often than not.

``shift`` moves the validation digits sideways after training: a test of what sharing and
pooling buy. ``augment`` shows every training image moved by up to a pixel at every step.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .. import digits
from .._validate import describe, non_negative_int, positive_int
from ..layers import Conv2D, Dense, Flatten, Input, MaxPooling2D, Sequential, Summary
from .convnet import ConvNet
from .fit import fit
from .history import History

FILTER_CHOICES = (2, 4, 8, 16)
EPOCHS = 30
BATCH_SIZE = 32  # Keras's default
LEARNING_RATE = 0.01
SEED = 0
MAX_SHIFT = 3


def convnet_spec(filters: int = 8) -> Sequential:
    """Two 3x3 'same' convolutions (``filters``, then twice as many), each followed by 2x2 max pooling,
    then one Dense layer of 10 scores. 8x8 -> 4x4 -> 2x2 pixels; the channels carry what was seen."""
    filters = positive_int("convnet_spec", "filters", filters)
    return Sequential([Input(digits.IMAGE_SHAPE),
                       Conv2D(filters, 3, padding="same", activation="relu"), MaxPooling2D(2),
                       Conv2D(2 * filters, 3, padding="same", activation="relu"), MaxPooling2D(2),
                       Flatten(), Dense(digits.CLASSES)])


def dense_spec(width: int) -> Sequential:
    """The 64 pixels in a line, one hidden layer of ``width`` ReLU neurons, then 10 scores."""
    width = positive_int("dense_spec", "width", width)
    return Sequential([Input(digits.IMAGE_SHAPE), Flatten(), Dense(width, activation="relu"),
                       Dense(digits.CLASSES)])


def matching_width(params: int) -> int:
    """The hidden width whose dense network has the parameter count nearest to ``params``.

    Its count is 64w + w (first layer) + 10w + 10 (output layer) = 75w + 10.
    """
    pixels, classes = math.prod(digits.IMAGE_SHAPE), digits.CLASSES
    per_neuron = pixels + 1 + classes
    return max(1, round((params - classes) / per_neuron))


@dataclass(frozen=True)
class Trained:
    """One trained model of the pair, with its history and its accuracy on shifted digits."""
    name: str
    model: ConvNet
    history: History
    shifted_accuracy: tuple[float, ...]   # validation accuracy with the digits moved 0, 1, ... MAX_SHIFT pixels
    seconds: float

    @property
    def summary(self) -> Summary:
        return self.model.summary()


@dataclass(frozen=True)
class BudgetRun:
    """The pair trained on ``n_train`` images, and what each can do."""
    n_train: int
    filters: int
    augment: bool
    dense: Trained
    convnet: Trained

    @property
    def models(self) -> tuple[Trained, Trained]:
        return self.dense, self.convnet


def budget_run(n_train: int = 500, filters: int = 8, augment: bool = False, epochs: int = EPOCHS,
               on_epoch: Callable[[str, int, int], None] | None = None) -> BudgetRun:
    """Train the dense network and the convnet of ``filters`` on the same ``n_train`` digits.

    ``on_epoch(model name, epoch, epochs)`` reports progress (the explorer's progress bar).
    """
    if filters not in FILTER_CHOICES:
        raise ValueError(f"{describe('budget_run', 'filters', filters)}: filters must be one of {FILTER_CHOICES}")
    epochs = positive_int("budget_run", "epochs", epochs)
    data = digits.split(n_train)
    conv = convnet_spec(filters)
    dense = dense_spec(matching_width(conv.count_params()))
    trained = [_train(name, spec, data, augment, epochs, on_epoch)
               for name, spec in (("dense", dense), ("convnet", conv))]
    return BudgetRun(n_train, filters, augment, *trained)


def _train(name: str, spec: Sequential, data: digits.Dataset, augment: bool, epochs: int,
           on_epoch: Callable[[str, int, int], None] | None) -> Trained:


    model = ConvNet(spec, seed=SEED)
    report = None if on_epoch is None else (lambda epoch, _model: on_epoch(name, epoch, epochs))
    start = time.perf_counter()
    history = fit(model, data, epochs=epochs, lr=LEARNING_RATE, batch_size=BATCH_SIZE, seed=SEED,
                  on_epoch=report, augment=digits.random_shifts if augment else None)
    seconds = time.perf_counter() - start
    return Trained(name, model, history, shifted_accuracies(model, data.X_val, data.y_val), seconds)


def shifted_accuracies(model: ConvNet, X: np.ndarray, y: np.ndarray, max_shift: int = MAX_SHIFT) -> tuple[float, ...]:
    """Accuracy on ``X`` moved right by 0, 1, ... ``max_shift`` pixels (the digits' ink partly leaves the frame)."""
    max_shift = non_negative_int("shifted_accuracies", "max_shift", max_shift)
    return tuple(float(np.mean(model.forward(digits.shift(X, right=k)).argmax(axis=1) == y))
                 for k in range(max_shift + 1))


OVERFITTING_GAP = 0.05
"""A model overfits here when its training accuracy is more than 5 points above its validation accuracy."""


def accuracy_gap(trained: Trained) -> float:
    """Training minus validation accuracy of the trained model: what it learned that does not carry over."""
    return trained.history.final_train_accuracy - trained.history.final_val_accuracy


def first_to_overfit(runs: list[BudgetRun], gap: float = OVERFITTING_GAP) -> str | None:
    """Going from the largest training set to the smallest, the model whose gap first passes ``gap``
    ("dense" or "convnet"), or None if they pass it at the same size or never."""
    for run in sorted(runs, key=lambda r: -r.n_train):
        over = [t.name for t in run.models if accuracy_gap(t) > gap]
        if over:
            return over[0] if len(over) == 1 else None
    return None
