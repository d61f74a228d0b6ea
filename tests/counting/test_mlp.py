"""The one MLP builder, each layer's counts, and how counts grow with width and depth."""
import pytest

from nnlesson.counting import (dense_counts, growth_with_depth, growth_with_width, mlp, mlp_growth, mlp_report,
                               scale_hidden)


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



def test_mlp_builder_options_and_report():
    assert mlp([784, 128, 10], use_bias=False).count_params() == 784 * 128 + 128 * 10
    dropped = mlp([2, 8, 8, 1], "tanh", dropout=0.5)
    assert [layer.kind for layer in dropped.layers] == ["Dense", "Dropout", "Dense", "Dropout", "Dense"]
    assert dropped.count_params() == mlp([2, 8, 8, 1]).count_params() == 24 + 72 + 9
    r = mlp_report(784, [128, 64, 1, 1, 1, 1], 2, 10, "float16")
    assert r.sizes == (784, 128, 64, 10) and r.params == 785 * 128 + 129 * 64 + 65 * 10 == 109_386
    assert (r.weights, r.biases, r.neurons) == (109_184, 202, 202) and r.bytes == 2 * 109_386


def test_frozen_layers_keep_their_parameters_but_train_none():
    s = mlp([784, 256, 128, 10], frozen=2).summary()
    assert s.total_params == 785 * 256 + 257 * 128 + 129 * 10 == 235_146
    assert s.trainable_params == 129 * 10 and s.non_trainable_params == 235_146 - 1_290
    assert [row.trainable_params for row in s.rows] == [0, 0, 1_290]
