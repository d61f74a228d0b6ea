"""Every layer type against hand-derived counts, in both conventions where Keras and PyTorch differ."""
import pytest

from nnlesson.layers import (GRU, LSTM, Activation, AveragePooling1D, AvgPool2D, BatchNormalization,
                             Bidirectional, Conv1D, Conv2D, Conv2DTranspose, Dense, DepthwiseConv2D, Dropout,
                             Embedding, Flatten, GlobalAveragePooling2D, GlobalMaxPooling1D, LayerNormalization,
                             MaxPool2D, MaxPooling2D, Reshape, Residual, SeparableConv2D, SimpleRNN,
                             ZeroPadding2D)


def numbers(row):
    """(output_shape, params, trainable, non_trainable, neurons, macs) of a row."""
    return (row.output_shape, row.params, row.trainable_params, row.non_trainable_params, row.neurons, row.macs)


# --- dense -------------------------------------------------------------------------------------------

def test_dense_784_to_128():
    assert numbers(Dense(128).row((784,))) == ((128,), 100_480, 100_480, 0, 128, 784 * 128)


def test_dense_acts_on_the_last_axis():
    # (5, 8) -> (5, 4): 8*4 weights + 4 biases, 5*4 neurons, 8*4 MACs at each of 5 positions
    assert numbers(Dense(4).row((5, 8))) == ((5, 4), 36, 36, 0, 20, 160)


def test_dense_without_bias():
    assert Dense(10, use_bias=False).row((128,)).params == 1_280


def test_frozen_layer_keeps_its_parameters_as_non_trainable():
    row = Dense(10, trainable=False).row((128,))
    assert (row.params, row.trainable_params, row.non_trainable_params) == (1_290, 0, 1_290)


# --- convolutions ------------------------------------------------------------------------------------

def test_conv2d_mnist_second_layer():
    row = Conv2D(64, 3, activation="relu").row((26, 26, 32))
    assert numbers(row) == ((24, 24, 64), 18_496, 18_496, 0, 24 * 24 * 64, 24 * 24 * 64 * 3 * 3 * 32)


def test_conv2d_same_padding_stride_2_on_odd_size_rounds_up():
    # ceil(7 / 2) = 4; params 3*3*3*8 + 8
    assert numbers(Conv2D(8, 3, strides=2, padding="same").row((7, 7, 3)))[:2] == ((4, 4, 8), 224)


def test_conv2d_dilation():
    # effective kernel 2*(3-1)+1 = 5 on 10 -> 6
    assert Conv2D(4, 3, dilation_rate=2).row((10, 10, 1)).output_shape == (6, 6, 4)


def test_conv2d_integer_padding_per_axis():
    # height: 10 + 2*2 - 5 + 1 = 10, width: 10 - 5 + 1 = 6
    assert Conv2D(2, 5, padding=(2, 0)).row((10, 10, 1)).output_shape == (10, 6, 2)
    assert Conv2D(8, 3, padding=1).row((28, 28, 3)).output_shape == (28, 28, 8)


def test_conv2d_rectangular_kernel_and_strides():
    # height (20-5)//2+1 = 8, width (20-3)//1+1 = 18; params 5*3*2*4 + 4
    assert numbers(Conv2D(4, (5, 3), strides=(2, 1)).row((20, 20, 2)))[:2] == ((8, 18, 4), 124)


def test_conv2d_groups():
    row = Conv2D(64, 3, groups=4).row((16, 16, 32))
    assert row.params == 3 * 3 * 8 * 64 + 64 == 4_672
    assert row.macs == 14 * 14 * 64 * 3 * 3 * 8 == 903_168


def test_conv1d():
    assert numbers(Conv1D(16, 5).row((100, 8))) == ((96, 16), 656, 656, 0, 96 * 16, 96 * 16 * 5 * 8)
    assert Conv1D(4, 3, dilation_rate=2).row((10, 2)).output_shape == (6, 4)


def test_depthwise_conv2d():
    row = DepthwiseConv2D(3, depth_multiplier=2).row((32, 32, 16))
    assert numbers(row) == ((30, 30, 32), 320, 320, 0, 28_800, 900 * 16 * 2 * 9)


def test_separable_conv2d_bias_only_on_pointwise():
    row = SeparableConv2D(64, 3).row((32, 32, 32))
    assert row.params == 3 * 3 * 32 + 32 * 64 + 64 == 2_400
    assert row.output_shape == (30, 30, 64)
    assert row.macs == 900 * (3 * 3 * 32) + 900 * 32 * 64


def test_conv2d_transpose_same_doubles_size():
    row = Conv2DTranspose(16, 3, strides=2, padding="same").row((8, 8, 32))
    assert numbers(row) == ((16, 16, 16), 4_624, 4_624, 0, 16 * 16 * 16, 8 * 8 * 32 * 3 * 3 * 16)


def test_conv2d_transpose_valid_and_pytorch_padding():
    assert Conv2DTranspose(16, 3, strides=2).row((8, 8, 32)).output_shape == (17, 17, 16)  # 7*2 + 2 + 1
    assert Conv2DTranspose(16, 3, strides=2, padding=1).row((8, 8, 32)).output_shape == (15, 15, 16)


# --- layers without parameters -----------------------------------------------------------------------

@pytest.mark.parametrize("layer, shape, out", [
    (MaxPooling2D(2), (7, 7, 3), (3, 3, 3)),
    (MaxPool2D(2, padding="same"), (7, 7, 3), (4, 4, 3)),
    (MaxPooling2D(3, strides=2), (7, 7, 1), (3, 3, 1)),
    (AvgPool2D((2, 4)), (8, 8, 5), (4, 2, 5)),
    (AveragePooling1D(2), (9, 4), (4, 4)),
    (GlobalAveragePooling2D(), (7, 7, 64), (64,)),
    (GlobalMaxPooling1D(), (10, 8), (8,)),
    (Flatten(), (12, 12, 64), (9_216,)),
    (Reshape((28, 28, 1)), (784,), (28, 28, 1)),
    (Dropout(0.5), (128,), (128,)),
    (Activation("relu"), (4, 4, 2), (4, 4, 2)),
    (ZeroPadding2D(1), (28, 28, 1), (30, 30, 1)),
    (ZeroPadding2D((2, 1)), (28, 28, 1), (32, 30, 1)),
])
def test_layers_that_only_move_numbers(layer, shape, out):
    row = layer.row(shape)
    assert (row.output_shape, row.params, row.neurons, row.macs) == (out, 0, 0, 0)


def test_embedding_has_parameters_but_no_neurons():
    assert numbers(Embedding(1000, 64).row((20,))) == ((20, 64), 64_000, 64_000, 0, 0, 0)


# --- normalisation -----------------------------------------------------------------------------------

def test_batch_normalization_both_conventions():
    assert numbers(BatchNormalization().row((8, 8, 16)))[1:] == (64, 32, 32, 0, 0)
    assert numbers(BatchNormalization().row((8, 8, 16), "pytorch"))[1:] == (32, 32, 0, 0, 0)


def test_batch_normalization_without_center():
    row = BatchNormalization(center=False).row((8, 8, 16))
    assert (row.trainable_params, row.non_trainable_params) == (16, 32)


def test_batch_normalization_axis_counts_the_batch_axis_as_zero():
    assert BatchNormalization(axis=1).row((10, 64)).params == 4 * 10
    assert BatchNormalization(axis=2).row((10, 64)).params == 4 * 64


def test_layer_normalization_default_axis_follows_the_convention():
    assert LayerNormalization().row((10, 64)).params == 128
    assert LayerNormalization().row((10, 64), "pytorch").params == 2 * 640
    assert LayerNormalization().row((4, 4, 8)).params == 16
    assert LayerNormalization().row((4, 4, 8), "pytorch").params == 256


def test_layer_normalization_explicit_axis_overrides_both_conventions():
    for convention in ("keras", "pytorch"):
        assert LayerNormalization(axis=(1, 2)).row((4, 4, 8), convention).params == 2 * 16
        assert LayerNormalization(axis=-1).row((4, 4, 8), convention).params == 16


# --- recurrent ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("layer, keras, pytorch", [
    (SimpleRNN(64), 6_208, 6_272),
    (LSTM(64), 24_832, 25_088),
    (GRU(64), 18_816, 18_816),
])
def test_recurrent_params_both_conventions(layer, keras, pytorch):
    assert layer.row((10, 32)).params == keras
    assert layer.row((10, 32), "pytorch").params == pytorch


def test_gru_reset_before():
    assert GRU(64, reset_after=False).row((10, 32)).params == 18_624


def test_recurrent_neurons_count_every_timestep_and_shape_follows_return_sequences():
    assert numbers(LSTM(64).row((10, 32)))[::4] == ((64,), 640)
    assert LSTM(64, return_sequences=True).row((10, 32)).output_shape == (10, 64)
    assert SimpleRNN(64).row((10, 32)).macs == 10 * 64 * 96
    assert LSTM(64).row((10, 32)).macs == 10 * 4 * 64 * 96


# --- composites --------------------------------------------------------------------------------------

def test_bidirectional_concat_doubles_everything():
    row = Bidirectional(LSTM(64)).row((10, 32))
    assert numbers(row) == ((128,), 49_664, 49_664, 0, 1_280, 2 * 245_760)
    assert [child.name for child in row.children] == ["forward_lstm", "backward_lstm"]
    assert Bidirectional(LSTM(64)).row((10, 32), "pytorch").params == 50_176


def test_bidirectional_sum_keeps_the_last_axis():
    assert Bidirectional(GRU(8, return_sequences=True), merge_mode="sum").row((5, 4)).output_shape == (5, 8)


def test_residual_identity_sums_its_children():
    row = Residual([Conv2D(16, 3, padding="same"), BatchNormalization()]).row((8, 8, 16))
    assert row.output_shape == (8, 8, 16)
    assert [child.params for child in row.children] == [2_320, 64]
    assert (row.params, row.non_trainable_params, row.neurons) == (2_384, 32, 1_024)


def test_residual_with_projection_shortcut():
    block = Residual([Conv2D(32, 3, strides=2, padding="same")], shortcut=[Conv2D(32, 1, strides=2)])
    row = block.row((8, 8, 16))
    assert row.output_shape == (4, 4, 32)
    assert [child.params for child in row.children] == [4_640, 544]
    assert row.params == 5_184
