"""The embeddings of a language model: token vectors whose matrix the output head can reuse, and learned positions.

``ReversibleEmbedding`` and ``PositionEmbedding`` follow keras_hub's layers of those names. GPT-2 turns its
final hidden states into vocabulary scores with the token embedding's own matrix, transposed
(``emb.reverse(h)``): tied weights, stored and counted once, as Keras and PyTorch count them (Hugging Face's
``tie_word_embeddings``). Keras and PyTorch count these layers the same, so ``convention`` changes nothing.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .._validate import MISSING, boolean, given, positive_int
from .base import Counts, Layer, Namer, Shape, snake_case
from .core import Embedding

if TYPE_CHECKING:
    from .graph import Tensor


class ReversibleEmbedding(Embedding):
    """A token embedding, (T,) ids -> (T, output_dim), with ``input_dim*output_dim`` parameters, whose
    ``reverse(h)`` is the output head: (T, output_dim) -> (T, input_dim) scores, one per word of the vocabulary.

    With ``tie_weights=True`` (GPT-2's choice) the head multiplies by the same matrix, so it adds no parameters:
    the summary reports them as ``tied_params`` (GPT-2 small: 50257*768 = 38,597,376). With
    ``tie_weights=False`` the head has its own output_dim*input_dim weights, without biases, as keras_hub's.
    """

    def __init__(self, input_dim: int = MISSING, output_dim: int = MISSING, tie_weights: bool = True, *,
                 name: str | None = None, trainable: bool = True):
        example = "ReversibleEmbedding(input_dim=50257, output_dim=768)"
        super().__init__(given("ReversibleEmbedding", "input_dim", input_dim, example),
                         given("ReversibleEmbedding", "output_dim", output_dim, example),
                         name=name, trainable=trainable)
        self.tie_weights = boolean("ReversibleEmbedding", "tie_weights", tie_weights)
        self._head = ReversedEmbedding(self)

    def reverse(self, inputs: Any, *, name: str | None = None) -> "Tensor":
        """The output head on hidden states ``inputs`` (T, output_dim): scores (T, input_dim). Calling it again
        reuses the same head. ``name`` names the head (Hugging Face's ``lm_head``); by default it is the
        embedding's name with ``_reverse``."""
        if name is not None:
            if not isinstance(name, str) or not name:
                raise TypeError(f"ReversibleEmbedding.reverse(name={name!r}): name must be a non-empty string")
            if self._head.name not in (None, name):
                raise ValueError(f"ReversibleEmbedding.reverse(name={name!r}): this embedding's head is already "
                                 f"named {self._head.name!r}; a head has one name however often it is called")
            self._head.name = name
        return self._head(inputs)


class ReversedEmbedding(Layer):
    """The output head of a ``ReversibleEmbedding``, made by ``emb.reverse(h)``: the hidden states times the
    transposed token matrix (tied) or a matrix of its own (untied). Neurons: one per score, (T, vocabulary);
    MACs T*output_dim*input_dim."""

    def __init__(self, embedding: ReversibleEmbedding):
        super().__init__(trainable=embedding.trainable)
        self.embedding = embedding
        self.reuses = embedding if embedding.tie_weights else None

    def named(self, namer: Namer) -> Layer:
        """Named after its embedding, ``token_embedding_reverse``, since Keras calls both one layer."""
        base = self.embedding.name or snake_case(self.embedding.kind)
        return self.with_name(namer.take(self, base=f"{base}_reverse"))

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        width = self.embedding.output_dim
        if not input_shape or input_shape[-1] != width:
            raise self.error(f"the reverse of a ReversibleEmbedding with output_dim={width} needs inputs whose last "
                             f"axis has {width} numbers, got {input_shape}")
        return input_shape[:-1] + (self.embedding.input_dim,)

    def count(self, input_shape: Shape, output_shape: Shape, convention: str) -> Counts:
        matrix = self.embedding.input_dim * self.embedding.output_dim
        tied = self.embedding.tie_weights
        return Counts(trainable=0 if tied else matrix, neurons=math.prod(output_shape),
                      macs=math.prod(input_shape) * self.embedding.input_dim, tied=matrix if tied else 0,
                      tied_to=(self.embedding.name or snake_case(self.embedding.kind)) if tied else "")

    def formula(self, input_shape: Shape, output_shape: Shape, convention: str) -> str:
        return "0" if self.embedding.tie_weights else f"{self.embedding.output_dim}*{self.embedding.input_dim}"

    def __repr__(self) -> str:
        return f"{self.embedding!r}.reverse"


class PositionEmbedding(Layer):
    """A learned vector for each of ``sequence_length`` positions (keras_hub's ``PositionEmbedding``): on
    (T, d) it returns the first T of them, (T, d), which the model adds to the token vectors (``Add``).

    Parameters ``sequence_length*d``; no neurons (a lookup, no weighted sum). A sequence longer than
    ``sequence_length`` has positions without a vector, an error.
    """

    def __init__(self, sequence_length: int = MISSING, *, name: str | None = None, trainable: bool = True):
        super().__init__(name=name, trainable=trainable)
        self.sequence_length = positive_int("PositionEmbedding", "sequence_length", given(
            "PositionEmbedding", "sequence_length", sequence_length, "PositionEmbedding(sequence_length=1024)"))

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        self.require_rank(input_shape, 2, "(tokens, features)")
        if input_shape[0] > self.sequence_length:
            raise self.error(f"PositionEmbedding(sequence_length={self.sequence_length}) has a vector for "
                             f"{self.sequence_length} positions, but the input has {input_shape[0]} tokens; "
                             "sequence_length must be at least the number of tokens")
        return input_shape

    def count(self, input_shape: Shape, output_shape: Shape, convention: str) -> Counts:
        return Counts(trainable=self.sequence_length * input_shape[-1])

    def formula(self, input_shape: Shape, output_shape: Shape, convention: str) -> str:
        return f"{self.sequence_length}*{input_shape[-1]}"
