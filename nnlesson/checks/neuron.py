"""Checks for lesson 01: one neuron's output, its parameter count, and a gate it can learn.

Each check recomputes the truth with the package from the exercise's own numbers and
names the typical slip: forgot the bias, forgot the activation, a sign, weights only.
"""
from __future__ import annotations

from typing import Any, Sequence

from ..data import logic_gate
from ..counting import mlp
from ..decision_boundary import classify
from ..neuron import neuron
from .base import (TOO_LARGE, Feedback, as_number, integer_check, is_blank, is_real, normalise, numeric_check, right,
                   unanswered, wrong)


def neuron_output(answer: Any, x: Sequence[float], w: Sequence[float], b: float,
                  activation: str = "linear", alpha: float | None = None) -> Feedback:
    """Is ``answer`` the output a = f(w . x + b) of this neuron?"""
    r = neuron(x, w, b, activation, alpha)

    def f(z: float) -> float:  # the same activation on one number: a neuron with weight 1 and no bias
        return neuron([z], [1.0], 0.0, activation, alpha).a

    hints = [
        (f(r.weighted_sum), "Close: you left out the bias. Add b to the weighted sum before the activation."),
        (f(r.weighted_sum - r.b), "The bias is added to the weighted sum, not subtracted."),
        (-r.a, "The size is right but the sign is not: check the sign of each product w_i*x_i."),
        (f(sum(r.x) + sum(r.w) + r.b), "Multiply each input by its weight; do not add inputs and weights."),
    ]
    if r.a != r.z:
        hints.insert(0, (r.z, f"That is z, the weighted sum plus bias. The neuron's output is {activation}(z): "
                              "apply the activation as the last step."))
    return numeric_check(answer, r.a, hints,
                         fallback="Not this one. Write out each product w_i*x_i, add them one at a time, "
                                  f"add b, then apply {activation}.",
                         success=f"z = {r.z:.4g}, so a = {activation}(z) = {r.a:.4g}.")


def parameter_count(answer: Any, n_inputs: int, n_neurons: int = 1) -> Feedback:
    """Is ``answer`` the number of parameters of ``n_neurons`` neurons that each see ``n_inputs`` inputs?"""
    truth = mlp([n_inputs, n_neurons]).count_params()
    hints = [
        (n_inputs * n_neurons, "You counted the weights. Every neuron also has a bias, and a bias is a "
                               "parameter too."),
        (n_inputs * n_neurons + 1, "Each neuron has its own bias, not one bias for the whole layer."),
        (n_neurons, "That is the number of neurons. Parameters are the weights and biases inside them."),
        (n_inputs + 1, "That is one neuron's count. Every neuron in the layer has its own weights and bias."),
    ]
    hints = [(value, hint) for value, hint in hints if value != truth]
    return integer_check(answer, truth, hints,
                         fallback="Count per neuron: one weight per input plus one bias; then multiply by "
                                  "the number of neurons.",
                         success=f"{n_neurons} neuron(s) x ({n_inputs} weights + 1 bias) = {truth:,} parameters.")


def gate_weights(answer: Any, gate: str) -> Feedback:
    """Do the weights ``answer = (w1, w2, b)`` make a step neuron compute ``gate`` on all four corners?"""
    if is_blank(answer):
        return unanswered("three numbers (w1, w2, b)")
    answer = normalise(answer)
    if isinstance(answer, (tuple, list)) and len(answer) == 3:
        answer = [normalise(value) for value in answer]
    if not isinstance(answer, (tuple, list)) or len(answer) != 3 or not all(map(is_real, answer)):
        return wrong("Give three numbers in brackets: (w1, w2, b).")
    weights = [as_number(value) for value in answer]
    if None in weights:
        return wrong(TOO_LARGE)
    X, y = logic_gate(gate)
    result = classify(X, y, weights[:2], weights[2], "step")
    if result.n_right == result.n_points:
        return right(f"All 4 corners right: your line splits {gate}'s two classes.")
    misses = [f"({x[0]:g}, {x[1]:g}) should be {t} but the neuron says {p}"
              for x, t, p in zip(X, result.target, result.predicted) if t != p]
    return wrong(f"{result.n_right} of 4 right. " + "; ".join(misses)
                 + ". Work out z = w1*x1 + w2*x2 + b at those corners: positive means 1.")
