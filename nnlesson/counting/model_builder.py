"""The model builder's menu: a model as a list of (layer choice, size) pairs, built into a Sequential.

Six choices cover lesson 04: 3x3 convolutions and dense layers (with a size: filters or
units), 2x2 max pooling, Flatten, global average pooling and dropout (no size, no parameters).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .._validate import one_of, positive_int
from ..layers import (Conv2D, Dense, Dropout, Flatten, GlobalAveragePooling2D, Input, Layer, MaxPooling2D, Row,
                      Sequential, Summary)
from ..zoo import PUBLISHED, Published
from .shares import dense_share, largest_shares

CHOICES = ("Conv2D 3×3", "MaxPooling2D 2×2", "Flatten", "GlobalAveragePooling2D", "Dense", "Dropout 0.5")
SIZED = {"Conv2D 3×3": "filters", "Dense": "units"}
"""The choices that take a size, and what the size means."""
SHARE_BARS = 10
"""Bars the parameter-shares figure has room for."""
MNIST_CONVNET = (("Conv2D 3×3", 32), ("Conv2D 3×3", 64), ("MaxPooling2D 2×2", 0), ("Flatten", 0),
                 ("Dense", 128), ("Dense", 10))
"""The classic MNIST convnet of lesson 04, as (choice, size) pairs; the size of a size-less layer is ignored."""


def make_layer(choice: str, size: int) -> Layer:
    """The layer a (choice, size) pair stands for; ``size`` counts only for Conv2D and Dense."""
    one_of("make_layer", "choice", choice, CHOICES)
    if choice in SIZED:
        size = positive_int("make_layer", "size", size)
    return {"Conv2D 3×3": lambda: Conv2D(size, 3, activation="relu"),
            "MaxPooling2D 2×2": lambda: MaxPooling2D(2),
            "Flatten": Flatten,
            "GlobalAveragePooling2D": GlobalAveragePooling2D,
            "Dense": lambda: Dense(size, activation="relu"),
            "Dropout 0.5": lambda: Dropout(0.5)}[choice]()


OUTPUTS = ("softmax", "sigmoid", "linear")
"""The activations the last Dense layer, the model's output, may have: class probabilities, a yes/no
probability, or plain numbers. The hidden Dense layers use ReLU."""


def build(input_shape: tuple[int, ...], layers: Sequence[tuple[str, int]], output: str = "softmax") -> Sequential:
    """A Sequential model: ``Input(input_shape)`` followed by each (choice, size) layer in order. A last Dense layer
    is the output layer and takes the ``output`` activation (softmax: a probability per class), not ReLU."""
    one_of("build", "output", output, OUTPUTS)
    made = [make_layer(choice, size) for choice, size in layers]
    if layers and layers[-1][0] == "Dense":
        made[-1] = Dense(made[-1].units, activation=output)
    return Sequential([Input(input_shape), *made])


@dataclass(frozen=True)
class ModelReport:
    """What the model builder shows for one model: its summary, totals and where the parameters sit."""
    layers: tuple[tuple[str, int], ...]
    input_shape: tuple[int, ...]
    summary: Summary
    published: Published | None = None
    """The zoo entry shown, when the builder shows a famous model instead of the learner's layers."""
    output: str = "softmax"
    """The last Dense layer's activation (``OUTPUTS``)."""

    @property
    def params(self) -> int:
        return self.summary.total_params

    @property
    def neurons(self) -> int:
        return self.summary.neurons

    @property
    def macs(self) -> int:
        return self.summary.macs

    @property
    def bytes(self) -> int:
        """Bytes to store the parameters as float32."""
        return self.summary.memory_bytes("float32")

    @property
    def output_shape(self) -> tuple[int, ...]:
        return self.summary.output_shape

    @property
    def shares(self) -> list[tuple[Row, float]]:
        """Each layer with its share of all parameters (a long model's largest nine, and the rest as one)."""
        return largest_shares(self.summary, SHARE_BARS)

    @property
    def dense_share(self) -> float:
        return dense_share(self.summary)

    @property
    def largest(self) -> tuple[Row, float]:
        """The layer holding the most parameters (the first if several tie), with its share."""
        total = self.params
        row = max(self.summary.rows, key=lambda row: row.params)
        return row, row.params / total if total else 0.0


def zoo_report(name: str) -> ModelReport:
    """A famous model of the zoo (a ``PUBLISHED`` name, e.g. 'ResNet-50 (torchvision)'), counted as its
    framework counts it."""
    entries = {entry.name: entry for entry in PUBLISHED}
    entry = entries[one_of("zoo_report", "name", name, entries)]
    model = entry.build()
    summary = model.summary(entry.convention)
    return ModelReport((), tuple(summary.input_shape), summary, entry)


def model_report(input_shape: tuple[int, ...], layers: Sequence[tuple[str, int]],
                 output: str = "softmax") -> ModelReport:
    """Build ``layers`` on ``input_shape`` and count them; raises, naming the layer, if a layer cannot follow."""
    return ModelReport(tuple(layers), tuple(input_shape), build(input_shape, layers, output).summary(), output=output)
