"""MobileNetV2 (Sandler et al., 2018): inverted residual blocks built from depthwise-separable convolutions.

A block widens its input with a 1x1 convolution (by the expansion factor t), filters each
channel on its own with a 3x3 depthwise convolution, and narrows again with a linear 1x1
projection. Both builds have the same layers and 3,504,872 learned parameters; Keras also
counts BatchNorm's moving statistics (34,112) as non-trainable parameters, so it reports
3,538,984. Count the torchvision build with ``convention="pytorch"``, the Keras build with
``convention="keras"``.
"""
from __future__ import annotations

from .._validate import one_of, positive_int
from ..layers import (Activation, AdaptiveAvgPool2D, BatchNormalization, Conv2D, Dense, DepthwiseConv2D,
                      Dropout, Flatten, GlobalAveragePooling2D, Input, Residual)
from ..layers.base import CONVENTIONS, Layer
from ..layers import Sequential

SETTINGS = ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2),
            (6, 320, 1, 1))
"""(expansion t, output channels c, blocks n, stride s of the first block), the paper's Table 2."""


def conv_bn(filters: int, kernel: int, name: str, strides: int = 1, depthwise: bool = False,
            relu: bool = True) -> list[Layer]:
    """A bias-free convolution, its BatchNorm and (unless it is a linear projection) ReLU6.

    ReLU6 is min(max(z, 0), 6); the package's 'relu' stands in for it, as both add no parameters.
    Padding 'same' matches both frameworks' output sizes: torchvision pads 1 on every side of a
    3x3 kernel; Keras pads 'same', or (0, 1) by hand before a stride-2 depthwise convolution.
    """
    if depthwise:
        conv = DepthwiseConv2D(kernel, strides=strides, padding="same", use_bias=False, name=f"{name}_depthwise")
    else:
        conv = Conv2D(filters, kernel, strides=strides, padding="same", use_bias=False, name=name)
    layers = [conv, BatchNormalization(name=f"{conv.name}_bn")]
    return layers + [Activation("relu", name=f"{conv.name}_relu6")] if relu else layers


def inverted_residual(channels: int, filters: int, stride: int, expansion: int, name: str) -> list[Layer]:
    """Expand (1x1, unless t = 1), filter (3x3 depthwise), project (1x1, linear); add the input if shapes match."""
    hidden = channels * expansion
    layers = conv_bn(hidden, 1, f"{name}_expand") if expansion != 1 else []
    layers += conv_bn(hidden, 3, name, strides=stride, depthwise=True)
    layers += conv_bn(filters, 1, f"{name}_project", relu=False)
    if stride == 1 and channels == filters:
        return [Residual(layers, name=f"{name}_add")]
    return layers


def mobilenet_v2(convention: str = "pytorch", classes: int = 1000) -> Sequential:
    """MobileNetV2 (width 1.0) on 224x224x3 as ``convention``'s framework builds it ('pytorch' or 'keras').

    The layers are the same; the heads differ: torchvision drops out 20% before the classifier,
    Keras does not, and neither choice changes a count.
    """
    classes = positive_int("mobilenet_v2", "classes", classes)
    one_of("mobilenet_v2", "convention", convention, CONVENTIONS)
    layers: list[Layer] = [Input((224, 224, 3)), *conv_bn(32, 3, "conv1", strides=2)]
    channels, block = 32, 0
    for expansion, filters, repeats, stride in SETTINGS:
        for repeat in range(repeats):
            layers += inverted_residual(channels, filters, stride if repeat == 0 else 1, expansion,
                                        name=f"block_{block}")
            channels, block = filters, block + 1
    layers += conv_bn(1280, 1, "conv_last")
    if convention == "keras":
        layers += [GlobalAveragePooling2D(name="avg_pool"), Dense(classes, activation="softmax", name="predictions")]
    else:
        layers += [AdaptiveAvgPool2D(1, name="avgpool"), Flatten(name="flatten"), Dropout(0.2, name="dropout"),
                   Dense(classes, name="classifier")]
    return Sequential(layers)
