"""The NumPy convnet: gradients against finite differences for every layer kind, counts against the
counting engine, errors that say what the trainer can train, and training that learns digits."""
import numpy as np
import pytest

from nnlesson import digits
from nnlesson.layers import (Activation, AveragePooling2D, BatchNormalization, Conv2D, Dense, Dropout, Flatten,
                             GlobalAveragePooling2D, Input, MaxPooling2D, Sequential)
from nnlesson.train import fit, losses, regularizers
from nnlesson.train.budget import FILTER_CHOICES, convnet_spec, dense_spec, matching_width
from nnlesson.train.conv_layers import MaxPoolStep
from nnlesson.train.convnet import ConvNet

from .test_gradients import numerical_gradient

LOSS = losses.SoftmaxCrossEntropy(3)


def assert_backprop_matches(spec: Sequential, l2: float = 0.0, seed: int = 0):
    """Every parameter's gradient from backward equals the slope measured by nudging it."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(5, *spec.input_shape))
    y = rng.integers(0, 3, size=5)
    model = ConvNet(spec, seed=seed)

    def objective():
        return LOSS.value(model.forward(X), y) + regularizers.l2_penalty(model.weights, l2)

    grads = model.backward(LOSS.gradient(model.forward(X), y))
    if l2:
        regularizers.add_l2_gradient(grads, model.weights, l2)
    analytic = model.flatten(grads)
    numeric = numerical_gradient(model, objective)
    assert np.abs(numeric).max() > 1e-3, "the test would pass with all-zero gradients"
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize("kernel", [3, (2, 3), 1])
def test_conv2d_gradients(padding, kernel):
    assert_backprop_matches(Sequential([Input((5, 6, 2)), Conv2D(3, kernel, padding=padding),
                                        Conv2D(2, kernel, padding=padding, activation="tanh"), Flatten(), Dense(3)]))


def test_maxpool_gradients_with_leftover_rows():
    assert_backprop_matches(Sequential([Input((5, 7, 2)), Conv2D(3, 2, activation="relu"), MaxPooling2D(2),
                                        Flatten(), Dense(3)]))


def test_maxpool_gradients_with_a_wide_window():
    assert_backprop_matches(Sequential([Input((6, 6, 1)), Conv2D(2, 3, padding="same"), MaxPooling2D((3, 2)),
                                        Flatten(), Dense(3)]))


def test_global_average_pooling_dense_activation_and_l2_gradients():
    assert_backprop_matches(Sequential([Input((4, 4, 3)), Conv2D(4, 3, padding="same"), Activation("sigmoid"),
                                        GlobalAveragePooling2D(), Dense(5, activation="elu"), Dense(3)]), l2=0.01)


def test_dense_only_network_gradients():
    assert_backprop_matches(Sequential([Input((3, 3, 1)), Flatten(), Dense(4, activation="relu"), Dense(3)]))


def test_dropout_gradients_with_the_same_mask():
    spec = Sequential([Input((4, 4, 1)), Conv2D(3, 3), Flatten(), Dropout(0.5), Dense(3)])
    model = ConvNet(spec, seed=1)
    X, y = np.random.default_rng(1).normal(size=(4, 4, 4, 1)), np.array([0, 1, 2, 1])
    z = model.train_forward(X, np.random.default_rng(5))
    dropped = model.steps[-2].mask
    assert set(np.unique(dropped)) == {0.0, 2.0}
    analytic = model.flatten(model.backward(LOSS.gradient(z, y)))

    def objective():  # the same mask every time
        return LOSS.value(model.train_forward(X, np.random.default_rng(5)), y)

    np.testing.assert_allclose(analytic, numerical_gradient(model, objective), rtol=1e-5, atol=1e-7)


def test_max_pool_sends_the_gradient_to_the_first_of_tied_winners():
    step = MaxPoolStep((2, 2))
    x = np.array([[1.0, 3.0], [3.0, 0.0]]).reshape(1, 2, 2, 1)
    assert step.forward(x).item() == 3.0
    np.testing.assert_array_equal(step.backward(np.ones((1, 1, 1, 1)))[0, :, :, 0], [[0, 1], [0, 0]])
    step.forward(x, np.random.default_rng(0))  # training notes the winner on the way
    np.testing.assert_array_equal(step.backward(np.ones((1, 1, 1, 1)))[0, :, :, 0], [[0, 1], [0, 0]])


def test_training_and_measuring_passes_give_the_same_pooling_gradient():
    x = np.random.default_rng(2).integers(0, 3, size=(4, 6, 7, 2)).astype(float)  # many ties
    step, dy = MaxPoolStep((2, 2)), np.random.default_rng(3).normal(size=(4, 3, 3, 2))
    step.forward(x)
    measured = step.backward(dy)
    step.forward(x, np.random.default_rng(0))
    np.testing.assert_array_equal(step.backward(dy), measured)
    assert measured.sum() == pytest.approx(dy.sum())  # every window's gradient goes to exactly one pixel


@pytest.mark.parametrize("filters", FILTER_CHOICES)
def test_trained_parameters_are_the_parameters_the_summary_counts(filters):
    for spec in (convnet_spec(filters), dense_spec(matching_width(convnet_spec(filters).count_params()))):
        model = ConvNet(spec)
        assert len(model.flat) == spec.count_params() == model.n_params
        kernels = [w.size for w in model.weights]
        assert sum(kernels) + sum(row.output_shape[-1] for row in spec.summary().rows if row.params) == len(model.flat)


def test_the_notebooks_pair_has_equal_budgets():
    assert convnet_spec(8).count_params() == 1898  # 80 + 1,168 + 650
    assert matching_width(1898) == 25 and dense_spec(25).count_params() == 1885  # 75 * 25 + 10
    assert [matching_width(convnet_spec(f).count_params()) for f in FILTER_CHOICES] == [3, 9, 25, 81]


def test_keras_layout_of_weights():
    model = ConvNet(convnet_spec(8))
    assert [w.shape for w in model.weights] == [(3, 3, 1, 8), (3, 3, 8, 16), (64, 10)]


def test_feature_maps_and_kernels():
    model = ConvNet(convnet_spec(4))
    image = digits.split(10).X_train[0]
    maps = model.feature_maps(image)
    assert maps.shape == (8, 8, 4) and maps.min() >= 0  # after ReLU
    assert model.feature_maps(image, layer=1).shape == (4, 4, 8)
    assert model.kernels(1).shape == (3, 3, 4, 8)
    with pytest.raises(ValueError, match="has 2 Conv2D layers"):
        model.kernels(2)


@pytest.mark.parametrize("layers, message", [
    ([Conv2D(2, 3, strides=2), Flatten(), Dense(3)], "strides, dilation or groups other than 1"),
    ([Conv2D(2, 3, padding=1), Flatten(), Dense(3)], "padding=(1, 1)"),
    ([BatchNormalization(), Flatten(), Dense(3)], "is not one of the layers it trains"),
    ([AveragePooling2D(2), Flatten(), Dense(3)], "is not one of the layers it trains"),
    ([MaxPooling2D(2, strides=1), Flatten(), Dense(3)], "windows that overlap"),
    ([Dense(3)], "put Flatten or GlobalAveragePooling2D before it"),
    ([Conv2D(3, 3)], "end with Flatten or GlobalAveragePooling2D"),
])
def test_layers_it_cannot_train_are_named_with_what_it_can(layers, message):
    with pytest.raises(ValueError, match="ConvNet: ") as error:
        ConvNet(Sequential([Input((6, 6, 1)), *layers]))
    assert message in str(error.value) and ("trains Conv2D" in str(error.value) or "end with" in message)


def test_fit_refuses_fit_level_dropout_and_wrong_shapes():
    model = ConvNet(convnet_spec(2))
    data = digits.split(20)
    with pytest.raises(ValueError, match="put Dropout\\(rate\\) into its Sequential"):
        fit(model, data, epochs=1, dropout=0.5)
    with pytest.raises(ValueError, match="takes images of shape \\(4, 4, 1\\).*start its Sequential with Input"):
        fit(ConvNet(Sequential([Input((4, 4, 1)), Flatten(), Dense(10)])), data, epochs=1)
    with pytest.raises(ValueError, match="has 3 outputs but cross-entropy.*needs 10"):
        fit(ConvNet(Sequential([Input((8, 8, 1)), Flatten(), Dense(3)])), data, epochs=1)


def test_forward_checks_shape_and_backward_needs_a_small_forward():
    model = ConvNet(convnet_spec(2))
    with pytest.raises(ValueError, match="takes images of shape \\(8, 8, 1\\)"):
        model.forward(np.zeros((3, 8, 8)))
    model.forward(np.zeros((300, 8, 8, 1)))  # measured in pieces
    with pytest.raises(ValueError, match="on at most 256 images"):
        model.backward(np.zeros((300, 10)))


def test_a_big_set_is_measured_in_pieces_with_the_same_numbers():
    model = ConvNet(convnet_spec(2))
    X = digits.split(500).X_train
    whole = model.forward(X)
    np.testing.assert_array_equal(whole[:200], model.forward(X[:200]))
    np.testing.assert_array_equal(whole[256:456], model.forward(X[256:456]))


def test_training_learns_digits_and_is_seeded():
    data = digits.split(200)
    runs = []
    for _ in range(2):
        model = ConvNet(convnet_spec(4), seed=3)
        history = fit(model, data, epochs=5, lr=0.01, batch_size=32, seed=3)
        runs.append((history.val_loss, model.flat.copy()))
    assert runs[0][0] == runs[1][0] and np.array_equal(runs[0][1], runs[1][1])
    assert history.val_loss[-1] < 0.5 * history.val_loss[0] and history.val_accuracy[-1] > 0.6  # 66% after 5 epochs on 200 images


def test_augmentation_moves_training_batches_only():
    data = digits.split(50)
    seen = []

    def spy(rng, X):
        moved = digits.random_shifts(rng, X)
        seen.append((X.copy(), moved))
        return moved

    fit(ConvNet(convnet_spec(2)), data, epochs=1, batch_size=25, augment=spy)
    assert len(seen) == 2 and all(len(X) == 25 for X, _ in seen)
    assert any(not np.array_equal(X, moved) for X, moved in seen)


def test_a_layer_used_twice_is_refused_by_the_trainer():
    hidden = Dense(8, activation="relu")
    spec = Sequential([Input((4, 4, 1)), Flatten(), Dense(8), hidden, hidden, Dense(2)])
    assert spec.count_params() == (16 + 1) * 8 + (8 + 1) * 8 + (8 + 1) * 2  # the shared layer counted once
    with pytest.raises(ValueError) as caught:
        ConvNet(spec)
    assert str(caught.value) == ("ConvNet: the layer 'dense_1' is used more than once, and the trainer here gives "
                                 "each use weights of its own; write a new layer for each use, e.g. Dense(64) again")
