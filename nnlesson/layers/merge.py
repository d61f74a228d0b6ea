"""Merge layers: join the outputs of two or more branches into one. None of them has parameters.

``Add``, ``Subtract``, ``Multiply``, ``Average``, ``Maximum`` and ``Minimum`` work value by value: their
inputs need the same shape, except that an axis of size 1 is repeated to match (a squeeze-and-excite
gate of shape (1, 1, C) multiplies a whole (H, W, C) map). ``Concatenate`` lays its inputs side by
side along one axis (channels by default), the way Inception and DenseNet grow their channels.

A merge is called on a list of tensors in a functional ``Model``: ``Add()([x, shortcut])``.
"""
from __future__ import annotations

from typing import Sequence

import math
import operator

from .._validate import describe, one_of
from .base import CONVENTIONS, Layer, Shape, snake_case
from .normalization import check_axes
from .summary import Row


class Merge(Layer):
    """Shared by every merge layer: two or more inputs in, one output out."""
    exactly: int | None = None
    """How many inputs the layer takes, when that is fixed (Subtract takes exactly 2)."""

    def __init__(self, *, name: str | None = None):
        super().__init__(name=name)

    def check_count(self, count: int) -> None:
        """Raise unless ``count`` inputs suit this layer."""
        wanted = f"exactly {self.exactly}" if self.exactly else "at least 2"
        if count < 2 or (self.exactly and count != self.exactly):
            raise self.error(f"{self.kind} needs {wanted} inputs, called as {self.kind}()([a, b, ...]); "
                             f"it was given {count}")

    def merge_shapes(self, shapes: Sequence[Shape], sources: Sequence[str]) -> Shape:
        """The shape that comes out of merging ``shapes``; ``sources`` names each input for the messages."""
        raise NotImplementedError

    def compute_output_shape(self, input_shape: Sequence[Shape]) -> Shape:
        return self.row(input_shape).output_shape

    def row_of(self, input_shapes: Sequence[Shape], convention: str, sources: Sequence[str] = ()) -> Row:
        return self.row(list(input_shapes), convention, sources=sources)

    def row(self, input_shape: Sequence[Shape], convention: str = "keras",
            sources: Sequence[str] | None = None) -> Row:
        """The merge's row for a list of input shapes; ``sources`` names the branches in error messages."""
        one_of(self.kind, "convention", convention, CONVENTIONS)
        if not input_shape or not isinstance(input_shape[0], (tuple, list)):
            raise self.error(f"{self.kind} merges branches: it needs a list of two or more inputs, so it "
                             "belongs in a functional Model (x = Add()([a, b])), not in a Sequential stack")
        shapes = [tuple(operator.index(size) for size in shape) for shape in input_shape]
        self.check_count(len(shapes))
        names = list(sources) if sources else [f"input {i}" for i in range(1, len(shapes) + 1)]
        shape = self.merge_shapes(shapes, names)
        return Row(name=self.name or snake_case(self.kind), kind=self.kind, output_shape=shape,
                   trainable_params=0, non_trainable_params=0, neurons=0, macs=0,
                   output_values=math.prod(shape), formula="0")


def listed(shapes: Sequence[Shape], sources: Sequence[str]) -> str:
    """'conv (26, 26, 32) and pool (24, 24, 32)': each input named with its shape."""
    parts = [f"{source} {tuple(shape)}" for source, shape in zip(sources, shapes)]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


class _ElementWise(Merge):
    """Value-by-value merges: equal shapes, or an axis of size 1 repeated to match (as NumPy broadcasts)."""
    verb = "combine"

    def merge_shapes(self, shapes: Sequence[Shape], sources: Sequence[str]) -> Shape:
        rank = max(len(shape) for shape in shapes)
        padded = [(1,) * (rank - len(shape)) + tuple(shape) for shape in shapes]
        out = []
        for axis in range(rank):
            sizes = {shape[axis] for shape in padded} - {1}
            if len(sizes) > 1:
                raise self.error(
                    f"{self.kind} cannot {self.verb} {listed(shapes, sources)}: on axis {axis + 1} the sizes "
                    f"{' and '.join(map(str, sorted(sizes)))} differ. It works value by value, so every "
                    "input needs the same shape (an axis of size 1 is repeated to match)")
            out.append(sizes.pop() if sizes else 1)
        return tuple(out)


class Add(_ElementWise):
    """Sums its inputs value by value, as a ResNet shortcut does: x + F(x)."""
    verb = "add"


class Subtract(_ElementWise):
    """The first input minus the second, value by value."""
    exactly = 2
    verb = "subtract"


class Multiply(_ElementWise):
    """Multiplies its inputs value by value: a gate in (0, 1) scales each channel of a map."""
    verb = "multiply"


class Average(_ElementWise):
    """The mean of its inputs, value by value."""
    verb = "average"


class Maximum(_ElementWise):
    """The largest of its inputs, value by value."""
    verb = "take the maximum of"


class Minimum(_ElementWise):
    """The smallest of its inputs, value by value."""
    verb = "take the minimum of"


class Concatenate(Merge):
    """Lays its inputs side by side along ``axis`` (Keras numbering: -1 or 3 is the channels of an image).

    Every other axis must match: an Inception module joins four branches of 28x28 maps into one
    28x28 map whose channels are the four branches' channels added up.
    """

    def __init__(self, axis: int = -1, *, name: str | None = None):
        super().__init__(name=name)
        (self.axis,) = check_axes("Concatenate", axis)

    def merge_shapes(self, shapes: Sequence[Shape], sources: Sequence[str]) -> Shape:
        ranks = {len(shape) for shape in shapes}
        if len(ranks) > 1:
            raise self.error(f"Concatenate cannot join {listed(shapes, sources)}: they have different numbers "
                             "of axes, and every input needs the same")
        rank = ranks.pop()
        if not (1 <= self.axis <= rank or -rank <= self.axis <= -1):
            raise ValueError(f"{describe('Concatenate', 'axis', self.axis)} does not exist for inputs with "
                             f"{rank} axes: axis must be 1..{rank} or -{rank}..-1 (0 is the batch axis)")
        position = self.axis - 1 if self.axis > 0 else rank + self.axis
        for axis in range(rank):
            if axis != position and len({shape[axis] for shape in shapes}) > 1:
                raise self.error(
                    f"Concatenate(axis={self.axis}) cannot join {listed(shapes, sources)}: they are laid side "
                    f"by side along axis {position + 1}, so every other axis must match, but axis {axis + 1} "
                    f"has sizes {', '.join(str(shape[axis]) for shape in shapes)}")
        first = shapes[0]
        return first[:position] + (sum(shape[position] for shape in shapes),) + first[position + 1:]
