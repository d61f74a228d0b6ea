"""GPT-2 (Radford et al., 2019) as Hugging Face's GPT2LMHeadModel builds it from its config.

Token and learned position embeddings are added, then ``n_layer`` pre-norm blocks (LayerNorm, attention,
residual; LayerNorm, GELU MLP, residual) and a last LayerNorm. The output head reuses the token
embedding's matrix (``tie_word_embeddings``, True unless the config says otherwise), so it adds no
parameters. One block has 12d^2 + 13d: 4d^2 + 4d in attention, 8d^2 + 5d in the MLP, 4d in its two
LayerNorms. GPT-2 small: 124,439,808 parameters (163,037,184 with the head counted apart).
"""
from __future__ import annotations

from ..layers import Add, Input, LayerNormalization, Model, MultiHeadAttention, PositionEmbedding, ReversibleEmbedding
from ..layers.graph import Tensor
from .architecture import Architecture
from .feed_forward import gelu_mlp


def gpt2_block(x: Tensor, arch: Architecture, block: str) -> Tensor:
    """One pre-norm block: x + attn(ln_1(x)), then x + mlp(ln_2(x)); 12d^2 + 13d parameters."""
    a = LayerNormalization(axis=-1, name=f"{block}.ln_1")(x)
    a = MultiHeadAttention(arch.num_heads, arch.head_dim, name=f"{block}.attn")(a, a)
    x = Add(name=f"{block}.attn_residual")([x, a])
    m = LayerNormalization(axis=-1, name=f"{block}.ln_2")(x)
    m = gelu_mlp(m, arch.hidden_size, arch.intermediate_size, up=f"{block}.mlp.c_fc", down=f"{block}.mlp.c_proj")
    return Add(name=f"{block}.mlp_residual")([x, m])


def build(arch: Architecture, sequence_length: int, name: str) -> Model:
    """GPT2LMHeadModel on ``sequence_length`` token ids: the logits over the vocabulary for every token."""
    ids = Input((sequence_length,), name="input_ids")
    wte = ReversibleEmbedding(arch.vocab_size, arch.hidden_size, tie_weights=arch.tied_embeddings, name="wte")
    tokens = wte(ids)
    x = Add(name="embeddings")([tokens, PositionEmbedding(arch.max_positions, name="wpe")(tokens)])
    for i in range(arch.num_layers):
        x = gpt2_block(x, arch, f"h.{i}")
    return Model(ids, wte.reverse(LayerNormalization(axis=-1, name="ln_f")(x), name="lm_head"), name=name)
