"""What a convnet's first layer computes: its 3x3 filters, their feature maps, and a test of "edge detector".

An edge detector's weights sum to about zero: on a flat patch (all ink or no ink) it answers 0,
and it answers strongly where ink meets paper along its direction. A "blob" detector's weights
share one sign, so it answers to how much ink there is. ``edge_score`` measures both sides:

* ``balance`` = |sum of weights| / sum of |weights|: 0 for a perfect edge filter, 1 when all agree;
* ``direction``: the Sobel-like edge it is closest to (by the cosine of the angle between the two
  filters, its mean removed), and ``match``, that cosine.

A filter counts as an edge detector here when ``balance < EDGE_BALANCE`` and ``match >= EDGE_MATCH``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .convnet import ConvNet

EDGE_BALANCE = 0.3
EDGE_MATCH = 0.7
EDGE_TEMPLATES = {
    "vertical edge": np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=float),
    "horizontal edge": np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], dtype=float),
    "diagonal edge /": np.array([[-2, -1, 0], [-1, 0, 1], [0, 1, 2]], dtype=float),
    "diagonal edge \\": np.array([[0, -1, -2], [1, 0, -1], [2, 1, 0]], dtype=float),
}
"""Sobel's kernels and their diagonal twins; a filter and its negative detect the same edge."""


@dataclass(frozen=True)
class EdgeScore:
    balance: float
    direction: str
    match: float

    @property
    def is_edge(self) -> bool:
        return self.balance < EDGE_BALANCE and self.match >= EDGE_MATCH

    @property
    def label(self) -> str:
        if self.is_edge:
            return self.direction
        return "ink blob" if self.balance >= 0.7 else "mixed"


def edge_score(kernel: np.ndarray) -> EdgeScore:
    """How much a 3x3 filter looks like an edge detector (see the module's docstring)."""
    w = np.asarray(kernel, dtype=float)
    if w.shape != (3, 3):
        raise ValueError(f"edge_score(kernel of shape {w.shape}): a 3x3 filter is needed")
    balance = abs(w.sum()) / max(np.abs(w).sum(), 1e-12)
    centred = (w - w.mean()).ravel()
    size = max(np.linalg.norm(centred), 1e-12)
    matches = {name: abs(centred @ t.ravel()) / (size * np.linalg.norm(t)) for name, t in EDGE_TEMPLATES.items()}
    direction = max(matches, key=matches.get)
    return EdgeScore(float(balance), direction, float(matches[direction]))


@dataclass(frozen=True)
class FirstLayer:
    """The first Conv2D of one network: its filters, each filter's score, and its maps for one image."""
    kernels: np.ndarray        # (3, 3, filters), one input channel
    scores: tuple[EdgeScore, ...]
    maps: np.ndarray           # (height, width, filters), after ReLU

    @property
    def edges(self) -> int:
        return sum(score.is_edge for score in self.scores)


def first_layer(model: ConvNet, image: np.ndarray) -> FirstLayer:
    """The first layer of ``model`` and what its neurons compute for ``image`` (8, 8, 1)."""
    kernels = model.kernels(0)
    if kernels.shape[:3] != (3, 3, 1):
        raise ValueError(f"first_layer: the first Conv2D has kernels of shape {kernels.shape[:3]}; "
                         "this view needs 3x3 kernels on a one-channel image")
    kernels = kernels[:, :, 0, :].copy()
    scores = tuple(edge_score(kernels[:, :, f]) for f in range(kernels.shape[-1]))
    return FirstLayer(kernels, scores, model.feature_maps(image))
