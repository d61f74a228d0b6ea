"""The numbers of a transformer that its parameter count and its memory depend on.

Read from a Hugging Face ``config.json`` by ``nnlesson.zoo.transformers.architecture``; every other
key of a config changes neither count (dropout rates, initialiser ranges, token ids).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Architecture:
    """One transformer's shape: ``num_heads`` query heads of ``head_dim`` each, ``num_kv_heads`` key/value heads
    (fewer than ``num_heads`` with grouped-query attention), and ``experts`` feed-forward experts of which
    ``experts_per_token`` run for each token (1 and 1 for a dense model).

    The fields after those say where the projections have biases and give the sizes only some families have:
    BERT's token types, ViT's image, patches and classes (0 where a family has none; a ViT has no vocabulary,
    and its ``max_positions`` is its patches plus the [CLS] token)."""
    name: str
    model_type: str
    vocab_size: int
    hidden_size: int
    num_layers: int
    num_heads: int
    num_kv_heads: int
    head_dim: int
    intermediate_size: int
    max_positions: int
    tied_embeddings: bool
    experts: int = 1
    experts_per_token: int = 1
    qkv_bias: bool = False
    """Biases on the query, key and value projections (GPT-2, BERT, ViT, Qwen2)."""
    output_bias: bool = False
    """A bias on the attention's output projection (GPT-2, BERT, ViT; not Qwen2)."""
    mlp_bias: bool = False
    """Biases in the feed-forward block (GPT-2, BERT, ViT; Llama's ``mlp_bias``)."""
    type_vocab_size: int = 0
    image_size: int = 0
    patch_size: int = 0
    num_channels: int = 0
    num_labels: int = 0
