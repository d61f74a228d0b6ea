"""The functional API: call layers on tensors to wire any graph, then count it with ``Model(inputs, outputs)``.

    x = Input((32, 32, 3))
    a = Conv2D(16, 1)(x)
    b = Conv2D(16, 3, padding="same")(x)
    y = Concatenate()([a, b])            # branches meet again: (32, 32, 32)
    Model(x, y).summary()

A ``Tensor`` holds no numbers: it only remembers which layer made it from which tensors. A layer
object called twice shares its weights, so the model counts its parameters once (its neurons and
multiply-accumulates once per call: both calls compute).
"""
from __future__ import annotations

import itertools
import warnings
from dataclasses import replace
from typing import Any, Sequence

from .._validate import boolean, one_of
from .base import CONVENTIONS, Layer, Namer, Shape, check_builds
from .code_writers import WritesCode
from .core import Input
from .merge import Merge
from .summary import Row, Summary

_serials = itertools.count()


class UnusedInputWarning(UserWarning):
    """``Model(inputs, outputs)`` lists an Input that none of the outputs is computed from."""


class Tensor:
    """What calling a layer returns: the layer, the tensors it was called on, and an order number.

    Tensors are made in the order the learner writes the calls, so sorting by ``serial`` visits
    every tensor after the tensors it is made from.
    """

    def __init__(self, layer: Layer, parents: tuple["Tensor", ...]):
        self.layer = layer
        self.parents = parents
        self.serial = next(_serials)

    @property
    def shape(self) -> Shape:
        """The shape of one example at this point, as Keras computes it (no batch axis)."""
        return Model(sources(self), self).summary().output_shape

    def __repr__(self) -> str:
        return f"<Tensor from {self.layer.name or self.layer.kind}, serial {self.serial}>"


def tensor_of(value: Any, caller: Layer) -> Tensor:
    """``value`` as a Tensor: an ``Input`` stands for its own (one per Input object)."""
    if isinstance(value, Tensor):
        return value
    if isinstance(value, Input):
        if not hasattr(value, "_tensor"):
            value._tensor = Tensor(value, ())
        return value._tensor
    what = "a Sequential model" if type(value).__name__ == "Sequential" else repr(value)
    raise TypeError(f"{caller.kind}(...)({what}): a layer is called on the output of Input(shape) or of "
                    f"another layer call, e.g. y = {caller.kind}(...)(x); got {type(value).__name__}")


def call(layer: Layer, *given: Any, **named: Any) -> Tensor:
    """``layer(inputs)``: a new Tensor made by ``layer`` from one tensor, or from a list for a merge;
    a layer with several named inputs (attention) takes them one by one, ``mha(query, value, key=k)``."""
    if isinstance(layer, Input):
        raise TypeError("Input(shape) is not called: it already stands for the model's input, "
                        "so write x = Input(shape) and then y = SomeLayer(...)(x)")
    if layer.input_names:
        return Tensor(layer, tuple(tensor_of(value, layer) for value in several(layer, given, named)))
    many = len(given) == 1 and isinstance(given[0], (list, tuple))
    if isinstance(layer, Merge):
        if not many or named:
            raise TypeError(f"{layer.kind} merges branches: call it on a list, {layer.kind}()([a, b])")
        parents = tuple(tensor_of(value, layer) for value in given[0])
        layer.check_count(len(parents))
        return Tensor(layer, parents)
    if len(given) != 1 or named:
        raise TypeError(f"{layer.kind} takes one input, but was called on {len(given) + len(named)}; "
                        "join branches first with a merge layer such as Add()([a, b]) or Concatenate()")
    (inputs,) = given
    if many:
        if len(inputs) != 1:
            raise TypeError(f"{layer.kind} takes one input, but was called on a list of {len(inputs)}; "
                            "join branches first with a merge layer such as Add() or Concatenate()")
        inputs = inputs[0]
    return Tensor(layer, (tensor_of(inputs, layer),))


def several(layer: Layer, given: tuple[Any, ...], named: dict[str, Any]) -> list[Any]:
    """The inputs of ``layer(*given, **named)`` in the order of ``layer.input_names``, up to the last one given."""
    names, needed = layer.input_names, layer.inputs_needed
    signature = f"{layer.kind}(...)({', '.join(names[:needed])}{''.join(f', {n}=None' for n in names[needed:])})"
    if any(isinstance(value, (list, tuple)) for value in (*given, *named.values())):
        raise TypeError(f"{signature}: give the inputs one by one, not in a list")
    if len(given) > len(names):
        raise TypeError(f"{signature} takes at most {len(names)} inputs, but was called on {len(given)}")
    values = dict(zip(names, given))
    for name, value in named.items():
        if name not in names:
            raise TypeError(f"{signature} has no input named {name!r}; its inputs are {', '.join(names)}")
        if name in values:
            raise TypeError(f"{signature} was given {name} twice, by position and as {name}=")
        values[name] = value
    values = {name: value for name, value in values.items() if value is not None}
    missing = [name for name in names[:needed] if name not in values]
    if missing:
        raise TypeError(f"{signature} needs {needed} inputs, but {' and '.join(missing)} "
                        f"{'is' if len(missing) == 1 else 'are'} missing; for self-attention give the same tensor "
                        f"twice, {layer.kind}(...)(x, x)")
    last = max(names.index(name) for name in values)
    if any(name not in values for name in names[:last]):
        raise TypeError(f"{signature}: give the inputs before {names[last]} too")
    return [values[name] for name in names[:last + 1]]


def sources(*outputs: Tensor) -> list[Input]:
    """Every Input that ``outputs`` are made from, in the order they were written."""
    found = [tensor for tensor in ancestry(outputs) if not tensor.parents]
    return [tensor.layer for tensor in found]


def ancestry(outputs: Sequence[Tensor]) -> list[Tensor]:
    """``outputs`` and every tensor they are made from, each once, in the order they were made."""
    seen: dict[int, Tensor] = {}
    stack = list(outputs)
    while stack:
        tensor = stack.pop()
        if id(tensor) not in seen:
            seen[id(tensor)] = tensor
            stack.extend(tensor.parents)
    return sorted(seen.values(), key=lambda tensor: tensor.serial)


def _as_list(owner: str, arg: str, value: Any) -> list[Any]:
    values = list(value) if isinstance(value, (list, tuple)) else [value]
    if not values:
        raise ValueError(f"{owner}({arg}=[]): {arg} needs at least one tensor")
    return values


class Model(WritesCode):
    """A graph of layers from ``inputs`` to ``outputs`` (one tensor or a list of each), counted like Sequential.

    ``summary()`` has one row per layer, with what it is ``connected to``; a layer called more than
    once appears once, with its parameters counted once.

    An Input listed in ``inputs`` that no output is computed from is kept, with its 0 parameters, as Keras
    keeps it (Keras builds such a model without a word: the input might feed a loss), but nnlesson warns with
    an ``UnusedInputWarning``, since in a model that is only counted it is almost always a forgotten branch.
    An output that needs an Input missing from ``inputs`` is an error (Keras's "Graph disconnected").
    """

    def __init__(self, inputs: Any, outputs: Any, *, name: str | None = None):
        self.name = name
        self.inputs: tuple[Input, ...] = tuple(map(self._input, _as_list("Model", "inputs", inputs)))
        self.outputs: tuple[Tensor, ...] = tuple(map(self._output, _as_list("Model", "outputs", outputs)))
        made = [tensor for tensor in ancestry(self.outputs) if tensor.parents]
        self._check_inputs(ancestry(self.outputs))
        # the inputs first, in the order given, then every layer call in the order it was written
        self.tensors: list[Tensor] = [tensor_of(layer, layer) for layer in self.inputs] + made
        self._named = self._name_layers()
        self._calls = self._number_calls()
        self.layers: tuple[Layer, ...] = tuple(self._named.values())  # each layer once, in the order first called
        self.input_shapes: tuple[Shape, ...] = tuple(layer.shape for layer in self.inputs)
        self._counted: dict[str, Summary] = {}  # a model never changes once built: each convention is counted once
        self.output_shapes: tuple[Shape, ...] = check_builds(self.summary).output_shapes  # errors surface now

    @staticmethod
    def _input(value: Any) -> Input:
        if isinstance(value, Tensor) and not value.parents:
            return value.layer
        if not isinstance(value, Input):
            raise TypeError(f"Model(inputs=...): inputs must be Input(shape) objects (or a list of them), "
                            f"got {type(value).__name__}")
        return value

    @staticmethod
    def _output(value: Any) -> Tensor:
        if isinstance(value, Input):
            return tensor_of(value, value)
        if not isinstance(value, Tensor):
            raise TypeError(f"Model(outputs=...): outputs must be what a layer call returned, "
                            f"y = Dense(10)(x), got {type(value).__name__}")
        return value

    def _check_inputs(self, tensors: list[Tensor]) -> None:
        given = {id(layer) for layer in self.inputs}
        if len(given) != len(self.inputs):
            raise ValueError("Model(inputs=...): the same Input is listed twice")
        used = {id(tensor.layer) for tensor in tensors if not tensor.parents}
        for layer in (tensor.layer for tensor in tensors if not tensor.parents):
            if id(layer) not in given:
                named = f"the Input {layer.name!r}" if layer.name else "an Input"
                raise ValueError(f"Model: the outputs are computed from {named} of shape {layer.shape}, which is "
                                 "not among the inputs; list every Input the outputs need in Model(inputs=[...])")
        for position, layer in enumerate(self.inputs):
            if id(layer) not in used:  # Keras builds it too (such an input may feed a loss): a warning, not an error
                named = f"the Input {layer.name!r}" if layer.name else "the Input"
                warnings.warn(f"Model: {named} of shape {layer.shape} (inputs[{position}]) leads to none of the "
                              "outputs, so it adds nothing to the counts; Keras accepts such a model too, but if you "
                              "meant to use it, call a layer on it, y = Dense(8)(x), and bring that branch into "
                              "the outputs (Concatenate()([a, b]) joins two branches)", UnusedInputWarning,
                              stacklevel=3)

    def _name_layers(self) -> dict[int, Layer]:
        """A named copy of each distinct layer object, Keras style: input_layer, conv2d, conv2d_1, ..."""
        namer, named = Namer(), {}
        try:
            for tensor in self.tensors:
                layer = tensor.layer
                if id(layer) not in named:
                    named[id(layer)] = (layer.named(namer) if tensor.parents
                                        else layer.with_name(namer.take(layer, base="input_layer")))
        except ValueError as error:
            raise ValueError(f"Model: {error}") from None
        return named

    def summary(self, convention: str = "keras", arithmetic: bool = False) -> Summary:
        """One row per layer with what it is connected to, and the totals, counted as ``convention`` counts."""
        one_of("Model.summary", "convention", convention, CONVENTIONS)
        arithmetic = boolean("Model.summary", "arithmetic", arithmetic)
        if convention not in self._counted:
            self._counted[convention] = self._count(convention)
        return self._counted[convention].with_arithmetic(arithmetic)

    def _count(self, convention: str) -> Summary:
        shapes: dict[int, Shape] = {}
        rows: dict[int, Row] = {}
        links: dict[int, list[str]] = {}
        for tensor in self.tensors:
            layer = self._named[id(tensor.layer)]
            if not tensor.parents:
                shapes[id(tensor)] = layer.shape
                rows[id(layer)] = Row(name=layer.name, kind="InputLayer", output_shape=layer.shape,
                                      trainable_params=0, non_trainable_params=0, neurons=0, macs=0,
                                      output_values=0, formula="0")
                continue
            inputs = [shapes[id(parent)] for parent in tensor.parents]
            made = [f"{self._named[id(p.layer)].name}[{self._calls[id(p)]}][0]" for p in tensor.parents]
            row = layer.row_of(inputs, convention, [self._named[id(p.layer)].name for p in tensor.parents])
            shapes[id(tensor)] = row.output_shape
            links.setdefault(id(layer), []).extend(made)
            rows[id(layer)] = row if id(layer) not in rows else self._shared(rows[id(layer)], row, inputs[0])
        ordered = tuple(replace(rows[id(layer)], connected_to=tuple(links.get(id(layer), ())))
                        for layer in self.layers)
        return Summary(rows=ordered, input_shape=self.inputs[0].shape, convention=convention,
                       input_shapes=tuple(layer.shape for layer in self.inputs),
                       output_shapes=tuple(shapes[id(tensor)] for tensor in self.outputs))

    def _number_calls(self) -> dict[int, int]:
        """Which call of its layer made each tensor: 0 for the first, as Keras's ``layer[0][0]`` says."""
        seen: dict[int, int] = {}
        calls = {}
        for tensor in self.tensors:
            calls[id(tensor)] = seen.get(id(tensor.layer), 0)
            seen[id(tensor.layer)] = calls[id(tensor)] + 1
        return calls

    @staticmethod
    def _shared(first: Row, again: Row, shape: Shape) -> Row:
        """A layer called once more: the same weights, so the parameters stay; its work adds up."""
        if again.params != first.params:
            raise ValueError(
                f"{first.name}: this layer is called twice with inputs that need different weights "
                f"({first.params:,} and {again.params:,} parameters; the second input has shape {shape}). "
                "A layer called again reuses its weights, so each call needs inputs of the same size")
        return replace(first, neurons=first.neurons + again.neurons, macs=first.macs + again.macs,
                       output_values=first.output_values + again.output_values)

    def count_params(self, convention: str = "keras") -> int:
        """Total parameters, a shared layer's counted once (as Keras's ``model.count_params()``)."""
        return self.summary(convention).total_params

    @property
    def input_shape(self) -> Shape:
        """The shape of one example of the model's only input."""
        if len(self.input_shapes) != 1:
            raise ValueError(f"this model has {len(self.input_shapes)} inputs; read input_shapes")
        return self.input_shapes[0]

    @property
    def output_shape(self) -> Shape:
        """The shape of one example of the model's only output."""
        if len(self.output_shapes) != 1:
            raise ValueError(f"this model has {len(self.output_shapes)} outputs; read output_shapes")
        return self.output_shapes[0]

    def __repr__(self) -> str:
        named = f", name={self.name!r}" if self.name else ""
        return (f"Model(inputs {list(self.input_shapes)}, outputs {list(self.output_shapes)}, "
                f"{len(self.layers) - len(self.inputs)} layer(s){named})")
