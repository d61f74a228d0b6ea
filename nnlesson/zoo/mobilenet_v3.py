"""MobileNetV3-Small (Howard et al., 2019): MobileNetV2's inverted residuals with squeeze-and-excite gates,
5x5 depthwise kernels and the hard-swish activation, in its two best-known builds.

torchvision and Keras build the same layers with 2,542,856 learned parameters; Keras also counts
BatchNorm's moving mean and variance (12,112) as non-trainable and reports 2,554,968. Count
torchvision's build with ``convention="pytorch"``, Keras's with ``convention="keras"``.
"""
from __future__ import annotations

from .._validate import one_of, positive_int
from ..layers import (Activation, Add, BatchNormalization, Conv2D, Dense, DepthwiseConv2D, Dropout, Flatten,
                      GlobalAveragePooling2D, Input, Model)
from ..layers.base import CONVENTIONS
from ..layers.graph import Tensor
from .squeeze_excite import squeeze_excite

SMALL = ((3, 16, 16, True, "relu", 2), (3, 72, 24, False, "relu", 2), (3, 88, 24, False, "relu", 1),
         (5, 96, 40, True, "hard_silu", 2), (5, 240, 40, True, "hard_silu", 1), (5, 240, 40, True, "hard_silu", 1),
         (5, 120, 48, True, "hard_silu", 1), (5, 144, 48, True, "hard_silu", 1), (5, 288, 96, True, "hard_silu", 2),
         (5, 576, 96, True, "hard_silu", 1), (5, 576, 96, True, "hard_silu", 1))
"""(kernel, expanded channels, output channels, squeeze-and-excite?, activation, stride) of each block: the
paper's Table 2. 'hard_silu' is hard-swish, x·relu6(x + 3)/6."""


def make_divisible(value: float, divisor: int = 8) -> int:
    """Round ``value`` to a multiple of ``divisor`` (at least ``divisor``), never more than 10% down: both builds'
    rule for channel counts."""
    rounded = max(divisor, int(value + divisor / 2) // divisor * divisor)
    return rounded + divisor if rounded < 0.9 * value else rounded


def conv_bn(x: Tensor, filters: int, kernel: int, name: str, activation: str | None, strides: int = 1,
            depthwise: bool = False) -> Tensor:
    """A bias-free convolution (or depthwise one), its BatchNorm, and its activation unless it is a projection."""
    conv = (DepthwiseConv2D(kernel, strides=strides, padding="same", use_bias=False, name=f"{name}.conv")
            if depthwise else Conv2D(filters, kernel, strides=strides, padding="same", use_bias=False,
                                     name=f"{name}.conv"))
    x = BatchNormalization(name=f"{name}.bn")(conv(x))
    return Activation(activation, name=f"{name}.act")(x) if activation else x


def inverted_residual(x: Tensor, channels: int, kernel: int, expanded: int, filters: int, gated: bool,
                      activation: str, stride: int, name: str) -> Tensor:
    """Expand (1x1, unless already wide), filter (depthwise), gate (squeeze to a quarter), project (1x1, linear);
    add the input when the shapes match."""
    y = conv_bn(x, expanded, 1, f"{name}.expand", activation) if expanded != channels else x
    y = conv_bn(y, expanded, kernel, f"{name}.depthwise", activation, strides=stride, depthwise=True)
    if gated:
        y = squeeze_excite(y, expanded, make_divisible(expanded / 4), f"{name}.se", gate="hard_sigmoid")
    y = conv_bn(y, filters, 1, f"{name}.project", None)
    return Add(name=f"{name}.add")([x, y]) if stride == 1 and channels == filters else y


def mobilenet_v3_small(convention: str = "pytorch", classes: int = 1000) -> Model:
    """MobileNetV3-Small (width 1.0) on 224x224x3 as ``convention``'s framework builds it ('pytorch' or 'keras').

    The heads differ in form only: torchvision flattens and uses Dense layers, Keras keeps the 1x1 map and
    uses 1x1 convolutions with biases, which count the same.
    """
    one_of("mobilenet_v3_small", "convention", convention, CONVENTIONS)
    classes = positive_int("mobilenet_v3_small", "classes", classes)
    image = Input((224, 224, 3), name="input")
    x, channels = conv_bn(image, 16, 3, "stem", "hard_silu", strides=2), 16
    for number, (kernel, expanded, filters, gated, activation, stride) in enumerate(SMALL, start=1):
        x = inverted_residual(x, channels, kernel, expanded, filters, gated, activation, stride, f"block{number}")
        channels = filters
    x = conv_bn(x, 6 * channels, 1, "last", "hard_silu")
    if convention == "keras":
        x = GlobalAveragePooling2D(keepdims=True, name="avgpool")(x)
        x = Dropout(0.2, name="dropout")(Conv2D(1024, 1, activation="hard_silu", name="conv_2")(x))
        x = Activation("softmax", name="predictions")(Flatten(name="flatten")(Conv2D(classes, 1, name="logits")(x)))
    else:
        x = GlobalAveragePooling2D(name="avgpool")(x)
        x = Dropout(0.2, name="dropout")(Dense(1024, activation="hard_silu", name="classifier.0")(x))
        x = Dense(classes, name="classifier.3")(x)
    return Model(image, x, name="mobilenet_v3_small")
