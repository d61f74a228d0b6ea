"""Attention: each token of a query sequence takes a weighted average of a value sequence, weighted by how well
its query matches every key, softmax(Q K^T / sqrt(key_dim)).

``MultiHeadAttention`` (Keras's name and arguments) and ``GroupedQueryAttention`` (Keras 3's, also exported as
``GroupQueryAttention``; Llama and Mistral use it) project the query, key and value with learned matrices, split
them into heads, attend, and project the heads' outputs back. Their parameters are these four projections only:
the attention weights are worked out from the data, not learned, so the count does not depend on the number of
tokens. Keras and PyTorch count them the same, so ``convention`` changes nothing.

A call on query (T_q, d_q), value (T_v, d_v) and key (T_k, d_k) (key defaults to value) counts:
- parameters: each projection d_in*units weights plus units biases, as a Dense on the last axis;
- neurons: the outputs of the four projections, tokens times units, as Dense counts them (the attention weights
  are not neurons: no weighted sum of inputs plus a bias makes them);
- MACs: the projections, plus Q K^T (T_q*T_k*heads*key_dim) and the weighted sum of the values
  (T_q*T_k*heads*value_dim).
Called on one shape (or in a Sequential stack) an attention layer is self-attention: query, value and key alike.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Any, Sequence

from .._validate import MISSING, boolean, describe, given, positive_int
from .base import Counts, Layer, Shape
from .summary import Row

ROLES = ("query", "value", "key")


@dataclass(frozen=True)
class Projection:
    """One learned matrix of an attention layer: ``inputs`` features to ``units`` for each of ``tokens`` tokens,
    with or without a bias per unit; a size made of heads is written as a product, ``12*64``."""
    inputs: int
    units: int
    tokens: int
    bias: bool
    written: tuple[str, str]
    """How the formula writes ``inputs`` and ``units``."""

    @property
    def params(self) -> int:
        return self.inputs * self.units + self.units * self.bias

    @property
    def formula(self) -> str:
        inputs, units = self.written
        return f"({inputs} + 1)*{units}" if self.bias else f"{inputs}*{units}"


def heads(tokens: int, features: int, count: int, size: int, bias: bool) -> Projection:
    """Features to ``count`` heads of ``size`` numbers each (a query, key or value projection)."""
    return Projection(features, count * size, tokens, bias, (str(features), f"{count}*{size}"))


def merged(tokens: int, count: int, size: int, features: int, bias: bool) -> Projection:
    """``count`` heads of ``size`` numbers back to ``features`` (the output projection)."""
    return Projection(count * size, features, tokens, bias, (f"{count}*{size}", str(features)))


class _Attention(Layer):
    """Shared by the attention layers: called on query, value and (optionally) key, each (tokens, features)."""
    input_names = ROLES
    inputs_needed = 2

    def __init__(self, use_bias: bool, output_bias: bool | None, *, name: str | None, trainable: bool):
        super().__init__(name=name, trainable=trainable)
        self.use_bias = boolean(self.kind, "use_bias", use_bias)
        self.output_bias = self.use_bias if output_bias is None else boolean(self.kind, "output_bias", output_bias)

    def exact_shape(self, input_shape: Any) -> tuple[Shape, Shape, Shape]:
        """The (query, value, key) shapes, from one shape (self-attention) or a list of two or three."""
        several = bool(input_shape) and isinstance(input_shape[0], (tuple, list))
        shapes = [tuple(map(operator.index, shape)) for shape in (input_shape if several else [input_shape])]
        if not 1 <= len(shapes) <= 3:
            raise self.error(f"{self.kind} takes the shapes of query, value and key (key optional), "
                             f"got {len(shapes)} shapes")
        query = shapes[0]
        value = shapes[1] if len(shapes) > 1 else query
        key = shapes[2] if len(shapes) > 2 else value
        for role, shape in zip(ROLES, (query, value, key)):
            if len(shape) != 2:
                raise self.error(f"{self.kind} needs a {role} of shape (tokens, features) (without the batch axis), "
                                 f"got {shape} with {len(shape)} {'axis' if len(shape) == 1 else 'axes'}")
        if key[0] != value[0]:
            raise self.error(f"{self.kind}: key {key} and value {value} need the same number of tokens, since each "
                             "key scores the value at its position; their feature sizes may differ")
        return query, value, key

    def row_of(self, input_shapes: Sequence[Shape], convention: str, sources: Sequence[str] = ()) -> Row:
        return self.row(list(input_shapes), convention)

    def output_size(self, query: Shape) -> int:
        """The last size of the output: the query's unless the layer says otherwise."""
        return query[-1]

    def projections(self, query: Shape, value: Shape, key: Shape) -> tuple[Projection, ...]:
        """The query, key, value and output projections for these shapes."""
        raise NotImplementedError

    def compute_output_shape(self, input_shape: Any) -> Shape:
        query, value, key = self.exact_shape(input_shape)
        return (query[0], self.output_size(query))

    def count(self, input_shape: Any, output_shape: Shape, convention: str) -> Counts:
        query, value, key = input_shape
        projections = self.projections(query, value, key)
        # every query head scores every key (its query's units) and mixes the values (the output's inputs)
        attention = query[0] * key[0] * (projections[0].units + projections[3].inputs)
        return Counts(trainable=sum(p.params for p in projections),
                      neurons=sum(p.tokens * p.units for p in projections),
                      macs=sum(p.tokens * p.inputs * p.units for p in projections) + attention)

    def formula(self, input_shape: Any, output_shape: Shape, convention: str) -> str:
        """Each projection as a Dense's arithmetic, query, key and value written once when they are alike."""
        (query, key, value, out) = [p.formula for p in self.projections(*input_shape)]
        if query == key == value:
            return f"3*{query} + {out}"
        if key == value:
            return f"{query} + 2*{key} + {out}"
        return " + ".join((query, key, value, out))


class MultiHeadAttention(_Attention):
    """Keras's multi-head attention: ``num_heads`` heads, each with ``key_dim`` query/key numbers and ``value_dim``
    (default ``key_dim``) value numbers per token; ``key_dim`` is per head, so d=768 and 12 heads take key_dim=64.

    Parameters: query d_q*heads*key_dim, key d_k*heads*key_dim, value d_v*heads*value_dim, output
    heads*value_dim*d_out, plus a bias per unit with ``use_bias``; d_out is ``output_shape`` or the query's last size.
    ``output_bias`` (not in Keras; default: as ``use_bias``) sets the output projection's bias apart, as Qwen2 has
    biases on q, k and v but none on o, and a ViT with ``qkv_bias=False`` the other way round.
    MultiHeadAttention(12, 64) on (T, 768) has 4*768*768 + 4*768 = 2,362,368 parameters, as PyTorch's
    nn.MultiheadAttention(768, 12).
    """

    def __init__(self, num_heads: int = MISSING, key_dim: int = MISSING, value_dim: int | None = None,
                 use_bias: bool = True, output_shape: int | None = None, *, output_bias: bool | None = None,
                 name: str | None = None, trainable: bool = True):
        super().__init__(use_bias, output_bias, name=name, trainable=trainable)
        self.num_heads = positive_int("MultiHeadAttention", "num_heads", given(
            "MultiHeadAttention", "num_heads", num_heads, "MultiHeadAttention(num_heads=12, key_dim=64)"))
        self.key_dim = positive_int("MultiHeadAttention", "key_dim", given(
            "MultiHeadAttention", "key_dim", key_dim, "MultiHeadAttention(num_heads=12, key_dim=64)"))
        self.value_dim = self.key_dim if value_dim is None else positive_int("MultiHeadAttention", "value_dim",
                                                                              value_dim)
        if isinstance(output_shape, (tuple, list)):
            if len(output_shape) != 1:
                raise ValueError(f"{describe('MultiHeadAttention', 'output_shape', output_shape)}: output_shape is "
                                 "the last size of the output here, one positive integer such as 768")
            output_shape = output_shape[0]
        self.output_shape = None if output_shape is None else positive_int("MultiHeadAttention", "output_shape",
                                                                            output_shape)

    def output_size(self, query: Shape) -> int:
        return self.output_shape or query[-1]

    def projections(self, query: Shape, value: Shape, key: Shape) -> tuple[Projection, ...]:
        h, bias = self.num_heads, self.use_bias
        return (heads(query[0], query[1], h, self.key_dim, bias), heads(key[0], key[1], h, self.key_dim, bias),
                heads(value[0], value[1], h, self.value_dim, bias),
                merged(query[0], h, self.value_dim, self.output_size(query), self.output_bias))


class GroupedQueryAttention(_Attention):
    """Grouped-query attention (Keras 3's ``GroupedQueryAttention``, exported as ``GroupQueryAttention`` too):
    ``num_query_heads`` query heads share ``num_key_value_heads`` key and value heads, each ``head_dim`` wide,
    which shrinks the key and value projections and the KV cache. The output projection goes back to the query's size.

    Parameters: query d*q_heads*head_dim, key and value d*kv_heads*head_dim each, output q_heads*head_dim*d, plus a
    bias per unit with ``use_bias`` (the output projection's with ``output_bias``, by default the same). Llama-3-8B,
    GroupQueryAttention(128, 32, 8, use_bias=False) on (T, 4096):
    4096*4096*2 + 4096*1024*2 = 41,943,040.
    """

    def __init__(self, head_dim: int = MISSING, num_query_heads: int = MISSING, num_key_value_heads: int = MISSING,
                 use_bias: bool = True, *, output_bias: bool | None = None, name: str | None = None,
                 trainable: bool = True):
        super().__init__(use_bias, output_bias, name=name, trainable=trainable)
        owner, example = self.kind, f"{self.kind}(head_dim=128, num_query_heads=32, num_key_value_heads=8)"
        self.head_dim = positive_int(owner, "head_dim", given(owner, "head_dim", head_dim, example))
        self.num_query_heads = positive_int(owner, "num_query_heads", given(
            owner, "num_query_heads", num_query_heads, example))
        self.num_key_value_heads = positive_int(owner, "num_key_value_heads", given(
            owner, "num_key_value_heads", num_key_value_heads, example))
        if self.num_query_heads % self.num_key_value_heads:
            raise ValueError(f"{describe(owner, 'num_query_heads', num_query_heads)}: num_query_heads must be a "
                             f"multiple of num_key_value_heads={self.num_key_value_heads}, since each key/value head "
                             "serves an equal group of query heads")

    def projections(self, query: Shape, value: Shape, key: Shape) -> tuple[Projection, ...]:
        q, kv, size, bias = self.num_query_heads, self.num_key_value_heads, self.head_dim, self.use_bias
        return (heads(query[0], query[1], q, size, bias), heads(key[0], key[1], kv, size, bias),
                heads(value[0], value[1], kv, size, bias), merged(query[0], q, size, query[1], self.output_bias))


GroupQueryAttention = GroupedQueryAttention
"""Keras 3's public name for ``GroupedQueryAttention`` (keras.layers.GroupQueryAttention): the same class."""
