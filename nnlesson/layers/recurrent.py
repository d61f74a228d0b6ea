"""Recurrent layers read a sequence (timesteps, features) one step at a time, carrying a hidden state.

A layer with h units and g gates (SimpleRNN 1, LSTM 4, GRU 3) has g*h*(i + h) weights for
i input features, plus g*h biases per bias vector. Keras keeps one bias vector (two for a
GRU with reset_after=True); PyTorch always keeps two, b_ih and b_hh, hence their totals differ.
Neurons are units x timesteps: the hidden state is computed at every step, whether or not
``return_sequences`` keeps all of them in the output.
"""
from __future__ import annotations

from .._validate import boolean, positive_int
from .base import Counts, Layer, Shape


class _Recurrent(Layer):
    """Shared by SimpleRNN, LSTM and GRU; ``gates`` is how many weighted sums each unit computes per step."""
    gates = 1

    def __init__(self, units: int, return_sequences: bool = False, *, use_bias: bool = True,
                 name: str | None = None, trainable: bool = True):
        super().__init__(name=name, trainable=trainable)
        self.units = positive_int(self.kind, "units", units)
        self.return_sequences = boolean(self.kind, "return_sequences", return_sequences)
        self.use_bias = boolean(self.kind, "use_bias", use_bias)  # PyTorch's bias=False

    def bias_vectors(self, convention: str) -> int:
        """How many bias vectors of size gates*units the framework keeps (none with ``use_bias=False``)."""
        if not self.use_bias:
            return 0
        return 2 if convention == "pytorch" else 1

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        self.require_rank(input_shape, 2, "(timesteps, features)")
        return (input_shape[0], self.units) if self.return_sequences else (self.units,)

    def count(self, input_shape: Shape, output_shape: Shape, convention: str) -> Counts:
        (timesteps, features), h = input_shape, self.units
        weights = self.gates * h * (features + h)
        biases = self.gates * h * self.bias_vectors(convention)
        return Counts(trainable=weights + biases, neurons=h * timesteps, macs=timesteps * weights)

    def formula(self, input_shape: Shape, output_shape: Shape, convention: str) -> str:
        """Per gate and unit: a weight per input feature, a weight per unit (the recurrence), and its biases."""
        h, biases = self.units, self.bias_vectors(convention)
        per_unit = f"({input_shape[1]} + {h}{f' + {biases}' if biases else ''})*{h}"
        return per_unit if self.gates == 1 else f"{self.gates}*{per_unit}"


class SimpleRNN(_Recurrent):
    """The plain recurrent layer: h_t = tanh(W x_t + U h_(t-1) + b)."""
    gates = 1


class LSTM(_Recurrent):
    """Long short-term memory: input, forget, cell and output gates (4 weighted sums per unit)."""
    gates = 4


class GRU(_Recurrent):
    """Gated recurrent unit: update, reset and candidate (3 weighted sums per unit).

    ``reset_after=True`` (Keras default, and PyTorch's only form) keeps two bias vectors.
    """
    gates = 3

    def __init__(self, units: int, return_sequences: bool = False, reset_after: bool = True, *,
                 use_bias: bool = True, name: str | None = None, trainable: bool = True):
        super().__init__(units, return_sequences, use_bias=use_bias, name=name, trainable=trainable)
        self.reset_after = boolean("GRU", "reset_after", reset_after)

    def bias_vectors(self, convention: str) -> int:
        if convention == "pytorch" and not self.reset_after:
            raise self.error("GRU(reset_after=False) has no PyTorch equivalent: PyTorch's GRU only has the "
                             "reset-after form; use reset_after=True or convention='keras'")
        if not self.use_bias:
            return 0
        return 2 if self.reset_after else 1
