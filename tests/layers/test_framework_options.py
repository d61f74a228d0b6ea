"""Options where Keras and PyTorch part ways: transposed convolutions, causal padding, ceil_mode, and what
Keras refuses but PyTorch takes. Every number is worked out by hand in the comment beside it."""
import pytest

from nnlesson.layers import (GRU, LSTM, AveragePooling1D, AveragePooling2D, Bidirectional, Conv1D, Conv2D,
                             Conv2DTranspose, DepthwiseConv2D, Dense, Flatten, Input, MaxPooling1D, MaxPooling2D,
                             Sequential)
from nnlesson.layers.shapes import slide

# --- Conv2DTranspose: 'valid' without output_padding is where the two frameworks disagree ---


def test_a_stride_larger_than_the_kernel_gives_keras_one_cell_more_per_gap():
    """Keras: n*s + max(k - s, 0) = 4*3 + 0 = 12. PyTorch: (n-1)*s + k = 3*3 + 2 = 11."""
    layer = Conv2DTranspose(1, 2, strides=3)
    assert layer.row((4, 4, 1), "keras").output_shape == (12, 12, 1)
    assert layer.row((4, 4, 1), "pytorch").output_shape == (11, 11, 1)
    assert layer.compute_output_shape((4, 4, 1)) == (12, 12, 1)  # without a convention: Keras's, the default
    assert layer.output_shape_for((4, 4, 1), "pytorch") == (11, 11, 1)


def test_the_shape_flows_into_the_next_layer_s_count():
    model = Sequential([Input((4, 4, 1)), Conv2DTranspose(1, 2, strides=3), Flatten(), Dense(1)])
    keras, pytorch = model.summary("keras"), model.summary("pytorch")
    assert [row.output_shape for row in keras.rows] == [(12, 12, 1), (144,), (1,)]
    assert [row.output_shape for row in pytorch.rows] == [(11, 11, 1), (121,), (1,)]
    assert keras.total_params == (2 * 2 * 1 + 1) * 1 + (144 + 1) * 1 == 150
    assert pytorch.total_params == (2 * 2 * 1 + 1) * 1 + (121 + 1) * 1 == 127


@pytest.mark.parametrize("n, k, s, d, keras, pytorch", [
    (5, 1, 2, 1, 10, 9),    # a 1x1 kernel: Keras 5*2 + 0 = 10, PyTorch 4*2 + 1 = 9
    (8, 3, 2, 1, 17, 17),   # kernel >= stride: both (n-1)*s + k = 14 + 3
    (4, 2, 2, 1, 8, 8),     # kernel = stride: both n*s
    (6, 3, 1, 2, 10, 10),   # dilation 2 spans 5 cells: 5*1 + 5
])
def test_valid_transposed_lengths(n, k, s, d, keras, pytorch):
    layer = Conv2DTranspose(2, k, strides=s, dilation_rate=d)
    assert layer.row((n, n, 3), "keras").output_shape == (keras, keras, 2)
    assert layer.row((n, n, 3), "pytorch").output_shape == (pytorch, pytorch, 2)


def test_same_transposed_is_n_times_s_under_both():
    for convention in ("keras", "pytorch"):
        assert Conv2DTranspose(4, 2, strides=3, padding="same").row((4, 4, 1), convention).output_shape == (12, 12, 4)


# --- Conv2DTranspose(output_padding=...) ---


def test_output_padding_makes_pytorch_double_exactly():
    """(n-1)*s - 2p + (k-1) + output_padding + 1 = 7*2 - 2 + 2 + 1 + 1 = 16: the U-Net / DCGAN upsampling step."""
    layer = Conv2DTranspose(16, 3, strides=2, padding=1, output_padding=1)
    row = layer.row((8, 8, 32), "pytorch")
    assert row.output_shape == (16, 16, 16)
    assert row.params == 3 * 3 * 32 * 16 + 16 == 4_624
    assert row.macs == 3 * 3 * 32 * 16 * 8 * 8  # every input cell spreads over a 3x3 patch of 16 filters
    assert layer.row((8, 8, 32), "keras").output_shape == (16, 16, 16)  # an integer padding is PyTorch's rule in both


@pytest.mark.parametrize("padding, output_padding, length", [
    ("same", 1, 16),   # (n-1)*s + k - 2*(k//2) + op = 14 + 3 - 2 + 1
    ("same", 0, 15),   # 14 + 3 - 2 + 0
    ("valid", 1, 18),  # 14 + 3 + 1
    ("valid", 0, 17),  # 14 + 3
])
def test_keras_output_padding(padding, output_padding, length):
    layer = Conv2DTranspose(8, 3, strides=2, padding=padding, output_padding=output_padding)
    assert layer.row((8, 8, 4), "keras").output_shape == (length, length, 8)


def test_keras_output_padding_with_an_even_kernel_and_dilation():
    """k=4: 'same' pads k//2 = 2 a side, 4*2 + 4 - 4 + 1 = 9; dilation 2, stride 1: k_eff = 5, 4 + 5 - 4 + 0 = 5."""
    assert Conv2DTranspose(1, 4, strides=2, padding="same", output_padding=1).row((5, 5, 1)).output_shape == (9, 9, 1)
    assert Conv2DTranspose(1, 3, padding="same", dilation_rate=2, output_padding=0).row((5, 5, 1)).output_shape == (
        5, 5, 1)


def test_output_padding_per_axis():
    """Height 4*2 - 2 + 2 + 1 + 1 = 10, width the same without the extra cell: 9."""
    layer = Conv2DTranspose(4, 3, strides=2, padding=1, output_padding=(1, 0))
    assert layer.row((5, 5, 2), "pytorch").output_shape == (10, 9, 4)


def test_output_padding_below_the_dilation_is_pytorch_only():
    """PyTorch: smaller than the stride *or* the dilation; 3*1 + 3*2 + 2 + 1 = 12. Keras: smaller than the stride."""
    layer = Conv2DTranspose(2, 3, dilation_rate=3, output_padding=2)
    assert layer.row((4, 4, 1), "pytorch").output_shape == (12, 12, 2)
    with pytest.raises(ValueError, match=r"Conv2DTranspose\(output_padding=2, strides=1\): Keras needs output_padding "
                                         r"smaller than strides on every axis, but 2 >= 1; PyTorch's ConvTranspose2d "
                                         r"also accepts it when it is smaller than dilation_rate"):
        layer.row((4, 4, 1), "keras")


@pytest.mark.parametrize("make, error, pattern", [
    (lambda: Conv2DTranspose(4, 3, strides=2, output_padding=2), ValueError,
     r"Conv2DTranspose\(output_padding=2, strides=2, dilation_rate=1\): output_padding must be smaller than "
     r"strides or dilation_rate on every axis, but 2 >= 2 and 2 >= 1"),
    (lambda: Conv2DTranspose(4, 3, strides=2, output_padding=(1, 3)), ValueError,
     r"output_padding=\(1, 3\).*but 3 >= 2 and 3 >= 1"),
    (lambda: Conv2DTranspose(4, 3, output_padding=-1), ValueError,
     r"Conv2DTranspose\(output_padding=-1\): output_padding must be a whole number >= 0"),
    (lambda: Conv2DTranspose(4, 3, output_padding=(1, 1, 1)), ValueError,
     r"Conv2DTranspose\(output_padding=\(1, 1, 1\)\): output_padding must be an int or a tuple of 2 ints"),
    (lambda: Conv2DTranspose(10, 3, groups=4), ValueError,
     r"Conv2DTranspose\(filters=10, groups=4\): filters must be divisible by groups"),
])
def test_transposed_argument_errors(make, error, pattern):
    with pytest.raises(error, match=pattern):
        make()


def test_a_transposed_output_below_one_cell_names_the_rule():
    with pytest.raises(ValueError, match=r"Conv2DTranspose\(kernel_size=1\) does not fit input 2x2 with padding=2: "
                                         r"the output length \(n-1\)\*s - 2p \+ d\*\(k-1\) \+ output_padding \+ 1 "
                                         r"must be at least 1, but with n=2, k=1, s=1, p=2, d=1, output_padding=0 it is -2"):
        Conv2DTranspose(1, 1, padding=2).row((2, 2, 1), "pytorch")
    with pytest.raises(ValueError, match=r"the output length \(n-1\)\*s \+ k_eff - 2\*\(k_eff//2\) \+ output_padding.*"
                                         r"n=1, k=2, s=1, p='same', d=1, output_padding=0 it is 0"):
        Conv2DTranspose(1, 2, padding="same", output_padding=0).row((1, 1, 1), "keras")


# --- Conv2DTranspose(groups=...) ---


def test_grouped_transposed_convolution_is_pytorch_s():
    """Each filter sees 32/4 = 8 channels: 3*3*8*16 + 16 = 1,168; the length (8-1)*2 + 3 = 17."""
    layer = Conv2DTranspose(16, 3, strides=2, groups=4)
    row = layer.row((8, 8, 32), "pytorch")
    assert (row.output_shape, row.params, row.macs) == ((17, 17, 16), 3 * 3 * 8 * 16 + 16, 3 * 3 * 8 * 16 * 8 * 8)
    assert row.formula == "(3*3*(32//4) + 1)*16"
    with pytest.raises(ValueError, match=r"Conv2DTranspose\(groups=4\): Keras's Conv2DTranspose has no groups "
                                         r"argument; PyTorch's ConvTranspose2d has one, so count it with "
                                         r"convention='pytorch'"):
        layer.row((8, 8, 32), "keras")
    with pytest.raises(ValueError, match=r"Conv2DTranspose\(groups=4\) needs input channels divisible by groups, "
                                         r"got 30 channels"):
        layer.row((8, 8, 30), "pytorch")


def test_a_model_only_pytorch_can_build_is_checked_under_pytorch():
    model = Sequential([Input((8, 8, 32)), Conv2DTranspose(16, 3, strides=2, groups=4)])
    assert model.output_shape == (17, 17, 16)
    assert model.count_params("pytorch") == 1_168
    with pytest.raises(ValueError, match="has no groups argument"):
        model.summary("keras")


# --- strides > 1 with dilation_rate > 1: Keras 3 refuses, PyTorch accepts ---


@pytest.mark.parametrize("layer, shape, torch_name, pytorch_shape", [
    (Conv1D(4, 3, strides=2, dilation_rate=2), (11, 3), "Conv1d", (4, 4)),  # floor((11 - 4 - 1)/2) + 1 = 4
    (Conv2DTranspose(4, 3, strides=2, dilation_rate=2), (5, 5, 1), "ConvTranspose2d", (13, 13, 4)),  # 4*2 + 4 + 1
    (Conv1D(4, 3, strides=2, dilation_rate=2, padding="causal"), (11, 3), "Conv1d", (6, 4)),  # ceil(11/2)
])
def test_strides_with_dilation(layer, shape, torch_name, pytorch_shape):
    assert layer.row(shape, "pytorch").output_shape == pytorch_shape
    kind = type(layer).__name__
    with pytest.raises(ValueError, match=fr"{kind}\(strides=2, dilation_rate=2\): Keras refuses strides > 1 together "
                                         fr"with dilation_rate > 1 in {kind}; PyTorch's {torch_name} accepts it, so "
                                         r"count it with convention='pytorch'"):
        layer.row(shape, "keras")


def test_strides_and_dilation_on_different_axes_are_refused_too():
    """Keras checks max(strides) > 1 and max(dilation_rate) > 1, across the axes."""
    layer = Conv2DTranspose(1, 3, strides=(2, 1), dilation_rate=(1, 2), name="up")
    assert layer.row((4, 4, 1), "pytorch").output_shape == (3 * 2 + 3, 3 * 1 + 5, 1)  # (9, 8, 1)
    with pytest.raises(ValueError, match=r"^up: Conv2DTranspose\(strides=\(2, 1\), dilation_rate=\(1, 2\)\): Keras"):
        layer.row((4, 4, 1), "keras")


def test_conv2d_and_depthwise_keep_strides_with_dilation():
    """Keras 3 refuses it in Conv2D too, but the conv explorer shows both at once: Conv2D counts it as PyTorch does.
    DepthwiseConv2D is accepted by Keras 3 itself. floor((10 - 5)/2) + 1 = 3."""
    for convention in ("keras", "pytorch"):
        assert Conv2D(4, 3, strides=2, dilation_rate=2).row((10, 10, 1), convention).output_shape == (3, 3, 4)
        assert DepthwiseConv2D(3, strides=2, dilation_rate=2).row((10, 10, 2), convention).output_shape == (3, 3, 2)


def test_the_refusal_is_keras_only_in_a_sequential():
    model = Sequential([Input((11, 3)), Conv1D(4, 3, strides=2, dilation_rate=2)])
    assert model.output_shape == (4, 4)
    assert model.count_params("pytorch") == (3 * 3 + 1) * 4 == 40
    with pytest.raises(ValueError, match="Keras refuses strides > 1 together with dilation_rate > 1"):
        model.summary("keras")


# --- Conv1D(padding="causal") ---


@pytest.mark.parametrize("convention", ["keras", "pytorch"])
def test_causal_padding_keeps_the_length(convention):
    """d*(k-1) zeros on the left, none on the right: 10 + 2 - 3 + 1 = 10 steps; with dilation 4, 10 + 8 - 9 + 1 = 10."""
    row = Conv1D(8, 3, padding="causal").row((10, 4), convention)
    assert (row.output_shape, row.params) == ((10, 8), (3 * 4 + 1) * 8)  # 104: padding adds no weights
    assert Conv1D(8, 3, padding="causal", dilation_rate=4).row((10, 4), convention).output_shape == (10, 8)
    assert Conv1D(8, 3, strides=2, padding="causal").row((10, 4), convention).output_shape == (5, 8)  # (10+2-3)//2+1
    assert Conv1D(8, 3, strides=2, padding="causal").row((9, 4), convention).output_shape == (5, 8)  # (9+2-3)//2+1


def test_causal_windows_pad_only_the_past():
    (steps,) = Conv1D(1, 3, padding="causal", dilation_rate=2).windows((6, 1))
    assert (steps.pad_before, steps.pad_after, steps.positions) == (2 * (3 - 1), 0, 6)
    assert steps.covered == steps.padded == 10  # the last placement ends on the last step
    window = slide(6, 3, 1, "causal", 2)
    assert (window.pad_before, window.pad_after, window.positions) == (4, 0, 6)


@pytest.mark.parametrize("make, name", [
    (lambda: Conv2D(8, 3, padding="causal"), "Conv2D"),
    (lambda: Conv2DTranspose(8, 3, padding="causal"), "Conv2DTranspose"),
    (lambda: DepthwiseConv2D(3, padding="causal"), "DepthwiseConv2D"),
    (lambda: MaxPooling1D(2, padding="causal"), "MaxPooling1D"),
    (lambda: AveragePooling2D(2, padding="causal"), "AveragePooling2D"),
])
def test_causal_padding_is_conv1d_s_only(make, name):
    with pytest.raises(ValueError, match=fr"{name}\(padding='causal'\): 'causal' padding is only for Conv1D, which "
                                         fr"slides along a sequence in time; for {name} padding must be one of "
                                         r"'valid', 'same' or a whole number >= 0"):
        make()


def test_conv1d_lists_causal_among_its_paddings():
    with pytest.raises(ValueError, match=r"Conv1D\(padding='full'\): padding must be one of 'valid', 'same', "
                                         r"'causal' or a whole number >= 0"):
        Conv1D(8, 3, padding="full")


# --- PyTorch's ceil_mode for pooling ---


def test_googlenet_s_first_pool_needs_ceil_mode():
    """ceil((112 - 3)/2) + 1 = ceil(54.5) + 1 = 56; rounding down, 54 + 1 = 55."""
    assert MaxPooling2D(3, strides=2, ceil_mode=True).row((112, 112, 64), "pytorch").output_shape == (56, 56, 64)
    assert MaxPooling2D(3, strides=2).row((112, 112, 64), "pytorch").output_shape == (55, 55, 64)


@pytest.mark.parametrize("layer, n, ceil, floor", [
    (MaxPooling1D(2), 7, 4, 3),                         # windows at 0, 2, 4, 6: the last sees one real cell
    (AveragePooling1D(3, strides=2), 10, 5, 4),          # ceil(7/2) + 1 = 5; (5-1)*2 = 8 < 10 keeps it
    (MaxPooling1D(2, strides=2, padding=1), 5, 3, 3),    # ceil(5/2) + 1 = 4, but window 4 starts at 6 >= 5 + 1
    (MaxPooling1D(2, strides=4, padding=1), 6, 2, 2),    # ceil(6/4) + 1 = 3, but window 3 starts at 8 >= 6 + 1
    (MaxPooling1D(3, strides=2, padding=1), 8, 5, 4),    # ceil(7/2) + 1 = 5; window 5 starts at 8 < 8 + 1
    (MaxPooling1D(4), 8, 2, 2),                          # it fits exactly: nothing to round
])
def test_ceil_mode_lengths(layer, n, ceil, floor):
    rounded_up = type(layer)(layer.pool_size, layer.strides, layer.padding, ceil_mode=True)
    assert rounded_up.row((n, 3), "pytorch").output_shape == (ceil, 3)
    assert layer.row((n, 3), "pytorch").output_shape == (floor, 3)


def test_a_ceil_mode_window_may_run_past_the_padding():
    axis = slide(7, 2, 2, "valid", ceil_mode=True)
    assert (axis.positions, axis.padded, axis.covered, axis.left_out, axis.ceil_mode) == (4, 7, 3 * 2 + 2, 0, True)


def test_ceil_mode_in_two_dimensions_and_both_axes():
    """Height ceil((9 - 2)/2) + 1 = 5, width ceil((6 - 2)/2) + 1 = 3."""
    assert AveragePooling2D(2, ceil_mode=True).row((9, 6, 8), "pytorch").output_shape == (5, 3, 8)


@pytest.mark.parametrize("layer, torch_name", [(MaxPooling2D(3, strides=2, ceil_mode=True), "MaxPool2d"),
                                               (AveragePooling1D(2, ceil_mode=True), "AvgPool1d")])
def test_keras_has_no_ceil_mode(layer, torch_name):
    kind = type(layer).__name__
    with pytest.raises(ValueError, match=fr"{kind}\(ceil_mode=True\): ceil_mode is PyTorch's option \({torch_name}\); "
                                         r"Keras has none and always rounds the output length down, so count it "
                                         r"with convention='pytorch'"):
        layer.row((112, 112, 64) if "2D" in kind else (10, 4), "keras")


def test_ceil_mode_argument_errors():
    with pytest.raises(TypeError, match=r"MaxPooling2D\(ceil_mode='yes'\): ceil_mode must be True or False"):
        MaxPooling2D(2, ceil_mode="yes")
    with pytest.raises(ValueError, match=r"MaxPooling2D\(padding='same', ceil_mode=True\): ceil_mode is PyTorch's "
                                         r"option and PyTorch's pooling has no 'same' padding"):
        MaxPooling2D(2, padding="same", ceil_mode=True)
    with pytest.raises(ValueError, match=r"MaxPooling1D\(pool_size=5\) does not fit input 3 with padding='valid': the "
                                         r"output length ceil\(\(n \+ 2p - d\*\(k-1\) - 1\) / s\) \+ 1 must be at least 1, "
                                         r"but with n=3, k=5, s=1, p=0, d=1 it is -1"):
        MaxPooling1D(5, strides=1, ceil_mode=True).row((3, 1), "pytorch")  # ceil(-2/1) + 1 = -1
    assert MaxPooling1D(5, ceil_mode=True).row((3, 1), "pytorch").output_shape == (1, 1)  # ceil(-2/5) + 1 = 0 + 1


# --- Bidirectional(merge_mode=...) ---


@pytest.mark.parametrize("merge_mode, units", [("concat", 2 * 12), ("sum", 12), ("mul", 12), ("ave", 12)])
def test_bidirectional_merge_modes(merge_mode, units):
    """Two LSTMs of 4*12*(16 + 12 + 1) = 1,392 each in Keras; PyTorch's two biases: 4*12*(16 + 12 + 2) = 1,440."""
    layer = Bidirectional(LSTM(12, return_sequences=True), merge_mode=merge_mode)
    assert layer.row((20, 16), "keras").output_shape == (20, units)
    assert layer.row((20, 16), "keras").params == 2 * 1_392
    assert layer.row((20, 16), "pytorch").params == 2 * 1_440


def test_bidirectional_without_merging_is_refused_with_the_count_to_use():
    with pytest.raises(ValueError, match=r"Bidirectional\(merge_mode=None\): Keras then returns two outputs, "
                                         r"\[forward, backward\], and a layer here has one output shape; .* so count "
                                         r"it with merge_mode='concat'"):
        Bidirectional(GRU(8), merge_mode=None)
