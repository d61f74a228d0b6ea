"""The first token of a sequence, ``hidden_states[:, 0]``: where BERT's pooler and ViT's classifier read.

Written with the engine's reshaping layers (no parameters): (T, d) -> (T, d, 1), crop the other T - 1
rows, -> (d,).
"""
from __future__ import annotations

from ..layers import Cropping2D, Reshape
from ..layers.graph import Tensor


def first_token(x: Tensor, length: int, width: int, name: str) -> Tensor:
    """The ``width`` numbers of the first of ``length`` tokens in ``x``, as a vector (the [CLS] token)."""
    x = Reshape((length, width, 1), name=f"{name}.as_image")(x)
    x = Cropping2D(((0, length - 1), (0, 0)), name=f"{name}.crop")(x)
    return Reshape((width,), name=name)(x)
