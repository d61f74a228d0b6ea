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
    """Adds rows and columns of zeros around an image, ``padding`` as Keras takes it: p on every side,
    (ph, pw) on top and bottom and on left and right, or ((top, bottom), (left, right)), e.g.
    ((0, 1), (0, 1)) before a stride-2 convolution in MobileNet and EfficientNet."""

    def __init__(self, padding: Any = 1, *, name: str | None = None):
        super().__init__(name=name)
        self.padding = crop_pairs("ZeroPadding2D", padding, what="padding")

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        self.require_rank(input_shape, 3, "(height, width, channels)")
        (height, width, channels), ((top, bottom), (left, right)) = input_shape, self.padding
        return (height + top + bottom, width + left + right, channels)


CROPPING_RULE = ("{what} must be a whole number >= 0, a tuple of 2 of them (height, width) or a tuple of "
                 "2 pairs ((top, bottom), (left, right))")


def crop_pairs(owner: str, cropping: Any, what: str = "cropping") -> tuple[tuple[int, int], tuple[int, int]]:
    """Keras's three ways to give a crop (or a padding), as ((top, bottom), (left, right))."""
    rule = CROPPING_RULE.format(what=what)
    if isinstance(cropping, (tuple, list)) and len(cropping) == 2 and all(
            isinstance(pair, (tuple, list)) for pair in cropping):
        if any(len(pair) != 2 for pair in cropping):
            raise ValueError(f"{describe(owner, what, cropping)}: {rule}")
        return tuple(tuple(non_negative_int(owner, f"{what}[{axis}][{side}]", value)  # type: ignore[return-value]
                           for side, value in enumerate(pair)) for axis, pair in enumerate(cropping))
    if isinstance(cropping, (tuple, list)) and len(cropping) != 2:
        raise ValueError(f"{describe(owner, what, cropping)}: {rule}")
    if not isinstance(cropping, (tuple, list, int)) or isinstance(cropping, bool):
        raise TypeError(f"{describe(owner, what, cropping)}: {rule}, not {type(cropping).__name__}")
    height, width = int_tuple(owner, what, cropping, 2, check=non_negative_int)
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
