"""Sequential: the curriculum's models counted row by row, and Keras-style layer names."""
import numpy as np

from nnlesson import Sequential
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


def test_naming_does_not_touch_the_layer_objects_and_reuse_gets_two_names():
    hidden = Dense(16)
    model = Sequential([Input((4,)), hidden, hidden])
    assert hidden.name is None
    assert [row.name for row in model.summary().rows] == ["dense", "dense_1"]
    assert [row.params for row in model.summary().rows] == [80, 272]


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
