"""The memory a language model needs to run and to train, term by term (SI units: 1 GB = 10**9 bytes).

Sources for the formulas are named beside each function.
"""
from __future__ import annotations

from .._validate import one_of, positive_int
from ..zoo.architecture import Architecture

KV_BYTES = {"float32": 4, "bfloat16": 2, "float16": 2, "int8": 1}
"""Bytes per cached key or value number, by the cache's number format."""


def kv_cache_bytes(arch: Architecture, tokens: int, batch: int = 1, dtype: str = "bfloat16") -> int:
    """The key/value cache: every layer keeps a key and a value vector of ``head_dim`` numbers per key/value head
    for every token of every sequence, 2 x layers x kv_heads x head_dim x bytes x tokens x batch.
    Llama-3-8B in bfloat16: 131,072 bytes per token (Ainslie et al. 2023 on grouped-query attention)."""
    one_of("kv_cache_bytes", "dtype", dtype, KV_BYTES)
    tokens = positive_int("kv_cache_bytes", "tokens", tokens)
    batch = positive_int("kv_cache_bytes", "batch", batch)
    return 2 * arch.num_layers * arch.num_kv_heads * arch.head_dim * KV_BYTES[dtype] * tokens * batch
