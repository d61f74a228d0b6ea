"""Invariants that must hold for any sizes, checked with hypothesis."""
from hypothesis import given, settings
from hypothesis import strategies as st

import pytest

from nnlesson import Sequential
from nnlesson.layers import BatchNormalization, Conv1D, Conv2D, Dense, Dropout, Input, MaxPooling2D
from nnlesson.layers.summary import walk

sizes = st.integers(1, 40)
small = st.integers(1, 6)


def brute_force_positions(n: int, k: int, s: int, p: int, d: int) -> int:
    """Slide the window over the padded input one stride at a time and count where it fits."""
    padded, span, positions, start = n + 2 * p, d * (k - 1) + 1, 0, 0
    while start + span <= padded:
        positions += 1
        start += s
    return positions


@given(h1=sizes, w1=sizes, h2=sizes, w2=sizes, channels=small, filters=small, k=st.integers(1, 3))
def test_conv_params_depend_on_depth_not_on_height_or_width(h1, w1, h2, w2, channels, filters, k):
    conv = Conv2D(filters, k, padding="same")
    assert conv.row((h1, w1, channels)).params == conv.row((h2, w2, channels)).params == (k * k * channels + 1) * filters


@given(n_in=st.integers(1, 5000), n_out=st.integers(1, 5000))
def test_dense_params(n_in, n_out):
    assert Dense(n_out).row((n_in,)).params == (n_in + 1) * n_out


@given(n=sizes, k=small, s=small, p=st.integers(0, 4), d=st.integers(1, 3))
def test_conv_output_length_matches_brute_force(n, k, s, p, d):
    expected = brute_force_positions(n, k, s, p, d)
    conv = Conv1D(2, k, strides=s, padding=p, dilation_rate=d)  # integer padding and strides with dilation: PyTorch's
    if expected >= 1:
        assert conv.row((n, 3), "pytorch").output_shape == (expected, 2)
    else:
        with pytest.raises(ValueError, match="does not fit"):
            conv.row((n, 3), "pytorch")


@given(h=sizes, w=sizes, k=small, s=small, d=st.integers(1, 3))
def test_same_padding_gives_ceil_of_n_over_s(h, w, k, s, d):
    assert Conv2D(1, k, strides=s, padding="same", dilation_rate=d).row((h, w, 1)).output_shape[:2] == (
        len(range(0, h, s)), len(range(0, w, s)))
    assert MaxPooling2D(k, strides=s, padding="same").row((h, w, 1)).output_shape[:2] == (
        len(range(0, h, s)), len(range(0, w, s)))


@st.composite
def models(draw):
    """A small convnet or MLP with optional BatchNormalization and Dropout."""
    layers = [Input((draw(st.integers(8, 20)), draw(st.integers(8, 20)), draw(small)))]
    for _ in range(draw(st.integers(0, 2))):
        layers.append(Conv2D(draw(small), draw(st.integers(1, 3)), padding="same", use_bias=draw(st.booleans())))
        if draw(st.booleans()):
            layers.append(BatchNormalization(trainable=draw(st.booleans())))
    layers.append(Dense(draw(small)))
    for _ in range(draw(st.integers(0, 2))):
        layers += [Dropout(0.25), Dense(draw(small), trainable=draw(st.booleans()))]
    return Sequential(layers)


@settings(max_examples=60)
@given(model=models(), convention=st.sampled_from(["keras", "pytorch"]))
def test_totals_add_up_and_are_exact_ints(model, convention):
    summary = model.summary(convention)
    fields = ("params", "trainable_params", "non_trainable_params", "neurons", "macs", "output_values")
    for field in fields:
        total = getattr(summary, field if field != "params" else "total_params")
        assert type(total) is int
        assert total == sum(getattr(row, field) for row in summary.rows)
    assert summary.trainable_params + summary.non_trainable_params == summary.total_params
    for row, _ in walk(summary.rows):
        assert all(type(getattr(row, field)) is int for field in fields)
        assert all(type(size) is int for size in row.output_shape)
