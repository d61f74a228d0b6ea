"""``Sequential``: a stack of layers, each fed the previous one's output, counted without weights.

The model checks every shape as soon as it is built, so a mistake shows up on the line
where the model is written, with the layer's name in the message.
"""
from __future__ import annotations

from typing import Sequence

from .._validate import boolean, one_of
from .base import CONVENTIONS, Layer, Namer, Shape, chain, check_builds, check_layers, unshared
from .code_writers import WritesCode
from .core import Input
from .summary import Row, Summary


class Sequential(WritesCode):
    """Layers applied in order, starting with ``Input(shape)``; layers get Keras-style names (dense, dense_1, ...).

    A layer object listed twice (``[Dense(64)] * 3``) is one layer used twice, as in Keras and PyTorch: its rows
    keep one name and its weights are counted once (a functional ``Model`` counts a shared layer the same way).
    """

    def __init__(self, layers: Sequence[Layer], *more: Layer):
        if more or isinstance(layers, Layer):  # Sequential(Input((3,)), Dense(2)): layers one by one, not a list
            written = ", ".join(map(repr, (layers, *more)))
            raise TypeError(f"Sequential({written}): pass the layers as one list, in square brackets: "
                            f"Sequential([{written}])")
        first, rest = self._check_order(check_layers("Sequential", "layers", layers))
        namer, named = Namer(), {}
        try:
            for layer in rest:  # a layer object listed twice is one layer used twice: one named copy, one name
                if id(layer) not in named:
                    named[id(layer)] = layer.named(namer)
        except ValueError as error:
            raise ValueError(f"Sequential: {error}") from None
        self.layers: tuple[Layer, ...] = tuple(named[id(layer)] for layer in rest)
        self.input_shape: Shape = first.shape
        self.output_shape: Shape = check_builds(self.summary).output_shape  # every row built: errors surface now

    @staticmethod
    def _check_order(layers: tuple[Layer, ...]) -> tuple[Input, tuple[Layer, ...]]:
        if len(layers) < 2:
            raise ValueError(f"Sequential(layers={list(layers)!r}): a model needs Input(shape) "
                             "followed by at least one layer")
        first, *rest = layers
        if not isinstance(first, Input):
            raise ValueError(f"Sequential: the first layer is {first!r}, but it must be Input(shape) "
                             "so the model knows the shape of one example")
        for position, layer in enumerate(rest, start=1):
            if isinstance(layer, Input):
                raise ValueError(f"Sequential: layers[{position}] is {layer!r}; Input can only be "
                                 "the first layer")
        return first, tuple(rest)

    def summary(self, convention: str = "keras", arithmetic: bool = False) -> Summary:
        """Every layer's output shape, parameters, neurons and MACs, counted as ``convention`` counts them;
        with ``arithmetic=True`` its tables also show how each parameter count is made."""
        one_of("Sequential.summary", "convention", convention, CONVENTIONS)
        return Summary(rows=self._rows(convention),
                       input_shape=self.input_shape, convention=convention, arithmetic=boolean(
                           "Sequential.summary", "arithmetic", arithmetic))

    def _rows(self, convention: str) -> tuple[Row, ...]:
        """One row per use of a layer, fed the previous output; a layer object used again shares its weights
        (as in Keras and PyTorch), so its later rows add no parameters: ``shared`` rows, counted once."""
        rows: list[Row] = []
        first: dict[int, Row] = {}
        for layer, row in zip(self.layers, chain(self.layers, self.input_shape, convention)):
            if id(layer) in first:
                row = self._shared(first[id(layer)], row, rows[-1].output_shape)
            else:
                first[id(layer)] = row
            rows.append(row)
        return tuple(rows)

    @staticmethod
    def _shared(first: Row, again: Row, shape: Shape) -> Row:
        """A layer used once more: the same weights, so it must fit them, and it adds no parameters."""
        if again.params != first.params:
            raise ValueError(
                f"Sequential: the layer {first.name!r} is used twice, but its inputs need different weights "
                f"({first.params:,} and {again.params:,} parameters; the second input has shape {shape}). "
                "A layer object used again reuses its weights, so each use needs an input of the same size; "
                "for a new layer with its own weights write a new one, e.g. Dense(64) again")
        return unshared(again)

    def count_params(self, convention: str = "keras") -> int:
        """Total parameters, as Keras's ``model.count_params()`` reports them."""
        return self.summary(convention).total_params

    def __repr__(self) -> str:
        return f"Sequential([Input({self.input_shape}), {', '.join(map(repr, self.layers))}])"
