import numpy as np
import pytest

from nnlesson import data


@pytest.mark.parametrize("name", sorted(data.MAKERS))
def test_seeded_split_sizes_and_reproducibility(name):
    a = data.make(name, n=101, seed=3)
    b = data.make(name, n=101, seed=3)
    c = data.make(name, n=101, seed=4)
    assert a.n_train + a.n_val == 101 and a.n_val == 50
    assert np.array_equal(a.X_train, b.X_train) and np.array_equal(a.y_val, b.y_val)
    assert not np.array_equal(a.X_train, c.X_train)
    assert len(a.X_train) == len(a.y_train) and len(a.X_val) == len(a.y_val)


@pytest.mark.parametrize("name", ["moons", "circles", "xor", "spiral", "blobs"])
def test_classification_sets_are_balanced_two_class(name):
    d = data.make(name, n=200, seed=0)
    labels = np.concatenate([d.y_train, d.y_val])
    assert d.task == "classification" and d.n_classes == 2 and d.n_features == 2
    assert np.bincount(labels).tolist() == [100, 100]


def test_noise_free_sine_lies_on_the_curve():
    d = data.sine(n=20, noise=0.0)
    assert d.task == "regression" and d.n_classes == 0
    np.testing.assert_allclose(d.y_train, np.sin(2 * np.pi * d.X_train[:, 0]))


def test_noise_free_xor_labels_follow_the_quadrants():
    d = data.xor(n=50, noise=0.0)
    expected = (d.X_train[:, 0] > 0) ^ (d.X_train[:, 1] > 0)
    assert np.array_equal(d.y_train, expected.astype(int))


def test_logic_gates():
    X, y = data.logic_gate("XOR")
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]] and y.tolist() == [0, 1, 1, 0]
    assert data.logic_gate("AND")[1].tolist() == [0, 0, 0, 1]
    with pytest.raises(ValueError, match=r"logic_gate\(name='XNOR'\): name must be one of 'AND'"):
        data.logic_gate("XNOR")


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match=r"moons\(n=3\): n must be at least 4"):
        data.moons(n=3)
    with pytest.raises(ValueError, match=r"sine\(noise=-0.1\): noise must be >= 0"):
        data.sine(noise=-0.1)
    with pytest.raises(ValueError, match=r"xor\(val_fraction=1.0\): val_fraction must be between 0 and 1"):
        data.xor(val_fraction=1.0)
    with pytest.raises(TypeError, match=r"spiral\(n=2.5\): n must be a positive integer"):
        data.spiral(n=2.5)
    with pytest.raises(ValueError, match=r"data.make\(name='iris'\)"):
        data.make("iris")
