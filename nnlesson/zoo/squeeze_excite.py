"""The squeeze-and-excite gate (Hu et al., 2018) as MobileNetV3 and EfficientNet put it in their blocks.

Average each channel over the map (keeping the 1x1 axes), a 1x1 convolution down to a few channels,
another back up, and multiply the map's channels by the result. Only the two convolutions have
parameters: (C + 1)·S + (S + 1)·C for C channels squeezed to S.
"""
from __future__ import annotations

from ..layers import Conv2D, GlobalAveragePooling2D, Multiply
from ..layers.graph import Tensor


def squeeze_excite(x: Tensor, channels: int, squeeze: int, name: str, activation: str = "relu", gate: str = "sigmoid",
                   names: tuple[str, str, str, str] | None = None) -> Tensor:
    """Scale the ``channels`` channels of ``x`` by a gate squeezed to ``squeeze`` channels.

    ``names`` overrides the four layers' names (pool, reduce, expand, scale), else they are ``name`` + ".pool" ...
    """
    pool, reduce, expand, scale = names or tuple(f"{name}.{part}" for part in ("avgpool", "fc1", "fc2", "scale"))
    weights = GlobalAveragePooling2D(keepdims=True, name=pool)(x)
    weights = Conv2D(squeeze, 1, activation=activation, name=reduce)(weights)
    weights = Conv2D(channels, 1, activation=gate, name=expand)(weights)
    return Multiply(name=scale)([x, weights])
