"""The attention explorer's math: the weights of the six-token example, the layer's counts and the KV cache."""
import numpy as np
import pytest

from nnlesson.attention import (HEAD_CHOICES, LLAMA_3_8B, attention, costs, example, explore, full_params_rule,
                                kv_arithmetic, llama_kv_bytes_per_token)


def test_the_heads_are_the_divisors_of_twelve():
    assert HEAD_CHOICES == (1, 2, 3, 4, 6, 12)


@pytest.mark.parametrize("heads", HEAD_CHOICES)
def test_every_row_of_every_head_sums_to_one(heads):
    for causal in (False, True):
        w = attention(heads, causal=causal)
        assert w.weights.shape == (heads, 6, 6)
        assert np.allclose(w.weights.sum(axis=2), 1.0, rtol=0, atol=1e-12)


def test_the_causal_mask_leaves_the_first_token_only_itself():
    w = attention(4, causal=True)
    for head in range(4):
        assert w.weights[head, 0].tolist() == [1.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    assert w.allowed.sum() == 21  # 6 + 5 + ... + 1 cells a query may see
    assert np.isnan(w.scores[:, 0, 1:]).all() and not np.isnan(w.scores[:, 5]).any()
    assert (w.weights[:, ~w.allowed] == 0).all()


def test_the_scores_before_the_softmax_are_exact_on_any_cpu():
    """Embeddings and weights are multiples of 1/8, so Q and K are of 1/64 and Q K^T of 1/4096: nothing rounds."""
    ex = example()
    for array in (ex.embeddings, ex.w_query, ex.w_key, ex.w_value):
        assert (array * 8 == np.round(array * 8)).all()
    scores = attention(1, scaled=False).scores * 4096
    assert (scores == np.round(scores)).all()


def test_the_default_example_prints_the_same_numbers_everywhere():
    w = attention(4)
    assert np.round(w.weights[0, 0], 2).tolist() == [0.25, 0.11, 0.19, 0.13, 0.23, 0.11]
    assert np.round(w.weights[0, 5], 2).tolist() == [0.12, 0.05, 0.07, 0.52, 0.09, 0.14]
    assert round(float(w.largest(0).mean()), 2) == 0.30
    assert [round(x, 2) for x in w.score_range(0)] == [-0.87, 2.41]


def test_leaving_out_the_scaling_sharpens_the_softmax():
    """Without the division by sqrt(d_k) = sqrt(12) the scores spread 3.46 times wider and one key takes most."""
    scaled, raw = attention(1), attention(1, scaled=False)
    assert np.allclose(raw.scores, scaled.scores * np.sqrt(12), equal_nan=True)
    assert raw.largest(0).max() > scaled.largest(0).max()
    assert round(float(scaled.largest(0).mean()), 2) == 0.48
    assert round(float(raw.largest(0).mean()), 2) == 0.79


def test_larger_embeddings_saturate_the_softmax_too():
    assert attention(4, scale=2.0).largest(0).mean() > attention(4).largest(0).mean()
    assert np.allclose(attention(4, scale=2.0).scores, attention(4).scores * 4)


def test_query_heads_share_key_value_heads_in_groups():
    w = attention(12, kv_heads=4)
    assert w.group == 3 and [w.kv_head_of(h) for h in range(12)] == [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]
    assert attention(4, kv_heads=1).kv_head_of(3) == 0
    # the first key/value head is the same whichever number of them there is: only the queries differ
    assert np.allclose(attention(4, kv_heads=1).weights[0], attention(4, kv_heads=4).weights[0])


@pytest.mark.parametrize("heads", HEAD_CHOICES)
def test_multi_head_attention_has_4d2_plus_4d_parameters_at_any_number_of_heads(heads):
    c = costs(heads)
    assert c.row.params == 4 * 12 * 12 + 4 * 12 == 624
    assert c.layer == f"MultiHeadAttention(num_heads={heads}, key_dim={12 // heads})"
    assert sum(row.params for row in c.projections.values()) == 624
    assert full_params_rule() == "4·12² + 4·12 = 624"


@pytest.mark.parametrize("heads, kv_heads, key, total", [
    (4, 1, 12 * 3 + 3, 156 + 2 * 39 + 156),      # 390
    (4, 2, 12 * 6 + 6, 156 + 2 * 78 + 156),      # 468
    (12, 1, 12 * 1 + 1, 156 + 2 * 13 + 156),     # 338
    (12, 4, 12 * 4 + 4, 156 + 2 * 52 + 156),     # 416
])
def test_fewer_key_value_heads_shrink_the_key_and_value_projections(heads, kv_heads, key, total):
    c = costs(heads, kv_heads)
    assert c.layer == (f"GroupQueryAttention(head_dim={12 // heads}, num_query_heads={heads}, "
                       f"num_key_value_heads={kv_heads})")
    assert c.projections["query"].params == c.projections["output"].params == 156
    assert c.projections["key"].params == c.projections["value"].params == key
    assert c.row.params == total == sum(row.params for row in c.projections.values())
    assert c.full_row.params == 624


def test_the_kv_cache_per_token_follows_the_key_value_heads():
    assert costs(4, 4).kv_bytes_per_token == 2 * 1 * 4 * 3 * 2 == 48
    assert costs(4, 1).kv_bytes_per_token == 2 * 1 * 1 * 3 * 2 == 12
    assert costs(12, 12).kv_bytes_per_token == 2 * 1 * 12 * 1 * 2 == 48
    assert kv_arithmetic(costs(4, 1).architecture) == "2 × 1 layer × 1 kv head × 3 numbers × 2 B"


def test_llama_3_8b_caches_131072_bytes_per_token():
    assert llama_kv_bytes_per_token() == 2 * 32 * 8 * 128 * 2 == 131_072
    assert llama_kv_bytes_per_token(32) == 2 * 32 * 32 * 128 * 2 == 524_288
    assert kv_arithmetic(LLAMA_3_8B) == "2 × 32 layers × 8 kv heads × 128 numbers × 2 B"


def test_explore_gathers_the_weights_the_head_and_the_costs():
    r = explore(4, 2, head=3, causal=True)
    assert r.head == 3 and r.weights.kv_head_of(3) == 1
    assert r.costs.row.params == 468 and r.costs.kv_bytes_per_token == 24
    assert (r.llama_bytes, r.llama_bytes_one_per_head) == (131_072, 524_288)
    past = explore(4, 4, head=8)
    assert (past.head, past.asked_head) == (3, 8)  # past the last head, the last is drawn


@pytest.mark.parametrize("call, message", [
    (lambda: attention(5), "attention(heads=5): the heads split d_model = 12 evenly, so they must be one of "
                           "1, 2, 3, 4, 6, 12"),
    (lambda: attention(4, kv_heads=3), "attention(kv_heads=3): each key/value head serves the same number of "
                                       "query heads, so kv_heads must divide heads = 4"),
    (lambda: costs(6, 4), "costs(kv_heads=4): each key/value head serves the same number of query heads, "
                          "so kv_heads must divide heads = 6"),
    (lambda: attention(4, scale=0), "attention(scale=0): the embeddings' scale must be positive"),
])
def test_bad_input_is_refused_with_the_rule(call, message):
    with pytest.raises(ValueError) as caught:
        call()
    assert str(caught.value) == message
