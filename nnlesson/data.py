"""Seeded toy data sets, made on the spot: nothing is downloaded.

Every maker takes a size ``n``, a ``noise`` level, a validation fraction and a ``seed``,
and returns a Dataset split into training and validation parts. The same seed always
gives the same points, so a saved notebook shows the same numbers when rerun.
"""
from __future__ import annotations

import warnings

from dataclasses import dataclass

import numpy as np

from ._validate import (MEMORY_LIMIT, describe, fits_in_memory, non_negative_int, one_of, positive_int,
                        real_number)


@dataclass(frozen=True)
class Dataset:
    """Inputs X (one row per example) and targets y, split into training and validation parts."""

    name: str
    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    task: str  # "regression" or "classification"

    def __post_init__(self) -> None:
        for part in ("train", "val"):
            X, y = getattr(self, f"X_{part}"), getattr(self, f"y_{part}")
            if len(X) == 0:
                raise ValueError(f"Dataset({self.name!r}): X_{part} has no points; a data set needs at least one "
                                 "training and one validation point (data.from_arrays(X, y) splits your points "
                                 "for you, data.make('moons') makes some)")
            if len(y) != len(X):
                raise ValueError(f"Dataset({self.name!r}): X_{part} has {len(X)} points but y_{part} has {len(y)} "
                                 "targets; give one target per point")

    @property
    def n_train(self) -> int:
        return int(len(self.X_train))

    @property
    def n_val(self) -> int:
        return int(len(self.X_val))

    @property
    def n_features(self) -> int:
        return int(self.X_train.shape[1])

    @property
    def n_classes(self) -> int:
        """Number of classes (0 for regression)."""
        if self.task != "classification":
            return 0
        return int(max(self.y_train.max(initial=0), self.y_val.max(initial=0))) + 1


BYTES_PER_POINT = 3 * 8
"""Memory one point of a made data set takes: two inputs and a target, float64 (8 bytes each)."""


def _check(maker: str, n: int, noise: float, val_fraction: float, seed: int) -> tuple[int, float, float]:
    n = positive_int(maker, "n", n)
    if n < 4:
        raise ValueError(f"{maker}(n={n}): n must be at least 4, so both splits get at least 2 points")
    fits_in_memory(f"{maker}(n={n})", f"{n:,} points", n * BYTES_PER_POINT,
                   f"Make fewer points: n={MEMORY_LIMIT // BYTES_PER_POINT // 1_000_000:,} million at most, "
                   "and a few thousand already show every pattern.")
    non_negative_int(maker, "seed", seed)
    noise = real_number(maker, "noise", noise)
    if noise < 0:
        raise ValueError(f"{maker}(noise={noise!r}): noise must be >= 0")
    val_fraction = real_number(maker, "val_fraction", val_fraction)
    if not 0 < val_fraction < 1:
        raise ValueError(f"{maker}(val_fraction={val_fraction!r}): val_fraction must be between 0 and 1")
    return n, noise, val_fraction


def _split(name: str, X: np.ndarray, y: np.ndarray, val_fraction: float, rng: np.random.Generator,
           task: str) -> Dataset:
    """Shuffle once, then cut: the validation points are never seen in training."""
    order = rng.permutation(len(X))
    n_val = min(max(2, round(val_fraction * len(X))), len(X) - 2)
    val, train = order[:n_val], order[n_val:]
    return Dataset(name, X[train], y[train], X[val], y[val], task)


def sine(n: int = 60, noise: float = 0.2, val_fraction: float = 0.5, seed: int = 0) -> Dataset:
    """1-D regression: y = sin(2 pi x) + Gaussian noise, x uniform in [0, 1]."""
    n, noise, val_fraction = _check("sine", n, noise, val_fraction, seed)
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, 1.0, size=(n, 1))
    y = np.sin(2 * np.pi * x[:, 0]) + noise * rng.normal(size=n)
    return _split("sine", x, y, val_fraction, rng, "regression")


def moons(n: int = 200, noise: float = 0.2, val_fraction: float = 0.5, seed: int = 0) -> Dataset:
    """Two interleaving half circles, one per class."""
    n, noise, val_fraction = _check("moons", n, noise, val_fraction, seed)
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    angle = rng.uniform(0.0, np.pi, size=n)
    X = np.column_stack([np.cos(angle), np.sin(angle)])
    X[y == 1] = np.column_stack([1 - np.cos(angle[y == 1]), 0.5 - np.sin(angle[y == 1])])
    X += noise * rng.normal(size=X.shape)
    return _split("moons", X, y, val_fraction, rng, "classification")


def circles(n: int = 200, noise: float = 0.1, val_fraction: float = 0.5, seed: int = 0,
            factor: float = 0.5) -> Dataset:
    """A small circle (class 1) inside a large one (class 0)."""
    n, noise, val_fraction = _check("circles", n, noise, val_fraction, seed)
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    angle = rng.uniform(0.0, 2 * np.pi, size=n)
    radius = np.where(y == 1, factor, 1.0)
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    X += noise * rng.normal(size=X.shape)
    return _split("circles", X, y, val_fraction, rng, "classification")


def xor(n: int = 200, noise: float = 0.1, val_fraction: float = 0.5, seed: int = 0) -> Dataset:
    """Points in the four quadrants; class 1 where exactly one coordinate is positive."""
    n, noise, val_fraction = _check("xor", n, noise, val_fraction, seed)
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    magnitude = rng.uniform(0.05, 1.0, size=(n, 2))
    sign_x = rng.choice([-1.0, 1.0], size=n)
    sign_y = np.where(y == 1, -sign_x, sign_x)  # opposite signs <=> exactly one positive
    X = magnitude * np.column_stack([sign_x, sign_y])
    X += noise * rng.normal(size=X.shape)
    return _split("xor", X, y, val_fraction, rng, "classification")


def spiral(n: int = 200, noise: float = 0.1, val_fraction: float = 0.5, seed: int = 0,
           turns: float = 1.5) -> Dataset:
    """Two arms winding around the origin, one per class."""
    n, noise, val_fraction = _check("spiral", n, noise, val_fraction, seed)
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    t = rng.uniform(0.1, 1.0, size=n)
    angle = 2 * np.pi * turns * t + np.pi * y
    X = t[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    X += noise * rng.normal(size=X.shape)
    return _split("spiral", X, y, val_fraction, rng, "classification")


def pinwheel(n: int = 300, noise: float = 0.1, val_fraction: float = 0.5, seed: int = 0,
             classes: int = 3) -> Dataset:
    """``classes`` curved arms around the origin, one per class (3 by default): a multiclass set."""
    n, noise, val_fraction = _check("pinwheel", n, noise, val_fraction, seed)
    classes = positive_int("pinwheel", "classes", classes)
    if classes < 3:
        raise ValueError(f"pinwheel(classes={classes}): classes must be at least 3 (spiral has two arms)")
    rng = np.random.default_rng(seed)
    y = np.arange(n) % classes
    t = rng.uniform(0.15, 1.0, size=n)
    angle = 2 * np.pi * y / classes + 1.75 * t  # each arm bends by 100 degrees on its way out
    X = t[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    X += noise * rng.normal(size=X.shape)
    return _split("pinwheel", X, y, val_fraction, rng, "classification")


def blobs(n: int = 200, noise: float = 0.5, val_fraction: float = 0.5, seed: int = 0,
          centers: tuple[tuple[float, float], ...] = ((-1.0, -1.0), (1.0, 1.0))) -> Dataset:
    """Gaussian clouds of spread ``noise``, one per centre (class k around centre k)."""
    n, noise, val_fraction = _check("blobs", n, noise, val_fraction, seed)
    centers_array = _centres(centers)
    rng = np.random.default_rng(seed)
    y = np.arange(n) % len(centers_array)
    X = centers_array[y] + noise * rng.normal(size=(n, 2))
    return _split("blobs", X, y, val_fraction, rng, "classification")


def _centres(centers) -> np.ndarray:
    """The blobs' centres as a (k, 2) float table with k >= 2, or an error naming blobs and the rule."""
    rule = "centers must be a list of at least two (x, y) points, e.g. [(-1, -1), (1, 1)]: one cloud per class"
    try:
        table = np.asarray(centers, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{describe('blobs', 'centers', centers)}: {rule}") from None
    if table.ndim != 2 or len(table) < 2:
        raise ValueError(f"{describe('blobs', 'centers', centers)}: {rule}")
    if table.shape[1] != 2:
        raise ValueError(f"{describe('blobs', 'centers', centers)}: each centre must be an (x, y) point of 2 "
                         f"numbers, not {table.shape[1]}; the data sets here are flat, so that they can be drawn")
    if not np.all(np.isfinite(table)):
        raise ValueError(f"{describe('blobs', 'centers', centers)}: the centres must be finite numbers")
    return table


GATES = {
    "AND": (0, 0, 0, 1),
    "OR": (0, 1, 1, 1),
    "XOR": (0, 1, 1, 0),
    "NAND": (1, 1, 1, 0),
}


def logic_gate(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The four corners (0,0), (0,1), (1,0), (1,1) and the gate's truth table as labels."""
    one_of("logic_gate", "name", name, GATES)
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.array(GATES[name])


MAKERS = {"sine": sine, "moons": moons, "circles": circles, "xor": xor, "spiral": spiral, "blobs": blobs,
          "pinwheel": pinwheel}
"""Every data set maker by name, for dropdowns."""


def make(name: str, **kwargs) -> Dataset:
    """Build a data set by name: ``make("moons", n=200, noise=0.2, seed=0)``."""
    one_of("data.make", "name", name, MAKERS)
    return MAKERS[name](**kwargs)


def make_split(name: str, n_train: int, n_val: int = 200, **kwargs) -> Dataset:
    """Build a data set with exactly ``n_train`` training and ``n_val`` validation points.

    Keeping ``n_val`` fixed while ``n_train`` changes lets a lesson vary the training data
    and still judge every model on a validation set of the same, reliable size.
    """
    n_train = positive_int("data.make_split", "n_train", n_train)
    n_val = positive_int("data.make_split", "n_val", n_val)
    if n_train < 2 or n_val < 2:
        raise ValueError(f"data.make_split(n_train={n_train}, n_val={n_val}): "
                         "both splits need at least 2 points")
    n = n_train + n_val
    return make(name, n=n, val_fraction=n_val / n, **kwargs)


OWN = "your data"
"""The name a learner's own data set goes by in readouts and titles."""


def task_of(y: np.ndarray) -> str:
    """'classification' for whole-number labels (an integer or boolean array), 'regression' for floats.

    The array's type decides, never its values: ``y.astype(int)`` makes classes of 0.0/1.0 floats.
    """
    return "classification" if y.dtype.kind in "iub" else "regression"


def from_arrays(X, y, val_fraction: float = 0.3, seed: int = 0, name: str = OWN) -> Dataset:
    """A learner's own data, shuffled with ``seed`` and split into training and validation points.

    ``X`` has one row per example and 1 or 2 columns (the inputs); ``y`` one target per row:
    whole numbers 0, 1, ..., K-1 (an integer array) are class labels, floats are values to predict.
    """
    try:
        seed = non_negative_int("from_arrays", "seed", seed)
        X, y = _own_arrays(X, y)
        task = task_of(y)
        y = _class_labels(y) if task == "classification" else y.astype(float)
        val_fraction = real_number("from_arrays", "val_fraction", val_fraction)
        if not 0 < val_fraction < 1:
            raise ValueError(f"The validation share must be between 0 and 1, not {val_fraction:g}.")
    except (TypeError, ValueError) as mistake:  # raised from here: the traceback ends at the learner's call
        raise mistake.with_traceback(None) from None
    _warn_about_scale(X)
    return _split(name, X, y, val_fraction, np.random.default_rng(seed), task)


FAR_FROM_UNIT = 10.0
"""Inputs whose typical size is more than this many times 1 (or less than 1 over it) are far from unit scale."""


def _warn_about_scale(X: np.ndarray) -> None:
    """Warn when a column of X is far from unit size: the lab's networks start from weights made for inputs of
    about -1 to 1, and pixel values of 0-255 then give steps so large that the network learns nothing."""
    size = np.sqrt(np.mean(X ** 2, axis=0))  # a column's typical size, its mean included
    worst = int(np.argmax(np.abs(np.log10(np.where(size > 0, size, 1.0)))))
    if size[worst] > FAR_FROM_UNIT or 0 < size[worst] < 1 / FAR_FROM_UNIT:
        warnings.warn(f"Input column {worst} of X has a typical size of {size[worst]:.3g}, far from 1: networks "
                      "learn best from inputs of about -1 to 1. Scale X first, e.g. (X - X.mean(0)) / X.std(0).",
                      UserWarning, stacklevel=3)


def _own_arrays(X, y) -> tuple[np.ndarray, np.ndarray]:
    """X as a float table of 1 or 2 columns and y as one target per row, or an error in plain words."""
    try:
        X = np.asarray(X, dtype=float)
    except (TypeError, ValueError):
        raise TypeError("Your inputs X must be numbers: a NumPy array with one row per example.") from None
    y = np.asarray(y)
    if X.ndim == 1:
        X = X[:, None]  # one input per example
    if X.ndim == 2 and X.shape[0] in (1, 2) and X.shape[1] > 2:
        raise ValueError(f"Your inputs X have shape {X.shape}: one row per input instead of one row per example. "
                         f"Turn it with X.T, of shape {X.shape[::-1]}.")
    if X.ndim != 2 or X.shape[1] not in (1, 2):
        raise ValueError(f"Your inputs X have shape {X.shape}; the lab needs one row per example and 1 or 2 "
                         "columns (inputs), e.g. shape (150, 2). Pick two columns, e.g. X[:, :2].")
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1 or len(y) != len(X):
        raise ValueError(f"Your targets y have shape {y.shape}, but X has {len(X)} rows: give one target per "
                         f"row of X, a flat array of shape ({len(X)},).")
    if y.dtype.kind not in "iubf":
        raise TypeError("Your targets y must be numbers: whole numbers 0, 1, 2, ... for classes, "
                        "or decimals for values to predict.")
    if len(X) < 4:
        raise ValueError(f"You gave {len(X)} examples; the lab needs at least 4, so that training and "
                         "validation both get 2.")
    if not (np.all(np.isfinite(X)) and np.all(np.isfinite(y.astype(float)))):
        raise ValueError("Your data contain NaN or infinite values; drop those rows first.")
    return X, y


def _class_labels(y: np.ndarray) -> np.ndarray:
    """Class labels as integers 0..K-1 with every class present and at least two classes, or an error."""
    labels = np.unique(y.astype(int))
    if len(labels) < 2:
        raise ValueError("Your labels y hold only one class; a classifier needs at least two. "
                         "For values to predict (regression), pass y as floats: y.astype(float).")
    if labels[0] != 0 or labels[-1] != len(labels) - 1:
        shown = ", ".join(map(str, labels[:6])) + (", ..." if len(labels) > 6 else "")
        raise ValueError(f"Your class labels are {shown}; number the classes 0, 1, ..., K-1 with none left out "
                         "(np.unique(y, return_inverse=True)[1] does that). For values to predict, pass floats.")
    return y.astype(int)
