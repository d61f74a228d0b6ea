"""The transformer layers counted by nnlesson and built by Keras, PyTorch and keras_hub: the same totals.

Each framework's count is compared with nnlesson's and with the number worked out by hand beside it.
Skipped where the framework is missing (none is a dependency of nnlesson).
"""
from __future__ import annotations

import pytest

from nnlesson.layers import (GroupQueryAttention, Input, Model, MultiHeadAttention, PositionEmbedding,
                             ReversibleEmbedding)

TOKENS = 16


def self_attention(layer, width: int, convention: str = "keras") -> int:
    x = Input((TOKENS, width))
    return Model(x, layer(x, x)).count_params(convention)


ATTENTION = {  # name: (nnlesson layer, its Keras twin, query width, hand-worked count)
    "mha_12x64": (lambda: MultiHeadAttention(12, 64), lambda layers: layers.MultiHeadAttention(12, 64), 768,
                  4 * 768 * 768 + 4 * 768),  # 2,362,368
    "mha_12x768": (lambda: MultiHeadAttention(12, 768), lambda layers: layers.MultiHeadAttention(12, 768), 768,
                   4 * 768 * 12 * 768 + 3 * 12 * 768 + 768),  # 28,339,968: key_dim is per head, a classic slip
    "gqa_llama": (lambda: GroupQueryAttention(128, 32, 8), lambda layers: layers.GroupQueryAttention(128, 32, 8),
                  4096, 2 * 4096 * 4096 + 2 * 4096 * 1024 + 2 * 4096 + 2 * 1024),  # 41,953,280
    "gqa_llama_no_bias": (lambda: GroupQueryAttention(128, 32, 8, use_bias=False),
                          lambda layers: layers.GroupQueryAttention(128, 32, 8, use_bias=False),
                          4096, 2 * 4096 * 4096 + 2 * 4096 * 1024),  # 41,943,040
}


def test_the_hand_worked_numbers():
    assert [case[3] for case in ATTENTION.values()] == [2_362_368, 28_339_968, 41_953_280, 41_943_040]


@pytest.mark.parametrize("name", ATTENTION)
def test_keras_builds_the_same_attention(name):
    keras = pytest.importorskip("keras")
    ours, theirs, width, by_hand = ATTENTION[name]
    layer = theirs(keras.layers)
    x = keras.Input((TOKENS, width))
    layer(x, x)
    assert layer.count_params() == by_hand == self_attention(ours(), width)
    assert self_attention(ours(), width, "pytorch") == by_hand  # the frameworks agree on attention


def test_pytorch_multihead_attention():
    torch = pytest.importorskip("torch")
    module = torch.nn.MultiheadAttention(768, 12, batch_first=True)
    assert sum(p.numel() for p in module.parameters()) == 2_362_368 == self_attention(MultiHeadAttention(12, 64), 768)


def test_keras_hub_position_embedding():
    keras_hub = pytest.importorskip("keras_hub")
    keras = pytest.importorskip("keras")
    layer = keras_hub.layers.PositionEmbedding(1024)
    layer(keras.Input((1024, 768)))
    x = Input((1024, 768))
    assert layer.count_params() == 1024 * 768 == Model(x, PositionEmbedding(1024)(x)).count_params() == 786_432


@pytest.mark.parametrize("tied", [True, False])
def test_keras_hub_reversible_embedding(tied):
    """GPT-2's vocabulary: the tied head reuses the 50,257 x 768 matrix; untied, it has one of its own."""
    keras_hub = pytest.importorskip("keras_hub")
    keras = pytest.importorskip("keras")
    theirs = keras_hub.layers.ReversibleEmbedding(50257, 768, tie_weights=tied)
    theirs(theirs(keras.Input((TOKENS,), dtype="int32")), reverse=True)
    ids, ours = Input((TOKENS,)), ReversibleEmbedding(50257, 768, tie_weights=tied)
    summary = Model(ids, ours.reverse(ours(ids))).summary()
    assert theirs.count_params() == summary.total_params == (1 if tied else 2) * 50257 * 768
    assert summary.tied_params == (50257 * 768 if tied else 0) == (38_597_376 if tied else 0)
