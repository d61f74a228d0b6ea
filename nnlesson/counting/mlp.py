"""Multilayer perceptrons: the package's one MLP builder, each layer's counts, and how counts grow.

The mlp explorer's math (lesson 03). ``mlp(sizes)`` is the only place an MLP is written as a
``Sequential``: the trainer, the checks and the lessons all build theirs here. Every number
comes from the layers' own ``row()``; nothing re-derives a layer's formula.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .._validate import positive_int, real_number
from ..layers import Dense, Dropout, Input, Sequential, Summary


def check_sizes(owner: str, sizes: Sequence[int]) -> tuple[int, ...]:
    """Return the widths of an MLP (input, hidden..., output) as ints, each >= 1, at least two of them."""
    if not isinstance(sizes, (list, tuple)) or len(sizes) < 2:
        raise ValueError(f"{owner}(sizes={sizes!r}): sizes must list at least an input and an output "
                         "width, e.g. [784, 128, 10]")
    return tuple(positive_int(owner, f"sizes[{i}]", size) for i, size in enumerate(sizes))


def mlp(sizes: Sequence[int], activation: str = "relu", *, dropout: float = 0.0, use_bias: bool = True,
        frozen: int = 0) -> Sequential:
    """A multilayer perceptron: ``sizes[0]`` inputs, then one Dense layer per further width.

    ``mlp([784, 128, 10])`` is Input(784) -> Dense(128, relu) -> Dense(10); the last layer has
    no activation (a softmax or none is a choice of the loss, and adds no parameters).
    ``dropout`` > 0 puts a Dropout layer after each hidden layer; ``use_bias=False`` counts weights
    only; the first ``frozen`` Dense layers are frozen (``trainable=False``), as in transfer learning.
    """
    sizes = check_sizes("mlp", sizes)
    layers = [Input((sizes[0],))]
    for position, width in enumerate(sizes[1:], start=1):
        last = position == len(sizes) - 1
        layers.append(Dense(width, activation=None if last else activation, use_bias=use_bias,
                            trainable=position > frozen))
        if dropout > 0 and not last:
            layers.append(Dropout(dropout))
    return Sequential(layers)


@dataclass(frozen=True)
class DenseCount:
    """One dense layer of an MLP: n_in inputs to n_out neurons, and what it holds."""
    n_in: int
    n_out: int
    weights: int
    biases: int
    neurons: int

    @property
    def params(self) -> int:
        """Weights plus biases: (n_in + 1) * n_out."""
        return self.weights + self.biases


def dense_counts(sizes: Sequence[int]) -> list[DenseCount]:
    """Weights, biases and neurons of each layer of ``mlp(sizes)``, read from the Dense layers."""
    sizes = check_sizes("dense_counts", sizes)
    counts = []
    for n_in, n_out in zip(sizes, sizes[1:]):
        weights = Dense(n_out, use_bias=False).row((n_in,)).params
        row = Dense(n_out).row((n_in,))
        counts.append(DenseCount(n_in, n_out, weights, row.params - weights, row.neurons))
    return counts


@dataclass(frozen=True)
class GrowthPoint:
    """An MLP's size at one point of a sweep: ``x`` is the swept quantity (a width factor or a depth).

    ``params`` and ``neurons`` are exact counts, or multiples of a model's counts in ``relative_width``.
    """
    x: float
    params: float
    neurons: float


def _point(x: float, sizes: Sequence[int]) -> GrowthPoint:
    rows = [Dense(n_out).row((n_in,)) for n_in, n_out in zip(sizes, sizes[1:])]
    return GrowthPoint(x, sum(row.params for row in rows), sum(row.neurons for row in rows))


def scale_hidden(sizes: Sequence[int], factor: float) -> tuple[int, ...]:
    """The same MLP with every hidden width times ``factor`` (rounded, at least 1); input and output stay."""
    sizes = check_sizes("scale_hidden", sizes)
    factor = real_number("scale_hidden", "factor", factor)
    if factor <= 0:
        raise ValueError(f"scale_hidden(factor={factor!r}): factor must be > 0")
    return (sizes[0], *(max(1, round(width * factor)) for width in sizes[1:-1]), sizes[-1])


def growth_with_width(sizes: Sequence[int], factors: Sequence[float]) -> list[GrowthPoint]:
    """Parameters and neurons as all hidden layers widen together; ``x`` is the factor.

    Parameters grow with products of neighbouring widths (quadratically between two hidden
    layers), neurons with their sum (linearly). With no hidden layer there is nothing to
    widen: the list is empty.
    """
    sizes = check_sizes("growth_with_width", sizes)
    if len(sizes) == 2:
        return []
    return [_point(factor, scale_hidden(sizes, factor)) for factor in factors]


def growth_with_depth(n_in: int, widths: Sequence[int], n_out: int) -> list[GrowthPoint]:
    """Parameters and neurons with 0, 1, ..., len(widths) hidden layers, the first d of ``widths``."""
    return [_point(depth, check_sizes("growth_with_depth", [n_in, *widths[:depth], n_out]))
            for depth in range(len(widths) + 1)]


@dataclass(frozen=True)
class Growth:
    """Both sweeps an explorer draws, and where the current model sits on each."""
    by_width: list[GrowthPoint]
    by_depth: list[GrowthPoint]
    at_width: GrowthPoint | None
    at_depth: GrowthPoint

    def relative_width(self) -> list[GrowthPoint]:
        """The width sweep with parameters and neurons as multiples of the current model's."""
        base = self.at_width
        return [GrowthPoint(p.x, p.params / base.params, p.neurons / base.neurons) for p in self.by_width]


def mlp_growth(n_in: int, widths: Sequence[int], depth: int, n_out: int, points: int = 24) -> Growth:
    """The sweeps an explorer draws for the model ``[n_in, *widths[:depth], n_out]``.

    Width: every hidden layer scaled by a factor from 0 to 2 (the model itself is factor 1).
    Depth: 0 to ``len(widths)`` hidden layers, hidden layer i being ``widths[i]`` wide.
    """
    sizes = check_sizes("mlp_growth", [n_in, *widths[:depth], n_out])
    by_depth = growth_with_depth(n_in, widths, n_out)
    if not depth:
        return Growth([], by_depth, None, by_depth[0])
    by_width = growth_with_width(sizes, [2 * i / points for i in range(1, points + 1)])
    return Growth(by_width, by_depth, _point(1.0, sizes), by_depth[depth])


@dataclass(frozen=True)
class MLPReport:
    """What the mlp explorer shows for one MLP: each layer's counts, totals, memory, and the growth sweeps."""
    sizes: tuple[int, ...]
    layers: tuple[DenseCount, ...]
    summary: Summary
    dtype: str
    growth: Growth

    @property
    def params(self) -> int:
        return self.summary.total_params

    @property
    def weights(self) -> int:
        return sum(layer.weights for layer in self.layers)

    @property
    def biases(self) -> int:
        return sum(layer.biases for layer in self.layers)

    @property
    def neurons(self) -> int:
        return self.summary.neurons

    @property
    def bytes(self) -> int:
        """Bytes to store every parameter as ``dtype``."""
        return self.summary.memory_bytes(self.dtype)


def mlp_report(n_in: int, widths: Sequence[int], depth: int, n_out: int, dtype: str = "float32") -> MLPReport:
    """The MLP ``[n_in, *widths[:depth], n_out]``, counted, with the sweeps over every width in ``widths``."""
    sizes = check_sizes("mlp_report", [n_in, *widths[:depth], n_out])
    return MLPReport(sizes, tuple(dense_counts(sizes)), mlp(sizes).summary(), dtype,
                     mlp_growth(n_in, widths, depth, n_out))
