"""One neuron as a classifier: it draws a straight line through the plane.

A 2-input neuron computes z = w1 x1 + w2 x2 + b and calls a point *positive* (class 1)
when its output a = f(z) reaches the activation's threshold. Each threshold below is
the output at z = 0, so "positive" always means z >= 0: the boundary between the two
answers is the straight line w1 x1 + w2 x2 + b = 0, whatever f is. That is why one
neuron can only separate what a line separates (AND, OR, NAND) and never XOR.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from . import activations, data
from ._validate import one_of, real_number

THRESHOLDS: dict[str, float] = {"step": 0.5, "sigmoid": 0.5, "tanh": 0.0, "linear": 0.0}
"""Positive when a >= threshold. Sigmoid and tanh give 0.5 and 0 at z = 0; the step jumps
from 0 to 1 at z = 0, so 0.5 (halfway) splits its two outputs. Every rule means z >= 0."""

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
