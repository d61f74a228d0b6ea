"""Attention layers: exact parameters, neurons and MACs, calls on query/value/key, and their errors."""

import pytest

from nnlesson.layers import (Activation, Add, Dense, Embedding, GroupedQueryAttention, GroupQueryAttention, Input, Model,
                             Multiply, MultiHeadAttention, RMSNormalization, Sequential)


@pytest.mark.parametrize("tokens", [1, 7, 1024])
@pytest.mark.parametrize("convention", ["keras", "pytorch"])
def test_bert_and_gpt2_attention_matches_pytorchs_multihead_attention_at_any_length(tokens, convention):
    row = MultiHeadAttention(12, 64).row((tokens, 768), convention)
    assert row.params == 4 * 768 * 768 + 4 * 768 == 2_362_368  # nn.MultiheadAttention(768, 12)
    assert row.formula == "3*(768 + 1)*12*64 + (12*64 + 1)*768"
    assert row.output_shape == (tokens, 768)


def test_key_dim_is_per_head_so_the_whole_width_there_counts_every_projection_twelve_times():
    row = MultiHeadAttention(12, 768).row((50, 768))
    assert row.params == 4 * 768 * 9216 + 3 * 9216 + 768 == 28_339_968 == 12 * 2_362_368 - 11 * 768


@pytest.mark.parametrize("heads", [1, 2, 3, 4, 6, 8, 12])
def test_splitting_the_width_into_more_heads_keeps_the_count(heads):
    assert MultiHeadAttention(num_heads=heads, key_dim=768 // heads).row((16, 768)).params == 2_362_368


def test_neurons_are_the_projections_outputs_and_macs_add_the_two_attention_products():
    row = MultiHeadAttention(12, 64).row((10, 768))
    assert row.neurons == 4 * 10 * 768 == 30_720
    assert row.macs == 4 * 10 * 768 * 768 + 10 * 10 * 12 * 64 + 10 * 10 * 12 * 64 == 23_746_560


def test_cross_attention_projects_each_input_from_its_own_size_back_to_the_querys():
    # query (5, 32), value (9, 16), key (9, 24): Keras takes different last sizes
    row = MultiHeadAttention(2, 8, value_dim=4).row([(5, 32), (9, 16), (9, 24)])
    query, key, value, out = (32 + 1) * 16, (24 + 1) * 16, (16 + 1) * 8, (8 + 1) * 32
    assert row.params == query + key + value + out == 1_352
    assert row.formula == "(32 + 1)*2*8 + (24 + 1)*2*8 + (16 + 1)*2*4 + (2*4 + 1)*32"
    assert row.output_shape == (5, 32)
    assert row.neurons == 5 * 16 + 9 * 16 + 9 * 8 + 5 * 32 == 456
    assert row.macs == 5 * 32 * 16 + 9 * 24 * 16 + 9 * 16 * 8 + 5 * 8 * 32 + 5 * 9 * 2 * 8 + 5 * 9 * 2 * 4 == 9_528


def test_output_shape_and_no_biases():
    row = MultiHeadAttention(4, 16, use_bias=False, output_shape=10).row((3, 20))
    assert row.params == 3 * 20 * 64 + 64 * 10 == 4_480 and row.output_shape == (3, 10)
    assert row.formula == "3*20*4*16 + 4*16*10"


def test_llama_3_8b_attention():
    gqa = GroupQueryAttention(128, 32, 8, use_bias=False)
    for tokens in (1, 8192):
        row = gqa.row((tokens, 4096))
        assert row.params == 4096 * 4096 * 2 + 4096 * 1024 * 2 == 41_943_040
    assert row.formula == "4096*32*128 + 2*4096*8*128 + 32*128*4096"
    biased = GroupQueryAttention(128, 32, 8).row((1, 4096))
    assert biased.params == 41_943_040 + 4096 + 2 * 1024 + 4096 == 41_953_280
    assert row.kind == "GroupedQueryAttention" and GroupQueryAttention is GroupedQueryAttention


def test_grouped_query_attention_neurons_and_macs():
    row = GroupQueryAttention(4, 4, 2, use_bias=False).row((3, 16))
    assert row.neurons == 3 * 16 + 3 * 8 + 3 * 8 + 3 * 16 == 144
    assert row.macs == 3 * 16 * 16 + 2 * 3 * 16 * 8 + 3 * 16 * 16 + 3 * 3 * 4 * 4 * 2 == 2_592


def test_self_attention_in_a_model_lists_its_input_twice_and_counts_once():
    x = Input((10, 768))
    mha = MultiHeadAttention(12, 64)
    model = Model(x, Dense(3)(mha(x, x)))
    summary = model.summary()
    assert summary.total_params == 2_362_368 + 769 * 3 == 2_364_675
    assert summary.rows[1].connected_to == ("input_layer[0][0]", "input_layer[0][0]")
    assert summary.rows[1].name == "multi_head_attention"
    assert "input_layer[0][0], input_layer[0][0]" in str(summary)
    assert Sequential([Input((10, 768)), MultiHeadAttention(12, 64)]).count_params() == 2_362_368


def test_query_value_and_key_are_listed_in_order_by_position_or_keyword():
    q, v, k = Input((5, 32), name="q"), Input((9, 16), name="v"), Input((9, 24), name="k")
    for output in (MultiHeadAttention(2, 8, value_dim=4, name="mha")(q, v, k),
                   MultiHeadAttention(2, 8, value_dim=4, name="mha")(q, v, key=k),
                   MultiHeadAttention(2, 8, value_dim=4, name="mha")(query=q, key=k, value=v)):
        summary = Model([q, v, k], output).summary()
        assert summary.rows[-1].connected_to == ("q[0][0]", "v[0][0]", "k[0][0]")
        assert summary.total_params == 1_352
    assert Model([q, v], MultiHeadAttention(2, 8)(q, v, key=None)).output_shape == (5, 32)


def test_an_attention_layer_called_twice_shares_its_weights():
    x = Input((6, 8))
    mha = MultiHeadAttention(2, 4)
    summary = Model(x, mha(mha(x, x), x)).summary()
    assert summary.total_params == 3 * (8 + 1) * 8 + (8 + 1) * 8 == 288
    assert summary.rows[1].connected_to == ("input_layer[0][0]", "input_layer[0][0]",
                                            "multi_head_attention[0][0]", "input_layer[0][0]")


@pytest.mark.parametrize("call, message", [
    (lambda mha, x: mha(x), r"MultiHeadAttention\(\.\.\.\)\(query, value, key=None\) needs 2 inputs, but value "
                            r"is missing; for self-attention give the same tensor twice"),
    (lambda mha, x: mha(x, x, x, x), "takes at most 3 inputs, but was called on 4"),
    (lambda mha, x: mha(x, x, keys=x), "has no input named 'keys'; its inputs are query, value, key"),
    (lambda mha, x: mha(x, x, value=x), "was given value twice"),
    (lambda mha, x: mha(x, key=x), "value is missing"),
    (lambda mha, x: mha([x, x]), r"\(query, value, key=None\): give the inputs one by one, not in a list"),
    (lambda mha, x: Dense(3)(x, x), "Dense takes one input, but was called on 2"),
    (lambda mha, x: Add()(x, x), r"Add merges branches: call it on a list, Add\(\)\(\[a, b\]\)"),
])
def test_calls_with_the_wrong_inputs_are_refused(call, message):
    with pytest.raises(TypeError, match=message):
        call(MultiHeadAttention(2, 4), Input((6, 8)))


@pytest.mark.parametrize("make, message", [
    (lambda: MultiHeadAttention(0, 64), r"MultiHeadAttention\(num_heads=0\): num_heads must be a positive integer"),
    (lambda: MultiHeadAttention(12, -1), r"MultiHeadAttention\(key_dim=-1\): key_dim must be a positive integer"),
    (lambda: MultiHeadAttention(12), r"MultiHeadAttention: key_dim is missing"),
    (lambda: MultiHeadAttention(2, 4, output_shape=(3, 4)), r"output_shape=\(3, 4\)\): output_shape is the last"),
    (lambda: GroupQueryAttention(128, 30, 8), r"GroupedQueryAttention\(num_query_heads=30\): num_query_heads must "
                                              r"be a multiple of num_key_value_heads=8"),
    (lambda: GroupQueryAttention(128, 32, 0), r"num_key_value_heads=0\): num_key_value_heads must be a positive"),
])
def test_bad_arguments_name_the_layer_argument_value_and_rule(make, message):
    with pytest.raises((ValueError, TypeError), match=message):
        make()


@pytest.mark.parametrize("shapes, message", [
    ((768,), r"MultiHeadAttention needs a query of shape \(tokens, features\) \(without the batch axis\), got "
             r"\(768,\) with 1 axis"),
    ([(4, 8), (6, 6, 8)], r"needs a value of shape \(tokens, features\) .*got \(6, 6, 8\) with 3 axes"),
    ([(4, 8), (6, 8), (5, 8)], r"key \(5, 8\) and value \(6, 8\) need the same number of tokens"),
])
def test_shapes_attention_cannot_take(shapes, message):
    with pytest.raises(ValueError, match=message):
        MultiHeadAttention(2, 4).row(shapes)


def test_a_model_with_the_wrong_rank_names_the_layer():
    x = Input((768,))
    with pytest.raises(ValueError, match="attn: MultiHeadAttention needs a query of shape"):
        Model(x, MultiHeadAttention(12, 64, name="attn")(x, x))


def llama_3_8b(blocks=32):
    """Llama-3-8B from the layers: RMSNorm, grouped-query attention, RMSNorm, a SwiGLU feed-forward, untied head."""
    ids = Input((8192,))
    h = Embedding(128256, 4096)(ids)
    for _ in range(blocks):
        normed = RMSNormalization()(h)
        h = Add()([h, GroupQueryAttention(128, 32, 8, use_bias=False)(normed, normed)])
        normed = RMSNormalization()(h)
        gate = Activation("silu")(Dense(14336, use_bias=False)(normed))
        h = Add()([h, Dense(4096, use_bias=False)(Multiply()([gate, Dense(14336, use_bias=False)(normed)]))])
    return Model(ids, Dense(128256, use_bias=False)(RMSNormalization()(h)))


def test_llama_3_8b_from_the_layers_is_counted_exactly():
    summary = llama_3_8b().summary()  # its speed is measured by benchmarks/zoo_speed.py
    assert summary.total_params == summary.active_params == 8_030_261_248
    assert len(summary.rows) == 324 and summary.tied_params == 0


def test_the_output_projections_bias_apart_from_the_others():
    """Qwen2: biases on q, k and v, none on o; a ViT without qkv_bias: the other way round."""
    from nnlesson.layers import GroupQueryAttention, MultiHeadAttention
    qwen = GroupQueryAttention(64, 14, 2, use_bias=True, output_bias=False)
    assert qwen.row((7, 896)).params == (896 + 1) * 896 + 2 * (896 + 1) * 128 + 896 * 896 == 1_836_160
    assert qwen.row((7, 896)).formula == "(896 + 1)*14*64 + 2*(896 + 1)*2*64 + 14*64*896"
    vit = MultiHeadAttention(12, 64, use_bias=False, output_bias=True)
    assert vit.row((197, 768)).params == 4 * 768 * 768 + 768
    assert MultiHeadAttention(12, 64).output_bias is True and MultiHeadAttention(12, 64, use_bias=False).output_bias is False
    with pytest.raises(TypeError, match=r"output_bias"):
        MultiHeadAttention(12, 64, output_bias="no")
