"""BERT (Devlin et al., 2018) as Hugging Face's BertModel builds it from its config.

Word, position and token-type embeddings are added and normalised, then ``num_hidden_layers`` post-norm
blocks: LayerNorm(x + attention(x)), then LayerNorm(x + MLP(x)), 12d^2 + 13d parameters each, as in
GPT-2. The pooler, a Dense(d, tanh) on the [CLS] token, is part of BertModel by default
(``add_pooling_layer=True``). BERT-base: 109,482,240 parameters, 108,891,648 without the pooler.
"""
from __future__ import annotations

from ..layers import Add, Dense, Embedding, Input, LayerNormalization, Model, MultiHeadAttention, PositionEmbedding
from ..layers.graph import Tensor
from .architecture import Architecture
from .feed_forward import gelu_mlp
from .first_token import first_token


def bert_layer(x: Tensor, arch: Architecture, layer: str) -> Tensor:
    """One post-norm block: LayerNorm(x + attention(x)), then LayerNorm(x + MLP(x))."""
    a = MultiHeadAttention(arch.num_heads, arch.head_dim, name=f"{layer}.attention")(x, x)
    x = LayerNormalization(axis=-1, name=f"{layer}.attention.output.LayerNorm")(
        Add(name=f"{layer}.attention.residual")([x, a]))
    m = gelu_mlp(x, arch.hidden_size, arch.intermediate_size, up=f"{layer}.intermediate.dense",
                 down=f"{layer}.output.dense")
    return LayerNormalization(axis=-1, name=f"{layer}.output.LayerNorm")(Add(name=f"{layer}.output.residual")([x, m]))


def build(arch: Architecture, sequence_length: int, name: str, pooler: bool = True) -> Model:
    """BertModel on ``sequence_length`` token ids and their token types: every token's vector, and with
    ``pooler`` a second output, the pooled [CLS] vector."""
    ids = Input((sequence_length,), name="input_ids")
    types = Input((sequence_length,), name="token_type_ids")
    words = Embedding(arch.vocab_size, arch.hidden_size, name="embeddings.word_embeddings")(ids)
    positions = PositionEmbedding(arch.max_positions, name="embeddings.position_embeddings")(words)
    segments = Embedding(arch.type_vocab_size, arch.hidden_size, name="embeddings.token_type_embeddings")(types)
    x = LayerNormalization(axis=-1, name="embeddings.LayerNorm")(
        Add(name="embeddings.sum")([words, positions, segments]))
    for i in range(arch.num_layers):
        x = bert_layer(x, arch, f"encoder.layer.{i}")
    if not pooler:
        return Model([ids, types], x, name=name)
    cls = first_token(x, sequence_length, arch.hidden_size, name="pooler.first_token")
    return Model([ids, types], [x, Dense(arch.hidden_size, activation="tanh", name="pooler.dense")(cls)], name=name)
