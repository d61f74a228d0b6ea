"""A convnet in plain NumPy, trained from the same ``Sequential`` the counting lessons print.

    from nnlesson.layers import Sequential, Input, Conv2D, MaxPooling2D, Flatten, Dense
    spec = Sequential([Input((8, 8, 1)), Conv2D(8, 3, padding="same", activation="relu"),
                       MaxPooling2D(2), Flatten(), Dense(10)])
    model = ConvNet(spec)           # len(model.flat) == spec.count_params()
    history = fit(model, digits_data, epochs=20, batch_size=64)

Each counting layer becomes a working step from ``conv_layers`` (a layer with an activation
becomes two steps: the weighted sums, then f). The forward pass runs the steps in order; the
backward pass runs them in reverse, each turning dL/d(output) into dL/d(input), which is the
same chain rule as ``network.MLP``, one layer kind at a time.

The last layer's outputs are the logits; ``fit``'s loss applies the softmax, so a last
``Dense(10, activation="softmax")`` trains the same way as ``Dense(10)``.
"""
from __future__ import annotations

import math

import numpy as np

from .. import activations
from .._validate import non_negative_int, one_of
from ..layers import (Activation, Conv2D, Dense, Dropout, Flatten, GlobalAveragePooling2D, MaxPooling2D,
                      Sequential, Summary)
from .conv_layers import (ActivationStep, ConvStep, DenseStep, DropoutStep, FlattenStep, GlobalAveragePoolStep,
                          MaxPoolStep, Step)

TRAINED_LAYERS = ("Conv2D (strides 1, 'valid' or 'same' padding)", "Dense (on a flat input)", "Activation",
                  "MaxPooling2D (windows side by side)", "Flatten", "GlobalAveragePooling2D", "Dropout")
EVAL_CHUNK = 256
"""Images per forward pass when a whole set is measured: 1,097 images at once took twice as long
as the same images 256 at a time (the layers' windows no longer fit in the CPU's cache)."""


class ConvNet:
    """The network written as ``spec``, with weights: He-scaled normal kernels, small random biases (seeded).

    Numbers are float64 by default for the same reason as ``MLP``: the same digits on every processor.
    """

    can_reuse_forward = False  # fit's full-batch shortcut needs MLP.keep_rows

    def __init__(self, spec: Sequential, seed: int = 0, dtype: str = "float64"):
        if not isinstance(spec, Sequential):
            raise TypeError(f"ConvNet(spec={type(spec).__name__}): spec must be a Sequential of the package's "
                            "layers, e.g. Sequential([Input((8, 8, 1)), Conv2D(8, 3), Flatten(), Dense(10)])")
        self.spec = spec
        self.seed = non_negative_int("ConvNet", "seed", seed)
        self.dtype = np.dtype(one_of("ConvNet", "dtype", dtype, ("float32", "float64")))
        self.input_shape = spec.input_shape
        self.steps: list[Step] = []
        rows = spec.summary().rows
        reused = next((row.name for row in rows if row.shared), None)
        if reused is not None:  # the trainer gives every row weights of its own: a shared layer would count twice
            raise ValueError(f"ConvNet: the layer {reused!r} is used more than once, and the trainer here gives "
                             "each use weights of its own; write a new layer for each use, e.g. Dense(64) again")
        shape = spec.input_shape
        for position, (layer, row) in enumerate(zip(spec.layers, rows)):
            self.steps += _steps_for(layer, shape, first=position == 0)
            shape = row.output_shape
        if len(shape) != 1:
            raise ValueError(f"ConvNet: the last layer '{rows[-1].name}' gives {shape}; end with Flatten or "
                             "GlobalAveragePooling2D and a Dense layer, so every image gets one score per class")
        self.n_outputs = shape[0]
        self._allocate(np.random.default_rng(seed))

    def _allocate(self, rng: np.random.Generator) -> None:
        """One flat vector holds every parameter (and one the gradients); each kernel and bias is a window."""
        shapes = [s for step in self.steps for s in step.shapes]
        total = sum(math.prod(s) for s in shapes)
        self.flat = np.empty(total, dtype=self.dtype)
        self.flat_grad = np.zeros(total, dtype=self.dtype)
        start = 0
        self.weights: list[np.ndarray] = []   # the kernels, for L2 weight decay (biases are left alone)
        for step, following in zip(self.steps, self.steps[1:] + [None]):
            params, grads = [], []
            for s in step.shapes:
                size = math.prod(s)
                params.append(self.flat[start:start + size].reshape(s))
                grads.append(self.flat_grad[start:start + size].reshape(s))
                start += size
            step.bind(params, grads)
            if params:
                kernel, bias = params
                fan_in = math.prod(kernel.shape[:-1])
                gain = activations.get(following.name).init_gain if isinstance(following, ActivationStep) else 1.0
                kernel[...] = rng.normal(0.0, math.sqrt(gain / fan_in), size=kernel.shape)
                bias[...] = rng.uniform(-1.0, 1.0, size=bias.shape) / math.sqrt(fan_in)
                self.weights.append(kernel)

    # --- what the model is ---------------------------------------------------------------
    def summary(self, convention: str = "keras") -> Summary:
        """The Keras-style table of this network, from the counting engine."""
        return self.spec.summary(convention)

    @property
    def n_params(self) -> int:
        return self.summary().total_params

    @property
    def n_neurons(self) -> int:
        return self.summary().neurons

    @property
    def has_dropout(self) -> bool:
        return any(isinstance(step, DropoutStep) and step.rate for step in self.steps)

    def get_state(self) -> np.ndarray:
        return self.flat.copy()

    def set_state(self, state: np.ndarray) -> None:
        self.flat[...] = state

    # --- forward and backward ----------------------------------------------------------------
    def forward(self, X: np.ndarray, rng: np.random.Generator | None = None) -> np.ndarray:
        """The logits for a batch of images (batch, height, width, channels); ``rng`` turns dropout on."""
        x = np.asarray(X, dtype=self.dtype)
        if x.ndim != 4 or x.shape[1:] != self.input_shape:
            raise ValueError(f"ConvNet.forward(X of shape {x.shape}): the model takes images of shape "
                             f"{self.input_shape}, one per row of X")
        if len(x) > EVAL_CHUNK:  # measuring a whole data set: in pieces that stay in the CPU's cache
            logits = np.concatenate([self.forward(x[start:start + EVAL_CHUNK], rng)
                                     for start in range(0, len(x), EVAL_CHUNK)])
            self._backward_ready = False  # the steps hold the last piece only
            return logits
        self._backward_ready = True
        for step in self.steps:
            x = step.forward(x, rng)
        return x

    def train_forward(self, X: np.ndarray, rng: np.random.Generator, dropout: float = 0.0) -> np.ndarray:
        """The forward pass of a training step: the model's own Dropout layers draw from ``rng``."""
        return self.forward(X, rng)

    def backward(self, grad_output: np.ndarray) -> list[np.ndarray]:
        """Gradients of the loss for the last ``forward`` batch: kernel and bias of every layer, in order."""
        if not getattr(self, "_backward_ready", False):
            raise ValueError(f"ConvNet.backward: call forward first, on at most {EVAL_CHUNK} images; backward "
                             "needs what that forward pass kept")
        dy = grad_output
        for step in reversed(self.steps):
            dy = step.backward(dy)
        return [g for step in self.steps for g in step.grads]

    def keep_rows(self, n: int) -> None:
        """Not possible here, so ``can_reuse_forward`` is False: a whole set is measured in pieces of
        ``EVAL_CHUNK`` images, and the steps keep only the last piece."""
        raise NotImplementedError("ConvNet.keep_rows: a ConvNet measures a whole set in pieces and keeps only "
                                  "the last, so fit runs each training step's forward pass itself")

    def flatten(self, grads: list[np.ndarray]) -> np.ndarray:
        """The gradients laid out like ``flat`` (they already live there unless L2 replaced some)."""
        return np.concatenate([g.ravel() for g in grads])

    # --- looking inside ----------------------------------------------------------------------
    def feature_maps(self, image: np.ndarray, layer: int = 0) -> np.ndarray:
        """What the neurons of the ``layer``-th Conv2D compute for one image: (height, width, filters), after f."""
        x = np.asarray(image, dtype=self.dtype)[None]
        convs = 0
        for step, following in zip(self.steps, self.steps[1:] + [None]):
            x = step.forward(x)
            if isinstance(step, ConvStep):
                if convs == layer:
                    return (following.forward(x) if isinstance(following, ActivationStep) else x)[0]
                convs += 1
        raise ValueError(f"ConvNet.feature_maps(layer={layer}): the model has {convs} Conv2D layers")

    def kernels(self, layer: int = 0) -> np.ndarray:
        """The ``layer``-th Conv2D's kernel, (kh, kw, channels, filters)."""
        convs = [step for step in self.steps if isinstance(step, ConvStep)]
        if not 0 <= layer < len(convs):
            raise ValueError(f"ConvNet.kernels(layer={layer}): the model has {len(convs)} Conv2D layers")
        return convs[layer].params[0]

    def __repr__(self) -> str:
        return f"ConvNet({self.spec!r}, seed={self.seed})"


def _steps_for(layer, shape: tuple[int, ...], first: bool) -> list[Step]:
    """The working steps of one counting layer, or a message saying what the trainer can train."""
    def refuse(why: str) -> ValueError:
        return ValueError(f"ConvNet: layer '{layer.name}' ({layer.kind}) {why}. The NumPy trainer trains "
                          f"{', '.join(TRAINED_LAYERS)}; the counting lessons count every layer.")

    then = []
    if getattr(layer, "activation", "linear") not in ("linear", "softmax") and not isinstance(layer, Activation):
        then = [ActivationStep(layer.activation)]
    if isinstance(layer, Conv2D):
        if layer.strides != (1, 1) or layer.dilation_rate != (1, 1) or layer.groups != 1:
            raise refuse("uses strides, dilation or groups other than 1")
        if layer.padding not in ("valid", "same"):
            raise refuse(f"has padding={layer.padding!r}; use 'valid' or 'same'")
        if not layer.use_bias:
            raise refuse("has use_bias=False")
        return [ConvStep(layer.kernel_size, shape[-1], layer.filters, layer.padding, input_gradient=not first),
                *then]
    if isinstance(layer, Dense):
        if len(shape) != 1:
            raise refuse(f"gets an input of shape {shape}; put Flatten or GlobalAveragePooling2D before it")
        if not layer.use_bias:
            raise refuse("has use_bias=False")
        return [DenseStep(shape[0], layer.units, input_gradient=not first), *then]
    if isinstance(layer, Activation):
        if layer.activation == "softmax":
            return []  # the loss applies it
        if not activations.get(layer.activation).elementwise:
            raise refuse("is not applied value by value")
        return [ActivationStep(layer.activation)]
    if isinstance(layer, MaxPooling2D):
        if layer.strides != layer.pool_size or layer.padding != "valid":
            raise refuse("has windows that overlap or padding; keep strides equal to pool_size and 'valid'")
        return [MaxPoolStep(layer.pool_size)]
    if isinstance(layer, GlobalAveragePooling2D):
        return [GlobalAveragePoolStep()]
    if isinstance(layer, Flatten):
        return [FlattenStep()]
    if isinstance(layer, Dropout):
        return [DropoutStep(layer.rate)]
    raise refuse("is not one of the layers it trains")
