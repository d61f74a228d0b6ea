"""``Trainable``: what ``fit`` and the training explorers ask of a network. ``MLP`` and ``ConvNet`` both have it.

``fit`` trains either network through these members alone (it looks at the class only to word its
messages), so any network that has them can be trained, measured, stopped early and replayed.
"""
from __future__ import annotations

from typing import Protocol, Sequence, runtime_checkable

import numpy as np

from ..layers import Summary


@runtime_checkable
class Trainable(Protocol):
    """A network that ``fit`` can train: parameters in one flat vector, a forward pass and a backward pass."""

    # --- what goes in and what comes out ---------------------------------------------------
    @property
    def input_shape(self) -> tuple[int, ...]:
        """The shape of one example: fit checks that the data's examples have it."""

    @property
    def n_outputs(self) -> int:
        """Numbers out per example: fit checks that the task's loss needs as many (1, or one per class)."""

    @property
    def dtype(self) -> np.dtype:
        """The parameters' float type: fit converts the data to it once, before the first epoch."""

    # --- the parameters ------------------------------------------------------------------------
    @property
    def flat(self) -> np.ndarray:
        """Every parameter in one vector (each layer's arrays are windows onto it): the optimizer steps it in place."""

    @property
    def weights(self) -> Sequence[np.ndarray]:
        """The weight arrays in order, biases left out: L2 weight decay adds ``l2 * W`` to their gradients."""

    def get_state(self) -> np.ndarray:
        """A copy of ``flat``: fit keeps the best epoch's for early stopping, and an ``on_epoch`` replay snapshots it."""

    def set_state(self, state: np.ndarray) -> None:
        """Put back a copy from ``get_state``: fit returns to the best epoch after early stopping or divergence."""

    # --- one training step ----------------------------------------------------------------------
    def forward(self, X: np.ndarray) -> np.ndarray:
        """The outputs (before the loss's softmax or sigmoid) for the rows of X, nothing dropped: fit measures
        the loss and accuracy with it after every epoch, and ``evaluate`` and ``predict`` use it too."""

    def train_forward(self, X: np.ndarray, rng: np.random.Generator, dropout: float = 0.0) -> np.ndarray:
        """The forward pass of a training step, keeping what ``backward`` needs; dropout draws from ``rng``
        (``dropout`` is fit's argument, an MLP's; a ConvNet has Dropout layers instead)."""

    def backward(self, grad_output: np.ndarray) -> list[np.ndarray]:
        """The gradients for the batch of the last forward pass, given dL/d(outputs): weights and biases
        alternating, ``[W1, b1, W2, b2, ...]``, so that fit adds weight decay to ``grads[2 * i]``."""

    def flatten(self, grads: Sequence[np.ndarray]) -> np.ndarray:
        """The gradients laid out like ``flat``: the vector the optimizer takes a step with."""

    # --- fit's full-batch shortcut ---------------------------------------------------------------
    @property
    def can_reuse_forward(self) -> bool:
        """Whether ``keep_rows`` works: then a full-batch step without dropout or augmentation backpropagates
        the training rows of fit's measuring pass instead of running a forward pass of its own."""

    def keep_rows(self, n: int) -> None:
        """Cut the last forward pass to its first ``n`` rows, the training rows; fit calls it only when
        ``can_reuse_forward`` is True."""

    # --- what the explorers show next to the curves (fit itself does not call these) -------------
    def summary(self) -> Summary:
        """The Keras-style table of the network, from the counting engine: the budget explorer shows it."""

    @property
    def n_params(self) -> int:
        """Weights plus biases, ``len(flat)``: the overfitting and capacity explorers set it against the data."""

    @property
    def n_neurons(self) -> int:
        """Neurons that compute: the overfitting and capacity explorers report it with the parameters."""
