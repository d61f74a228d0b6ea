"""How many bytes a model needs: to store its parameters, and (roughly) to train it.

Storing: parameters x bytes per value (float32 4, float16 2, int8 1). Training needs more:
a gradient for every trainable parameter, the optimizer's own state (Adam keeps two running
averages per parameter, SGD with momentum one, plain SGD none), and every layer's output for
every example in the batch, kept from the forward pass for backpropagation.
"""
from __future__ import annotations

from dataclasses import dataclass

from .._validate import one_of, positive_int
from ..layers.summary import BYTES_PER_VALUE, Summary

OPTIMIZER_COPIES = {"sgd": 0, "momentum": 1, "adam": 2}
"""Extra numbers an optimizer keeps per trainable parameter."""


@dataclass(frozen=True)
class TrainingMemory:
    """Bytes for each part of training, all in one number format (a simplification: see the notebook)."""
    parameters: int
    gradients: int
    optimizer_state: int
    activations: int

    @property
    def total(self) -> int:
        return self.parameters + self.gradients + self.optimizer_state + self.activations


def training_memory(summary: Summary, dtype: str = "float32", optimizer: str = "adam",
                    batch_size: int = 32) -> TrainingMemory:
    """A lower estimate of training memory: parameters, gradients, optimizer state and activations.

    Activations are the input plus every layer's output, for each of ``batch_size`` examples;
    frameworks keep a little more (e.g. masks for dropout), never less.
    """
    one_of("training_memory", "dtype", dtype, BYTES_PER_VALUE)
    one_of("training_memory", "optimizer", optimizer, OPTIMIZER_COPIES)
    batch_size = positive_int("training_memory", "batch_size", batch_size)
    size = BYTES_PER_VALUE[dtype]
    trainable = summary.trainable_params
    per_example = summary.input_values + summary.output_values
    return TrainingMemory(parameters=summary.total_params * size, gradients=trainable * size,
                          optimizer_state=OPTIMIZER_COPIES[optimizer] * trainable * size,
                          activations=per_example * batch_size * size)
