"""Blocks whose layers branch and meet again, as functional models: what lesson 07 and its explorer count.

* An Inception module runs four branches side by side on one input and concatenates their channels;
  1x1 convolutions shrink the channels before the costly 3x3 and 5x5 kernels.
* A DenseNet block concatenates every layer's output to everything before it: the channels grow by
  the growth rate k at each layer, C + L*k after L layers.
* A squeeze-and-excite gate averages each channel to one number, squeezes C numbers to C/r and back,
  and multiplies the map by the result: a few parameters that reweight every channel.

``graph_layout`` places any model's layers on levels (the longest path from the input), so a
figure can draw the graph with branches side by side.
"""
from __future__ import annotations

from dataclasses import dataclass

from .._validate import one_of, positive_int
from ..layers import Concatenate, Conv2D, Input, MaxPooling2D, Model, Summary
from ..layers.base import CONVENTIONS
from ..layers.summary import Row
from ..zoo import densenet
from ..zoo.squeeze_excite import squeeze_excite

MERGES = {"Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate"}

BLOCKS = ("inception", "dense", "squeeze-excite")
INCEPTION_3A = 64
"""Branch width of GoogLeNet's first Inception module, (3a): 64, 96 -> 128, 16 -> 32 and 32 filters."""


def inception_widths(width: int) -> dict[str, int]:
    """The six filter counts of an Inception module in (3a)'s proportions, scaled so the 1x1 branch has ``width``."""
    return {"1x1": width, "3x3 reduce": 3 * width // 2, "3x3": 2 * width, "5x5 reduce": max(width // 4, 1),
            "5x5": max(width // 2, 1), "pool proj": max(width // 2, 1)}


def inception_module(channels: int = 192, size: int = 28, width: int = INCEPTION_3A) -> Model:
    """An Inception module (Szegedy et al. 2014) on a size x size x channels input, biases and ReLUs, no BatchNorm.

    With the defaults it is GoogLeNet's (3a): 28x28x192 in, 28x28x256 out, 163,696 parameters.
    """
    w = inception_widths(width)
    x = Input((size, size, channels), name="input")
    one = Conv2D(w["1x1"], 1, activation="relu", name="1x1")(x)
    three = Conv2D(w["3x3 reduce"], 1, activation="relu", name="3x3_reduce")(x)
    three = Conv2D(w["3x3"], 3, padding="same", activation="relu", name="3x3")(three)
    five = Conv2D(w["5x5 reduce"], 1, activation="relu", name="5x5_reduce")(x)
    five = Conv2D(w["5x5"], 5, padding="same", activation="relu", name="5x5")(five)
    pool = MaxPooling2D(3, strides=1, padding="same", name="pool")(x)
    pool = Conv2D(w["pool proj"], 1, activation="relu", name="pool_proj")(pool)
    return Model(x, Concatenate(name="concat")([one, three, five, pool]), name="inception")


def dense_block(channels: int = 64, size: int = 56, layers: int = 6, growth: int = 32) -> Model:
    """A DenseNet block (Huang et al. 2017) on a size x size x channels input, as DenseNet-121 has them
    (``nnlesson.zoo.densenet``): each layer is BN, ReLU, 1x1 conv to 4k, BN, ReLU, 3x3 conv to k (no biases),
    and sees every earlier output, concatenated."""
    x = Input((size, size, channels), name="input")
    return Model(x, densenet.dense_block(x, layers, growth, "block"), name="dense_block")


def se_gate(channels: int = 64, size: int = 56, ratio: int = 4) -> Model:
    """A squeeze-and-excite gate (Hu et al. 2018): average each channel, 1x1 conv to C/r with ReLU, 1x1 conv
    back to C with a sigmoid, then scale the input's channels by the C numbers between 0 and 1."""
    x = Input((size, size, channels), name="input")
    gated = squeeze_excite(x, channels, max(channels // ratio, 1), "se", names=("squeeze", "reduce", "expand", "scale"))
    return Model(x, gated, name="squeeze_excite")


@dataclass(frozen=True)
class Node:
    """One box of a drawn graph: a chain of layers with nothing branching inside it, its level (the longest path
    from an input, counted in boxes) and its place on that level."""
    rows: tuple[Row, ...]
    level: int
    slot: int
    name: str | None = None
    """The name of a box that stands for many (``'layers 4–10'``); by default the name comes from the rows."""
    stands_for: int = 1
    """How many boxes of the whole graph this one box draws."""

    @property
    def label(self) -> str:
        """The box's name: the last part of its layers' shared dotted prefix (``denselayer1`` for
        ``block.denselayer1.1.conv`` ...), else its layers' names joined by arrows."""
        if self.name is not None:
            return self.name
        parts = [row.name.split(".") for row in self.rows]
        shared = []
        for pieces in zip(*parts):
            if len(set(pieces)) > 1:
                break
            shared.append(pieces[0])
        if len(self.rows) > 1 and shared:
            return shared[-1]
        return " → ".join(row.name for row in self.rows)

    @property
    def params(self) -> int:
        return sum(row.params for row in self.rows)

    @property
    def output_shape(self) -> tuple[int, ...]:
        return self.rows[-1].output_shape


@dataclass(frozen=True)
class Layout:
    """Where each box of a model goes in a drawing, and the arrows between boxes (pairs of indices in ``nodes``)."""
    nodes: tuple[Node, ...]
    edges: tuple[tuple[int, int], ...]

    @property
    def levels(self) -> int:
        return 1 + max(node.level for node in self.nodes)

    @property
    def widest(self) -> int:
        """The most boxes on one level: how many branches run side by side."""
        return 1 + max(node.slot for node in self.nodes)


def graph_layout(model: Model, summary: Summary | None = None, chains: bool = True) -> Layout:
    """Boxes, levels and slots for drawing ``model``. With ``chains``, a layer joins the box of its only input
    when that input feeds nothing else (neither being an input or a merge): BN, ReLU, conv make one box."""
    summary = summary or model.summary()
    sources = {row.name: list(dict.fromkeys(link.split("[")[0] for link in row.connected_to)) for row in summary.rows}
    consumers: dict[str, int] = {}
    for names in sources.values():
        for name in names:
            consumers[name] = consumers.get(name, 0) + 1
    kinds = {row.name: row.kind for row in summary.rows}
    boxes: list[list[Row]] = []
    box_of: dict[str, int] = {}
    for row in summary.rows:
        inputs = sources[row.name]
        joins = (chains and len(inputs) == 1 and consumers[inputs[0]] == 1 and kinds[inputs[0]] != "InputLayer"
                 and not isinstance_merge(kinds[inputs[0]]) and not isinstance_merge(row.kind))
        if joins:
            box_of[row.name] = box_of[inputs[0]]
            boxes[box_of[row.name]].append(row)
        else:
            box_of[row.name] = len(boxes)
            boxes.append([row])
    edges = sorted({(box_of[name], box_of[row.name]) for row in summary.rows for name in sources[row.name]
                    if box_of[name] != box_of[row.name]})
    level = [0] * len(boxes)
    for start, end in sorted(edges, key=lambda edge: edge[1]):  # boxes are numbered in a valid order
        level[end] = max(level[end], level[start] + 1)
    filled: dict[int, int] = {}
    nodes = []
    for index, box in enumerate(boxes):
        nodes.append(Node(tuple(box), level[index], filled.get(level[index], 0)))
        filled[level[index]] = filled.get(level[index], 0) + 1
    return Layout(tuple(nodes), tuple(edges))


def isinstance_merge(kind: str) -> bool:
    """True for the kinds of layer that join branches."""
    return kind in MERGES


@dataclass(frozen=True)
class BranchReport:
    """One block counted: its model and summary, its drawing, and the comparison that makes its point."""
    block: str
    model: Model
    summary: Summary
    layout: Layout
    input_shape: tuple[int, ...]
    output_shape: tuple[int, ...]
    compared_with: str
    """What the block is set against, in words."""
    compared_params: int
    """Parameters of that alternative."""
    part_params: int
    """Parameters of the part of the block that the alternative would replace."""

    @property
    def params(self) -> int:
        return self.summary.total_params

    @property
    def boxes(self) -> tuple[Node, ...]:
        """The drawn boxes that hold parameters, in order (Inception's four branches, DenseNet's layers, the gate)."""
        return tuple(node for node in self.layout.nodes if node.params)

    @property
    def branch_channels(self) -> tuple[int, ...]:
        """Channels each input of the last merge brings: concatenated, they add up to the output's channels."""
        last = self.summary.rows[-1]
        shapes = {row.name: row.output_shape for row in self.summary.rows}
        return tuple(shapes[link.split("[")[0]][-1] for link in last.connected_to)


def branch_report(block: str = "inception", channels: int = 192, size: int = 28, width: int = INCEPTION_3A,
                  layers: int = 6, growth: int = 32, ratio: int = 4, convention: str = "pytorch") -> BranchReport:
    """Build and count one block; ``width`` is for Inception, ``layers`` and ``growth`` for DenseNet,
    ``ratio`` for squeeze-and-excite (the other arguments are ignored)."""
    one_of("branch_report", "block", block, BLOCKS)
    one_of("branch_report", "convention", convention, CONVENTIONS)
    channels, size = positive_int("branch_report", "channels", channels), positive_int("branch_report", "size", size)
    if block == "inception":
        model = inception_module(channels, size, positive_int("branch_report", "width", width))
        w = inception_widths(width)
        five = model.summary().rows  # the 5x5 branch as built, against a 5x5 kernel over every input channel
        part = sum(row.params for row in five if row.name in ("5x5_reduce", "5x5"))
        compared = "the 5×5 branch without its 1×1 reduction", (5 * 5 * channels + 1) * w["5x5"], part
    elif block == "dense":
        model = dense_block(channels, size, positive_int("branch_report", "layers", layers),
                            positive_int("branch_report", "growth", growth))
        out = channels + layers * growth
        plain = layers * 3 * 3 * out * out  # a plain stage as wide as the block's output, no concatenation
        compared = f"{layers} plain 3×3 convolutions of {out} channels each (no biases)", plain, None
    else:
        ratio = positive_int("branch_report", "ratio", ratio)
        if ratio > channels:
            raise ValueError(f"branch_report(ratio={ratio}): the reduction ratio must be at most the channels "
                             f"({channels}), or the squeeze keeps less than one channel")
        model = se_gate(channels, size, ratio)
        compared = f"one 3×3 convolution from {channels} to {channels} channels", (3 * 3 * channels + 1) * channels, None
    summary = model.summary(convention)
    layout = graph_layout(model, summary, chains=block != "squeeze-excite")  # the gate's squeeze is the point
    what, alternative, part = compared
    return BranchReport(block, model, summary, layout, model.input_shape, model.output_shape, what, alternative,
                        summary.total_params if part is None else part)
