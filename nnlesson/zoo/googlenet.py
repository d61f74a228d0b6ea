"""GoogLeNet (Szegedy et al., 2014), as torchvision builds it, without the two auxiliary classifiers.

Nine Inception modules, each four branches side by side on one input (1x1; 1x1 then 3x3; 1x1 then
a second 3x3; 3x3 max pool then 1x1), concatenated. Every convolution is torchvision's
BasicConv2d: no bias, then BatchNorm and ReLU. Two details of torchvision's build: the third
branch uses a 3x3 kernel where the paper has 5x5, and its max pools round their output up
(``ceil_mode=True``, PyTorch's option: 112 -> 56, where rounding down gives 55), so count it with
convention="pytorch": 6,624,904 parameters.
"""
from __future__ import annotations

from .._validate import positive_int
from ..layers import (Activation, AdaptiveAvgPool2D, BatchNormalization, Concatenate, Conv2D, Dense, Dropout, Flatten,
                      Input, MaxPooling2D, Model)
from ..layers.graph import Tensor

MODULES = {"3a": (64, 96, 128, 16, 32, 32), "3b": (128, 128, 192, 32, 96, 64), "pool3": None,
           "4a": (192, 96, 208, 16, 48, 64), "4b": (160, 112, 224, 24, 64, 64), "4c": (128, 128, 256, 24, 64, 64),
           "4d": (112, 144, 288, 32, 64, 64), "4e": (256, 160, 320, 32, 128, 128), "pool4": None,
           "5a": (256, 160, 320, 32, 128, 128), "5b": (384, 192, 384, 48, 128, 128)}
"""Each module's filters: 1x1, 3x3 reduce, 3x3, second reduce, second 3x3, pool projection (the paper's Table 1)."""


def basic_conv(x: Tensor, filters: int, kernel: int, name: str, **conv) -> Tensor:
    """torchvision's BasicConv2d: a convolution without bias, BatchNorm, ReLU."""
    x = Conv2D(filters, kernel, use_bias=False, name=f"{name}.conv", **conv)(x)
    return Activation("relu", name=f"{name}.relu")(BatchNormalization(name=f"{name}.bn")(x))


def inception(x: Tensor, widths: tuple[int, ...], name: str) -> Tensor:
    """One Inception module: four branches on ``x``, concatenated along the channels."""
    c1, c3r, c3, c5r, c5, pool = widths
    one = basic_conv(x, c1, 1, f"{name}.branch1")
    three = basic_conv(basic_conv(x, c3r, 1, f"{name}.branch2.0"), c3, 3, f"{name}.branch2.1", padding=1)
    five = basic_conv(basic_conv(x, c5r, 1, f"{name}.branch3.0"), c5, 3, f"{name}.branch3.1", padding=1)
    pooled = MaxPooling2D(3, strides=1, padding=1, ceil_mode=True, name=f"{name}.branch4.0")(x)
    return Concatenate(name=f"{name}.cat")([one, three, five, basic_conv(pooled, pool, 1, f"{name}.branch4.1")])


def googlenet(classes: int = 1000) -> Model:
    """GoogLeNet on 224x224x3 as torchvision builds it (aux_logits=False): 6,624,904 parameters, count with
    convention="pytorch"."""
    classes = positive_int("googlenet", "classes", classes)
    image = Input((224, 224, 3), name="x")
    x = basic_conv(image, 64, 7, "conv1", strides=2, padding=3)
    x = MaxPooling2D(3, strides=2, ceil_mode=True, name="maxpool1")(x)
    x = basic_conv(basic_conv(x, 64, 1, "conv2"), 192, 3, "conv3", padding=1)
    x = MaxPooling2D(3, strides=2, ceil_mode=True, name="maxpool2")(x)
    for name, widths in MODULES.items():
        if widths is None:
            size = 3 if name == "pool3" else 2
            x = MaxPooling2D(size, strides=2, ceil_mode=True, name=f"max{name}")(x)
        else:
            x = inception(x, widths, f"inception{name}")
    x = Flatten(name="flatten")(AdaptiveAvgPool2D(1, name="avgpool")(x))
    return Model(image, Dense(classes, name="fc")(Dropout(0.2, name="dropout")(x)), name="googlenet")
