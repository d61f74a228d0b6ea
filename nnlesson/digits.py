"""Handwritten digits, 8x8 pixels, that install with the package: no download, ever.

1,797 images from the UCI optical digits data (the copy scikit-learn bundles; source and licence in
``nnlesson/datasets/README.md``). Each pixel counts the ink in a 4x4 block of the original
32x32 scan, 0 to 16; here it is divided by 16, so the network sees numbers from 0 to 1.

``split`` holds back a fixed validation set and takes the training images from the rest in an
order that cycles through the ten digits, so even 30 training images hold every digit three times.
``shift`` moves digits sideways (the test of what a convnet's shared weights buy) and
``random_shifts`` moves each training image by up to a pixel at every step (data augmentation).
"""
from __future__ import annotations

import functools
from importlib import resources

import numpy as np

from ._validate import describe, non_negative_int, positive_int
from .data import Dataset

N_IMAGES = 1797
N_VALIDATION = 597
"""A third of the images are never trained on; the other 1,200 are the pool training sets come from."""
SPLIT_SEED = 0
IMAGE_SHAPE = (8, 8, 1)
CLASSES = 10


@functools.lru_cache(maxsize=1)
def load() -> tuple[np.ndarray, np.ndarray]:
    """All images, (1797, 8, 8) uint8 in 0..16, and their labels 0..9, as the data set orders them."""
    with resources.files("nnlesson").joinpath("datasets/digits.npz").open("rb") as file:
        archive = np.load(file)
        images, labels = archive["images"], archive["labels"]
    images.flags.writeable = labels.flags.writeable = False  # cached and shared: nobody may change them
    return images, labels


def split(n_train: int = 500, seed: int = SPLIT_SEED) -> Dataset:
    """``n_train`` training images (10 to 1200) and the 597 validation images, pixels scaled to 0..1.

    X has shape (n, 8, 8, 1), channels-last as Keras stores images; y holds the digits.
    The validation set is the same for every ``n_train``, so accuracies compare.
    """
    n_train = positive_int("digits.split", "n_train", n_train)
    if not CLASSES <= n_train <= N_IMAGES - N_VALIDATION:
        raise ValueError(f"{describe('digits.split', 'n_train', n_train)}: n_train must be between {CLASSES} "
                         f"(one image per digit) and {N_IMAGES - N_VALIDATION} (the images not held back)")
    images, labels = load()
    order = np.random.default_rng(seed).permutation(N_IMAGES)
    val, pool = order[:N_VALIDATION], order[N_VALIDATION:]
    train = _balanced(pool, labels)[:n_train]
    X = (images[..., None] / 16.0)
    return Dataset("digits", X[train], labels[train].astype(np.intp), X[val], labels[val].astype(np.intp),
                   "classification")


def _balanced(indices: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """``indices`` reordered to cycle through the classes: the first of every digit, then the second of each..."""
    rank = np.empty(len(indices), dtype=np.intp)
    for digit in range(CLASSES):
        of_digit = labels[indices] == digit
        rank[of_digit] = np.arange(of_digit.sum())
    return indices[np.lexsort((labels[indices], rank))]


def shift(X: np.ndarray, right: int = 0, down: int = 0) -> np.ndarray:
    """The images moved ``right`` and ``down`` pixels (negative: left and up); ink pushed off the edge is
    lost and the uncovered border is blank (0)."""
    if not isinstance(right, (int, np.integer)) or not isinstance(down, (int, np.integer)):
        raise TypeError(f"digits.shift(right={right!r}, down={down!r}): shifts must be whole numbers of pixels")
    out = np.zeros_like(X)
    height, width = X.shape[1:3]
    if abs(down) >= height or abs(right) >= width:
        return out
    rows_to, rows_from = _span(down, height)
    cols_to, cols_from = _span(right, width)
    out[:, rows_to, cols_to] = X[:, rows_from, cols_from]
    return out


def _span(offset: int, size: int) -> tuple[slice, slice]:
    """Where the pixels land and where they come from, along one axis moved by ``offset``."""
    return (slice(offset, size), slice(0, size - offset)) if offset >= 0 else (slice(0, size + offset),
                                                                              slice(-offset, size))


def random_shifts(rng: np.random.Generator, X: np.ndarray, max_shift: int = 1) -> np.ndarray:
    """Each image moved by its own random whole number of pixels in [-max_shift, max_shift] on each axis.

    Passed to ``train.fit(augment=...)``, every training step sees the digits in new places, so a
    network cannot learn "a 1 has ink in column 4" and must learn the stroke wherever it is.
    """
    max_shift = non_negative_int("digits.random_shifts", "max_shift", max_shift)
    moves = rng.integers(-max_shift, max_shift + 1, size=(len(X), 2))
    out = np.empty_like(X)
    for down, right in {tuple(m) for m in moves.tolist()}:
        chosen = (moves[:, 0] == down) & (moves[:, 1] == right)
        out[chosen] = shift(X[chosen], right=right, down=down)
    return out
