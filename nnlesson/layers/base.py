"""What every layer shares: a name, a ``trainable`` flag, and a way to turn an input shape into a ``Row``.

A layer is a small spec, never a bag of weights: it answers "what shape comes out?" and
"how many parameters, neurons and multiply-accumulates does that take?" with exact ints.
Shapes are channels-last and leave out the batch axis, as Keras prints them.
"""
from __future__ import annotations

import copy
import math
import operator
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from .._validate import boolean, describe, one_of
from ..activations import NAMES as activation_names
from .summary import Row

if TYPE_CHECKING:
    from .graph import Tensor

Shape = tuple[int, ...]
CONVENTIONS = ("keras", "pytorch")


@dataclass(frozen=True)
class Counts:
    """The numbers a layer reports besides its output shape (all default to zero)."""
    trainable: int = 0
    non_trainable: int = 0
    neurons: int = 0
    macs: int = 0
    inactive: int = 0
    """Parameters one token does not use (a mixture of experts' unpicked experts), and ``per_token`` in words."""
    per_token: str = ""
    tied: int = 0
    """Another layer's parameters this one reuses (a tied output head), and the name of that layer."""
    tied_to: str = ""


class Layer:
    """Base class: subclasses implement ``compute_output_shape`` and, if they compute, ``count``."""
    input_names: tuple[str, ...] = ()
    """The inputs of a layer called on several tensors, in Keras's order (attention: query, value, key);
    empty for a layer called on one tensor (or, for a merge, on one list of them)."""
    inputs_needed: int = 1
    """How many of ``input_names`` a call must give (attention needs query and value; key defaults to value)."""
    reuses: "Layer | None" = None
    """The layer whose weights this one reads instead of its own (a tied output head reads its embedding's)."""

    def __init__(self, *, name: str | None = None, trainable: bool = True):
        if name is not None and (not isinstance(name, str) or not name):
            raise TypeError(f"{describe(self.kind, 'name', name)}: name must be a non-empty string")
        self.name = name
        self.trainable = boolean(self.kind, "trainable", trainable)

    @property
    def kind(self) -> str:
        """The class name shown in summaries, e.g. 'Conv2D' (aliases such as MaxPool2D share it)."""
        return type(self).__name__

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        """The shape this layer emits for ``input_shape``; raises ValueError if it cannot take it."""
        raise NotImplementedError

    def output_shape_for(self, input_shape: Shape, convention: str) -> Shape:
        """The output shape under ``convention``: ``compute_output_shape``'s unless the frameworks disagree
        (Conv2DTranspose) or one of them refuses an option the other takes (e.g. PyTorch's ``ceil_mode``)."""
        return self.compute_output_shape(input_shape)

    def count(self, input_shape: Shape, output_shape: Shape, convention: str) -> Counts:
        """Parameters, neurons and MACs; layers that only move or reshape numbers keep the zeros."""
        return Counts()

    def formula(self, input_shape: Shape, output_shape: Shape, convention: str) -> str:
        """The parameter count as arithmetic with this layer's numbers, e.g. ``(784 + 1)*128``.
        Every layer with parameters writes its own; a layer without any has ``0``."""
        return "0"

    def row(self, input_shape: Shape, convention: str = "keras") -> Row:
        """Everything this layer costs on ``input_shape`` under a ``convention`` ('keras' or 'pytorch')."""
        one_of(self.kind, "convention", convention, CONVENTIONS)
        input_shape = self.exact_shape(input_shape)  # exact Python ints from here on
        output_shape = self.output_shape_for(input_shape, convention)
        counts = self.count(input_shape, output_shape, convention)
        return self.finish(Row(name=self.name or snake_case(self.kind), kind=self.kind,
                               output_shape=output_shape, trainable_params=counts.trainable,
                               non_trainable_params=counts.non_trainable, neurons=counts.neurons,
                               macs=counts.macs, output_values=math.prod(output_shape),
                               inactive_params=counts.inactive, per_token=counts.per_token,
                               tied_params=counts.tied, tied_to=counts.tied_to,
                               formula=self.formula(input_shape, output_shape, convention)))

    def exact_shape(self, input_shape: Any) -> Any:
        """``input_shape`` with every size an exact Python int; a layer taking several inputs takes several shapes."""
        return tuple(operator.index(size) for size in input_shape)

    def row_of(self, input_shapes: Sequence[Shape], convention: str, sources: Sequence[str] = ()) -> Row:
        """The row of one call in a functional model on tensors of ``input_shapes`` (made by the layers named
        ``sources``); a layer called on one tensor gets its shape, a merge or attention all of them."""
        return self.row(input_shapes[0], convention)

    def finish(self, row: Row) -> Row:
        """Apply ``trainable=False``: a frozen layer keeps its parameters but trains none of them."""
        return row if self.trainable else freeze(row)

    def with_name(self, name: str) -> "Layer":
        """A copy of this layer carrying ``name`` (the original is left untouched)."""
        twin = copy.copy(self)
        twin.name = name
        return twin

    def named(self, namer: "Namer") -> "Layer":
        """A copy named by ``namer``; composites override this to name their inner layers too."""
        return self.with_name(namer.take(self))

    def __call__(self, *inputs: Any, **named: Any) -> "Tensor":
        """Apply this layer in a functional model: ``y = Dense(10)(x)``; a merge takes a list, ``Add()([a, b])``;
        attention takes its inputs one by one, ``mha(query, value)``. Calling one layer object twice shares its
        weights."""
        from .graph import call  # the graph builds on layers, not the other way round
        return call(self, *inputs, **named)

    def error(self, message: str) -> ValueError:
        """A ValueError whose message starts with this layer's name when it has one."""
        return ValueError(f"{self.name}: {message}" if self.name else message)

    def require_rank(self, shape: Shape, rank: int, meaning: str) -> None:
        """Raise unless ``shape`` has ``rank`` axes; ``meaning`` spells them out, e.g. '(height, width, channels)'."""
        if len(shape) != rank:
            raise self.error(f"{self.kind} needs an input of shape {meaning} (without the batch axis), "
                             f"got {tuple(shape)} with {len(shape)} {'axis' if len(shape) == 1 else 'axes'}")

    def __repr__(self) -> str:
        shown = {k: v for k, v in vars(self).items() if k not in ("name", "trainable") and not k.startswith("_")}
        shown.update({"trainable": False} if not self.trainable else {})
        shown.update({"name": self.name} if self.name else {})
        return f"{self.kind}({', '.join(f'{k}={v!r}' for k, v in shown.items())})"


def freeze(row: Row) -> Row:
    """The same row with every parameter (children included) counted as non-trainable."""
    return replace(row, trainable_params=0, non_trainable_params=row.params,
                   children=tuple(freeze(child) for child in row.children))


def unshared(row: Row) -> Row:
    """The same row as a later use of a layer whose weights are counted at its first use: no parameters of its
    own (children included), marked ``shared``; its neurons and multiply-accumulates stay (every use computes)."""
    return replace(row, trainable_params=0, non_trainable_params=0, inactive_params=0, tied_params=0, formula="0",
                   shared=True, children=tuple(unshared(child) for child in row.children))


def combine(layer: Layer, output_shape: Shape, children: Sequence[Row]) -> Row:
    """A composite layer's row: its own name and shape, with every count summed over ``children``."""
    def total(field: str) -> int:
        return sum(getattr(child, field) for child in children)

    return layer.finish(Row(name=layer.name or snake_case(layer.kind), kind=layer.kind,
                            output_shape=tuple(output_shape), trainable_params=total("trainable_params"),
                            non_trainable_params=total("non_trainable_params"), neurons=total("neurons"),
                            macs=total("macs"), output_values=total("output_values"),
                            inactive_params=total("inactive_params"), tied_params=total("tied_params"),
                            children=tuple(children), formula=summed_formula(children)))


def summed_formula(children: Sequence[Row]) -> str:
    """A composite's arithmetic: its children's, added (two equal ones written as 2*(...))."""
    parts = [child.formula for child in children if child.params]
    if not parts:
        return "0"
    if len(parts) == 2 and parts[0] == parts[1]:
        return f"2*({parts[0]})"
    return " + ".join(f"({part})" if len(parts) > 1 else part for part in parts)


def chain(layers: Iterable[Layer], input_shape: Shape, convention: str) -> tuple[Row, ...]:
    """Rows of ``layers`` applied one after another, each fed the previous output shape."""
    rows, shape = [], tuple(input_shape)
    for layer in layers:
        rows.append(layer.row(shape, convention))
        shape = rows[-1].output_shape
    return tuple(rows)


def check_layers(owner: str, arg: str, layers: Any) -> tuple[Layer, ...]:
    """Return ``layers`` as a tuple after checking it is a list of layer objects."""
    if not isinstance(layers, (list, tuple)):
        raise TypeError(f"{owner}({arg}=...): {arg} must be a list of layers, not {type(layers).__name__}")
    for position, layer in enumerate(layers):
        if not isinstance(layer, Layer):
            raise TypeError(f"{owner}({arg}[{position}]={layer!r}): expected a layer such as Dense(10), "
                            f"not {type(layer).__name__}")
    return tuple(layers)


def snake_case(kind: str) -> str:
    """Keras's automatic layer name: 'MaxPooling2D' -> 'max_pooling2d', 'SimpleRNN' -> 'simple_rnn'."""
    words = re.sub(r"(.)([A-Z][a-z0-9]+)", r"\1_\2", kind)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", words).lower()


class Namer:
    """Hands out Keras-style names within one model: dense, dense_1, conv2d, ... A given name wins."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.counters: dict[str, int] = {}

    def take(self, layer: Layer, base: str | None = None) -> str:
        """``layer``'s own name, or the next free one made from ``base`` (default: its kind in snake case)."""
        if layer.name is not None:
            if layer.name in self.used:
                raise ValueError(f"two layers are named {layer.name!r}; layer names must be unique")
            self.used.add(layer.name)
            return layer.name
        base = base or snake_case(layer.kind)
        name = base
        while name in self.used:
            self.counters[base] = self.counters.get(base, 0) + 1
            name = f"{base}_{self.counters[base]}"
        self.used.add(name)
        return name


def check_builds(summarise: Callable[[str], Any]) -> Any:
    """``summarise("keras")``, checking the model's shapes as it is built. A model that only PyTorch can
    build (it uses an option Keras refuses) is checked under "pytorch"; if neither can, Keras's error is raised."""
    try:
        return summarise("keras")
    except ValueError as keras_error:
        try:
            return summarise("pytorch")
        except ValueError:
            raise keras_error from None


def check_activation(owner: str, value: Any) -> str:
    """Return a valid activation name; None means 'linear' (a layer without a non-linearity)."""
    if value is None:
        return "linear"
    if not isinstance(value, str):
        raise TypeError(f"{describe(owner, 'activation', value)}: activation must be a name "
                        f"such as 'relu', not {type(value).__name__}")
    return one_of(owner, "activation", value, activation_names)
