"""The activation catalogue: every activation with its formula, derivative and output range.

An activation adds no parameters; it only bends the neuron's weighted sum z into
its output a = f(z). Without one, any stack of layers collapses into one linear map.
Every module that offers or checks an activation asks this catalogue (``names``), so a
new entry here shows up in the layers, the explorers and the trainer at once.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._validate import one_of, real_number

Array = np.ndarray


@dataclass(frozen=True)
class Activation:
    """A named activation f with its derivative f', output range and LaTeX formula."""

    name: str
    function: Callable[[Array], Array]
    derivative: Callable[[Array], Array]
    output_range: tuple[float, float]
    latex: str
    note: str = ""
    slope_latex: str = ""
    """The derivative f'(z), written out for the lesson's table."""
    elementwise: bool = True
    """False for softmax, which acts on a whole vector of scores at once."""
    trainable: bool = True
    """Offered for hidden layers the NumPy trainer fits: a useful slope, cheap on a whole batch."""
    init_gain: float = 1.0
    """Weights start with variance init_gain / fan_in: 2 (He) for the ReLU family, which zeroes about
    half its inputs, 1 (LeCun) for the rest."""

    def __call__(self, z) -> Array:
        return self.function(np.asarray(z, dtype=float))

    def slope(self, z) -> Array:
        """f'(z), the factor by which this activation scales a gradient passing back."""
        return self.derivative(np.asarray(z, dtype=float))


def sigmoid(z: Array) -> Array:
    """1 / (1 + e^-z), computed as (1 + tanh(z/2)) / 2: the same curve, with no e^z to overflow.

    The trainer's losses use this one too, so the training numbers in lesson 05 come from it.
    """
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _hard_sigmoid(z: Array) -> Array:
    """relu6(z + 3) / 6: 0 up to z = -3, a straight line through (0, 1/2), 1 from z = 3."""
    return np.clip(z / 6.0 + 0.5, 0.0, 1.0)


_erf = np.vectorize(math.erf, otypes=[float])


def _normal_cdf(z: Array) -> Array:
    return 0.5 * (1.0 + _erf(z / math.sqrt(2.0)))


def _normal_pdf(z: Array) -> Array:
    return np.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)


def softmax(z: Array) -> Array:
    """e^z_i / sum_j e^z_j over the last axis; the largest score is subtracted first, so e^z never overflows."""
    shifted = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return shifted / np.sum(shifted, axis=-1, keepdims=True)


def _softmax_jacobian(z: Array) -> Array:
    """d softmax_i / d z_j = s_i (delta_ij - s_j): a matrix, since every output depends on every input."""
    s = softmax(z)
    return np.diag(s) - np.outer(s, s)


def leaky_relu(alpha: float = 0.01) -> Activation:
    """Leaky ReLU with negative slope ``alpha`` (PyTorch's default 0.01; Keras 3 uses 0.2)."""
    alpha = real_number("leaky_relu", "alpha", alpha)
    return Activation(
        "leaky_relu",
        lambda z: np.where(z > 0, z, alpha * z),
        lambda z: np.where(z > 0, 1.0, alpha),
        (-math.inf, math.inf) if alpha > 0 else (0.0, math.inf),
        r"f(z) = \max(\alpha z, z)",
        f"alpha = {alpha:g}: a small slope keeps negative units learning",
        slope_latex=r"1 \text{ if } z > 0 \text{ else } \alpha",
        init_gain=2.0,
    )


def elu(alpha: float = 1.0) -> Activation:
    """ELU: identity for z > 0, a smooth exponential that levels off at -alpha below."""
    alpha = real_number("elu", "alpha", alpha)
    if alpha < 0:
        raise ValueError(f"elu(alpha={alpha!r}): alpha must be >= 0")
    return Activation(
        "elu",
        lambda z: np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0))),
        lambda z: np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0))),
        (-alpha, math.inf),
        r"f(z) = z \text{ if } z > 0 \text{ else } \alpha (e^z - 1)",
        f"alpha = {alpha:g}: outputs down to -alpha keep the mean near zero",
        slope_latex=r"1 \text{ if } z > 0 \text{ else } \alpha e^{z}",
        init_gain=2.0,
    )


def _catalogue() -> dict[str, Activation]:
    inf = math.inf
    entries = [
        Activation("linear", lambda z: z.copy(), np.ones_like, (-inf, inf), r"f(z) = z",
                   "no bend at all: stacked linear layers stay one linear map", slope_latex=r"1"),
        Activation("step", lambda z: np.where(z >= 0, 1.0, 0.0), np.zeros_like, (0.0, 1.0),
                   r"f(z) = 1 \text{ if } z \ge 0 \text{ else } 0",
                   "the perceptron's all-or-nothing output; its slope is 0, so it cannot be trained by gradients",
                   slope_latex=r"0 \text{ (undefined at } z = 0)", trainable=False),
        Activation("sigmoid", sigmoid, lambda z: sigmoid(z) * (1.0 - sigmoid(z)), (0.0, 1.0),
                   r"f(z) = \frac{1}{1 + e^{-z}}", "squashes to (0, 1); its slope is at most 0.25",
                   slope_latex=r"f(z)\,(1 - f(z))"),
        Activation("hard_sigmoid", _hard_sigmoid, lambda z: np.where(np.abs(z) < 3, 1.0 / 6.0, 0.0), (0.0, 1.0),
                   r"f(z) = \min(\max(0, z/6 + 1/2), 1)",
                   "the sigmoid made of three straight pieces (0 below -3, 1 above 3): cheap on phones",
                   slope_latex=r"\tfrac{1}{6} \text{ if } |z| < 3 \text{ else } 0"),
        Activation("tanh", np.tanh, lambda z: 1.0 - np.tanh(z) ** 2, (-1.0, 1.0), r"f(z) = \tanh(z)",
                   "zero-centred version of the sigmoid; slope at most 1", slope_latex=r"1 - f(z)^2"),
        Activation("relu", lambda z: np.maximum(z, 0.0), lambda z: np.where(z > 0, 1.0, 0.0), (0.0, inf),
                   r"f(z) = \max(0, z)", "cheap and does not saturate for z > 0; a unit stuck at z < 0 is dead",
                   slope_latex=r"1 \text{ if } z > 0 \text{ else } 0", init_gain=2.0),
        Activation("relu6", lambda z: np.clip(z, 0.0, 6.0), lambda z: np.where((z > 0) & (z < 6), 1.0, 0.0),
                   (0.0, 6.0), r"f(z) = \min(\max(0, z), 6)",
                   "ReLU capped at 6, as in MobileNet: outputs stay small enough for low-precision arithmetic",
                   slope_latex=r"1 \text{ if } 0 < z < 6 \text{ else } 0", init_gain=2.0),
        leaky_relu(),
        elu(),
        Activation("gelu", lambda z: z * _normal_cdf(z), lambda z: _normal_cdf(z) + z * _normal_pdf(z),
                   (-0.17, inf), r"f(z) = z \, \Phi(z)",
                   "smooth ReLU used in transformers; dips to about -0.17 near z = -0.75",
                   slope_latex=r"\Phi(z) + z\,\varphi(z)",
                   trainable=False),  # correct, but its erf is too slow in NumPy for live training
        Activation("silu", lambda z: z * sigmoid(z), lambda z: sigmoid(z) * (1.0 + z * (1.0 - sigmoid(z))),
                   (-0.28, inf), r"f(z) = z \, \sigma(z)", "also called Swish; dips to about -0.28 near z = -1.28",
                   slope_latex=r"\sigma(z)\,\big(1 + z\,(1 - \sigma(z))\big)", init_gain=2.0),
        Activation("hard_silu", lambda z: z * _hard_sigmoid(z),
                   lambda z: np.where(z < -3, 0.0, np.where(z > 3, 1.0, (2.0 * z + 3.0) / 6.0)), (-0.375, inf),
                   r"f(z) = z \, \min(\max(0, z/6 + 1/2), 1)",
                   "hard swish, MobileNetV3's SiLU with a hard sigmoid; dips to -0.375 at z = -1.5",
                   slope_latex=r"0 \text{ if } z < -3, \; 1 \text{ if } z > 3, \text{ else } (2z + 3)/6",
                   init_gain=2.0),
        Activation("softplus", lambda z: np.logaddexp(0.0, z), sigmoid, (0.0, inf), r"f(z) = \ln(1 + e^z)",
                   "a smooth ReLU that is never exactly zero", slope_latex=r"\sigma(z)", init_gain=2.0),
        Activation("softmax", softmax, _softmax_jacobian, (0.0, 1.0), r"f(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}",
                   "acts on a whole vector: outputs are positive and sum to 1 (class probabilities)",
                   slope_latex=r"s_i\,(\delta_{ij} - s_j)", elementwise=False, trainable=False),
    ]
    return {a.name: a for a in entries}


_CATALOGUE = _catalogue()
NAMES: tuple[str, ...] = tuple(_CATALOGUE)
"""Every activation name the package knows, in teaching order."""


def names(*, elementwise: bool | None = None, trainable: bool | None = None) -> tuple[str, ...]:
    """Catalogue names in teaching order, keeping those whose flags match the ones given.

    ``names(elementwise=True)`` are the activations with a curve of their own (all but softmax);
    ``names(trainable=True)`` the ones the NumPy trainer offers for hidden layers.
    """
    return tuple(a.name for a in _CATALOGUE.values()
                 if elementwise in (None, a.elementwise) and trainable in (None, a.trainable))


def get(name: str, *, alpha: float | None = None) -> Activation:
    """Look up an activation by name; ``alpha`` sets the Leaky ReLU slope or the ELU alpha."""
    one_of("activations.get", "name", name, NAMES)
    if alpha is None:
        return _CATALOGUE[name]
    if name == "leaky_relu":
        return leaky_relu(alpha)
    if name == "elu":
        return elu(alpha)
    raise ValueError(f"activations.get(name={name!r}, alpha={alpha!r}): "
                     "alpha applies only to 'leaky_relu' and 'elu'")
