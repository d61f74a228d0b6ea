"""The everyday layers: Input, Dense, Dropout, Activation and Embedding."""
from __future__ import annotations

import math

from .._validate import boolean, describe, positive_int, real_number
from .base import Counts, Layer, Shape, check_activation
from .shapes import int_tuple


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

    def formula(self, input_shape: Shape, output_shape: Shape, convention: str) -> str:
        return f"({input_shape[-1]} + 1)*{self.units}" if self.use_bias else f"{input_shape[-1]}*{self.units}"

    def count(self, input_shape: Shape, output_shape: Shape, convention: str) -> Counts:
        weights = input_shape[-1] * self.units
        return Counts(trainable=weights + self.units * self.use_bias, neurons=math.prod(output_shape),
                      macs=weights * math.prod(input_shape[:-1]))


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
        self.input_dim = positive_int(self.kind, "input_dim", input_dim)
        self.output_dim = positive_int(self.kind, "output_dim", output_dim)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        return input_shape + (self.output_dim,)

    def count(self, input_shape: Shape, output_shape: Shape, convention: str) -> Counts:
        return Counts(trainable=self.input_dim * self.output_dim)

    def formula(self, input_shape: Shape, output_shape: Shape, convention: str) -> str:
        return f"{self.input_dim}*{self.output_dim}"
