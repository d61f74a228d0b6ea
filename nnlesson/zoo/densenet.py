"""DenseNet-121 (Huang et al., 2017) in its two best-known builds, torchvision's and Keras's.

Four dense blocks of 6, 12, 24 and 16 layers, growth rate k = 32: each layer (BatchNorm, ReLU,
1x1 convolution to 4k, BatchNorm, ReLU, 3x3 convolution to k, no biases) sees the concatenation
of everything before it in its block. Between blocks a transition (BatchNorm, ReLU, 1x1
convolution to half the channels, 2x2 average pooling) halves the channels and the size.
The two builds have the same layers and 7,978,856 learned parameters; Keras also counts
BatchNorm's moving mean and variance (83,648) and reports 8,062,504. Count the torchvision
build with ``convention="pytorch"``, the Keras build with ``convention="keras"``.
"""
from __future__ import annotations

from .._validate import one_of, positive_int
from ..layers import (Activation, AdaptiveAvgPool2D, AveragePooling2D, BatchNormalization, Concatenate, Conv2D,
                      Dense, Flatten, GlobalAveragePooling2D, Input, MaxPooling2D, Model, ZeroPadding2D)
from ..layers.base import CONVENTIONS
from ..layers.graph import Tensor

BLOCKS = (6, 12, 24, 16)
"""Layers in each dense block of DenseNet-121."""


def bn_relu_conv(x: Tensor, filters: int, kernel: int, name: str, **conv) -> Tensor:
    """BatchNorm, ReLU, then a convolution without bias: DenseNet's pre-activation order."""
    x = Activation("relu", name=f"{name}.relu")(BatchNormalization(name=f"{name}.norm")(x))
    return Conv2D(filters, kernel, use_bias=False, name=f"{name}.conv", **conv)(x)


def dense_block(x: Tensor, layers: int, growth: int, name: str) -> Tensor:
    """``layers`` dense layers on ``x``: each adds ``growth`` channels to the concatenation of all before it."""
    features = [x]
    for i in range(1, layers + 1):
        joined = features[0] if len(features) == 1 else Concatenate(name=f"{name}.denselayer{i}.cat")(features)
        y = bn_relu_conv(joined, 4 * growth, 1, f"{name}.denselayer{i}.1")
        features.append(bn_relu_conv(y, growth, 3, f"{name}.denselayer{i}.2", padding=1))
    return Concatenate(name=f"{name}.cat")(features)


def transition(x: Tensor, channels: int, name: str) -> Tensor:
    """Halve the channels with a 1x1 convolution and the size with 2x2 average pooling."""
    return AveragePooling2D(2, strides=2, name=f"{name}.pool")(bn_relu_conv(x, channels // 2, 1, name))


def densenet121(convention: str = "pytorch", classes: int = 1000, growth: int = 32) -> Model:
    """DenseNet-121 on 224x224x3 as ``convention``'s framework builds it ('pytorch' or 'keras').

    torchvision (count with convention="pytorch"): 7,978,856 parameters.
    Keras (count with convention="keras"): 8,062,504, of which 83,648 non-trainable.
    """
    one_of("densenet121", "convention", convention, CONVENTIONS)
    classes = positive_int("densenet121", "classes", classes)
    image = Input((224, 224, 3), name="input")
    if convention == "keras":  # Keras pads by hand, then convolves and pools 'valid': the same sizes
        x = Conv2D(64, 7, strides=2, use_bias=False, name="conv1.conv")(ZeroPadding2D(3, name="zero_padding")(image))
        x = Activation("relu", name="conv1.relu")(BatchNormalization(name="conv1.bn")(x))
        x = MaxPooling2D(3, strides=2, name="pool1")(ZeroPadding2D(1, name="zero_padding_1")(x))
    else:
        x = Conv2D(64, 7, strides=2, padding=3, use_bias=False, name="features.conv0")(image)
        x = Activation("relu", name="features.relu0")(BatchNormalization(name="features.norm0")(x))
        x = MaxPooling2D(3, strides=2, padding=1, name="features.pool0")(x)
    channels = 64
    for number, layers in enumerate(BLOCKS, start=1):
        x = dense_block(x, layers, growth, f"denseblock{number}")
        channels += layers * growth
        if number < len(BLOCKS):
            x = transition(x, channels, f"transition{number}")
            channels //= 2
    x = Activation("relu", name="relu")(BatchNormalization(name="norm5")(x))
    if convention == "keras":
        x = Dense(classes, activation="softmax", name="predictions")(GlobalAveragePooling2D(name="avg_pool")(x))
    else:
        x = Dense(classes, name="classifier")(Flatten(name="flatten")(AdaptiveAvgPool2D(1, name="avgpool")(x)))
    return Model(image, x, name="densenet121")
