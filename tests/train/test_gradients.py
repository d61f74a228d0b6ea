"""Backpropagation against finite differences: every layer, activation, loss and regulariser.

The network's gradient (``backward``) must match the slope measured by nudging each parameter
by +-h and watching the loss: (L(p + h) - L(p - h)) / 2h. Computed in float64, where the two
agree to about 1e-7.
"""
import numpy as np
import pytest

from nnlesson import data
from nnlesson.train import MLP, TRAINABLE_ACTIVATIONS, losses, regularizers

H = 1e-6


def numerical_gradient(model: MLP, objective) -> np.ndarray:
    """d objective / d parameter for every entry of model.flat, by central differences."""
    grad = np.zeros_like(model.flat)
    for i in range(model.flat.size):
        saved = model.flat[i]
        model.flat[i] = saved + H
        up = objective()
        model.flat[i] = saved - H
        down = objective()
        model.flat[i] = saved
        grad[i] = (up - down) / (2 * H)
    return grad


def backprop_gradient(model: MLP, loss, X, y, masks=None, l2=0.0) -> np.ndarray:
    grads = model.backward(loss.gradient(model.forward(X, masks), y))
    if l2:
        regularizers.add_l2_gradient(grads, model.weights, l2)
    return model.flatten(grads)


def assert_gradients_match(model, loss, X, y, masks=None, l2=0.0):
    def objective():
        return loss.value(model.forward(X, masks), y) + regularizers.l2_penalty(model.weights, l2)

    analytic = backprop_gradient(model, loss, X, y, masks, l2)
    numeric = numerical_gradient(model, objective)
    assert np.abs(numeric).max() > 1e-3, "the test would pass with all-zero gradients"
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-7)


@pytest.fixture
def regression():
    d = data.sine(n=16, noise=0.1, seed=1)
    return d.X_train, d.y_train


@pytest.mark.parametrize("activation", TRAINABLE_ACTIVATIONS)
def test_every_activation_and_every_layer(activation, regression):
    X, y = regression
    model = MLP([1, 5, 4, 3, 1], activation=activation, seed=2, dtype="float64")
    assert_gradients_match(model, losses.MeanSquaredError(), X, y)


def test_binary_cross_entropy_with_sigmoid_output():
    d = data.moons(n=20, seed=3)
    model = MLP([2, 6, 1], activation="tanh", seed=4, dtype="float64")
    assert_gradients_match(model, losses.BinaryCrossEntropy(), d.X_train, d.y_train)


def test_softmax_cross_entropy_over_three_classes():
    d = data.blobs(n=30, centers=((-1, 0), (1, 0), (0, 1.5)), seed=5)
    assert d.n_classes == 3
    model = MLP([2, 6, 3], activation="relu", seed=6, dtype="float64")
    assert_gradients_match(model, losses.SoftmaxCrossEntropy(3), d.X_train, d.y_train)


def test_no_hidden_layer():
    d = data.moons(n=20, seed=7)
    model = MLP([2, 1], seed=8, dtype="float64")
    assert_gradients_match(model, losses.BinaryCrossEntropy(), d.X_train, d.y_train)


def test_l2_weight_decay(regression):
    X, y = regression
    model = MLP([1, 5, 1], activation="tanh", seed=9, dtype="float64")
    assert_gradients_match(model, losses.MeanSquaredError(), X, y, l2=0.3)
    # the penalty pulls on every weight by l2 * W and leaves the biases alone
    plain = model.backward(losses.MeanSquaredError().gradient(model.forward(X), y))
    decayed = list(plain)
    regularizers.add_l2_gradient(decayed, model.weights, 0.3)
    for i, W in enumerate(model.weights):
        np.testing.assert_allclose(decayed[2 * i] - plain[2 * i], 0.3 * W)
        np.testing.assert_array_equal(decayed[2 * i + 1], plain[2 * i + 1])


def test_dropout_with_a_fixed_mask(regression):
    X, y = regression
    model = MLP([1, 6, 5, 1], activation="relu", seed=10, dtype="float64")
    masks = regularizers.dropout_masks(np.random.default_rng(11), len(X), model.hidden_sizes, 0.5, "float64")
    assert any((m == 0).any() for m in masks) and all(set(np.unique(m)) <= {0.0, 2.0} for m in masks)
    assert_gradients_match(model, losses.MeanSquaredError(), X, y, masks=masks)
    dropped = backprop_gradient(model, losses.MeanSquaredError(), X, y, masks=masks)
    assert not np.allclose(dropped, backprop_gradient(model, losses.MeanSquaredError(), X, y))


def test_float32_gradients_agree_with_float64(regression):
    X, y = regression
    wide = MLP([1, 8, 8, 1], seed=12, dtype="float64")
    narrow = MLP([1, 8, 8, 1], seed=12, dtype="float32")
    g64 = backprop_gradient(wide, losses.MeanSquaredError(), X, y)
    g32 = backprop_gradient(narrow, losses.MeanSquaredError(), X.astype("float32"), y.astype("float32"))
    assert g32.dtype == np.float32
    np.testing.assert_allclose(g32, g64, rtol=1e-3, atol=1e-5)
