"""One Conv2D layer on one input, as the conv explorer shows it (lesson 04).

Everything comes from the engine: the output shape and counts from the layer's ``row()``,
where the kernel lands from its ``windows()`` (the same rule that sets the output size),
and what a dense layer would need in its place from a ``Dense`` row.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from ..layers import Conv2D, Dense, Row
from ..layers.shapes import Window


def dense_equivalent(input_shape: Sequence[int], output_shape: Sequence[int]) -> int:
    """Parameters of a Dense layer that maps every input value to every output value.

    A convolution producing ``output_shape`` from ``input_shape`` touches the same numbers,
    but a dense layer needs a separate weight for every (input, output) pair, plus a bias per
    output: compare the two to see what weight sharing saves.
    """
    n_in, n_out = math.prod(input_shape), math.prod(output_shape)
    return Dense(n_out).row((n_in,)).params


@dataclass(frozen=True)
class ConvReport:
    """A Conv2D layer on an input: its counts, where its kernel lands, and the dense comparison."""
    layer: Conv2D
    input_shape: tuple[int, int, int]
    row: Row
    rows: Window
    columns: Window
    weights: int
    dense_params: int

    @property
    def output_shape(self) -> tuple[int, ...]:
        return self.row.output_shape

    @property
    def params(self) -> int:
        return self.row.params

    @property
    def biases(self) -> int:
        """One per filter, or none with ``use_bias=False``."""
        return self.params - self.weights

    @property
    def neurons(self) -> int:
        """One per output value: every position of every filter computes a weighted sum."""
        return self.row.neurons

    @property
    def macs(self) -> int:
        return self.row.macs

    @property
    def positions(self) -> int:
        """Placements of the kernel on the input: rows x columns."""
        return self.rows.positions * self.columns.positions

    @property
    def sharing(self) -> float:
        """How many times more parameters a dense layer would need for the same inputs and outputs."""
        return self.dense_params / self.params


def conv_report(height: int, width: int, channels: int, filters: int, kernel: int, stride: int = 1,
                padding: str | int = "valid", dilation: int = 1, bias: bool = True) -> ConvReport:
    """Count ``Conv2D(filters, kernel, ...)`` on a (height, width, channels) input; raises if it does not fit."""
    layer = Conv2D(filters, kernel, strides=stride, padding=padding, dilation_rate=dilation, use_bias=bias)
    shape = (height, width, channels)
    row = layer.row(shape)
    rows, columns = layer.windows(shape)
    return ConvReport(layer, shape, row, rows, columns, layer.kernel_weights(channels),
                      dense_equivalent(shape, row.output_shape))
