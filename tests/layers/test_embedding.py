"""Token embeddings with a tied output head, learned positions and ViT's class token, counted exactly."""
import html

import pytest

from nnlesson.layers import (Add, ClassToken, Dense, Input, LayerNormalization, Model, MultiHeadAttention,
                             PositionEmbedding, ReversibleEmbedding, Sequential)


def gpt2_small(tie_weights=True, tokens=1024):
    """GPT-2 small from the new layers: 12 blocks of width 768, 12 heads, a 3072-unit GELU feed-forward (axis=-1:
    PyTorch's nn.LayerNorm(768) on every token, where nnlesson's PyTorch default normalises all axes)."""
    ids = Input((tokens,), name="token_ids")
    embedding = ReversibleEmbedding(50257, 768, tie_weights=tie_weights, name="token_embedding")
    h = embedding(ids)
    h = Add()([h, PositionEmbedding(1024)(h)])
    for _ in range(12):
        normed = LayerNormalization(axis=-1)(h)
        h = Add()([h, MultiHeadAttention(12, 64)(normed, normed)])
        h = Add()([h, Dense(768)(Dense(3072, activation="gelu")(LayerNormalization(axis=-1)(h)))])
    return Model(ids, embedding.reverse(LayerNormalization(axis=-1)(h)))


@pytest.mark.parametrize("convention", ["keras", "pytorch"])
def test_gpt2_smalls_tied_head_adds_nothing_and_is_reported_as_tied(convention):
    summary = gpt2_small().summary(convention)
    assert summary.total_params == 124_439_808
    assert summary.tied_params == 50257 * 768 == 38_597_376
    assert summary.total_params + summary.tied_params == 163_037_184
    assert summary.active_params == summary.total_params
    head = summary.rows[-1]
    assert (head.name, head.kind, head.output_shape) == ("token_embedding_reverse", "ReversedEmbedding", (1024, 50257))
    assert (head.params, head.tied_params, head.tied_to, head.formula) == (0, 38_597_376, "token_embedding", "0")
    assert head.neurons == 1024 * 50257 and head.macs == 1024 * 768 * 50257
    line = ("Tied: the output head reuses token_embedding's 38,597,376 weights, counted once "
            "(163,037,184 if counted twice)")
    assert str(summary).endswith("\n" + line) and html.escape(line) in summary._repr_html_()
    assert "Active per token" not in str(summary)


def test_an_untied_head_adds_its_own_matrix_without_biases():
    summary = gpt2_small(tie_weights=False, tokens=8).summary()
    assert summary.total_params == 124_439_808 + 38_597_376 == 163_037_184
    assert summary.tied_params == 0 and "Tied" not in str(summary)
    assert summary.rows[-1].formula == "768*50257"


def test_the_embedding_row_and_the_head_called_on_a_wrong_width():
    embedding = ReversibleEmbedding(1000, 64)
    row = embedding.row((12,))
    assert (row.params, row.output_shape, row.neurons, row.formula) == (64_000, (12, 64), 0, "1000*64")
    x = Input((12, 32))
    with pytest.raises(ValueError, match=r"output_dim=64 needs inputs whose last axis has 64 numbers, got \(12, 32\)"):
        Model(x, embedding.reverse(x))


def test_a_tied_head_without_its_embedding_in_the_model_is_refused():
    x = Input((12, 64))
    with pytest.raises(ValueError, match=r"Model: reversible_embedding_reverse reuses the weights of "
                                         r"ReversibleEmbedding\(input_dim=1000, output_dim=64, tie_weights=True\)"):
        Model(x, ReversibleEmbedding(1000, 64).reverse(x))


def test_a_head_called_twice_is_one_layer():
    ids = Input((4,))
    embedding = ReversibleEmbedding(10, 6, tie_weights=False)
    h = embedding(ids)
    summary = Model(ids, Add()([embedding.reverse(h), embedding.reverse(h)])).summary()
    assert summary.total_params == 10 * 6 + 6 * 10 == 120
    assert [row.name for row in summary.rows].count("reversible_embedding_reverse") == 1


@pytest.mark.parametrize("tokens", [1, 1024])
def test_positions_learned_for_gpt2(tokens):
    row = PositionEmbedding(1024).row((tokens, 768))
    assert (row.params, row.output_shape, row.neurons, row.macs) == (786_432, (tokens, 768), 0, 0)
    assert row.formula == "1024*768"


def test_a_sequence_longer_than_the_positions_is_refused():
    with pytest.raises(ValueError, match=r"PositionEmbedding\(sequence_length=1024\) has a vector for 1024 positions, "
                                         r"but the input has 1025 tokens; sequence_length must be at least"):
        Sequential([Input((1025, 768)), PositionEmbedding(1024)])


def test_vits_class_token():
    row = ClassToken().row((196, 768))
    assert (row.output_shape, row.params, row.neurons, row.formula) == ((197, 768), 768, 0, "1*768")
    assert Sequential([Input((196, 768)), ClassToken(), PositionEmbedding(197)]).count_params() == 768 + 197 * 768


@pytest.mark.parametrize("make, message", [
    (lambda: ReversibleEmbedding(0, 768), r"ReversibleEmbedding\(input_dim=0\): input_dim must be a positive"),
    (lambda: ReversibleEmbedding(50257), r"ReversibleEmbedding: output_dim is missing"),
    (lambda: ReversibleEmbedding(5, 4, tie_weights=1), r"tie_weights=1\): tie_weights must be True or False"),
    (lambda: PositionEmbedding(0), r"PositionEmbedding\(sequence_length=0\): sequence_length must be a positive"),
    (lambda: ClassToken().row((768,)), r"ClassToken needs an input of shape \(tokens, features\)"),
    (lambda: PositionEmbedding(8).row((4, 4, 3)), r"PositionEmbedding needs an input of shape \(tokens, features\)"),
])
def test_bad_arguments_and_shapes(make, message):
    with pytest.raises((TypeError, ValueError), match=message):
        make()


def test_the_head_can_carry_hugging_faces_name():
    ids = Input((8,))
    emb = ReversibleEmbedding(100, 16, name="wte")
    model = Model(ids, emb.reverse(emb(ids), name="lm_head"))
    head = model.summary().rows[-1]
    assert (head.name, head.params, head.tied_params) == ("lm_head", 0, 1_600)
    with pytest.raises(ValueError, match=r"already named 'lm_head'"):
        emb.reverse(emb(ids), name="head")
    with pytest.raises(TypeError, match=r"reverse\(name=''\): name must be a non-empty string"):
        ReversibleEmbedding(10, 4).reverse(Input((3, 4)), name="")
