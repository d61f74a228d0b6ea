"""Regularisers: ways to stop a network from memorising its training set.

* L2 weight decay adds ``(l2 / 2) * sum(W^2)`` to the loss, so every step also pulls each
  weight towards zero by ``l2 * W``. Large weights make sharp, wiggly functions; small
  weights make smooth ones. Biases are left alone (they only shift, they do not bend).
* Dropout switches off each hidden neuron with probability ``rate`` on every training
  step, so no neuron can rely on one particular partner. The neurons that stay are
  scaled up by ``1 / (1 - rate)``, so at evaluation, with nothing dropped, the layer's
  output has the same average size and nothing has to be rescaled.

Early stopping, the third regulariser of this lesson, lives in ``fit``: it watches the
validation loss and keeps the weights of the best epoch.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np


def l2_penalty(weights: Sequence[np.ndarray], l2: float) -> float:
    """``(l2 / 2) * sum of all squared weights``: what weight decay adds to the loss."""
    return 0.5 * l2 * float(sum(np.sum(W * W) for W in weights))


def add_l2_gradient(grads: list[np.ndarray], weights: Sequence[np.ndarray], l2: float) -> None:
    """Add d(penalty)/dW = ``l2 * W`` to each weight's gradient (in ``grads``, ordered W1, b1, W2, ...)."""
    for i, W in enumerate(weights):
        grads[2 * i] = grads[2 * i] + l2 * W


def dropout_masks(rng: np.random.Generator, n_examples: int, hidden_sizes: Sequence[int],
                  rate: float, dtype: str | np.dtype = "float32") -> list[np.ndarray]:
    """One mask per hidden layer: 0 for a dropped neuron, ``1 / (1 - rate)`` for a kept one."""
    keep = 1.0 - rate
    return [((rng.random((n_examples, width)) < keep) / keep).astype(dtype) for width in hidden_sizes]
