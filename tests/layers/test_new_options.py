"""Layers and options for the networks learners meet (EfficientNet, MobileNet, ConvNeXt), counted by hand."""
import pytest

from nnlesson.layers import (GRU, LSTM, Conv2D, GlobalAveragePooling2D, GlobalMaxPooling1D, Input, LayerScale,
                             Normalization, Rescaling, RMSNormalization, Sequential, SimpleRNN, ZeroPadding2D)


def test_keras_efficientnet_starts_with_7_non_trainable_numbers():
    stem = Sequential([Input((224, 224, 3)), Rescaling(1 / 255), Normalization()])
    keras = stem.summary("keras")
    assert keras.rows[0].params == 0  # scale and offset are fixed numbers, not weights
    assert (keras.trainable_params, keras.non_trainable_params) == (0, 3 + 3 + 1)  # mean, variance, count
    assert stem.summary("pytorch").total_params == 0  # torchvision normalises outside the model


def test_layer_scale_and_rms_normalization_have_one_parameter_per_channel():
    assert LayerScale().row((56, 56, 96)).params == 96
    assert RMSNormalization().row((10, 64)).params == 64
    assert RMSNormalization(axis=(-2, -1)).row((4, 5, 6)).params == 5 * 6
    with pytest.raises(ValueError, match="axis=3\\) does not exist"):
        RMSNormalization(axis=3).row((10, 64))


def test_squeeze_and_excite_keeps_the_spatial_axes():
    gate = Sequential([Input((7, 7, 32)), GlobalAveragePooling2D(keepdims=True), Conv2D(8, 1, activation="relu"),
                       Conv2D(32, 1, activation="sigmoid")])
    assert [row.output_shape for row in gate.summary().rows] == [(1, 1, 32), (1, 1, 8), (1, 1, 32)]
    assert gate.count_params() == (32 + 1) * 8 + (8 + 1) * 32  # 264 + 288 = 552
    assert GlobalMaxPooling1D(keepdims=True).row((9, 4)).output_shape == (1, 4)
    with pytest.raises(TypeError, match="keepdims must be True or False"):
        GlobalAveragePooling2D(keepdims=1)


def test_asymmetric_zero_padding_as_mobilenet_pads_before_a_stride_2_convolution():
    assert ZeroPadding2D(((0, 1), (0, 1))).row((224, 224, 3)).output_shape == (225, 225, 3)
    assert ZeroPadding2D(((1, 2), (3, 4))).row((10, 10, 1)).output_shape == (13, 17, 1)
    assert ZeroPadding2D((2, 1)).row((28, 28, 1)).output_shape == (32, 30, 1)  # the old forms stay
    with pytest.raises(ValueError, match="padding must be a whole number >= 0, a tuple of 2"):
        ZeroPadding2D((1, 2, 3))


@pytest.mark.parametrize("convention", ["keras", "pytorch"])
def test_recurrent_layers_without_biases(convention):
    assert LSTM(32, use_bias=False).row((20, 16), convention).params == 4 * 32 * (16 + 32)  # 6,144
    assert GRU(8, use_bias=False).row((20, 16), convention).params == 3 * 8 * (16 + 8)  # 576
    assert SimpleRNN(4, use_bias=False).row((9, 3), convention).params == 4 * (3 + 4)  # 28


def test_a_gru_without_reset_after_is_still_refused_under_pytorch():
    with pytest.raises(ValueError, match="no PyTorch equivalent"):
        GRU(8, reset_after=False, use_bias=False).row((20, 16), "pytorch")


def test_rescaling_needs_numbers():
    with pytest.raises(TypeError, match="Rescaling\\(scale='1/255'\\): scale must be a real number"):
        Rescaling("1/255")
