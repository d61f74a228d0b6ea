"""Magnitude pruning: set the smallest weights to zero and see how little the network notices.

A trained network does not use its parameters equally. Many weights end up near zero and
removing them (setting them to exactly 0) barely changes the predictions; a few large ones
carry most of the function. Pruning is how deployed networks are made smaller.
"""
from __future__ import annotations

import numpy as np

from .._validate import describe, real_number
from .network import MLP


def prune(model: MLP, fraction: float) -> int:
    """Zero the ``fraction`` of all weights (not biases) with the smallest size |w|, in place.

    Returns how many weights were set to zero.
    """
    fraction = real_number("prune", "fraction", fraction)
    if not 0 <= fraction <= 1:
        raise ValueError(f"{describe('prune', 'fraction', fraction)}: fraction must be between 0 and 1")
    sizes = np.concatenate([np.abs(W).ravel() for W in model.weights])
    n_prune = int(round(fraction * sizes.size))
    if n_prune == 0:
        return 0
    order = np.argsort(sizes, kind="stable")  # ties broken by position, so the result is reproducible
    keep = np.ones(sizes.size, dtype=bool)
    keep[order[:n_prune]] = False
    start = 0
    for W in model.weights:
        W *= keep[start:start + W.size].reshape(W.shape)
        start += W.size
    return n_prune
