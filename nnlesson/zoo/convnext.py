"""ConvNeXt-Tiny (Liu et al., 2022): a ResNet rebuilt with a transformer's habits, as torchvision and Keras build it.

A 4x4 "patchify" stem with stride 4, then four stages of blocks (3, 3, 9 and 3 of them; 96, 192, 384
and 768 channels), each block a 7x7 depthwise convolution, LayerNorm over the channels, a 1x1
expansion to four times the channels (a Dense layer on the channel axis), GELU, a projection back,
and a learned per-channel LayerScale, added to the block's input. Between stages a LayerNorm and a
2x2 convolution with stride 2 halve the size and double the channels. LayerNorm keeps no running
statistics, so both frameworks count the same 28,589,128 parameters.
"""
from __future__ import annotations

from .._validate import positive_int
from ..layers import (Activation, Conv2D, Dense, DepthwiseConv2D, GlobalAveragePooling2D, Input, LayerNormalization,
                      LayerScale, Residual, Sequential)
from ..layers.base import Layer

STAGES = ((96, 3), (192, 3), (384, 9), (768, 3))
"""(channels, blocks) of each of ConvNeXt-Tiny's four stages."""


def convnext_block(channels: int, name: str) -> Residual:
    """One ConvNeXt block: depthwise 7x7, LayerNorm, 1x1 up to 4C, GELU, 1x1 back to C, LayerScale; plus the input."""
    return Residual([DepthwiseConv2D(7, padding=3, name=f"{name}.dwconv"),
                     LayerNormalization(axis=-1, name=f"{name}.norm"),
                     Dense(4 * channels, name=f"{name}.pwconv1"), Activation("gelu", name=f"{name}.act"),
                     Dense(channels, name=f"{name}.pwconv2"), LayerScale(name=f"{name}.layer_scale")], name=name)


def convnext_tiny(classes: int = 1000) -> Sequential:
    """ConvNeXt-Tiny on 224x224x3: 28,589,128 parameters under either convention."""
    classes = positive_int("convnext_tiny", "classes", classes)
    layers: list[Layer] = [Input((224, 224, 3)), Conv2D(96, 4, strides=4, name="stem.conv"),
                           LayerNormalization(axis=-1, name="stem.norm")]
    for stage, (channels, blocks) in enumerate(STAGES):
        if stage:
            layers += [LayerNormalization(axis=-1, name=f"downsample{stage}.norm"),
                       Conv2D(channels, 2, strides=2, name=f"downsample{stage}.conv")]
        layers += [convnext_block(channels, f"stage{stage + 1}.{block}") for block in range(blocks)]
    return Sequential(layers + [GlobalAveragePooling2D(name="avgpool"), LayerNormalization(axis=-1, name="head.norm"),
                                Dense(classes, name="head.fc")])
