"""The shipped handwritten digits: the right numbers, a fair split, and shifts that move ink."""
import hashlib

import numpy as np
import pytest

from nnlesson import digits

SHA256 = "87ff0c9e40dc7e2c0e34e7257799c2e3f3aec1a016363bb11cad869ec428a826"
"""Of the images' then the labels' bytes, as scikit-learn 1.9.1's load_digits() gives them."""


def test_the_shipped_file_holds_the_uci_test_digits():
    images, labels = digits.load()
    assert images.shape == (1797, 8, 8) and images.dtype == np.uint8 and images.max() == 16
    assert np.bincount(labels).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    assert hashlib.sha256(images.tobytes() + labels.tobytes()).hexdigest() == SHA256
    assert not images.flags.writeable


def test_the_same_as_scikit_learns_copy_when_it_is_installed():
    datasets = pytest.importorskip("sklearn.datasets")
    theirs = datasets.load_digits()
    images, labels = digits.load()
    np.testing.assert_array_equal(theirs.images, images)
    np.testing.assert_array_equal(theirs.target, labels)


def test_split_keeps_validation_fixed_and_balances_small_training_sets():
    small, large = digits.split(30), digits.split(1200)
    np.testing.assert_array_equal(small.X_val, large.X_val)
    assert small.X_train.shape == (30, 8, 8, 1) and small.n_val == 597 and small.n_classes == 10
    assert np.bincount(small.y_train).tolist() == [3] * 10
    assert 0.0 <= large.X_train.min() and large.X_train.max() == 1.0
    np.testing.assert_array_equal(large.X_train[:30], small.X_train)  # a bigger set adds images
    train_ids = {x.tobytes() + bytes([y]) for x, y in zip(large.X_train, large.y_train)}
    assert len(train_ids) > 1150  # nearly all distinct (a few digits are drawn identically)


@pytest.mark.parametrize("n", [9, 1201])
def test_split_says_what_sizes_it_takes(n):
    with pytest.raises(ValueError, match="n_train must be between 10 .* and 1200"):
        digits.split(n)


def test_shift_moves_ink_and_blanks_the_border():
    X = np.arange(16.0).reshape(1, 4, 4, 1)
    right = digits.shift(X, right=1)[0, :, :, 0]
    np.testing.assert_array_equal(right, [[0, 0, 1, 2], [0, 4, 5, 6], [0, 8, 9, 10], [0, 12, 13, 14]])
    up_left = digits.shift(X, right=-1, down=-2)[0, :, :, 0]
    np.testing.assert_array_equal(up_left, [[9, 10, 11, 0], [13, 14, 15, 0], [0, 0, 0, 0], [0, 0, 0, 0]])
    assert not digits.shift(X, right=4).any()
    with pytest.raises(TypeError, match="whole numbers of pixels"):
        digits.shift(X, right=0.5)


def test_random_shifts_move_each_image_by_at_most_one_pixel():
    X = digits.split(100).X_train
    moved = digits.random_shifts(np.random.default_rng(0), X)
    candidates = [digits.shift(X, right=r, down=d) for r in (-1, 0, 1) for d in (-1, 0, 1)]
    matches = np.array([[np.array_equal(c[i], moved[i]) for c in candidates] for i in range(len(X))])
    assert matches.any(axis=1).all() and matches[:, 4].mean() < 0.3  # about 1 in 9 stays put
