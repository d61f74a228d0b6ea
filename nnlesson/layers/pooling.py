"""Pooling: summarise each window (max or average) to shrink the input. No weights, no neurons."""
from __future__ import annotations

from typing import Any

from .._validate import boolean
from .base import Layer, Shape
from .shapes import AXES, int_tuple, parse_padding, sliding_output


class _Pooling(Layer):
    """A window of ``pool_size`` moved by ``strides`` (default: pool_size, so windows do not overlap).

    ``ceil_mode=True`` is PyTorch's option: the length ``ceil((n + 2p - k) / s) + 1`` rounds up
    instead of down, so a last, partial window counts, unless it would start past the input and
    its left padding. Keras has no such option, so it is counted under convention="pytorch" only.
    """
    rank = 2
    torch_name = ""
    """PyTorch's name for the layer, for messages about what PyTorch accepts."""

    def __init__(self, pool_size: Any = 2, strides: Any = None, padding: Any = "valid", *,
                 ceil_mode: bool = False, name: str | None = None):
        super().__init__(name=name)
        self.pool_size = int_tuple(self.kind, "pool_size", pool_size, self.rank)
        self.strides = self.pool_size if strides is None else int_tuple(self.kind, "strides", strides, self.rank)
        self.padding = parse_padding(self.kind, padding, self.rank)
        self.ceil_mode = boolean(self.kind, "ceil_mode", ceil_mode)
        if self.ceil_mode and self.padding == "same":
            raise ValueError(f"{self.kind}(padding='same', ceil_mode=True): ceil_mode is PyTorch's option and "
                             "PyTorch's pooling has no 'same' padding; use padding='valid' or a number of cells")

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        self.require_rank(input_shape, self.rank + 1, AXES[self.rank])
        spatial = sliding_output(self, input_shape[:-1], "pool_size", self.pool_size, self.strides,
                                 self.padding, (1,) * self.rank, ceil_mode=self.ceil_mode)
        return spatial + input_shape[-1:]

    def output_shape_for(self, input_shape: Shape, convention: str) -> Shape:
        if convention == "keras" and self.ceil_mode:
            raise self.error(f"{self.kind}(ceil_mode=True): ceil_mode is PyTorch's option ({self.torch_name}); "
                             "Keras has none and always rounds the output length down, "
                             "so count it with convention='pytorch'")
        return self.compute_output_shape(input_shape)


class MaxPooling1D(_Pooling):
    """Keeps the largest value of each window along a sequence (steps, channels)."""
    rank = 1
    torch_name = "MaxPool1d"


class MaxPooling2D(_Pooling):
    """Keeps the largest value of each window of an image (height, width, channels)."""
    rank = 2
    torch_name = "MaxPool2d"


class AveragePooling1D(_Pooling):
    """Averages each window along a sequence (steps, channels)."""
    rank = 1
    torch_name = "AvgPool1d"


class AveragePooling2D(_Pooling):
    """Averages each window of an image (height, width, channels)."""
    rank = 2
    torch_name = "AvgPool2d"


class _GlobalPooling(Layer):
    """One window as large as the whole input: every channel becomes a single number. With
    ``keepdims=True`` the spatial axes stay, of size 1 (a squeeze-and-excite gate multiplies them back)."""
    rank = 2

    def __init__(self, keepdims: bool = False, *, name: str | None = None):
        super().__init__(name=name)
        self.keepdims = boolean(self.kind, "keepdims", keepdims)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        self.require_rank(input_shape, self.rank + 1, AXES[self.rank])
        return (1,) * self.rank + input_shape[-1:] if self.keepdims else input_shape[-1:]


class GlobalAveragePooling1D(_GlobalPooling):
    """Averages each channel over all steps: (steps, channels) -> (channels,)."""
    rank = 1


class GlobalAveragePooling2D(_GlobalPooling):
    """Averages each channel over the image: (height, width, channels) -> (channels,)."""
    rank = 2


class GlobalMaxPooling1D(_GlobalPooling):
    """Takes each channel's largest value over all steps: (steps, channels) -> (channels,)."""
    rank = 1


class GlobalMaxPooling2D(_GlobalPooling):
    """Takes each channel's largest value over the image: (height, width, channels) -> (channels,)."""
    rank = 2


class AdaptiveAveragePooling2D(Layer):
    """Averages windows sized so that the output is exactly ``output_size``, as PyTorch's AdaptiveAvgPool2d.

    (height, width, channels) -> (oh, ow, channels) for any height and width; no parameters.
    torchvision's AlexNet and VGG put one before the classifier, so the first Dense layer always
    sees 6x6 or 7x7 maps, whatever the image size.
    """

    def __init__(self, output_size: Any, *, name: str | None = None):
        super().__init__(name=name)
        self.output_size = int_tuple(self.kind, "output_size", output_size, 2)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        self.require_rank(input_shape, 3, AXES[2])
        return self.output_size + input_shape[-1:]


MaxPool1D, MaxPool2D, AvgPool1D, AvgPool2D = MaxPooling1D, MaxPooling2D, AveragePooling1D, AveragePooling2D
GlobalAvgPool1D, GlobalAvgPool2D = GlobalAveragePooling1D, GlobalAveragePooling2D
GlobalMaxPool1D, GlobalMaxPool2D = GlobalMaxPooling1D, GlobalMaxPooling2D
AdaptiveAvgPool2D = AdaptiveAveragePooling2D
