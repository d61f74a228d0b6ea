"""Where a convolution's kernel lands on its padded input, axis by axis, for drawing and explaining.

The output length comes from the layer itself (``floor((n + 2p - d*(k-1) - 1) / s) + 1``);
this module adds what a picture needs: how much padding sits on each side ('same' pads like
TensorFlow, the extra cell going after), how far the placements reach, and how many rows or
columns at the end no placement covers because the division rounds down.
"""
from __future__ import annotations

from dataclasses import dataclass

from .layers.conv import _Conv
from .layers.base import Shape


@dataclass(frozen=True)
class AxisLayout:
    """One spatial axis: ``size`` input cells, padding on each side, and the kernel's placements."""
    size: int
    kernel: int
    dilation: int
    stride: int
    pad_before: int
    pad_after: int
    positions: int

    @property
    def span(self) -> int:
        """Cells one placement stretches over: d*(k-1) + 1 (the kernel's taps are d cells apart)."""
        return self.dilation * (self.kernel - 1) + 1

    @property
    def padded(self) -> int:
        """Cells after padding: n + padding on both sides."""
        return self.size + self.pad_before + self.pad_after

    @property
    def covered(self) -> int:
        """Padded cells from the first placement's start to the last placement's end."""
        return (self.positions - 1) * self.stride + self.span

    @property
    def left_out(self) -> int:
        """Cells at the end that no placement reaches: the remainder the floor division drops."""
        return max(self.padded - self.covered, 0)


def axis_layout(size: int, kernel: int, stride: int, dilation: int, padding: str | int,
                positions: int) -> AxisLayout:
    """One axis's layout; ``padding`` is 'valid', 'same' or cells per side, ``positions`` the output length."""
    span = dilation * (kernel - 1) + 1
    if padding == "valid":
        before = after = 0
    elif padding == "same":
        total = max((positions - 1) * stride + span - size, 0)
        before, after = total // 2, total - total // 2
    else:
        before = after = padding
    return AxisLayout(size, kernel, dilation, stride, before, after, positions)


def conv_layout(layer: _Conv, input_shape: Shape) -> tuple[AxisLayout, AxisLayout]:
    """(rows, columns) layout of a 2-D convolution on ``input_shape``; raises like the layer if it does not fit."""
    output_shape = layer.row(input_shape).output_shape
    paddings = (layer.padding,) * 2 if isinstance(layer.padding, str) else layer.padding
    return tuple(axis_layout(input_shape[axis], layer.kernel_size[axis], layer.strides[axis],
                             layer.dilation_rate[axis], paddings[axis], output_shape[axis])
                 for axis in range(2))
