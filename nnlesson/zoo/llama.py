"""Llama and its relatives (Mistral, Mixtral, Qwen2) as Hugging Face's ...ForCausalLM builds them.

Token embeddings (no learned positions: RoPE rotates queries and keys, without parameters), then
``num_hidden_layers`` pre-norm blocks of RMSNorm, grouped-query attention and a SwiGLU MLP (Mixtral: a
mixture of SwiGLU experts with a router), a last RMSNorm and the output head ``lm_head``, tied to the
embedding only if ``tie_word_embeddings`` (False by default in all four). Biases: Llama's follow
``attention_bias`` (q, k, v and o) and ``mlp_bias``; Mistral and Mixtral have none (their configs have no
such keys); Qwen2 has them on q, k and v but not on o. Llama-3-8B: 8,030,261,248 parameters.
"""
from __future__ import annotations

from ..layers import (Add, GroupQueryAttention, Input, MixtureOfExperts, Model, ReversibleEmbedding,
                      RMSNormalization)
from ..layers.graph import Tensor
from .architecture import Architecture
from .feed_forward import swiglu


def decoder_layer(x: Tensor, arch: Architecture, layer: str) -> Tensor:
    """One block: x + self_attn(input_layernorm(x)), then x + mlp(post_attention_layernorm(x))."""
    a = RMSNormalization(name=f"{layer}.input_layernorm")(x)
    # Qwen2 has biases on q, k and v but none on o_proj
    a = GroupQueryAttention(arch.head_dim, arch.num_heads, arch.num_kv_heads, use_bias=arch.qkv_bias,
                            output_bias=arch.output_bias,
                            name=f"{layer}.self_attn")(a, a)
    x = Add(name=f"{layer}.attn_residual")([x, a])
    m = RMSNormalization(name=f"{layer}.post_attention_layernorm")(x)
    if arch.experts > 1:
        m = MixtureOfExperts(arch.experts, arch.experts_per_token, arch.intermediate_size, activation="silu",
                             gated=True, use_bias=arch.mlp_bias, name=f"{layer}.block_sparse_moe")(m)
    else:
        m = swiglu(m, arch.hidden_size, arch.intermediate_size, prefix=f"{layer}.mlp", use_bias=arch.mlp_bias)
    return Add(name=f"{layer}.mlp_residual")([x, m])


def build(arch: Architecture, sequence_length: int, name: str) -> Model:
    """The causal language model on ``sequence_length`` token ids: the logits over the vocabulary per token."""
    ids = Input((sequence_length,), name="input_ids")
    embed = ReversibleEmbedding(arch.vocab_size, arch.hidden_size, tie_weights=arch.tied_embeddings,
                                name="embed_tokens")
    x = embed(ids)
    for i in range(arch.num_layers):
        x = decoder_layer(x, arch, f"layers.{i}")
    return Model(ids, embed.reverse(RMSNormalization(name="norm")(x), name="lm_head"), name=name)
