"""Layers that only move numbers around: flatten, reshape, pad or crop. None has parameters or neurons."""
from __future__ import annotations

import math
from typing import Any

from .._validate import describe, non_negative_int
from .base import Layer, Shape
from .shapes import int_tuple


class Flatten(Layer):
    """Lays all values out in one line, e.g. (12, 12, 64) -> (9216,), so a Dense layer can follow."""

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        return (math.prod(input_shape),)


class Reshape(Layer):
    """Rearranges the values into ``target_shape``; the number of values must stay the same."""

    def __init__(self, target_shape: tuple[int, ...], *, name: str | None = None):
        super().__init__(name=name)
        if not isinstance(target_shape, (tuple, list)) or not target_shape:
            raise TypeError(f"{describe('Reshape', 'target_shape', target_shape)}: "
                            "target_shape must be a non-empty tuple of positive ints")
        self.target_shape = int_tuple("Reshape", "target_shape", target_shape, len(target_shape))

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        if math.prod(input_shape) != math.prod(self.target_shape):
            raise self.error(f"Reshape(target_shape={self.target_shape}) cannot hold input {input_shape}: "
                             f"{math.prod(self.target_shape)} values != {math.prod(input_shape)} values")
        return self.target_shape


class ZeroPadding2D(Layer):
    """Adds rows and columns of zeros around an image: ``padding`` = p or (ph, pw) on each side."""

    def __init__(self, padding: Any = 1, *, name: str | None = None):
        super().__init__(name=name)
        self.padding = int_tuple("ZeroPadding2D", "padding", padding, 2, check=non_negative_int)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        self.require_rank(input_shape, 3, "(height, width, channels)")
        (height, width, channels), (ph, pw) = input_shape, self.padding
        return (height + 2 * ph, width + 2 * pw, channels)
