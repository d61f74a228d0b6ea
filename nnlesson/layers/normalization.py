"""Normalisation layers: rescale values with a learned scale (gamma) and shift (beta). No neurons.

``axis`` counts axes the Keras way, the batch axis being 0: for an input (height, width,
channels), axis=3 or axis=-1 is the channel axis. Axis 0 (the batch) cannot be chosen.
"""
from __future__ import annotations

import math
import numbers
from typing import Any

from .._validate import boolean, describe, real_number
from .base import Counts, Layer, Shape


def check_axes(owner: str, axis: Any) -> tuple[int, ...]:
    """Return ``axis`` (an int or a tuple of ints, never 0) as a tuple."""
    axes = tuple(axis) if isinstance(axis, (tuple, list)) else (axis,)
    for a in axes:
        if isinstance(a, bool) or not isinstance(a, numbers.Integral):
            raise TypeError(f"{describe(owner, 'axis', axis)}: axis must be an int or a tuple of ints")
        if a == 0:
            raise ValueError(f"{describe(owner, 'axis', axis)}: axis 0 is the batch axis; "
                             "use 1 for the first axis of an example or -1 for the last")
    if not axes:
        raise ValueError(f"{describe(owner, 'axis', axis)}: axis needs at least one axis")
    return tuple(int(a) for a in axes)


def axis_sizes(layer: Layer, axes: tuple[int, ...], shape: Shape) -> tuple[int, ...]:
    """Sizes of the Keras-numbered ``axes`` of ``shape`` (which has no batch axis)."""
    rank = len(shape)
    for a in axes:
        if not (1 <= a <= rank or -rank <= a <= -1):
            raise layer.error(f"{layer.kind}(axis={a}) does not exist for input {shape}: "
                              f"axis must be 1..{rank} or -{rank}..-1 (0 is the batch axis)")
    positions = {a - 1 if a > 0 else rank + a for a in axes}  # axis 3 and -1 may be the same axis
    return tuple(shape[p] for p in sorted(positions))


class BatchNormalization(Layer):
    """Normalises each channel with statistics of the batch, then applies gamma and beta per channel.

    Keras counts 4 numbers per channel: gamma and beta (trainable) and the moving mean and
    variance (non-trainable). PyTorch stores the running statistics as buffers, not parameters,
    so it counts only 2 per channel. ``center=False`` drops beta, ``scale=False`` drops gamma.
    """

    def __init__(self, axis: int = -1, center: bool = True, scale: bool = True, *,
                 name: str | None = None, trainable: bool = True):
        super().__init__(name=name, trainable=trainable)
        self.axis = check_axes("BatchNormalization", axis)
        self.center = boolean("BatchNormalization", "center", center)
        self.scale = boolean("BatchNormalization", "scale", scale)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        axis_sizes(self, self.axis, input_shape)
        return input_shape

    def count(self, input_shape: Shape, output_shape: Shape, convention: str) -> Counts:
        channels = math.prod(axis_sizes(self, self.axis, input_shape))
        moving_stats = 2 * channels if convention == "keras" else 0
        return Counts(trainable=(self.center + self.scale) * channels, non_trainable=moving_stats)

    def formula(self, input_shape: Shape, output_shape: Shape, convention: str) -> str:
        channels = "*".join(map(str, axis_sizes(self, self.axis, input_shape)))
        learned = f"{self.center + self.scale}*{channels}"  # gamma and beta per channel
        return f"{learned} + 2*{channels}" if convention == "keras" else learned  # + moving mean and variance


class LayerNormalization(Layer):
    """Normalises each example over ``axis``, then applies gamma and beta: 2 * prod(normalised dims).

    ``axis=None`` follows the convention: Keras's default axis=-1 (the last axis), or PyTorch's
    common ``nn.LayerNorm(x.shape[1:])`` (all axes of an example). An explicit axis overrides both.
    """

    def __init__(self, axis: int | tuple[int, ...] | None = None, center: bool = True, scale: bool = True, *,
                 name: str | None = None, trainable: bool = True):
        super().__init__(name=name, trainable=trainable)
        self.axis = None if axis is None else check_axes("LayerNormalization", axis)
        self.center = boolean("LayerNormalization", "center", center)
        self.scale = boolean("LayerNormalization", "scale", scale)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        if self.axis is not None:
            axis_sizes(self, self.axis, input_shape)
        return input_shape

    def count(self, input_shape: Shape, output_shape: Shape, convention: str) -> Counts:
        if self.axis is not None:
            sizes = axis_sizes(self, self.axis, input_shape)
        else:
            sizes = input_shape[-1:] if convention == "keras" else input_shape
        return Counts(trainable=(self.center + self.scale) * math.prod(sizes))

    def formula(self, input_shape: Shape, output_shape: Shape, convention: str) -> str:
        if self.axis is not None:
            sizes = axis_sizes(self, self.axis, input_shape)
        else:
            sizes = input_shape[-1:] if convention == "keras" else input_shape
        return f"{self.center + self.scale}*{'*'.join(map(str, sizes))}"


class _PerAxisValue(Layer):
    """A layer that keeps numbers for every value along ``axis`` (Keras numbering) and changes no shape."""

    def __init__(self, axis: int | tuple[int, ...] = -1, *, name: str | None = None, trainable: bool = True):
        super().__init__(name=name, trainable=trainable)
        self.axis = check_axes(self.kind, axis)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        axis_sizes(self, self.axis, input_shape)
        return input_shape

    def values(self, input_shape: Shape) -> tuple[int, ...]:
        """The sizes of the axes it keeps numbers for."""
        return axis_sizes(self, self.axis, input_shape)


class RMSNormalization(_PerAxisValue):
    """Divides each example by the root mean square over ``axis`` and multiplies by a learned scale per
    value of that axis (Keras 3's RMSNormalization, PyTorch's nn.RMSNorm): prod(normalised dims) parameters."""

    def count(self, input_shape: Shape, output_shape: Shape, convention: str) -> Counts:
        return Counts(trainable=math.prod(self.values(input_shape)))

    def formula(self, input_shape: Shape, output_shape: Shape, convention: str) -> str:
        return "1*" + "*".join(map(str, self.values(input_shape)))  # one scale per value


class LayerScale(Layer):
    """Multiplies each channel by a learned factor (ConvNeXt, CaiT): one parameter per channel."""

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        return input_shape

    def count(self, input_shape: Shape, output_shape: Shape, convention: str) -> Counts:
        return Counts(trainable=input_shape[-1])

    def formula(self, input_shape: Shape, output_shape: Shape, convention: str) -> str:
        return f"1*{input_shape[-1]}"


class Normalization(_PerAxisValue):
    """Keras's preprocessing Normalization: subtracts a mean and divides by a standard deviation, per value
    of ``axis``, both computed from data by ``adapt()``. Keras stores the mean, the variance and the count of
    examples seen as non-trainable weights: 2 * channels + 1 (7 for an RGB image, as in EfficientNet).
    PyTorch has no such layer (torchvision normalises outside the model), so it counts 0 there."""

    def __init__(self, axis: int | tuple[int, ...] = -1, *, name: str | None = None):
        super().__init__(axis, name=name, trainable=False)

    def count(self, input_shape: Shape, output_shape: Shape, convention: str) -> Counts:
        channels = math.prod(self.values(input_shape))
        return Counts(non_trainable=2 * channels + 1 if convention == "keras" else 0)

    def formula(self, input_shape: Shape, output_shape: Shape, convention: str) -> str:
        channels = "*".join(map(str, self.values(input_shape)))
        return f"2*{channels} + 1" if convention == "keras" else "0"  # mean and variance per channel, one count


class Rescaling(Layer):
    """Computes ``x * scale + offset`` with fixed numbers (e.g. 1/255 to bring pixels to 0..1): no parameters."""

    def __init__(self, scale: float, offset: float = 0.0, *, name: str | None = None):
        super().__init__(name=name)
        self.scale = real_number("Rescaling", "scale", scale)
        self.offset = real_number("Rescaling", "offset", offset)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        return input_shape
