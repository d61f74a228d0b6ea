"""The vanishing-gradient explorer's math: a deep stack of dense layers, and a gradient shrinking
or growing on its way back.

Forward: h_0 = x, z_l = h_{l-1} W_l, h_l = f(z_l) for l = 1..L (biases start at 0).
Backward, starting from a unit gradient dL/dh_L = 1:

    delta_l = dL/dz_l = (dL/dh_l) * f'(z_l),      dL/dh_{l-1} = delta_l W_l^T

Each layer multiplies the gradient by a slope f'(z) and by the weights. When that
per-layer factor is below 1 the gradient reaching layer 1 vanishes like factor^L;
above 1 it explodes. Initialisation sets the weights' size to keep the factor near 1.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import activations
from ._validate import one_of, positive_int

INITIALISATIONS: tuple[str, ...] = ("naive", "xavier", "he")
"""naive: w ~ N(0, 1). Xavier/Glorot: variance 2 / (fan_in + fan_out). He: variance 2 / fan_in."""

DEEP_ACTIVATIONS: tuple[str, ...] = activations.names(trainable=True)
"""Activations offered for deep stacks: the ones a network can be trained with (cheap on a whole batch)."""

VANISHED, EXPLODED = 1e-3, 1e3
"""Below or above these ratios (first layer / last layer) the gradient is called vanished or exploded."""

MAX_DEPTH = 50
MAX_WIDTH = 64
"""Wider layers make the matrix products big enough for BLAS to start threads, which stalls on a busy machine."""


def init_std(scheme: str, fan_in: int, fan_out: int) -> float:
    """Standard deviation of the normal distribution the weights are drawn from."""
    one_of("init_std", "scheme", scheme, INITIALISATIONS)
    fan_in = positive_int("init_std", "fan_in", fan_in)
    fan_out = positive_int("init_std", "fan_out", fan_out)
    if scheme == "xavier":
        return math.sqrt(2.0 / (fan_in + fan_out))
    if scheme == "he":
        return math.sqrt(2.0 / fan_in)
    return 1.0


@dataclass(frozen=True)
class GradientFlow:
    """Sizes (root mean square over batch and units) layer by layer, layer 1 first."""

    activation: str
    init: str
    width: int
    gradient: np.ndarray         # |dL/dz_l|: the gradient arriving at layer l's sums
    activation_size: np.ndarray  # |h_l|: the size of layer l's outputs on the way forward

    @property
    def depth(self) -> int:
        return len(self.gradient)

    @property
    def first(self) -> float:
        return float(self.gradient[0])

    @property
    def last(self) -> float:
        return float(self.gradient[-1])

    @property
    def ratio(self) -> float:
        """How much of the last layer's gradient is left at the first layer."""
        return self.first / self.last if self.last > 0 else math.inf

    @property
    def verdict(self) -> str:
        """'vanishes', 'explodes' or 'stays usable', from the first-to-last ratio."""
        if self.ratio < VANISHED:
            return "vanishes"
        if self.ratio > EXPLODED:
            return "explodes"
        return "stays usable"

    @property
    def per_layer_factor(self) -> float:
        """The average factor one layer applies: ratio ** (1 / (depth - 1))."""
        if self.depth < 2:
            return 1.0
        return self.ratio ** (1.0 / (self.depth - 1))


def _rms(values: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(values))))


@lru_cache(maxsize=8)
def _draws(seed: int, batch: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """A seeded input batch and MAX_DEPTH standard-normal weight matrices, cached for slider speed."""
    rng = np.random.default_rng(seed)
    inputs = rng.standard_normal((batch, width))
    inputs.flags.writeable = False
    weights = rng.standard_normal((MAX_DEPTH, width, width))
    weights.flags.writeable = False
    return inputs, weights


def gradient_flow(depth: int, width: int = 16, activation: str = "sigmoid", init: str = "naive",
                  batch: int = 32, seed: int = 0) -> GradientFlow:
    """Forward a seeded batch through ``depth`` square layers, backpropagate a unit gradient.

    Layer l's weights come from the same random draws whatever the scheme and the depth (only
    their scale differs), so switching the initialisation changes nothing but the weights' size.
    """
    depth = positive_int("gradient_flow", "depth", depth)
    width = positive_int("gradient_flow", "width", width)
    batch = positive_int("gradient_flow", "batch", batch)
    if depth > MAX_DEPTH:
        raise ValueError(f"gradient_flow(depth={depth}): depth must be at most {MAX_DEPTH}")
    if width > MAX_WIDTH:
        raise ValueError(f"gradient_flow(width={width}): width must be at most {MAX_WIDTH}")
    one_of("gradient_flow", "activation", activation, DEEP_ACTIVATIONS)
    f = activations.get(activation)
    std = init_std(init, width, width)
    h, draws = _draws(seed, batch, width)
    weights, sums, sizes = [], [], []
    for layer in range(depth):
        W = std * draws[layer]
        z = h @ W
        h = f(z)
        weights.append(W)
        sums.append(z)
        sizes.append(_rms(h))
    grad_h = np.ones_like(h)
    gradient = np.empty(depth)
    for layer in reversed(range(depth)):
        delta = grad_h * f.slope(sums[layer])
        gradient[layer] = _rms(delta)
        grad_h = delta @ weights[layer].T
    return GradientFlow(activation, init, width, gradient, np.array(sizes))


def sigmoid_bound(layers: int) -> float:
    """The most L sigmoid layers can scale a gradient by through their slopes alone: 0.25 ** L."""
    layers = positive_int("sigmoid_bound", "layers", layers)
    return float(np.max(activations.get("sigmoid").slope(0.0))) ** layers
