"""The deep-stack math: initialisation scales, forward and backward passes, the sigmoid bound."""
import math

import numpy as np
import pytest

from nnlesson import activations
from nnlesson.vanishing_gradient import (DEEP_ACTIVATIONS, INITIALISATIONS, _draws, gradient_flow, init_std,
                                         sigmoid_bound)


def test_init_scales():
    assert init_std("naive", 64, 64) == 1.0
    assert init_std("xavier", 64, 64) == pytest.approx(0.125)       # sqrt(2 / 128)
    assert init_std("he", 64, 32) == pytest.approx(math.sqrt(2 / 64))


def test_one_layer_gradient_is_the_slope():
    """Depth 1: dL/dz = 1 * f'(z) with z = x W, so its size is the RMS of the slopes."""
    x, draws = _draws(0, 32, 8)
    W = init_std("xavier", 8, 8) * draws[0]
    slopes = activations.get("tanh").slope(x @ W)
    flow = gradient_flow(1, 8, "tanh", "xavier")
    assert flow.first == pytest.approx(np.sqrt(np.mean(slopes ** 2)))
    assert flow.ratio == 1.0 and flow.per_layer_factor == 1.0


def test_two_linear_layers_backpropagate_through_the_transposed_weights():
    x, draws = _draws(0, 32, 8)
    W1, W2 = draws[0], draws[1]            # naive: standard deviation 1
    delta_1 = np.ones((32, 8)) @ W2.T      # linear: every slope is 1
    flow = gradient_flow(2, 8, "linear", "naive")
    assert flow.first == pytest.approx(np.sqrt(np.mean(delta_1 ** 2)))
    assert flow.last == pytest.approx(1.0)
    assert flow.activation_size[1] == pytest.approx(np.sqrt(np.mean((x @ W1 @ W2) ** 2)))


def test_sigmoid_with_naive_weights_vanishes_at_depth_30():
    flow = gradient_flow(30, 16, "sigmoid", "naive")
    assert flow.ratio < 1e-6
    assert flow.per_layer_factor < 1


@pytest.mark.parametrize("activation", ["relu", "linear"])
def test_naive_weights_explode_relu_and_linear(activation):
    assert gradient_flow(30, 16, activation, "naive").ratio > 1e3
    assert gradient_flow(30, 64, activation, "naive").ratio > 1e3


def test_he_keeps_relu_and_xavier_keeps_tanh_usable():
    assert 0.1 < gradient_flow(50, 64, "relu", "he").ratio < 10
    assert 1e-3 < gradient_flow(30, 64, "tanh", "xavier").ratio < 10


def test_sigmoid_cannot_beat_its_slope_bound_with_xavier():
    flow = gradient_flow(30, 16, "sigmoid", "xavier")
    assert flow.per_layer_factor <= 0.25 * 1.2  # weights of gain ~1 cannot make up for slopes <= 0.25


def test_same_draws_whatever_the_depth_and_the_scheme():
    short, deep = gradient_flow(5, 16, "relu", "he"), gradient_flow(10, 16, "relu", "he")
    np.testing.assert_allclose(short.activation_size, deep.activation_size[:5])
    naive, he = gradient_flow(3, 16, "linear", "naive"), gradient_flow(3, 16, "linear", "he")
    scale = init_std("he", 16, 16)
    np.testing.assert_allclose(he.activation_size, naive.activation_size * scale ** np.arange(1, 4))


def test_sigmoid_bound():
    assert sigmoid_bound(1) == 0.25
    assert sigmoid_bound(10) == pytest.approx(9.5367431640625e-07)


@pytest.mark.parametrize("activation", DEEP_ACTIVATIONS)
@pytest.mark.parametrize("init", INITIALISATIONS)
def test_every_setting_at_the_extremes_is_finite(activation, init):
    flow = gradient_flow(50, 64, activation, init)
    assert np.all(np.isfinite(flow.gradient)) and np.all(np.isfinite(flow.activation_size))


def test_bad_input():
    with pytest.raises(ValueError, match=r"gradient_flow\(depth=51\): depth must be at most 50"):
        gradient_flow(51)
    with pytest.raises(ValueError, match=r"gradient_flow\(width=65\)"):
        gradient_flow(3, 65)
    with pytest.raises(ValueError, match=r"gradient_flow\(activation='softmax'\)"):
        gradient_flow(3, activation="softmax")
    with pytest.raises(ValueError, match=r"init_std\(scheme='lecun'\)"):
        gradient_flow(3, init="lecun")
    with pytest.raises(TypeError, match=r"gradient_flow\(depth=2.5\)"):
        gradient_flow(2.5)
