"""Dead ReLUs: units whose weighted sum is never positive output 0 and learn nothing.

A ReLU unit passes z when z > 0 and outputs 0 otherwise; its slope is 1 or 0. A unit
whose pre-activation is <= 0 for *every* example is dead: its output is always 0 and
its gradient is always 0, so gradient descent can never bring it back. Two ways to get
there: biases that sit too low, and one too-large gradient step that shoves them down.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validate import positive_int, real_number


@dataclass(frozen=True)
class ReluLayer:
    """A batch of inputs X (examples x inputs) and one layer's weights W (inputs x units), biases b."""

    X: np.ndarray
    W: np.ndarray
    b: np.ndarray

    @property
    def n_units(self) -> int:
        return int(self.W.shape[1])

    @property
    def n_examples(self) -> int:
        return int(self.X.shape[0])

    def pre_activations(self, biases: np.ndarray) -> np.ndarray:
        """z = X W + b for every example (rows) and unit (columns)."""
        return self.X @ self.W + biases


def random_layer(n_inputs: int = 10, n_units: int = 64, n_examples: int = 128, seed: int = 0) -> ReluLayer:
    """Seeded standard-normal inputs, weights with variance 1 / n_inputs, biases 0."""
    n_inputs = positive_int("random_layer", "n_inputs", n_inputs)
    n_units = positive_int("random_layer", "n_units", n_units)
    n_examples = positive_int("random_layer", "n_examples", n_examples)
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_examples, n_inputs))
    W = rng.standard_normal((n_inputs, n_units)) / np.sqrt(n_inputs)
    return ReluLayer(X, W, np.zeros(n_units))


def dead_units(z: np.ndarray) -> np.ndarray:
    """One flag per unit (last axis of z): True when no example (rows) makes it positive."""
    return np.all(np.asarray(z) <= 0, axis=-2)


def bias_gradient(z: np.ndarray) -> np.ndarray:
    """dL/db for the loss L = mean over examples of the sum of the outputs.

    That loss stands in for "every output is too large". Its gradient for unit j is the
    share of examples where the unit is active (ReLU slope 1): a dead unit gets exactly 0.
    """
    return np.mean(np.asarray(z) > 0, axis=-2)


@dataclass(frozen=True)
class DeadReluReport:
    """The layer before and after one gradient step on its biases (shifted by ``shift`` first)."""

    shift: float
    learning_rate: float
    z_before: np.ndarray
    z_after: np.ndarray
    dead_before: np.ndarray
    dead_after: np.ndarray
    shifts: np.ndarray | None = None
    curve: np.ndarray | None = None
    """The dead fraction after the step for every bias shift in ``shifts``, when they were given."""

    @property
    def n_units(self) -> int:
        return int(len(self.dead_after))

    @property
    def dead(self) -> int:
        """Dead units after the step: the number the explorer reports."""
        return int(self.dead_after.sum())

    @property
    def dead_before_step(self) -> int:
        return int(self.dead_before.sum())

    @property
    def dead_fraction_before(self) -> float:
        return float(np.mean(self.dead_before))

    @property
    def dead_fraction(self) -> float:
        """The share of dead units after the step."""
        return float(np.mean(self.dead_after))

    @property
    def bias_step(self) -> float:
        """How far the step moved the biases, on average over the units."""
        return float(np.mean(self.z_after[0] - self.z_before[0]))


def _check(bias_shift: float, learning_rate: float) -> tuple[float, float]:
    bias_shift = real_number("dead_relu", "bias_shift", bias_shift)
    learning_rate = real_number("dead_relu", "learning_rate", learning_rate)
    if learning_rate < 0:
        raise ValueError(f"dead_relu(learning_rate={learning_rate!r}): learning_rate must be >= 0")
    return bias_shift, learning_rate


def dead_relu(layer: ReluLayer, bias_shift: float = 0.0, learning_rate: float = 0.0,
              shifts: np.ndarray | None = None) -> DeadReluReport:
    """Shift every bias by ``bias_shift``, then take one step b <- b - learning_rate * dL/db.

    With ``shifts``, the report also holds the dead fraction after the step for each of them.
    """
    bias_shift, learning_rate = _check(bias_shift, learning_rate)
    biases = layer.b + bias_shift
    z_before = layer.pre_activations(biases)
    z_after = layer.pre_activations(biases - learning_rate * bias_gradient(z_before))
    curve = None if shifts is None else dead_fraction_curve(layer, shifts, learning_rate)
    return DeadReluReport(bias_shift, learning_rate, z_before, z_after, dead_units(z_before), dead_units(z_after),
                          shifts, curve)


def dead_fraction_curve(layer: ReluLayer, shifts: np.ndarray, learning_rate: float = 0.0) -> np.ndarray:
    """The dead fraction after the step, for every bias shift in ``shifts`` at once."""
    _, learning_rate = _check(0.0, learning_rate)
    shifts = np.asarray(shifts, dtype=float)
    base = layer.pre_activations(layer.b)
    gradient = bias_gradient(base[None, :, :] + shifts[:, None, None])  # shift x unit
    # The step moves all of a unit's z by the same amount, so only its largest z decides.
    largest_after = base.max(axis=0)[None, :] + shifts[:, None] - learning_rate * gradient
    return np.mean(largest_after <= 0, axis=-1)
