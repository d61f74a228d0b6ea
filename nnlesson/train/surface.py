"""What a trained model predicts everywhere around its data: a curve, or a map of classes.

For one input feature this is the fitted curve on a line of x values; for two it is the
probability of class 1 (or the predicted class, with more than two) on a grid, from which
a figure draws the decision regions and the boundary between them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validate import positive_int
from ..data import Dataset
from .fit import predict
from .network import MLP
from .threads import one_blas_thread

MARGIN = 0.15
"""How far (as a fraction of the data's range) the picture reaches beyond the outermost points."""


@dataclass(frozen=True)
class Surface:
    """Predictions on a grid: ``values[i, j]`` at (``xs[j]``, ``ys[i]``); ``ys`` is None in 1-D."""

    xs: np.ndarray
    ys: np.ndarray | None
    values: np.ndarray
    kind: str  # "curve", "probability" (two classes) or "class" (more classes)


def surface(model: MLP, data: Dataset, resolution: int = 120) -> Surface:
    """The model's predictions on ``resolution`` points per axis, covering all the data with a margin."""
    resolution = positive_int("surface", "resolution", resolution)
    X = np.vstack([data.X_train, data.X_val])
    low, high = X.min(axis=0), X.max(axis=0)
    pad = MARGIN * np.maximum(high - low, 1e-9)
    axes = [np.linspace(lo - p, hi + p, resolution) for lo, hi, p in zip(low, high, pad)]
    if data.n_features == 1:
        return Surface(axes[0], None, predict(model, data, axes[0][:, None]), "curve")
    gx, gy = np.meshgrid(axes[0], axes[1])
    with one_blas_thread():
        out = predict(model, data, np.column_stack([gx.ravel(), gy.ravel()]))
    if out.ndim == 2:  # softmax: one probability per class, keep the most likely class
        return Surface(axes[0], axes[1], out.argmax(axis=1).reshape(gx.shape), "class")
    return Surface(axes[0], axes[1], out.reshape(gx.shape), "probability")
