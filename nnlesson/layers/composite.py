"""Layers made of layers. Their row lists the inner layers as children and sums their counts."""
from __future__ import annotations

from typing import Sequence

from .._validate import one_of
from .base import Layer, Namer, Shape, chain, check_layers, combine, snake_case
from .recurrent import _Recurrent
from .summary import Row

MERGE_MODES = ("concat", "sum", "mul", "ave")


class Residual(Layer):
    """A ResNet-style block: output = main(x) + shortcut(x), both paths fed the same input.

    ``shortcut=None`` is the identity (x itself); a list of layers is a projection, e.g. a
    1x1 Conv2D that matches the main path's channels. Both paths must give the same shape.
    """

    def __init__(self, main: Sequence[Layer], shortcut: Sequence[Layer] | None = None, *,
                 name: str | None = None, trainable: bool = True):
        super().__init__(name=name, trainable=trainable)
        self.main = check_layers("Residual", "main", main)
        if not self.main:
            raise ValueError("Residual(main=[]): main needs at least one layer")
        self.shortcut = () if shortcut is None else check_layers("Residual", "shortcut", shortcut)

    def named(self, namer: Namer) -> Layer:
        twin = super().named(namer)
        twin.main = tuple(layer.named(namer) for layer in self.main)
        twin.shortcut = tuple(layer.named(namer) for layer in self.shortcut)
        return twin

    def row(self, input_shape: Shape, convention: str = "keras") -> Row:
        main = chain(self.main, input_shape, convention)
        shortcut = chain(self.shortcut, input_shape, convention)
        main_shape = main[-1].output_shape
        shortcut_shape = shortcut[-1].output_shape if shortcut else tuple(input_shape)
        if main_shape != shortcut_shape:
            path = "the projection shortcut" if shortcut else "the identity shortcut (the input)"
            raise self.error(f"Residual cannot add its paths: the main path gives {main_shape} but "
                             f"{path} gives {shortcut_shape}; both paths must give the same shape")
        return combine(self, main_shape, main + shortcut)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        return self.row(input_shape).output_shape


class Bidirectional(Layer):
    """Runs a recurrent layer forwards and backwards over the sequence: twice its parameters.

    The row has two children, ``forward_<name>`` and ``backward_<name>``. ``merge_mode``
    joins their outputs: 'concat' doubles the last axis (PyTorch's ``bidirectional=True`` always
    concatenates); Keras's 'sum', 'mul' and 'ave' keep it. Keras's
    ``merge_mode=None`` returns the two outputs apart, as a list; a row has one output shape,
    so it is refused, with the advice to count 'concat': the same parameters.
    """

    def __init__(self, layer: _Recurrent, merge_mode: str | None = "concat", *,
                 name: str | None = None, trainable: bool = True):
        super().__init__(name=name, trainable=trainable)
        if not isinstance(layer, _Recurrent):
            raise TypeError(f"Bidirectional(layer={layer!r}): layer must be a SimpleRNN, LSTM or GRU")
        self.layer = layer
        if merge_mode is None:
            raise ValueError("Bidirectional(merge_mode=None): Keras then returns two outputs, [forward, backward], "
                             "and a layer here has one output shape; the parameters, neurons and "
                             "multiply-accumulates are those of merge_mode='concat' (two copies of the layer), "
                             "so count it with merge_mode='concat'")
        self.merge_mode = one_of("Bidirectional", "merge_mode", merge_mode, MERGE_MODES)

    def row(self, input_shape: Shape, convention: str = "keras") -> Row:
        inner = self.layer.name or snake_case(self.layer.kind)
        directions = [self.layer.with_name(f"{direction}_{inner}").row(input_shape, convention)
                      for direction in ("forward", "backward")]
        shape = directions[0].output_shape
        if self.merge_mode == "concat":
            shape = shape[:-1] + (2 * shape[-1],)
        return combine(self, shape, directions)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        return self.row(input_shape).output_shape
