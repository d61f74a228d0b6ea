"""A multilayer perceptron in plain NumPy, with the forward and backward passes written out.

Forward, layer by layer: ``z = a_prev @ W + b`` (one weighted sum per neuron, for every
example at once), then ``a = f(z)``. The last layer leaves z alone: the loss turns it into
a prediction (identity, sigmoid or softmax, see ``losses``).

Backward is the chain rule read from the output back to the input. Given dL/dz of a layer:

    dL/dW      = a_prev.T @ dL/dz        (z depends on W through a_prev)
    dL/db      = sum of dL/dz over the examples
    dL/da_prev = dL/dz @ W.T             (z depends on a_prev through W)
    dL/dz_prev = dL/da_prev * f'(z_prev) (a_prev = f(z_prev), value by value)

and the same four lines repeat for the layer before. That is all backpropagation is.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .. import activations
from .._validate import describe, fits_in_memory, non_negative_int, one_of, positive_int
from ..counting import mlp
from ..data import Dataset
from ..layers import Sequential, Summary
from .losses import for_task
from .regularizers import dropout_masks

TRAINABLE_ACTIVATIONS = activations.names(trainable=True)
"""Activations a hidden layer may use here (the catalogue's ``trainable`` ones). Left out: step
(its slope is 0 everywhere, so gradients cannot train it), softmax (acts on a whole layer) and
gelu (correct, but its erf is too slow in NumPy for live training)."""


@dataclass
class _Cache:
    """What the forward pass keeps for the backward pass: each layer's input and pre-activation."""

    inputs: list[np.ndarray]
    pre_activations: list[np.ndarray]
    dropout_masks: Sequence[np.ndarray] | None


class MLP:
    """Dense layers of sizes ``layer_sizes = [inputs, hidden..., outputs]``, trained by ``fit``.

    ``MLP([2, 64, 64, 1])`` is a 2-64-64-1 network: 2 inputs, two hidden layers of 64 neurons
    with ``activation``, and 1 output. Weights and biases start small and random (seeded).

    Numbers are float64, so that a run gives the same digits on every computer: NumPy's BLAS
    picks different kernels on different processors, and in float32 their different rounding
    grew, over a few hundred epochs, into a validation loss of 0.090 on one machine and 0.092
    on another (float64 agreed to six digits). ``dtype="float32"``, what PyTorch and Keras
    store, halves the memory and trains about 1.5 times as fast (benchmarks/training_speed.py).
    """

    def __init__(self, layer_sizes: Sequence[int], activation: str = "relu", seed: int = 0,
                 dtype: str = "float64"):
        if isinstance(layer_sizes, (str, bytes)) or not isinstance(layer_sizes, Sequence):
            raise TypeError(f"{describe('MLP', 'layer_sizes', layer_sizes)}: layer_sizes must be a list "
                            "of layer widths such as [2, 64, 64, 1]")
        if len(layer_sizes) < 2:
            raise ValueError(f"{describe('MLP', 'layer_sizes', layer_sizes)}: give at least the number "
                             "of inputs and the number of outputs, e.g. [2, 1]")
        self.layer_sizes = [positive_int("MLP", "layer_sizes", size) for size in layer_sizes]
        self.activation = one_of("MLP", "activation", activation, TRAINABLE_ACTIVATIONS)
        self.seed = non_negative_int("MLP", "seed", seed)
        self.dtype = np.dtype(one_of("MLP", "dtype", dtype, ("float32", "float64")))
        params = sum((n_in + 1) * n_out for n_in, n_out in zip(self.layer_sizes[:-1], self.layer_sizes[1:]))
        fits_in_memory(f"MLP({self.layer_sizes})", f"its {params:,} weights and biases as {dtype}",
                       params * self.dtype.itemsize, "Use narrower layers: a few hundred neurons per layer is plenty "
                       "for the data sets here.")
        self._f = activations.get(self.activation)
        rng = np.random.default_rng(seed)
        gain = self._f.init_gain  # He for ReLU-like, LeCun otherwise
        arrays = []
        for n_in, n_out in zip(self.layer_sizes[:-1], self.layer_sizes[1:]):
            arrays.append(rng.normal(0.0, np.sqrt(gain / n_in), size=(n_in, n_out)))
            # Biases start small and random, as in PyTorch: with all of them at 0, every ReLU of the
            # first layer would bend at the same input (x = 0) and the network would start out straight.
            arrays.append(rng.uniform(-1.0, 1.0, size=n_out) / np.sqrt(n_in))
        # All parameters live in one long vector; each W and b is a window onto it. The optimizer
        # updates the whole vector in a few operations, and len(model.flat) is the parameter count.
        self.flat = np.concatenate([a.ravel() for a in arrays]).astype(self.dtype)
        views, start = [], 0
        for a in arrays:
            views.append(self.flat[start:start + a.size].reshape(a.shape))
            start += a.size
        self.weights: list[np.ndarray] = views[0::2]
        self.biases: list[np.ndarray] = views[1::2]
        self._cache: _Cache | None = None

    can_reuse_forward = True  # fit may backpropagate the training rows of its measuring pass (keep_rows)

    # --- what the model is ---------------------------------------------------------------
    @property
    def input_shape(self) -> tuple[int]:
        return (self.layer_sizes[0],)

    @property
    def n_outputs(self) -> int:
        return self.layer_sizes[-1]

    @property
    def hidden_sizes(self) -> list[int]:
        return self.layer_sizes[1:-1]

    def sequential(self, dropout: float = 0.0) -> Sequential:
        """The same network written with the counting layers (Dropout layers if ``dropout`` > 0)."""
        return mlp(self.layer_sizes, self.activation, dropout=dropout)

    def summary(self) -> Summary:
        """The Keras-style table of this network, from the package's counting engine."""
        return self.sequential().summary()

    @property
    def n_params(self) -> int:
        """Weights plus biases, counted by the same code that counts every other model."""
        return self.summary().total_params

    @property
    def n_neurons(self) -> int:
        """Neurons that compute (hidden and output), counted by the same code."""
        return self.summary().neurons

    def get_state(self) -> np.ndarray:
        """A copy of all parameters (early stopping keeps the best one)."""
        return self.flat.copy()

    def set_state(self, state: np.ndarray) -> None:
        """Put back parameters saved by ``get_state``."""
        self.flat[...] = state

    # --- forward and backward ----------------------------------------------------------------
    def forward(self, X: np.ndarray, dropout_masks: Sequence[np.ndarray] | None = None) -> np.ndarray:
        """The output layer's z for every row of X. ``dropout_masks`` (training only) multiply the
        hidden activations, one mask per hidden layer; without them nothing is dropped."""
        a = np.asarray(X, dtype=self.dtype)
        if a.ndim != 2 or a.shape[1] != self.layer_sizes[0]:
            raise ValueError(f"MLP.forward(X of shape {a.shape}): X must have one row per example and "
                             f"{self.layer_sizes[0]} columns, one per input")
        inputs, pre_activations = [], []
        last = len(self.weights) - 1
        for i, (W, b) in enumerate(zip(self.weights, self.biases)):
            inputs.append(a)
            z = a @ W + b
            if i == last:
                break
            pre_activations.append(z)
            a = self._f.function(z)
            if dropout_masks is not None:
                a = a * dropout_masks[i]
        self._cache = _Cache(inputs, pre_activations, dropout_masks)
        return z

    def train_forward(self, X: np.ndarray, rng: np.random.Generator, dropout: float = 0.0) -> np.ndarray:
        """The forward pass of a training step: with ``dropout`` > 0, fresh masks drawn from ``rng``."""
        masks = dropout_masks(rng, len(X), self.hidden_sizes, dropout, self.dtype) if dropout else None
        return self.forward(X, masks)

    def backward(self, grad_output: np.ndarray) -> list[np.ndarray]:
        """Gradients of the loss, ``[dW1, db1, dW2, db2, ...]``, given dL/dz of the output layer
        for the batch of the last ``forward`` call."""
        if self._cache is None:
            raise ValueError("MLP.backward: call forward first; backward needs its cached values")
        cache = self._cache
        grads: list[np.ndarray] = []
        dz = grad_output
        for i in reversed(range(len(self.weights))):
            grads.append(dz.sum(axis=0))                 # dL/db
            grads.append(cache.inputs[i].T @ dz)         # dL/dW
            if i == 0:
                break
            da = dz @ self.weights[i].T                  # dL/da of the layer below
            if cache.dropout_masks is not None:
                da = da * cache.dropout_masks[i - 1]     # dropped units pass no gradient back
            dz = da * self._slope(cache.pre_activations[i - 1])  # chain rule through f: dL/dz = dL/da * f'(z)
        grads.reverse()                                  # now W1, b1, W2, b2, ...
        return grads

    def _slope(self, z: np.ndarray) -> np.ndarray:
        """f'(z) in the model's float type. ReLU's slope is 1 or 0: its mask multiplies to the same
        numbers as the catalogue's float64 slope, without the detour (a third of a wide network's step)."""
        if self.activation == "relu":
            return z > 0
        return self._f.derivative(z).astype(self.dtype, copy=False)

    def keep_rows(self, n: int) -> None:
        """Cut the cached forward pass to its first ``n`` rows: ``fit`` measures training and validation
        points in one pass, then backpropagates the training rows of that same pass."""
        cache = self._cache
        self._cache = _Cache([a[:n] for a in cache.inputs], [z[:n] for z in cache.pre_activations],
                             cache.dropout_masks)

    @staticmethod
    def flatten(grads: Sequence[np.ndarray]) -> np.ndarray:
        """The gradients laid out like ``flat``, ready for the optimizer."""
        return np.concatenate([g.ravel() for g in grads])

    def __repr__(self) -> str:
        return f"MLP({self.layer_sizes}, activation={self.activation!r}, seed={self.seed})"


def layer_sizes_for(n_inputs: int, hidden_layers: int, width: int, n_outputs: int) -> list[int]:
    """``[n_inputs, width, ..., width, n_outputs]`` with ``hidden_layers`` hidden layers (0 allowed)."""
    hidden_layers = non_negative_int("layer_sizes_for", "hidden_layers", hidden_layers)
    width = positive_int("layer_sizes_for", "width", width)
    return [n_inputs, *([width] * hidden_layers), n_outputs]


def mlp_for(data: Dataset, hidden_layers: int, width: int, activation: str = "relu", seed: int = 0) -> MLP:
    """A network shaped for ``data``: its number of inputs, ``hidden_layers`` of ``width``, and the
    outputs its loss needs (1 for regression and two classes, one per class otherwise)."""
    if not isinstance(data, Dataset):
        made = (" from your arrays: data.from_arrays(X, y) makes one" if isinstance(data, (tuple, list))
                else ", e.g. data.make('moons') or data.from_arrays(X, y)")
        raise TypeError(f"mlp_for(data={type(data).__name__}): data must be a Dataset{made}, "
                        "then mlp_for(that_dataset, hidden_layers, width)")
    n_outputs = for_task(data.task, data.n_classes).n_outputs
    return MLP(layer_sizes_for(data.n_features, hidden_layers, width, n_outputs), activation, seed=seed)
