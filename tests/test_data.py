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


def test_pinwheel_has_three_balanced_classes():
    d = data.make_split("pinwheel", 100, 200, noise=0.2, seed=0)
    labels = np.concatenate([d.y_train, d.y_val])
    assert d.task == "classification" and d.n_classes == 3 and d.n_features == 2
    assert (d.n_train, d.n_val) == (100, 200) and np.bincount(labels).tolist() == [100, 100, 100]
    assert data.pinwheel(n=40, classes=4).n_classes == 4
    with pytest.raises(ValueError, match=r"pinwheel\(classes=2\): classes must be at least 3"):
        data.pinwheel(classes=2)


def test_own_arrays_integer_labels_are_classes_floats_are_regression():
    X = np.arange(40.0).reshape(20, 2)
    classes = data.from_arrays(X, np.arange(20) % 3, seed=0)
    assert classes.task == "classification" and classes.n_classes == 3 and classes.name == "your data"
    assert (classes.n_train, classes.n_val) == (14, 6)  # 30% of 20 kept for validation
    values = data.from_arrays(X[:, 0], np.linspace(0, 1, 20))
    assert values.task == "regression" and values.n_features == 1 and values.n_classes == 0
    again = data.from_arrays(X, np.arange(20) % 3, seed=0)
    assert np.array_equal(classes.X_train, again.X_train)
    assert data.task_of(np.array([True, False])) == "classification"
    assert data.task_of(np.array([0.0, 1.0])) == "regression"


@pytest.mark.parametrize("X, y, words", [
    (np.zeros((10, 3)), np.zeros(10, dtype=int),
     "Your inputs X have shape (10, 3); the lab needs one row per example and 1 or 2 columns"),
    (np.zeros((10, 2)), np.zeros(8, dtype=int), "Your targets y have shape (8,), but X has 10 rows"),
    (np.zeros((10, 2)), np.zeros(10, dtype=int), "Your labels y hold only one class"),
    (np.zeros((10, 2)), np.arange(10) % 2 * 2, "Your class labels are 0, 2; number the classes 0, 1, ..., K-1"),
    (np.zeros((3, 2)), np.array([0, 1, 0]), "You gave 3 examples; the lab needs at least 4"),
    (np.full((10, 2), np.nan), np.arange(10) % 2, "Your data contain NaN or infinite values"),
    (np.zeros((10, 2)), np.array(list("ababababab")), "Your targets y must be numbers"),
])
def test_own_arrays_errors_speak_to_the_learner(X, y, words):
    with pytest.raises((ValueError, TypeError)) as info:
        data.from_arrays(X, y)
    assert str(info.value).startswith(words), str(info.value)


@pytest.mark.parametrize("centers, error, message", [
    ([], ValueError, "blobs(centers=[]): centers must be a list of at least two (x, y) points, e.g. [(-1, -1), "
                     "(1, 1)]: one cloud per class"),
    ([(0, 0)], ValueError, "blobs(centers=[(0, 0)]): centers must be a list of at least two (x, y) points, e.g. "
                           "[(-1, -1), (1, 1)]: one cloud per class"),
    ([(0, 0, 0), (1, 1, 1)], ValueError, "blobs(centers=[(0, 0, 0), (1, 1, 1)]): each centre must be an (x, y) "
                                         "point of 2 numbers, not 3; the data sets here are flat, so that they can "
                                         "be drawn"),
    ([("a", 1), (2, 3)], TypeError, "blobs(centers=[('a', 1), (2, 3)]): centers must be a list of at least two "
                                    "(x, y) points, e.g. [(-1, -1), (1, 1)]: one cloud per class"),
])
def test_blobs_checks_its_centres(centers, error, message):
    with pytest.raises(error) as caught:
        data.make("blobs", centers=centers)
    assert str(caught.value) == message


def test_a_negative_seed_is_refused_by_name():
    X, y = np.arange(20.0).reshape(10, 2), np.arange(10) % 2
    with pytest.raises(ValueError, match=r"^from_arrays\(seed=-1\): seed must be a whole number >= 0$"):
        data.from_arrays(X, y, seed=-1)
    with pytest.raises(ValueError, match=r"^moons\(seed=-1\): seed must be a whole number >= 0$"):
        data.make("moons", seed=-1)


def test_a_data_set_too_big_for_memory_is_refused_before_anything_is_made():
    with pytest.raises(ValueError) as caught:
        data.make("moons", n=10**12)
    assert str(caught.value) == (
        "moons(n=1000000000000): 1,000,000,000,000 points would take 24,000,000,000,000 bytes of memory, more than "
        "nnlesson's limit of 2 GiB (2,147,483,648 bytes) for one block of numbers. Make fewer points: n=89 million "
        "at most, and a few thousand already show every pattern.")


def test_an_empty_data_set_is_refused():
    none, no_targets = np.zeros((0, 2)), np.zeros(0)
    with pytest.raises(ValueError) as caught:
        data.Dataset("mine", none, no_targets, np.ones((3, 2)), np.ones(3), "regression")
    assert str(caught.value) == (
        "Dataset('mine'): X_train has no points; a data set needs at least one training and one validation point "
        "(data.from_arrays(X, y) splits your points for you, data.make('moons') makes some)")
    with pytest.raises(ValueError, match=r"^Dataset\('mine'\): X_val has 3 points but y_val has 2 targets; "):
        data.Dataset("mine", np.ones((3, 2)), np.ones(3), np.ones((3, 2)), np.ones(2), "regression")
    with pytest.raises(ValueError, match=r"^You gave 0 examples; the lab needs at least 4"):
        data.from_arrays(none, no_targets)


def test_from_arrays_tells_a_mistake_from_its_own_frame():
    import traceback
    X = np.arange(20.0).reshape(10, 2)
    X[0, 0] = np.inf
    with pytest.raises(ValueError) as caught:
        data.from_arrays(X, np.arange(10) % 2)
    assert str(caught.value) == "Your data contain NaN or infinite values; drop those rows first."
    frames = traceback.extract_tb(caught.value.__traceback__)
    assert [frame.name for frame in frames] == ["test_from_arrays_tells_a_mistake_from_its_own_frame", "from_arrays"]
    assert caught.value.__suppress_context__


def test_inputs_far_from_unit_size_are_warned_about_and_unit_ones_are_not():
    import warnings

    rng = np.random.default_rng(0)
    X = rng.uniform(0, 1, (300, 2))
    y = (X.sum(1) > 1).astype(int)
    with pytest.warns(UserWarning, match=r"^Input column 0 of X has a typical size of 155, far from 1: networks learn "
                                         r"best from inputs of about -1 to 1\. Scale X first"):
        data.from_arrays(X * 255, y)
    with pytest.warns(UserWarning, match="^Input column 1 of X has a typical size of 0.000588, far from 1"):
        data.from_arrays(X / 1000, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data.from_arrays(X, y)
        data.from_arrays(X * 5 - 2, y)
