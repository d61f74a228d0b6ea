"""Sequential: the curriculum's models counted row by row, and Keras-style layer names."""
import numpy as np
import pytest

from nnlesson import Model, Sequential
from nnlesson.layers import (LSTM, BatchNormalization, Bidirectional, Conv2D, Dense, Embedding, Flatten, Input,
                             MaxPool2D, MaxPooling2D, Residual)


def mnist_convnet():
    return Sequential([Input((28, 28, 1)), Conv2D(32, 3, activation="relu"), Conv2D(64, 3, activation="relu"),
                       MaxPooling2D(2), Flatten(), Dense(128, activation="relu"), Dense(10, activation="softmax")])


def test_mnist_convnet_row_by_row():
    summary = mnist_convnet().summary()
    assert [row.params for row in summary.rows] == [320, 18_496, 0, 0, 1_179_776, 1_290]
    assert [row.output_shape for row in summary.rows] == [(26, 26, 32), (24, 24, 64), (12, 12, 64), (9_216,),
                                                          (128,), (10,)]
    assert [row.kind for row in summary.rows] == ["Conv2D", "Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dense"]
    assert summary.total_params == 1_199_882
    assert summary.neurons == 21_632 + 36_864 + 128 + 10
    assert summary.rows[1].macs == 24 * 24 * 64 * 3 * 3 * 32
    assert summary.macs == 26 * 26 * 32 * 9 + 24 * 24 * 64 * 9 * 32 + 9_216 * 128 + 128 * 10


def test_mnist_convnet_convenience_attributes():
    model = mnist_convnet()
    assert model.count_params() == 1_199_882
    assert model.output_shape == (10,)
    assert model.input_shape == (28, 28, 1)


def test_mlp_784_128_10():
    summary = Sequential([Input((784,)), Dense(128, activation="relu"), Dense(10)]).summary()
    assert [row.params for row in summary.rows] == [100_480, 1_290]
    assert summary.total_params == 101_770
    assert summary.neurons == 138
    assert summary.memory_bytes("float32") == 407_080
    assert summary.param_bytes == {"float32": 407_080, "float16": 203_540, "int8": 101_770}


def test_counts_are_python_ints_even_from_numpy_sizes():
    summary = Sequential([Input((np.int64(784),)), Dense(np.int32(128))]).summary()
    assert summary.total_params == 100_480 and type(summary.total_params) is int
    assert type(summary.rows[0].output_shape[0]) is int


def test_conventions_differ_only_where_frameworks_do():
    model = Sequential([Input((8, 8, 16)), BatchNormalization(), Flatten(), Dense(4)])
    keras, pytorch = model.summary("keras"), model.summary("pytorch")
    assert (keras.total_params, keras.trainable_params, keras.non_trainable_params) == (64 + 4_100, 4_132, 32)
    assert (pytorch.total_params, pytorch.trainable_params, pytorch.non_trainable_params) == (32 + 4_100, 4_132, 0)
    assert model.count_params("pytorch") == 4_132


def test_automatic_names_follow_keras():
    model = Sequential([Input((28, 28, 1)), Conv2D(8, 3), Conv2D(8, 3), MaxPool2D(), Flatten(),
                        Dense(10, name="logits"), Dense(10)])
    assert [row.name for row in model.summary().rows] == [
        "conv2d", "conv2d_1", "max_pooling2d", "flatten", "logits", "dense"]


def test_naming_does_not_touch_the_layer_objects():
    hidden = Dense(16)
    model = Sequential([Input((4,)), hidden, Dense(16)])
    assert hidden.name is None
    assert [row.name for row in model.summary().rows] == ["dense", "dense_1"]


def test_a_layer_listed_three_times_is_one_layer_used_three_times():
    # Keras and PyTorch share a reused layer's weights: (64 + 1)*64 = 4,160 once, plus (64 + 1)*10 = 650
    model = Sequential([Input((64,))] + [Dense(64, activation="relu")] * 3 + [Dense(10)])
    for convention in ("keras", "pytorch"):
        summary = model.summary(convention)
        assert model.count_params(convention) == summary.total_params == 4_160 + 650
        assert [row.name for row in summary.rows] == ["dense", "dense", "dense", "dense_1"]
        assert [row.params for row in summary.rows] == [4_160, 0, 0, 650]
        assert [row.shared for row in summary.rows] == [False, True, True, False]
        assert summary.trainable_params == 4_810 and summary.non_trainable_params == 0
        assert summary.neurons == 3 * 64 + 10  # every use computes
        assert summary.macs == 3 * 64 * 64 + 64 * 10
        assert summary.param_bytes == {"float32": 4 * 4_810, "float16": 2 * 4_810, "int8": 4_810}
    table = str(model.summary())
    assert table.count("0 (shared)") == 2 and "Total params: 4,810" in table
    assert "Parameter memory: 19.24 kB as float32" in table
    assert model.summary()._repr_html_().count("0 (shared)") == 2


def test_a_reused_layer_counts_as_in_a_functional_model():
    shared = Dense(3)
    x = Input((3,))
    assert Sequential([Input((3,)), shared, shared]).count_params() == Model(x, shared(shared(x))).count_params() == 12


def test_a_reused_layer_that_would_need_other_weights_is_refused():
    hidden = Dense(16)
    with pytest.raises(ValueError) as caught:
        Sequential([Input((4,)), hidden, hidden])
    assert str(caught.value) == (
        "Sequential: the layer 'dense' is used twice, but its inputs need different weights (80 and 272 "
        "parameters; the second input has shape (16,)). A layer object used again reuses its weights, so each use "
        "needs an input of the same size; for a new layer with its own weights write a new one, e.g. Dense(64) again")


def test_residual_children_share_the_model_counter():
    model = Sequential([Input((8, 8, 16)), Conv2D(16, 3, padding="same"),
                        Residual([Conv2D(16, 3, padding="same"), BatchNormalization()]),
                        Residual([Conv2D(32, 1)], shortcut=[Conv2D(32, 1, name="projection")])])
    rows = model.summary().rows
    assert [row.name for row in rows] == ["conv2d", "residual", "residual_1"]
    assert [child.name for child in rows[1].children] == ["conv2d_1", "batch_normalization"]
    assert [child.name for child in rows[2].children] == ["conv2d_2", "projection"]
    assert model.output_shape == (8, 8, 32)
    assert model.count_params() == 2_320 + (2_320 + 64) + (544 + 544)


def test_text_model_with_embedding_and_bidirectional_lstm():
    model = Sequential([Input((20,)), Embedding(1000, 64), Bidirectional(LSTM(32)), Dense(1)])
    keras = model.summary()
    # embedding 1000*64; each LSTM 4*32*(64+32+1); dense (64+1)*1
    assert [row.params for row in keras.rows] == [64_000, 2 * 12_416, 65]
    assert model.output_shape == (1,)
    assert keras.neurons == 0 + 2 * 32 * 20 + 1
    assert model.count_params("pytorch") == 64_000 + 2 * (4 * 32 * 96 + 8 * 32) + 65
