"""Convolutions: a small kernel slides over the input and shares its weights across all positions.

Each class only says how many kernel weights it has and how many channels come out; the
sliding arithmetic lives in ``shapes.py`` and the counting below is the same for all:
parameters = kernel weights + one bias per output channel, neurons = every output value,
MACs = kernel weights x positions the kernel visits (biases excluded).
"""
from __future__ import annotations

import math
from typing import Any

from .._validate import boolean, positive_int
from .base import Counts, Layer, Shape, check_activation
from .shapes import AXES, Window, int_tuple, parse_padding, sliding_output, windows


class _Conv(Layer):
    """Shared by all convolutions; ``rank`` is the number of spatial axes (1 or 2)."""
    rank = 2
    transposed = False

    def __init__(self, kernel_size: Any, strides: Any, padding: Any, dilation_rate: Any,
                 use_bias: bool, activation: str | None, name: str | None, trainable: bool):
        super().__init__(name=name, trainable=trainable)
        self.kernel_size = int_tuple(self.kind, "kernel_size", kernel_size, self.rank)
        self.strides = int_tuple(self.kind, "strides", strides, self.rank)
        self.padding = parse_padding(self.kind, padding, self.rank)
        self.dilation_rate = int_tuple(self.kind, "dilation_rate", dilation_rate, self.rank)
        self.use_bias = boolean(self.kind, "use_bias", use_bias)
        self.activation = check_activation(self.kind, activation)

    def output_channels(self, channels: int) -> int:
        """Channels that come out for ``channels`` going in."""
        raise NotImplementedError

    def kernel_weights(self, channels: int) -> int:
        """Weights of all kernels (biases not included) for ``channels`` going in."""
        raise NotImplementedError

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        self.require_rank(input_shape, self.rank + 1, AXES[self.rank])
        spatial = sliding_output(self, input_shape[:-1], "kernel_size", self.kernel_size, self.strides,
                                 self.padding, self.dilation_rate, transposed=self.transposed)
        return spatial + (self.output_channels(input_shape[-1]),)

    def windows(self, input_shape: Shape) -> tuple[Window, ...]:
        """Where the kernel lands along each spatial axis (padding, placements, cells left out)."""
        if self.transposed:
            raise self.error(f"{self.kind} spreads its input out instead of sliding over it: it has no windows")
        self.compute_output_shape(input_shape)  # raises, with the layer's own message, if the kernel does not fit
        return windows(input_shape[:-1], self.kernel_size, self.strides, self.padding, self.dilation_rate)

    def cells(self) -> str:
        """The kernel's size as a product: ``3*3``."""
        return "*".join(map(str, self.kernel_size))

    def kernel_formula(self, channels: int) -> str:
        """The weights of one output channel's kernel, as arithmetic."""
        raise NotImplementedError

    def formula(self, input_shape: Shape, output_shape: Shape, convention: str) -> str:
        per_output = self.kernel_formula(input_shape[-1])
        return f"({per_output} + 1)*{output_shape[-1]}" if self.use_bias else f"{per_output}*{output_shape[-1]}"

    def count(self, input_shape: Shape, output_shape: Shape, convention: str) -> Counts:
        weights = self.kernel_weights(input_shape[-1])
        visited = input_shape if self.transposed else output_shape
        return Counts(trainable=weights + output_shape[-1] * self.use_bias,
                      neurons=math.prod(output_shape), macs=weights * math.prod(visited[:-1]))


class _GroupedConv(_Conv):
    """A standard convolution with ``filters`` kernels, each spanning C / groups input channels."""

    def __init__(self, filters: int, kernel_size: Any, strides: Any = 1, padding: Any = "valid", *,
                 dilation_rate: Any = 1, groups: int = 1, use_bias: bool = True,
                 activation: str | None = None, name: str | None = None, trainable: bool = True):
        self.filters = positive_int(self.kind, "filters", filters)
        super().__init__(kernel_size, strides, padding, dilation_rate, use_bias, activation, name, trainable)
        self.groups = positive_int(self.kind, "groups", groups)
        if self.filters % self.groups:
            raise ValueError(f"{self.kind}(filters={self.filters}, groups={self.groups}): "
                             "filters must be divisible by groups")

    def output_channels(self, channels: int) -> int:
        if channels % self.groups:
            raise self.error(f"{self.kind}(groups={self.groups}) needs input channels divisible by groups, "
                             f"got {channels} channels (filters={self.filters})")
        return self.filters

    def kernel_weights(self, channels: int) -> int:
        return math.prod(self.kernel_size) * (channels // self.groups) * self.filters

    def kernel_formula(self, channels: int) -> str:
        seen = channels if self.groups == 1 else f"({channels}//{self.groups})"  # each kernel sees its group
        return f"{self.cells()}*{seen}"


class Conv1D(_GroupedConv):
    """Slides ``filters`` kernels along a sequence of shape (steps, channels)."""
    rank = 1


class Conv2D(_GroupedConv):
    """Slides ``filters`` kernels over an image of shape (height, width, channels).

    Parameters ``kh*kw*(C/groups)*F + F``: the input's height and width do not matter.
    """
    rank = 2


class DepthwiseConv2D(_Conv):
    """One kh x kw kernel per input channel (times ``depth_multiplier``); channels never mix."""

    def __init__(self, kernel_size: Any, strides: Any = 1, padding: Any = "valid", *,
                 depth_multiplier: int = 1, dilation_rate: Any = 1, use_bias: bool = True,
                 activation: str | None = None, name: str | None = None, trainable: bool = True):
        super().__init__(kernel_size, strides, padding, dilation_rate, use_bias, activation, name, trainable)
        self.depth_multiplier = positive_int(self.kind, "depth_multiplier", depth_multiplier)

    def output_channels(self, channels: int) -> int:
        return channels * self.depth_multiplier

    def kernel_weights(self, channels: int) -> int:
        return math.prod(self.kernel_size) * channels * self.depth_multiplier

    def formula(self, input_shape: Shape, output_shape: Shape, convention: str) -> str:
        maps = _times(input_shape[-1], self.depth_multiplier)  # one kernel per input channel (and multiplier)
        return f"({self.cells()} + 1)*{maps}" if self.use_bias else f"{self.cells()}*{maps}"


class SeparableConv2D(DepthwiseConv2D):
    """A depthwise convolution (no bias) then a 1x1 pointwise one with ``filters`` kernels (with bias), as in MobileNet."""

    def __init__(self, filters: int, kernel_size: Any, strides: Any = 1, padding: Any = "valid", *,
                 depth_multiplier: int = 1, dilation_rate: Any = 1, use_bias: bool = True,
                 activation: str | None = None, name: str | None = None, trainable: bool = True):
        self.filters = positive_int(self.kind, "filters", filters)
        super().__init__(kernel_size, strides, padding, depth_multiplier=depth_multiplier,
                         dilation_rate=dilation_rate, use_bias=use_bias, activation=activation,
                         name=name, trainable=trainable)

    def output_channels(self, channels: int) -> int:
        return self.filters

    def kernel_weights(self, channels: int) -> int:
        depthwise = super().kernel_weights(channels)
        return depthwise + channels * self.depth_multiplier * self.filters

    def formula(self, input_shape: Shape, output_shape: Shape, convention: str) -> str:
        maps = _times(input_shape[-1], self.depth_multiplier)
        pointwise = f"({maps} + 1)*{self.filters}" if self.use_bias else f"{maps}*{self.filters}"
        return f"{self.cells()}*{maps} + {pointwise}"  # depthwise (no bias), then the 1x1 convolution


class Conv2DTranspose(_Conv):
    """Spreads each input value over a kernel-sized patch of a larger output ("deconvolution").

    Output length: 'valid' (n-1)*s + d*(k-1) + 1, 'same' n*s (Keras), int p (n-1)*s - 2p + d*(k-1) + 1 (PyTorch).
    """
    transposed = True

    def __init__(self, filters: int, kernel_size: Any, strides: Any = 1, padding: Any = "valid", *,
                 dilation_rate: Any = 1, use_bias: bool = True, activation: str | None = None,
                 name: str | None = None, trainable: bool = True):
        self.filters = positive_int(self.kind, "filters", filters)
        super().__init__(kernel_size, strides, padding, dilation_rate, use_bias, activation, name, trainable)

    def output_channels(self, channels: int) -> int:
        return self.filters

    def kernel_weights(self, channels: int) -> int:
        return math.prod(self.kernel_size) * channels * self.filters

    def kernel_formula(self, channels: int) -> str:
        return f"{self.cells()}*{channels}"


def _times(channels: int, multiplier: int) -> str:
    """``channels`` or ``channels*multiplier`` when a depth multiplier is in play."""
    return str(channels) if multiplier == 1 else f"{channels}*{multiplier}"


Convolution1D, Convolution2D = Conv1D, Conv2D
