"""A mixture of experts: all its parameters, those one token uses, and the summary's line about them."""
import pytest

from nnlesson.layers import (Add, Dense, GroupQueryAttention, Input, MixtureOfExperts, Model, ReversibleEmbedding,
                             RMSNormalization)


@pytest.mark.parametrize("convention", ["keras", "pytorch"])
def test_mixtrals_layer(convention):
    row = MixtureOfExperts(8, 2, 14336).row((7, 4096), convention)
    assert row.params == 4096 * 8 + 8 * 3 * 4096 * 14336 == 32_768 + 1_409_286_144 == 1_409_318_912
    assert row.active_params == 32_768 + 2 * 3 * 4096 * 14336 == 352_354_304
    assert row.formula == "4096*8 + 8*3*4096*14336" and row.per_token == "2 of 8 experts"
    assert row.output_shape == (7, 4096)
    assert row.neurons == 7 * (8 + 2 * (2 * 14336 + 4096))
    assert row.macs == 7 * (4096 * 8 + 2 * 3 * 4096 * 14336)


def test_plain_experts_with_biases():
    row = MixtureOfExperts(4, 1, 32, activation="gelu", gated=False, use_bias=True).row((3, 16))
    expert = (16 + 1) * 32 + (32 + 1) * 16
    assert row.params == 16 * 4 + 4 * expert == 4_352 and row.active_params == 16 * 4 + expert == 1_136
    assert row.formula == "16*4 + 4*((16 + 1)*32 + (32 + 1)*16)"
    assert row.neurons == 3 * (4 + 32 + 16) and row.macs == 3 * (16 * 4 + 2 * 16 * 32)
    gated = MixtureOfExperts(4, 2, 32, use_bias=True).row((3, 16))
    assert gated.params == 16 * 4 + 4 * (2 * 17 * 32 + 33 * 16) == 6_528
    assert gated.formula == "16*4 + 4*(2*(16 + 1)*32 + (32 + 1)*16)"


def mixtral_8x7b():
    """Mixtral-8x7B from the new layers: 32 blocks of RMSNorm, grouped-query attention, RMSNorm, experts."""
    ids = Input((16,))
    h = ReversibleEmbedding(32000, 4096, tie_weights=False, name="embed_tokens")(ids)
    for _ in range(32):
        normed = RMSNormalization()(h)
        h = Add()([h, GroupQueryAttention(128, 32, 8, use_bias=False)(normed, normed)])
        h = Add()([h, MixtureOfExperts(8, 2, 14336)(RMSNormalization()(h))])
    return Model(ids, Dense(32000, use_bias=False)(RMSNormalization()(h)))


def test_mixtral_8x7b_in_total_and_per_token():
    summary = mixtral_8x7b().summary()
    assert summary.total_params == 46_702_792_704
    assert summary.active_params == 12_879_925_248
    assert summary.tied_params == 0
    line = "Active per token: 12,879,925,248 of 46,702,792,704 (2 of 8 experts)"
    assert str(summary).endswith("\n" + line) and line in summary._repr_html_()


@pytest.mark.parametrize("make, message", [
    (lambda: MixtureOfExperts(8, 9, 64), r"MixtureOfExperts\(experts_per_token=9\): experts_per_token must be at "
                                         r"most num_experts=8"),
    (lambda: MixtureOfExperts(0, 1, 64), r"MixtureOfExperts\(num_experts=0\): num_experts must be a positive"),
    (lambda: MixtureOfExperts(8, 2), r"MixtureOfExperts: intermediate_size is missing"),
    (lambda: MixtureOfExperts(8, 2, 64, activation="swishy"), r"activation='swishy'\): activation must be one of"),
    (lambda: MixtureOfExperts(8, 2, 64).row((4096,)), r"MixtureOfExperts needs an input of shape \(tokens, features\)"),
])
def test_bad_arguments_and_shapes(make, message):
    with pytest.raises((TypeError, ValueError), match=message):
        make()
