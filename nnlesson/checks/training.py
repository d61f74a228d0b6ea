"""Checks for lesson 05: a gradient by the chain rule, the width where parameters reach the data,
reading a verdict off the loss curves, and the epoch early stopping keeps.

Each check recomputes the truth with the package (the MLP's own backward pass, the counting engine's
parameter count, ``diagnose``, the History) and names the typical slip without the answer.
"""
from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np

from .._validate import describe, positive_int
from ..counting import mlp
from ..train import MLP, History, diagnose, layer_sizes_for, losses
from ..train.diagnose import VERDICTS, check_history
from .base import Feedback, integer_check, is_blank, numeric_check, right, unanswered, wrong


def _tiny_network(w1: float, b1: float, w2: float, b2: float) -> MLP:
    """x -> relu(w1 x + b1) -> w2 h + b2, as a package MLP with exactly these four numbers."""
    model = MLP([1, 1, 1], activation="relu", dtype="float64")
    model.set_state(np.array([w1, b1, w2, b2], dtype=float))
    return model


def chain_rule_gradient(answer: Any, x: float, y: float, w1: float, b1: float, w2: float, b2: float) -> Feedback:
    """Is ``answer`` dL/dw1 for L = (y_hat - y)^2 in the network x -> relu(w1 x + b1) -> w2 h + b2?"""
    model = _tiny_network(w1, b1, w2, b2)
    X, Y = np.array([[x]], dtype=float), np.array([y], dtype=float)
    mse = losses.MeanSquaredError()
    z = model.forward(X)
    truth = float(model.backward(mse.gradient(z, Y))[0][0, 0])
    y_hat = float(z[0, 0])
    slope = 1.0 if w1 * x + b1 > 0 else 0.0
    hints = [(truth / 2, "Close, but the derivative of (y_hat - y)^2 is 2 (y_hat - y): the 2 comes down."),
             (truth / x if x else math.inf, "You stopped one link short: z1 = w1 x + b1, so dz1/dw1 = x. "
                                          "Multiply by it."),
             (2 * (y_hat - y) * slope * x, "The path from w1 to the output goes through the second weight: "
                                           "dy_hat/dh = w2. Multiply by it."),
             (-truth, "The size is right, the sign is not: check the sign of (y_hat - y) and of w2.")]
    return numeric_check(answer, truth, hints,
                         fallback="Go link by link: dL/dy_hat, then dy_hat/dh = w2, then dh/dz1 = relu'(z1), "
                                  "then dz1/dw1 = x, and multiply the four.",
                         success=f"dL/dw1 = {truth:.4g}, the same number the network's backward pass gives.")


def _weights_only(n_inputs: int, hidden_layers: int, width: int) -> int:
    """The count a learner gets who forgets the biases: the same layers with ``use_bias=False``."""
    sizes = layer_sizes_for(n_inputs, hidden_layers, width, 1)
    return mlp(sizes, use_bias=False).count_params()


MOST_POINTS = 10 ** 12
"""The most training points ``width_for_points`` takes: a trillion, far past any exercise."""


def _smallest_width(count: Callable[[int], int], n_points: int) -> int:
    """The smallest width w >= 1 with ``count(w) >= n_points``: count grows with w, so double, then halve."""
    high = 1
    while count(high) < n_points:
        high *= 2
    low = high // 2                      # count(low) < n_points, or low is 0
    while high - low > 1:
        middle = (low + high) // 2
        if count(middle) >= n_points:
            high = middle
        else:
            low = middle
    return high


def width_for_points(answer: Any, n_inputs: int, n_points: int, hidden_layers: int = 1) -> Feedback:
    """Is ``answer`` the smallest width whose network has at least ``n_points`` parameters?

    The count comes from the counting engine, the same as the MLP's own ``n_params``, and the
    width is found in about 2·log2(width) counts, so a million points takes milliseconds.
    """
    owner = "width_for_points"
    n_inputs = positive_int(owner, "n_inputs", n_inputs)
    n_points = positive_int(owner, "n_points", n_points)
    if hidden_layers == 0:
        raise ValueError(f"{describe(owner, 'hidden_layers', hidden_layers)}: hidden_layers must be a positive "
                         "integer: with no hidden layer there is no width to choose")
    hidden_layers = positive_int(owner, "hidden_layers", hidden_layers)
    if n_points > MOST_POINTS:
        raise ValueError(f"{describe(owner, 'n_points', n_points)}: n_points must be at most {MOST_POINTS:,}")

    def params(width: int) -> int:
        return mlp(layer_sizes_for(n_inputs, hidden_layers, width, 1)).count_params()

    truth = _smallest_width(params, n_points)
    forgot_biases = _smallest_width(lambda width: _weights_only(n_inputs, hidden_layers, width), n_points)
    hints = [(forgot_biases, "You counted only the weights. Every hidden neuron and the output neuron also "
                             "has a bias."),
             (n_points - 1, "That makes the number of *neurons* reach the training points; the question is "
                            "about parameters (weights and biases)."),
             (n_points, "That makes the number of *neurons* pass the training points; the question is "
                        "about parameters (weights and biases).")]
    if truth > 1:
        hints.insert(0, (truth - 1, f"Nearly: at that width the network has {params(truth - 1)} parameters, "
                                    f"still fewer than {n_points}."))
    return integer_check(answer, truth, hints,
                         fallback="Write the parameter count as a formula in the width w (weights and biases "
                                  "of every layer), then find the smallest w that reaches the training points.",
                         success=f"Width {truth}: {params(truth)} parameters for {n_points} training points.")


def verdict(answer: Any, history: History) -> Feedback:
    """Is ``answer`` the verdict ("underfitting", "good fit", "overfitting"; or "not learning", "diverged") these
    loss curves show?"""
    check_history("checks.verdict", history)
    if is_blank(answer):
        return unanswered('"underfitting", "good fit" or "overfitting"')
    if not isinstance(answer, str) or answer.strip().lower() not in VERDICTS:
        return wrong(f"Answer with one of {', '.join(repr(c) for c in VERDICTS[:3])} (or, for a run that learned "
                     "nothing or blew up, 'not learning' or 'diverged').")
    truth = diagnose(history).verdict
    answer = answer.strip().lower()
    if answer == truth:
        return right(f"Yes: {diagnose(history).reason}.")
    look_at = {
        "overfitting": "Compare the two curves at the end: is the training loss far below the validation loss, "
                       "or did the validation curve turn upwards while the training loss kept falling?",
        "underfitting": "Look at the training loss on its own first: is it still high, near the baseline "
                        "(the loss of a network that learned nothing)?",
        "good fit": "A good fit has both losses low and close together. Are they?",
        "not learning": "A network that learns nothing ends with a training loss at or above the baseline. Is it "
                        "that high?",
        "diverged": "A diverged run is stopped with a message, its loss far above where it started. Was it?",
    }
    return wrong(f"Not what these curves say. {look_at[answer]}")


def kept_epoch(answer: Any, history: History, patience: int) -> Feedback:
    """Is ``answer`` the epoch whose weights the model holds after early stopping?"""
    truth = history.kept_epoch
    hints = [(history.stopped_epoch, "That is the epoch where training stopped. Early stopping then goes back: "
                                     "which weights does it restore?"),
             (truth + 1, "One too many: the history lists start with epoch 0, the untrained network, "
                         "so an entry's position is its epoch.")]
    return integer_check(answer, truth, hints,
                         fallback="Find the lowest point of history.val_loss: its position in the list is the "
                                  "epoch (entry 0 is the untrained network).",
                         success=f"Epoch {truth}: the lowest validation loss, {history.val_loss[truth]:.4f}; "
                                 f"training went on for {patience} more epochs without beating it.")
