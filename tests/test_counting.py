"""The counting helpers behind lessons 03 and 04: MLPs, growth sweeps, shares, memory, conv geometry."""
import pytest

from nnlesson.builder import MNIST_CONVNET, build, make_layer
from nnlesson.conv_geometry import axis_layout, conv_layout
from nnlesson.counting import (dense_counts, dense_equivalent, dense_share, growth_with_depth, growth_with_width,
                               mlp, mlp_growth, parameter_shares, scale_hidden)
from nnlesson.layers import Conv2D, Dense, Input
from nnlesson.memory import training_memory
from nnlesson.model import Sequential
from nnlesson.zoo import mnist_convnet


def test_mlp_784_128_10():
    s = mlp([784, 128, 10]).summary()
    assert (s.total_params, s.neurons) == (101_770, 138)
    assert [(c.weights, c.biases, c.params, c.neurons) for c in dense_counts([784, 128, 10])] == [
        (100_352, 128, 100_480, 128), (1_280, 10, 1_290, 10)]


def test_mlp_rejects_a_single_width():
    with pytest.raises(ValueError, match=r"mlp\(sizes=\[784\]\): sizes must list at least an input and an output"):
        mlp([784])
    with pytest.raises(ValueError, match=r"mlp\(sizes\[1\]=0\)"):
        mlp([784, 0, 10])


def test_widening_two_hidden_layers_grows_quadratically():
    # 10-w-w-10: (10+1)w + (w+1)w + (w+1)10 = w^2 + 22w + 10
    points = growth_with_width([10, 100, 100, 10], [1, 2])
    assert [p.params for p in points] == [100 ** 2 + 22 * 100 + 10, 200 ** 2 + 22 * 200 + 10]
    assert [p.neurons for p in points] == [210, 410]  # neurons: linear


def test_scale_hidden_keeps_input_and_output():
    assert scale_hidden([784, 128, 64, 10], 0.5) == (784, 64, 32, 10)
    assert scale_hidden([784, 3, 10], 0.01) == (784, 1, 10)  # never below one neuron


def test_depth_sweep_adds_one_layer_at_a_time():
    points = growth_with_depth(784, [128, 128], 10)
    assert [p.params for p in points] == [7_850, 101_770, 101_770 + 128 * 128 + 128]
    assert [p.neurons for p in points] == [10, 138, 266]


def test_mlp_growth_marks_the_model():
    growth = mlp_growth(784, [128] * 6, 1, 10)
    assert growth.at_depth.params == growth.at_width.params == 101_770
    assert growth.by_width[-1].x == 2 and len(growth.by_depth) == 7
    relative = growth.relative_width()
    assert relative[len(relative) // 2 - 1].params == pytest.approx(1.0)  # factor 1 is the model itself
    assert mlp_growth(784, [128] * 6, 0, 10).by_width == []


def test_dense_equivalent_of_the_first_mnist_conv():
    assert dense_equivalent((28, 28, 1), (26, 26, 32)) == (784 + 1) * 21_632 == 16_981_120


def test_shares_and_dense_share_of_the_mnist_convnet():
    s = mnist_convnet().summary()
    shares = parameter_shares(s)
    assert sum(share for _, share in shares) == pytest.approx(1.0)
    assert shares[4][1] == pytest.approx(1_179_776 / 1_199_882)
    assert dense_share(s) == pytest.approx((1_179_776 + 1_290) / 1_199_882)
    assert round(100 * dense_share(s)) == 98


def test_training_memory_of_784_128_10_with_adam():
    s = mlp([784, 128, 10]).summary()
    memory = training_memory(s, "float32", "adam", batch_size=32)
    assert memory.parameters == memory.gradients == 407_080
    assert memory.optimizer_state == 2 * 407_080
    assert memory.activations == (784 + 128 + 10) * 32 * 4
    assert memory.total == 4 * 407_080 + 118_016
    assert training_memory(s, optimizer="sgd").optimizer_state == 0


def test_training_memory_counts_gradients_only_for_trainable_parameters():
    s = Sequential([Input((784,)), Dense(128, trainable=False), Dense(10)]).summary()
    memory = training_memory(s, "float16", "momentum", batch_size=1)
    assert (memory.parameters, memory.gradients, memory.optimizer_state) == (2 * 101_770, 2 * 1_290, 2 * 1_290)


def test_training_memory_rejects_unknown_optimizer():
    with pytest.raises(ValueError, match="optimizer must be one of 'sgd', 'momentum', 'adam'"):
        training_memory(mlp([2, 1]).summary(), optimizer="lbfgs")


def test_axis_layout_valid_leaves_rows_out():
    axis = axis_layout(28, 5, 3, 1, "valid", positions=8)  # (28-5)//3+1 = 8, covering 7*3+5 = 26 cells
    assert (axis.padded, axis.covered, axis.left_out) == (28, 26, 2)


def test_conv_layout_same_pads_like_tensorflow():
    rows, columns = conv_layout(Conv2D(8, 3, strides=2, padding="same"), (28, 28, 1))
    assert (rows.positions, rows.pad_before, rows.pad_after, rows.left_out) == (14, 0, 1, 0)
    rows, _ = conv_layout(Conv2D(8, 3, strides=2, padding="same"), (7, 7, 1))
    assert (rows.positions, rows.pad_before, rows.pad_after) == (4, 1, 1)


def test_conv_layout_integer_padding_dilation_and_a_stride_larger_than_the_input():
    rows, columns = conv_layout(Conv2D(8, 3, strides=2, padding=2, dilation_rate=2), (10, 13, 3))
    assert (rows.span, rows.padded, rows.positions, rows.left_out) == (5, 14, 5, 1)
    assert (columns.padded, columns.positions, columns.left_out) == (17, 7, 0)
    rows, _ = conv_layout(Conv2D(4, 1, strides=5), (3, 3, 1))
    assert (rows.positions, rows.left_out) == (1, 2)


def test_conv_layout_raises_like_the_layer():
    with pytest.raises(ValueError, match="does not fit input 5x5"):
        conv_layout(Conv2D(4, 7), (5, 5, 1))


def test_builder_makes_the_mnist_convnet():
    assert build((28, 28, 1), MNIST_CONVNET).count_params() == 1_199_882
    assert make_layer("Dropout 0.5", 0).rate == 0.5
    with pytest.raises(ValueError, match="choice must be one of"):
        make_layer("Conv3D", 4)
