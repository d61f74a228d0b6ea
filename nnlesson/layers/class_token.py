"""ViT's class token: one learned vector put in front of the patches, whose final state the classifier reads."""
from __future__ import annotations

from .base import Counts, Layer, Shape


class ClassToken(Layer):
    """Prepends a learned [CLS] vector to a sequence: (N, d) -> (N + 1, d), with d parameters (one token of d
    numbers) and no neurons (nothing is computed from the input). Keras and PyTorch count it the same."""

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        self.require_rank(input_shape, 2, "(tokens, features)")
        return (input_shape[0] + 1, input_shape[1])

    def count(self, input_shape: Shape, output_shape: Shape, convention: str) -> Counts:
        return Counts(trainable=input_shape[1])

    def formula(self, input_shape: Shape, output_shape: Shape, convention: str) -> str:
        return f"1*{input_shape[1]}"
