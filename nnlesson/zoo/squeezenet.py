"""SqueezeNet 1.0 (Iandola et al., 2016), as torchvision builds it: AlexNet's accuracy with 50 times fewer parameters.

Its fire modules squeeze the channels with 1x1 convolutions, then expand them again with 1x1 and
3x3 convolutions side by side, whose outputs are concatenated. There is no dense layer: a 1x1
convolution to the classes and global average pooling make the classifier. 1,248,424 parameters.
"""
from __future__ import annotations

from .._validate import positive_int
from ..layers import (AdaptiveAvgPool2D, Concatenate, Conv2D, Dropout, Flatten, Input, MaxPooling2D, Model)
from ..layers.graph import Tensor

FIRES = ((16, 64), (16, 64), (32, 128), "pool", (32, 128), (48, 192), (48, 192), (64, 256), "pool", (64, 256))
"""(squeeze channels, channels of each expand branch) of fire modules 2 to 9, and where a max pool comes between."""


def fire(x: Tensor, squeeze: int, expand: int, name: str) -> Tensor:
    """A fire module: squeeze to ``squeeze`` channels (1x1), then 1x1 and 3x3 expansions of ``expand`` each, joined."""
    s = Conv2D(squeeze, 1, activation="relu", name=f"{name}.squeeze")(x)
    one = Conv2D(expand, 1, activation="relu", name=f"{name}.expand1x1")(s)
    three = Conv2D(expand, 3, padding=1, activation="relu", name=f"{name}.expand3x3")(s)
    return Concatenate(name=f"{name}.cat")([one, three])


def squeezenet1_0(classes: int = 1000) -> Model:
    """SqueezeNet 1.0 on 224x224x3: 1,248,424 parameters. Its pooling rounds up (``ceil_mode``), PyTorch's option,
    so count it with convention="pytorch"."""
    classes = positive_int("squeezenet1_0", "classes", classes)
    image = Input((224, 224, 3), name="x")
    x = Conv2D(96, 7, strides=2, activation="relu", name="features.0")(image)
    x = MaxPooling2D(3, strides=2, ceil_mode=True, name="features.2")(x)
    pools = 0
    for number, setting in enumerate(FIRES):
        if setting == "pool":
            pools += 1
            x = MaxPooling2D(3, strides=2, ceil_mode=True, name=f"pool{pools + 1}")(x)
        else:
            x = fire(x, *setting, name=f"fire{number + 2 - pools}")
    x = Dropout(0.5, name="classifier.0")(x)
    x = Conv2D(classes, 1, activation="relu", name="classifier.1")(x)
    x = Flatten(name="flatten")(AdaptiveAvgPool2D(1, name="classifier.3")(x))
    return Model(image, x, name="squeezenet1_0")
