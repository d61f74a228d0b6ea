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


CROPPING_RULE = ("cropping must be a whole number >= 0, a tuple of 2 of them (height, width) or a tuple of "
                 "2 pairs ((top, bottom), (left, right))")


def crop_pairs(owner: str, cropping: Any) -> tuple[tuple[int, int], tuple[int, int]]:
    """Keras's three ways to give a crop, as ((top, bottom), (left, right))."""
    if isinstance(cropping, (tuple, list)) and len(cropping) == 2 and all(
            isinstance(pair, (tuple, list)) for pair in cropping):
        if any(len(pair) != 2 for pair in cropping):
            raise ValueError(f"{describe(owner, 'cropping', cropping)}: {CROPPING_RULE}")
        return tuple(tuple(non_negative_int(owner, f"cropping[{axis}][{side}]", value)  # type: ignore[return-value]
                           for side, value in enumerate(pair)) for axis, pair in enumerate(cropping))
    if isinstance(cropping, (tuple, list)) and len(cropping) != 2:
        raise ValueError(f"{describe(owner, 'cropping', cropping)}: {CROPPING_RULE}")
    if not isinstance(cropping, (tuple, list, int)) or isinstance(cropping, bool):
        raise TypeError(f"{describe(owner, 'cropping', cropping)}: {CROPPING_RULE}, not {type(cropping).__name__}")
    height, width = int_tuple(owner, "cropping", cropping, 2, check=non_negative_int)
    return (height, height), (width, width)


class Cropping2D(Layer):
    """Cuts rows off the top and bottom and columns off the left and right of an image; no parameters.

    ``cropping`` as Keras takes it: c on every side, (ch, cw) for top and bottom and for left and
    right, or ((top, bottom), (left, right)). (height, width, channels) becomes
    (height - top - bottom, width - left - right, channels); at least one row and column must remain.
    """

    def __init__(self, cropping: Any = ((0, 0), (0, 0)), *, name: str | None = None):
        super().__init__(name=name)
        self.cropping = crop_pairs("Cropping2D", cropping)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        self.require_rank(input_shape, 3, "(height, width, channels)")
        kept = []
        for axis, size, (before, after) in zip(("height", "width"), input_shape[:2], self.cropping):
            if before + after >= size:
                raise self.error(f"Cropping2D(cropping={self.cropping}) cuts {before} + {after} = {before + after} "
                                 f"cells off the {axis} of input {input_shape}: the crop on each axis must be "
                                 f"smaller than the input ({size}), so that at least one cell remains")
            kept.append(size - before - after)
        return (*kept, input_shape[2])
