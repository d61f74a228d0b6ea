"""Checks for lesson 02: activation values, the sigmoid's gradient bound, softmax, stacked layers.

Each check recomputes the truth with the package from the exercise's own numbers.
"""
from __future__ import annotations

import math
import numbers
from typing import Any, Sequence

import numpy as np

from .. import activations
from .._validate import describe, non_negative_int
from ..counting import mlp
from ..vanishing_gradient import sigmoid_bound
from .base import Feedback, integer_check, numeric_check


def activation_value(answer: Any, name: str, z: float, alpha: float | None = None) -> Feedback:
    """Is ``answer`` equal to f(z) for the activation ``name`` (with ``alpha`` for Leaky ReLU / ELU)?"""
    f = activations.get(name, alpha=alpha)
    truth = float(f(np.array([z]))[0])
    hints = [
        (float(activations.get("relu")(np.array([z]))[0]), "That is plain ReLU. The leaky version lets a "
                                                            "small part of a negative z through."),
        (z, f"That is z itself: {name} changes negative inputs."),
        (-truth, "The sign is off: for a negative z the output stays on the negative side."),
    ]
    return numeric_check(answer, truth, [(v, h) for v, h in hints if v != truth],
                         fallback=f"Look up the formula of {name} and put this z into it, step by step.",
                         success=f"{name}({z:g}) = {truth:.4g}.")


def gradient_bound(answer: Any, layers: int) -> Feedback:
    """Is ``answer`` the most ``layers`` sigmoid slopes can multiply a gradient by (0.25 per layer)?

    The lesson's point is the order of magnitude, so one significant figure (1e-6 for
    0.25 ** 10) is enough; more digits must be right too.
    """
    truth = sigmoid_bound(layers)
    slips = [
        (0.5 ** layers, "0.5 is the sigmoid's value at z = 0. The factor you need is its largest slope."),
        (0.25 * layers, "One factor per layer, and factors multiply: they do not add up."),
        (sigmoid_bound(layers + 1), "Count the layers again: one slope factor per layer."),
        (0.25 ** (layers - 1) if layers > 1 else math.nan, "Count the layers again: one slope factor per layer."),
        (0.25, "That is one layer's factor. The gradient passes through every layer."),
    ]
    return numeric_check(answer, truth, [(v, h) for v, h in slips if v != truth],
                         fallback="Find the largest slope of the sigmoid (at z = 0), then multiply one such factor "
                                  "per layer.",
                         success=f"At most {truth:.3g}: that is the most of the gradient the slopes of {layers} "
                                 "sigmoid layers can leave, and they leave far less where the sigmoid saturates. The "
                                 "weights multiply the gradient too, so a whole network can shrink it less or more "
                                 "than this.",
                         least=1, noise=0.0)


def softmax_probability(answer: Any, z: Sequence[float], index: int) -> Feedback:
    """Is ``answer`` the softmax probability of class ``index`` for the scores ``z``?"""
    owner = "softmax_probability"
    scores = np.asarray(z, dtype=float)
    if scores.ndim != 1 or len(scores) < 2:
        raise ValueError(f"{describe(owner, 'z', z)}: z must be a list of two or more scores, one per class")
    if isinstance(index, numbers.Integral) and not isinstance(index, bool) and not 0 <= index < len(scores):
        raise ValueError(f"{describe(owner, 'index', index)}: index must be a class number from 0 to "
                         f"{len(scores) - 1}, one per score in z")
    index = non_negative_int(owner, "index", index)
    z = scores
    p = activations.get("softmax")(z)
    truth = float(p[index])
    hints = [(float(z[index] / z.sum()), "Softmax uses exponentials: e^z_i, not z_i itself.")] if z.sum() else []
    hints += [
        (float(np.exp(z[index])), "That is e^z_i. Divide it by the sum of e^z_j over all classes."),
        (1.0 / len(z), "Every class gets the same share only when all scores are equal."),
    ]
    hints += [(float(q), "That is the probability of another class: check which score is class "
                          f"{index}.") for i, q in enumerate(p) if i != index]
    return numeric_check(answer, truth, hints,
                         fallback="Exponentiate every score, add them up, and divide the chosen one's "
                                  "exponential by that sum.",
                         success=f"p = {truth:.3f}; all {len(z)} probabilities add up to 1.")


def stacked_linear_params(answer: Any, sizes: Sequence[int]) -> Feedback:
    """Is ``answer`` the parameter count of dense layers of the given ``sizes`` (input size first)?"""
    sizes = list(sizes)
    truth = mlp(sizes).count_params()
    pairs = list(zip(sizes, sizes[1:]))
    hints = [
        (sum(a * b for a, b in pairs), "You counted the weights only: every neuron also has a bias."),
        ((sizes[0] + 1) * sizes[-1], "That is the single layer the stack collapses to. The stack itself "
                                     "stores every layer's weights and biases."),
        (sum(a * b for a, b in pairs) + 1, "Each neuron has its own bias, not one per network."),
    ]
    hints += [((a + 1) * b, "That is one layer. Add up every layer's count.") for a, b in pairs]
    return integer_check(answer, truth, [(v, h) for v, h in hints if v != truth],
                         fallback="Each layer has (inputs + 1) x outputs parameters; add the layers up.",
                         success=f"{truth} parameters, yet the stack computes no more than one linear layer.")
