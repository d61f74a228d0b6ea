"""A model as the frameworks see it: a list of steps, each one layer applied to earlier steps' outputs.

``Sequential`` and ``Model`` become the same thing here, so each framework's writer handles one
shape of problem. A ``Residual`` block has no layer of its own in Keras or PyTorch: it becomes its
main path, its shortcut and an ``Add``. Every step knows its input and output shapes (channels-last,
no batch axis), which is where PyTorch's in_channels and in_features come from.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..layers.base import Layer, Shape
from ..layers.composite import Residual
from ..layers.core import Input
from ..layers.merge import Add
from .source import Names


@dataclass(frozen=True)
class Step:
    """``layer`` applied to the outputs of the steps numbered ``parents`` (an Input has none)."""
    layer: Layer
    parents: tuple[int, ...]
    input_shapes: tuple[Shape, ...]
    output_shape: Shape

    @property
    def input_shape(self) -> Shape:
        return self.input_shapes[0]


@dataclass(frozen=True)
class Plan:
    """Every step of a model in an order that computes each after its parents; inputs first."""
    steps: tuple[Step, ...]
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]
    name: str | None = None

    @property
    def is_stack(self) -> bool:
        """One input, one output, each step fed by the one before it and no layer used twice."""
        layers = [id(step.layer) for step in self.steps]
        return (len(self.inputs) == 1 and self.outputs == (len(self.steps) - 1,)
                and len(set(layers)) == len(layers)
                and all(step.parents == (number - 1,) for number, step in enumerate(self.steps) if number))

    def uses(self, step: Step) -> int:
        """How many steps apply ``step``'s layer (2 or more: a shared layer)."""
        return sum(other.layer is step.layer for other in self.steps)


class _Builder:
    def __init__(self, convention: str) -> None:
        self.convention = convention
        self.steps: list[Step] = []
        self.joins: dict[int, Add] = {}  # one Add per Residual object, so a shared block stays one layer

    def input(self, layer: Input) -> int:
        self.steps.append(Step(layer, (), (), layer.shape))
        return len(self.steps) - 1

    def apply(self, layer: Layer, parents: tuple[int, ...]) -> int:
        if isinstance(layer, Residual):
            return self.residual(layer, parents[0])
        shapes = tuple(self.steps[parent].output_shape for parent in parents)
        # the layer's own row gives the shape by the framework's rule (and its error if the framework refuses)
        output = layer.row_of(shapes, self.convention).output_shape
        self.steps.append(Step(layer, parents, shapes, output))
        return len(self.steps) - 1

    def residual(self, block: Residual, source: int) -> int:
        main = source
        for layer in block.main:  # the main path first: it carries on in the same variable
            main = self.apply(layer, (main,))
        shortcut = source
        for layer in block.shortcut:
            shortcut = self.apply(layer, (shortcut,))
        join = self.joins.setdefault(id(block), Add(name=block.name))
        return self.apply(join, (main, shortcut))


def plan(model: Any, convention: str) -> Plan:
    """The steps of a ``Sequential`` or a functional ``Model``, with the names the model gave its layers
    and the shapes ``convention``'s framework computes ('keras' or 'pytorch')."""
    builder = _Builder(convention)
    if hasattr(model, "tensors"):  # a functional Model: its layers are named copies, in the order first called
        originals = list({id(tensor.layer): tensor.layer for tensor in model.tensors})
        named = dict(zip(originals, model.layers))
        made: dict[int, int] = {}
        for tensor in model.tensors:
            layer = named[id(tensor.layer)]
            made[id(tensor)] = (builder.input(layer) if not tensor.parents else
                                builder.apply(layer, tuple(made[id(parent)] for parent in tensor.parents)))
        inputs = tuple(made[id(tensor)] for tensor in model.tensors if not tensor.parents)
        outputs = tuple(made[id(tensor)] for tensor in model.outputs)
        return Plan(tuple(builder.steps), inputs, outputs, getattr(model, "name", None))
    last = builder.input(Input(model.input_shape))
    for layer in model.layers:
        last = builder.apply(layer, (last,))
    return Plan(tuple(builder.steps), (0,), (last,))


@dataclass(frozen=True)
class Wire:
    """How one step reads and writes variables: ``saves`` lines run first, then ``out = f(*args)``."""
    args: tuple[str, ...]
    out: str
    saves: tuple[tuple[str, str], ...] = ()


def wires(model_plan: Plan, names: Names, inputs: tuple[str, ...], flow: str = "x") -> dict[int, Wire]:
    """Variable names for every step, the way people write a forward pass: the main line of the
    network stays in ``flow`` (``x = conv(x)``); a value that is needed again later (a shortcut,
    a branch) keeps a name of its own, taken from its layer."""
    steps = model_plan.steps
    left = [0] * len(steps)  # how many uses each value still has; outputs are used at the end
    for step in steps:
        for parent in step.parents:
            left[parent] += 1
    for output in model_plan.outputs:
        left[output] += 1
    var = dict(zip(model_plan.inputs, inputs))
    holder = next((number for number, name in var.items() if name == flow), None)
    result: dict[int, Wire] = {}
    for number, step in enumerate(steps):
        if not step.parents:
            continue
        for parent in step.parents:
            left[parent] -= 1
        busy = holder is not None and left[holder] > 0
        args = tuple(var[parent] for parent in step.parents)
        saves = []
        if busy and args[0] == flow:  # keep the value under a name for its later use, carry on in flow
            kept = names.take(steps[holder].layer.name or "kept")
            saves.append((kept, flow))
            var[holder], busy = kept, False
        if busy:
            var[number] = names.take(step.layer.name or "value")
        else:
            var[number], holder = flow, number
        result[number] = Wire(args, var[number], tuple(saves))
    return result


def output_names(model_plan: Plan, wiring: dict[int, Wire], inputs: tuple[str, ...]) -> list[str]:
    """The variable that holds each output at the end."""
    named = dict(zip(model_plan.inputs, inputs))
    return [wiring[number].out if number in wiring else named[number] for number in model_plan.outputs]
