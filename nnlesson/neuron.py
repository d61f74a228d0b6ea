"""One artificial neuron: a = f(sum_i w_i x_i + b), kept step by step.

Keeping every intermediate (each term w_i x_i, the sum, the bias) is the point:
a step-by-step sum is how you catch an arithmetic slip in a worked example.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from . import activations
from ._validate import one_of, real_number


@dataclass(frozen=True)
class NeuronResult:
    """Everything one neuron computed for one input: terms, z and a."""

    x: tuple[float, ...]
    w: tuple[float, ...]
    b: float
    activation: str
    terms: tuple[float, ...]
    weighted_sum: float
    z: float
    a: float

    @property
    def params(self) -> int:
        """n weights plus one bias."""
        return len(self.w) + 1

    @property
    def neurons(self) -> int:
        """One: this is a single neuron."""
        return 1

    def steps(self) -> str:
        """The computation written out, e.g. ``0.2*1 + 0.5*2 + 0.3*3 + 0.1 = 2.2``."""
        products = " + ".join(f"{wi:g}*{xi:g}" for wi, xi in zip(self.w, self.x))
        terms = " + ".join(f"{t:g}" for t in self.terms)
        return (f"z = {products} + {self.b:g}\n"
                f"  = {terms} + {self.b:g}\n"
                f"  = {self.z:.6g}\n"
                f"a = {self.activation}(z) = {self.a:.6g}")


def _vector(arg: str, values: Sequence[float]) -> tuple[float, ...]:
    if np.ndim(values) != 1:
        raise ValueError(f"neuron({arg}={values!r}): {arg} must be a flat list of numbers")
    return tuple(real_number("neuron", arg, v) for v in np.asarray(values).tolist())


def neuron(x: Sequence[float], w: Sequence[float], b: float, activation: str = "linear",
           alpha: float | None = None) -> NeuronResult:
    """Compute one neuron's output and keep each intermediate step.

    ``alpha`` is the slope of ``leaky_relu`` or the alpha of ``elu``; other activations ignore it.
    """
    x, w = _vector("x", x), _vector("w", w)
    if len(x) != len(w):
        raise ValueError(f"neuron(x=<{len(x)} inputs>, w=<{len(w)} weights>): "
                         "x and w must have the same length, one weight per input")
    if len(x) == 0:
        raise ValueError("neuron(x=[]): a neuron needs at least one input")
    b = real_number("neuron", "b", b)
    one_of("neuron", "activation", activation, activations.NAMES)
    if activation not in ("leaky_relu", "elu"):
        alpha = None
    f = activations.get(activation, alpha=alpha)
    terms = tuple(float(t) for t in np.multiply(w, x))
    weighted_sum = float(np.sum(terms))
    z = weighted_sum + b
    a = float(f(np.array([z]))[0])
    return NeuronResult(x, w, b, activation, terms, weighted_sum, z, a)
