"""Losses: how far the network's outputs are from the targets, and which way to move them.

Each loss takes the output layer's raw values z (the "logits") and the targets y and gives

* ``output(z)``: the prediction (a number, a probability, or one probability per class);
* ``value(z, y)``: the loss averaged over the examples;
* ``gradient(z, y)``: dL/dz, where backpropagation starts.

Sigmoid and softmax are folded into their cross-entropies: the combined gradient is just
``prediction - target``, and computing it from z never takes the log of 0.
"""
from __future__ import annotations

import numpy as np

from .._validate import describe, one_of
from ..activations import sigmoid, softmax


class MeanSquaredError:
    """Regression: L = mean((z - y)^2) with one linear output; dL/dz = 2 (z - y) / n."""

    name = "mse"
    n_outputs = 1

    def output(self, z: np.ndarray) -> np.ndarray:
        return z[:, 0]

    def value(self, z: np.ndarray, y: np.ndarray) -> float:
        return _mean((z[:, 0] - y) ** 2)

    def gradient(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        return (2.0 / len(y)) * (z - y[:, None].astype(z.dtype, copy=False))

    def baseline(self, y: np.ndarray) -> float:
        """The loss of always predicting the mean of y: a model that learned nothing."""
        return float(np.var(y))

    def accuracy(self, z: np.ndarray, y: np.ndarray) -> float | None:
        return None  # regression has no accuracy


class BinaryCrossEntropy:
    """Two classes: p = sigmoid(z) is P(class 1); L = -mean(y log p + (1 - y) log(1 - p)).

    Written from z as ``log(1 + e^z) - y z``, which is the same number and never overflows;
    dL/dz = (p - y) / n.
    """

    name = "binary cross-entropy"
    n_outputs = 1

    def output(self, z: np.ndarray) -> np.ndarray:
        return sigmoid(z[:, 0])

    def value(self, z: np.ndarray, y: np.ndarray) -> float:
        return _mean(np.logaddexp(0.0, z[:, 0]) - y * z[:, 0])

    def gradient(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        return (sigmoid(z) - y[:, None].astype(z.dtype, copy=False)) / len(y)

    def baseline(self, y: np.ndarray) -> float:
        return _entropy(np.bincount(y, minlength=2))

    def accuracy(self, z: np.ndarray, y: np.ndarray) -> float:
        return _mean((z[:, 0] > 0) == y)


class SoftmaxCrossEntropy:
    """K classes: p = softmax(z); L = -mean(log p[true class]); dL/dz = (p - one_hot(y)) / n."""

    name = "cross-entropy"

    def __init__(self, n_classes: int):
        self.n_outputs = n_classes

    def output(self, z: np.ndarray) -> np.ndarray:
        return softmax(z)

    def value(self, z: np.ndarray, y: np.ndarray) -> float:
        shift = z.max(axis=1)
        log_sum = shift + np.log(np.exp(z - shift[:, None]).sum(axis=1))
        return _mean(log_sum - z[np.arange(len(y)), y])

    def gradient(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        p = softmax(z)
        p[np.arange(len(y)), y] -= 1.0
        return p / len(y)

    def baseline(self, y: np.ndarray) -> float:
        return _entropy(np.bincount(y, minlength=self.n_outputs))

    def accuracy(self, z: np.ndarray, y: np.ndarray) -> float:
        return _mean(np.argmax(z, axis=1) == y)


def _mean(values: np.ndarray) -> float:
    """``np.mean`` of a 1-D array, to the last bit (pairwise sum, divided as NumPy divides), at a fifth
    of its overhead: the loop measures four means an epoch, and for small networks that adds up."""
    if values.dtype == bool:  # a share of hits: count them (NumPy's add of booleans is a logical or)
        return np.count_nonzero(values) / len(values)
    total = np.add.reduce(values)
    return float(total.dtype.type(total / np.intp(len(values))))


def _entropy(counts: np.ndarray) -> float:
    """Cross-entropy of always predicting the class frequencies (ln 2 for two equal classes)."""
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log(p)).sum())


Loss = MeanSquaredError | BinaryCrossEntropy | SoftmaxCrossEntropy


def for_task(task: str, n_classes: int = 0) -> Loss:
    """The usual loss for a task: MSE for regression, sigmoid or softmax cross-entropy for classes."""
    one_of("losses.for_task", "task", task, ("regression", "classification"))
    if task == "regression":
        return MeanSquaredError()
    if n_classes < 2:
        raise ValueError(f"{describe('losses.for_task', 'n_classes', n_classes)}: "
                         "classification needs at least 2 classes")
    return BinaryCrossEntropy() if n_classes == 2 else SoftmaxCrossEntropy(n_classes)
