"""Convolutions: a small kernel slides over the input and shares its weights across all positions.

Each class only says how many kernel weights it has and how many channels come out; the
sliding arithmetic lives in ``shapes.py`` and the counting below is the same for all:
parameters = kernel weights + one bias per output channel, neurons = every output value,
MACs = kernel weights x positions the kernel visits (biases excluded).
"""
from __future__ import annotations

import math
from typing import Any

from .._validate import MISSING, boolean, given, non_negative_int, positive_int
from .base import Counts, Layer, Shape, check_activation
from .shapes import AXES, Window, compact, int_tuple, parse_padding, sliding_output, transposed_output, windows


class _Conv(Layer):
    """Shared by all convolutions; ``rank`` is the number of spatial axes (1 or 2)."""
    rank = 2
    transposed = False
    causal = False
    """Whether padding='causal' is allowed (Conv1D: only a sequence has a past and a future)."""
    keras_refuses_dilated_strides = False
    """Keras 3 refuses strides > 1 with dilation_rate > 1 in this layer; PyTorch accepts it."""
    torch_name = ""
    """PyTorch's name for the layer, for messages about what PyTorch accepts."""

    def __init__(self, kernel_size: Any, strides: Any, padding: Any, dilation_rate: Any,
                 use_bias: bool, activation: str | None, name: str | None, trainable: bool):
        super().__init__(name=name, trainable=trainable)
        self.kernel_size = int_tuple(self.kind, "kernel_size", given(
            self._called(), "kernel_size", kernel_size, self._example()), self.rank)
        self.strides = int_tuple(self.kind, "strides", strides, self.rank)
        self.padding = parse_padding(self.kind, padding, self.rank, causal=self.causal)
        self.dilation_rate = int_tuple(self.kind, "dilation_rate", dilation_rate, self.rank)
        self.use_bias = boolean(self.kind, "use_bias", use_bias)
        self.activation = check_activation(self.kind, activation)

    def _called(self) -> str:
        """How the learner wrote the call so far, for the message about a missing argument: ``Conv2D(32)``."""
        filters = getattr(self, "filters", None)
        return f"{self.kind}({filters})" if filters is not None else f"{self.kind}()"

    def _example(self) -> str:
        """The call with a kernel size, for that message: ``Conv2D(32, 3)`` (3x3 kernels)."""
        filters = getattr(self, "filters", None)
        call = f"{self.kind}({filters}, 3)" if filters is not None else f"{self.kind}(3)"
        window = "3x3 kernels" if self.rank == 2 else "kernels 3 steps long"
        return f"{call} for {window} (kernel_size is the size of the sliding window)"

    def output_channels(self, channels: int) -> int:
        """Channels that come out for ``channels`` going in."""
        raise NotImplementedError

    def kernel_weights(self, channels: int) -> int:
        """Weights of all kernels (biases not included) for ``channels`` going in."""
        raise NotImplementedError

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        self.require_rank(input_shape, self.rank + 1, AXES[self.rank])
        spatial = sliding_output(self, input_shape[:-1], "kernel_size", self.kernel_size, self.strides,
                                 self.padding, self.dilation_rate)
        return spatial + (self.output_channels(input_shape[-1]),)

    def output_shape_for(self, input_shape: Shape, convention: str) -> Shape:
        if convention == "keras":
            self.refuse_what_keras_refuses()
        return self.compute_output_shape(input_shape)

    def refuse_what_keras_refuses(self) -> None:
        """Raise for an option PyTorch accepts but Keras 3 does not (checked under convention="keras")."""
        if self.keras_refuses_dilated_strides and max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise self.error(f"{self.kind}(strides={compact(self.strides)}, "
                             f"dilation_rate={compact(self.dilation_rate)}): Keras refuses strides > 1 together "
                             f"with dilation_rate > 1 in {self.kind}; PyTorch's {self.torch_name} accepts it, "
                             "so count it with convention='pytorch'")

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

    def __init__(self, filters: int = MISSING, kernel_size: Any = MISSING, strides: Any = 1, padding: Any = "valid", *,
                 dilation_rate: Any = 1, groups: int = 1, use_bias: bool = True,
                 activation: str | None = None, name: str | None = None, trainable: bool = True):
        self.filters = positive_int(self.kind, "filters", given(
            f"{self.kind}()", "filters", filters, f"{self.kind}(32, 3) for 32 filters of size 3"))
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
    """Slides ``filters`` kernels along a sequence of shape (steps, channels).

    ``padding="causal"`` (Keras) pads d*(k-1) zeros before the sequence and none after, so
    output step t sees input steps up to t only; the length is ceil(n / s) (n for stride 1).
    PyTorch has no 'causal' word: a PyTorch model pads the left itself, which counts the same.
    """
    rank = 1
    causal = True
    keras_refuses_dilated_strides = True
    torch_name = "Conv1d"


class Conv2D(_GroupedConv):
    """Slides ``filters`` kernels over an image of shape (height, width, channels).

    Parameters ``kh*kw*(C/groups)*F + F``: the input's height and width do not matter.
    (Keras 3 refuses strides > 1 with dilation_rate > 1 here too, as in Conv1D; the count does
    not check it, so the conv explorer can show both at once.)
    """
    rank = 2
    torch_name = "Conv2d"


class DepthwiseConv2D(_Conv):
    """One kh x kw kernel per input channel (times ``depth_multiplier``); channels never mix."""

    def __init__(self, kernel_size: Any = MISSING, strides: Any = 1, padding: Any = "valid", *,
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

    def __init__(self, filters: int = MISSING, kernel_size: Any = MISSING, strides: Any = 1, padding: Any = "valid", *,
                 depth_multiplier: int = 1, dilation_rate: Any = 1, use_bias: bool = True,
                 activation: str | None = None, name: str | None = None, trainable: bool = True):
        self.filters = positive_int(self.kind, "filters", given(
            f"{self.kind}()", "filters", filters, f"{self.kind}(32, 3) for 32 filters of size 3"))
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


class Conv2DTranspose(_GroupedConv):
    """Spreads each input value over a kernel-sized patch of a larger output ("deconvolution").

    Parameters ``kh*kw*(C/groups)*F + F``, as Conv2D. Output length per axis, k_eff = d*(k-1) + 1:
    'valid' ``n*s + max(k_eff - s, 0)`` in Keras but ``(n-1)*s + k_eff`` in PyTorch (they differ
    when the stride is larger than the kernel); 'same' ``n*s``; an integer p (PyTorch)
    ``(n-1)*s - 2p + k_eff + output_padding``. With ``output_padding`` Keras gives
    ``(n-1)*s + k_eff - 2*pad + output_padding``, pad = 0 for 'valid' and k_eff // 2 for 'same'.
    ``output_padding`` must be smaller than the stride or the dilation on each axis (PyTorch's
    rule; Keras needs it smaller than the stride); ``groups`` is PyTorch's only.
    """
    transposed = True
    keras_refuses_dilated_strides = True
    torch_name = "ConvTranspose2d"

    def __init__(self, filters: int = MISSING, kernel_size: Any = MISSING, strides: Any = 1, padding: Any = "valid", *,
                 output_padding: Any = None, dilation_rate: Any = 1, groups: int = 1, use_bias: bool = True,
                 activation: str | None = None, name: str | None = None, trainable: bool = True):
        super().__init__(filters, kernel_size, strides, padding, dilation_rate=dilation_rate, groups=groups,
                         use_bias=use_bias, activation=activation, name=name, trainable=trainable)
        self.output_padding = None if output_padding is None else int_tuple(
            self.kind, "output_padding", output_padding, self.rank, check=non_negative_int)
        for extra, stride, dilation in zip(self.output_padding or (), self.strides, self.dilation_rate):
            if extra >= max(stride, dilation):
                raise ValueError(f"{self.kind}(output_padding={compact(self.output_padding)}, "
                                 f"strides={compact(self.strides)}, dilation_rate={compact(self.dilation_rate)}): "
                                 "output_padding must be smaller than strides or dilation_rate on every axis, "
                                 f"but {extra} >= {stride} and {extra} >= {dilation}")

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        """The output shape as Keras computes it (``output_shape_for`` takes either convention)."""
        return self.output_shape_under(input_shape, "keras")

    def output_shape_for(self, input_shape: Shape, convention: str) -> Shape:
        if convention == "keras":
            self.refuse_what_keras_refuses()
        return self.output_shape_under(input_shape, convention)

    def output_shape_under(self, input_shape: Shape, convention: str) -> Shape:
        """The output shape by ``convention``'s rule, whether or not that framework accepts the options."""
        self.require_rank(input_shape, self.rank + 1, AXES[self.rank])
        spatial = transposed_output(self, input_shape[:-1], self.kernel_size, self.strides, self.padding,
                                    self.dilation_rate, self.output_padding, convention)
        return spatial + (self.output_channels(input_shape[-1]),)

    def refuse_what_keras_refuses(self) -> None:
        super().refuse_what_keras_refuses()
        if self.groups > 1:
            raise self.error(f"{self.kind}(groups={self.groups}): Keras's Conv2DTranspose has no groups argument; "
                             f"PyTorch's {self.torch_name} has one, so count it with convention='pytorch'")
        for extra, stride in zip(self.output_padding or (), self.strides):
            if extra >= stride:
                raise self.error(f"{self.kind}(output_padding={compact(self.output_padding)}, "
                                 f"strides={compact(self.strides)}): Keras needs output_padding smaller than strides "
                                 f"on every axis, but {extra} >= {stride}; PyTorch's {self.torch_name} also accepts "
                                 "it when it is smaller than dilation_rate, so count it with convention='pytorch'")


def _times(channels: int, multiplier: int) -> str:
    """``channels`` or ``channels*multiplier`` when a depth multiplier is in play."""
    return str(channels) if multiplier == 1 else f"{channels}*{multiplier}"


Convolution1D, Convolution2D = Conv1D, Conv2D
