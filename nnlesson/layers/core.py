"""The everyday layers: Input, Dense, and the ones that only move numbers around (0 parameters)."""
from __future__ import annotations

import math
from typing import Any

from .._validate import boolean, describe, non_negative_int, positive_int, real_number
from .base import Counts, Layer, Shape, check_activation
from .spatial import int_tuple


class Input(Layer):
    """Declares the shape of one example (no batch axis). Input neurons hold data and compute nothing."""

    def __init__(self, shape: int | tuple[int, ...], *, name: str | None = None):
        super().__init__(name=name)
        if isinstance(shape, (tuple, list)) and not shape:
            raise ValueError(f"{describe('Input', 'shape', shape)}: shape needs at least one axis, e.g. (784,)")
        self.shape = int_tuple("Input", "shape", shape, len(shape) if isinstance(shape, (tuple, list)) else 1)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        raise self.error("Input can only be the first layer of a Sequential model")


class Dense(Layer):
    """Fully connected: every one of ``units`` neurons sees every input on the last axis.

    Parameters ``(d + 1) * units`` for d inputs (d weights and one bias per neuron).
    """

    def __init__(self, units: int, activation: str | None = None, use_bias: bool = True, *,
                 name: str | None = None, trainable: bool = True):
        super().__init__(name=name, trainable=trainable)
        self.units = positive_int("Dense", "units", units)
        self.activation = check_activation("Dense", activation)
        self.use_bias = boolean("Dense", "use_bias", use_bias)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        return input_shape[:-1] + (self.units,)

    def count(self, input_shape: Shape, output_shape: Shape, convention: str) -> Counts:
        weights = input_shape[-1] * self.units
        return Counts(trainable=weights + self.units * self.use_bias, neurons=math.prod(output_shape),
                      macs=weights * math.prod(input_shape[:-1]))


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


class Dropout(Layer):
    """During training, zeroes each value with probability ``rate`` (0 <= rate < 1); no parameters."""

    def __init__(self, rate: float, *, name: str | None = None):
        super().__init__(name=name)
        self.rate = real_number("Dropout", "rate", rate)
        if not 0 <= self.rate < 1:
            raise ValueError(f"{describe('Dropout', 'rate', rate)}: rate must be in [0, 1) "
                             "(0 drops nothing, 1 would drop everything)")

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        return input_shape


class Activation(Layer):
    """Applies an activation function value by value; it adds no parameters."""

    def __init__(self, activation: str, *, name: str | None = None):
        super().__init__(name=name)
        self.activation = check_activation("Activation", activation)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        return input_shape


class Embedding(Layer):
    """A lookup table of ``input_dim`` vectors of length ``output_dim``: (T,) token ids -> (T, output_dim).

    It has ``input_dim * output_dim`` parameters but no neurons: a lookup is not a weighted sum.
    """

    def __init__(self, input_dim: int, output_dim: int, *, name: str | None = None, trainable: bool = True):
        super().__init__(name=name, trainable=trainable)
        self.input_dim = positive_int("Embedding", "input_dim", input_dim)
        self.output_dim = positive_int("Embedding", "output_dim", output_dim)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        return input_shape + (self.output_dim,)

    def count(self, input_shape: Shape, output_shape: Shape, convention: str) -> Counts:
        return Counts(trainable=self.input_dim * self.output_dim)


class ZeroPadding2D(Layer):
    """Adds rows and columns of zeros around an image: ``padding`` = p or (ph, pw) on each side."""

    def __init__(self, padding: Any = 1, *, name: str | None = None):
        super().__init__(name=name)
        self.padding = int_tuple("ZeroPadding2D", "padding", padding, 2, check=non_negative_int)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        self.require_rank(input_shape, 3, "(height, width, channels)")
        (height, width, channels), (ph, pw) = input_shape, self.padding
        return (height + 2 * ph, width + 2 * pw, channels)
