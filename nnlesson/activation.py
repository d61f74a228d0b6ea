"""The activation explorer's math: an activation over a stretch of z, its slopes, the numbers to read off.

(The activations themselves are in the catalogue, ``activations.py``.)

The slope f'(z) is what a gradient is multiplied by when it passes back through f, so
"largest slope over the range" says how much of a gradient f can let through at best:
0.25 for the sigmoid, 1 for tanh and ReLU, 0 everywhere for the step.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from . import activations
from ._validate import positive_int, real_number

CURVE_ACTIVATIONS: tuple[str, ...] = activations.names(elementwise=True)
"""Softmax acts on a whole vector of scores, not on one z, so it has no curve of its own."""


@dataclass(frozen=True)
class Curve:
    """f and f' sampled on a grid of z, with the extremes over that grid."""

    name: str
    z: np.ndarray
    value: np.ndarray
    slope: np.ndarray

    @property
    def output_min(self) -> float:
        return float(np.min(self.value))

    @property
    def output_max(self) -> float:
        return float(np.max(self.value))

    @property
    def max_slope(self) -> float:
        """The largest f'(z) on the grid."""
        return float(np.max(self.slope))

    @property
    def max_slope_at(self) -> float:
        """Where on the grid the slope is largest (the first such z)."""
        return float(self.z[int(np.argmax(self.slope))])


def curve(f: activations.Activation, low: float, high: float, points: int = 401) -> Curve:
    """Sample f and f' at ``points`` evenly spaced z from ``low`` to ``high``."""
    low, high = real_number("curve", "low", low), real_number("curve", "high", high)
    if not low < high:
        raise ValueError(f"curve(low={low:g}, high={high:g}): low must be smaller than high")
    points = positive_int("curve", "points", points)
    if f.name not in CURVE_ACTIVATIONS:
        raise ValueError(f"curve(f={f.name!r}): {f.name} acts on a vector of scores, not on one z")
    z = np.linspace(low, high, points)
    return Curve(f.name, z, f(z), f.slope(z))


def at(f: activations.Activation, z: float) -> tuple[float, float]:
    """f(z) and f'(z) at a single z."""
    z = np.array([real_number("at", "z", z)])
    return float(f(z)[0]), float(f.slope(z)[0])


@dataclass(frozen=True)
class Reading:
    """One activation over the range, and its value and slope at the chosen z."""

    curve: Curve
    output_range: tuple[float, float]
    value: float
    slope: float


@dataclass(frozen=True)
class Comparison:
    """Several activations over the same z range, each read off at the same z."""

    low: float
    high: float
    z: float
    readings: dict[str, Reading]

    @property
    def shown(self) -> tuple[str, ...]:
        return tuple(self.readings)

    @property
    def curves(self) -> list[Curve]:
        return [reading.curve for reading in self.readings.values()]


def compare(names: Sequence[str], low: float, high: float, z: float, leaky_slope: float = 0.01,
            elu_alpha: float = 1.0) -> Comparison:
    """Sample each named activation from ``low`` to ``high`` and read it at ``z``.

    ``leaky_slope`` is the Leaky ReLU's negative slope and ``elu_alpha`` the ELU's alpha.
    """
    if not names:
        raise ValueError("compare(names=[]): give at least one activation name")
    alphas = {"leaky_relu": leaky_slope, "elu": elu_alpha}
    readings = {}
    for name in names:
        f = activations.get(name, alpha=alphas.get(name))
        value, slope = at(f, z)
        readings[name] = Reading(curve(f, low, high), f.output_range, value, slope)
    return Comparison(low, high, z, readings)
