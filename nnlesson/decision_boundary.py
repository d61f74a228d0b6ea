"""The decision-boundary explorer's math: one neuron draws a line; a hidden layer fixes XOR.

A 2-input neuron computes z = w1 x1 + w2 x2 + b and calls a point *positive* (class 1)
when its output a = f(z) reaches the activation's threshold. Each threshold below is
the output at z = 0, so "positive" always means z >= 0: the boundary between the two
answers is the straight line w1 x1 + w2 x2 + b = 0, whatever f is. That is why one
neuron can only separate what a line separates (AND, OR, NAND) and never XOR.

XOR is "OR but not AND". In ``XOR_NETWORK`` one hidden neuron computes OR, another NAND;
the output neuron fires only when both do. Each hidden neuron still draws a straight line,
but the output sees their answers as new features, and in those XOR is separable by a line.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from . import activations, data
from ._validate import one_of, real_number

CLASSIFIER_ACTIVATIONS: tuple[str, ...] = ("step", "sigmoid", "tanh", "linear")
"""What the one-neuron classifier offers: each rises through z = 0 (the step jumps there), so an
output past the threshold below always means z >= 0."""


def threshold(activation: str) -> float:
    """The output that splits the two answers: the middle of f's output range, or f(0) if it is unbounded.

    Sigmoid and the step give 0.5 (the step jumps from 0 to 1 at z = 0), tanh 0, linear f(0) = 0.
    """
    f = activations.get(activation)
    low, high = f.output_range
    if math.isinf(low) or math.isinf(high):
        return float(f(0.0))
    return (low + high) / 2


THRESHOLDS: dict[str, float] = {name: threshold(name) for name in CLASSIFIER_ACTIVATIONS}
"""Positive when a >= threshold, which for each of these activations means z >= 0."""

TOY_SETS: tuple[str, ...] = ("AND", "OR", "NAND", "XOR", "two blobs")
"""The point sets the decision-boundary explorer offers, in teaching order."""


def toy_set(name: str) -> tuple[np.ndarray, np.ndarray]:
    """Points X (one row each) and labels y (0 or 1): a logic gate's four corners or two blobs."""
    one_of("toy_set", "name", name, TOY_SETS)
    if name == "two blobs":
        blobs = data.blobs(n=40, noise=0.6, seed=0)
        return (np.concatenate([blobs.X_train, blobs.X_val]),
                np.concatenate([blobs.y_train, blobs.y_val]))
    return data.logic_gate(name)


@dataclass(frozen=True)
class Classification:
    """What a classifier said for every point: z, a = f(z), its class, and whether it is right."""

    z: np.ndarray
    a: np.ndarray
    predicted: np.ndarray
    target: np.ndarray
    threshold: float

    @property
    def correct(self) -> np.ndarray:
        return self.predicted == self.target

    @property
    def n_right(self) -> int:
        return int(np.sum(self.correct))

    @property
    def n_points(self) -> int:
        return int(len(self.target))


def decide(z: np.ndarray, y: np.ndarray, activation: str = "step") -> Classification:
    """Turn pre-activations z into classes: positive (1) where f(z) >= the threshold of f."""
    one_of("decide", "activation", activation, THRESHOLDS)
    z = np.asarray(z, dtype=float)
    a = activations.get(activation)(z)
    threshold = THRESHOLDS[activation]
    return Classification(z, a, (a >= threshold).astype(int), np.asarray(y).astype(int), threshold)


def classify(X: np.ndarray, y: np.ndarray, w: Sequence[float], b: float,
             activation: str = "step") -> Classification:
    """Classify every row of X with one neuron: z = X @ w + b, then ``decide``."""
    w = np.array([real_number("classify", "w", v) for v in w])
    b = real_number("classify", "b", b)
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != len(w):
        raise ValueError(f"classify(X=<shape {X.shape}>, w=<{len(w)} weights>): "
                         "X needs one column per weight")
    return decide(X @ w + b, y, activation)


def box_around(X: np.ndarray, margin: float = 0.5) -> tuple[float, float, float, float]:
    """A square view (x_min, x_max, y_min, y_max) that holds every point with room to spare."""
    low = float(np.floor((X.min() - margin) * 2) / 2)
    high = float(np.ceil((X.max() + margin) * 2) / 2)
    return low, high, low, high


def positive_region(w: Sequence[float], b: float,
                    box: tuple[float, float, float, float]) -> tuple[np.ndarray, np.ndarray | None]:
    """The part of ``box`` where w1 x1 + w2 x2 + b >= 0, and the boundary segment inside it.

    Returns the region as a polygon (k x 2 corners; empty when no point is positive) and the
    segment as a 2 x 2 array of end points, or None when the line misses the box, as it
    must when w1 = w2 = 0: then z = b everywhere and every point gets the same answer.
    """
    if len(w) != 2:
        raise ValueError(f"positive_region(w={list(w)!r}): w must hold two weights, one per input")
    w = np.array([real_number("positive_region", "w", v) for v in w])
    b = real_number("positive_region", "b", b)
    x0, x1, y0, y1 = box
    corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    side = corners @ w + b
    region, crossings = [], []
    for i in range(len(corners)):  # Sutherland-Hodgman clipping against one half-plane
        j = (i + 1) % len(corners)
        if side[i] >= 0:
            region.append(corners[i])
        if (side[i] >= 0) != (side[j] >= 0):
            t = side[i] / (side[i] - side[j])
            crossing = corners[i] + t * (corners[j] - corners[i])
            region.append(crossing)
            crossings.append(crossing)
    segment = np.array(crossings) if len(crossings) == 2 else None
    return np.array(region).reshape(-1, 2), segment


def line_equation(w1: float, w2: float, b: float) -> str:
    """The boundary solved for x2 (or x1), e.g. ``x2 = -1 x1 + 1.5``; says so when there is no line."""
    if w2 != 0:
        return f"x₂ = {-w1 / w2:.3g}·x₁ {'+' if -b / w2 >= 0 else '-'} {abs(b / w2):.3g}"
    if w1 != 0:
        return f"x₁ = {-b / w1:.3g} (a vertical line)"
    return "no line: with w₁ = w₂ = 0 every point has z = b"


@dataclass(frozen=True)
class NeuronLine:
    """One 2-input neuron on a toy set: its classification, and the line and region to draw."""

    data: str
    activation: str
    X: np.ndarray
    classification: Classification
    box: tuple[float, float, float, float]
    region: np.ndarray
    segment: np.ndarray | None
    line: str

    @property
    def n_right(self) -> int:
        return self.classification.n_right

    @property
    def n_points(self) -> int:
        return self.classification.n_points

    @property
    def threshold(self) -> float:
        return self.classification.threshold

    @property
    def has_line(self) -> bool:
        """False when w1 = w2 = 0 (no line at all) or the line misses the view."""
        return self.segment is not None

    @property
    def params(self) -> int:
        """Two weights and a bias."""
        return self.X.shape[1] + 1

    @property
    def neurons(self) -> int:
        return 1


def neuron_line(data: str, w1: float, w2: float, b: float, activation: str = "step") -> NeuronLine:
    """Classify the toy set ``data`` with one neuron and find its boundary inside a view of the points."""
    X, y = toy_set(data)
    result = classify(X, y, (w1, w2), b, activation)
    box = box_around(X)
    region, segment = positive_region((w1, w2), b, box)
    return NeuronLine(data, activation, X, result, box, region, segment, line_equation(w1, w2, b))


@dataclass(frozen=True)
class TwoLayerNetwork:
    """2 inputs -> hidden neurons -> 1 output neuron, every neuron with the same activation."""

    hidden_weights: np.ndarray   # (2, n_hidden): column j holds hidden neuron j's weights
    hidden_biases: np.ndarray    # (n_hidden,)
    output_weights: np.ndarray   # (n_hidden,)
    output_bias: float
    hidden_names: tuple[str, ...]
    activation: str = "step"

    @property
    def n_hidden(self) -> int:
        return len(self.hidden_biases)

    @property
    def n_params(self) -> int:
        """(2 inputs + 1 bias) per hidden neuron, (n_hidden + 1) for the output neuron."""
        return (2 + 1) * self.n_hidden + (self.n_hidden + 1)

    @property
    def n_neurons(self) -> int:
        """Neurons that compute: the hidden ones and the output (the inputs only hold data)."""
        return self.n_hidden + 1

    def hidden(self, X: np.ndarray) -> Classification:
        """Each hidden neuron's answer for every point (one column per hidden neuron)."""
        z = np.asarray(X, dtype=float) @ self.hidden_weights + self.hidden_biases
        return decide(z, np.zeros(z.shape, dtype=int), self.activation)

    def classify(self, X: np.ndarray, y: np.ndarray) -> Classification:
        """The output neuron's class for every point, fed the hidden neurons' outputs."""
        h = self.hidden(X).a
        return decide(h @ self.output_weights + self.output_bias, y, self.activation)


XOR_NETWORK = TwoLayerNetwork(
    hidden_weights=np.array([[1.0, -1.0], [1.0, -1.0]]),
    hidden_biases=np.array([-0.5, 1.5]),
    output_weights=np.array([1.0, 1.0]),
    output_bias=-1.5,
    hidden_names=("OR", "NAND"),
)
"""h1 = step(x1 + x2 - 0.5) is OR, h2 = step(-x1 - x2 + 1.5) is NAND, out = step(h1 + h2 - 1.5) is AND."""
