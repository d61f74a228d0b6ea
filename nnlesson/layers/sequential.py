"""``Sequential``: a stack of layers, each fed the previous one's output, counted without weights.

The model checks every shape as soon as it is built, so a mistake shows up on the line
where the model is written, with the layer's name in the message.
"""
from __future__ import annotations

from typing import Sequence

from .._validate import boolean, one_of
from .base import CONVENTIONS, Layer, Namer, Shape, chain, check_builds, check_layers
from .code_writers import WritesCode
from .core import Input
from .summary import Summary


class Sequential(WritesCode):
    """Layers applied in order, starting with ``Input(shape)``; layers get Keras-style names (dense, dense_1, ...)."""

    def __init__(self, layers: Sequence[Layer]):
        first, rest = self._check_order(check_layers("Sequential", "layers", layers))
        namer = Namer()
        try:
            self.layers: tuple[Layer, ...] = tuple(layer.named(namer) for layer in rest)
        except ValueError as error:
            raise ValueError(f"Sequential: {error}") from None
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
        return Summary(rows=chain(self.layers, self.input_shape, convention),
                       input_shape=self.input_shape, convention=convention, arithmetic=boolean(
                           "Sequential.summary", "arithmetic", arithmetic))

    def count_params(self, convention: str = "keras") -> int:
        """Total parameters, as Keras's ``model.count_params()`` reports them."""
        return self.summary(convention).total_params

    def __repr__(self) -> str:
        return f"Sequential([Input({self.input_shape}), {', '.join(map(repr, self.layers))}])"
