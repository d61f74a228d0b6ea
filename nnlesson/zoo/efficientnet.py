"""EfficientNet-B0 (Tan and Le, 2019) in its two best-known builds, torchvision's and Keras's.

Sixteen MBConv blocks: MobileNetV2's inverted residual with SiLU (swish) and a squeeze-and-excite
gate that squeezes to a quarter of the block's *input* channels. The layers are the same in both
builds, 5,288,548 learned parameters; Keras adds BatchNorm's moving statistics (42,016) and a
``Normalization`` layer's mean, variance and count (7), and reports 5,330,571. Keras also pads
by hand before each stride-2 convolution, one more row and column at the bottom and right,
where PyTorch pads evenly: the sizes come out the same.
"""
from __future__ import annotations

from .._validate import one_of, positive_int
from ..layers import (Activation, Add, BatchNormalization, Conv2D, Dense, DepthwiseConv2D, Dropout,
                      GlobalAveragePooling2D, Input, Model, Normalization, Rescaling, ZeroPadding2D)
from ..layers.base import CONVENTIONS
from ..layers.graph import Tensor
from .squeeze_excite import squeeze_excite

STAGES = ((1, 3, 1, 16, 1), (6, 3, 2, 24, 2), (6, 5, 2, 40, 2), (6, 3, 2, 80, 3), (6, 5, 1, 112, 3),
          (6, 5, 2, 192, 4), (6, 3, 1, 320, 1))
"""(expansion, kernel, stride of the first block, output channels, blocks) of each stage: the paper's Table 1."""


def conv_bn(x: Tensor, filters: int, kernel: int, name: str, convention: str, activation: bool = True,
            strides: int = 1, depthwise: bool = False) -> Tensor:
    """A bias-free (depthwise) convolution, BatchNorm and, unless it is a projection, SiLU.

    A stride-2 convolution under the Keras build pads (k//2 - 1, k//2) by hand first, as Keras does on an
    even-sized input, and then convolves 'valid'.
    """
    padding = "same"
    if convention == "keras" and strides == 2:
        x = ZeroPadding2D(((kernel // 2 - 1, kernel // 2),) * 2, name=f"{name}.pad")(x)
        padding = "valid"
    conv = (DepthwiseConv2D(kernel, strides=strides, padding=padding, use_bias=False, name=f"{name}.conv")
            if depthwise else Conv2D(filters, kernel, strides=strides, padding=padding, use_bias=False,
                                     name=f"{name}.conv"))
    x = BatchNormalization(name=f"{name}.bn")(conv(x))
    return Activation("silu", name=f"{name}.act")(x) if activation else x


def mbconv(x: Tensor, channels: int, expansion: int, kernel: int, stride: int, filters: int, name: str,
           convention: str) -> Tensor:
    """Expand by ``expansion`` (1x1, unless 1), filter (depthwise), gate (squeeze to channels / 4), project;
    add the input when the shapes match."""
    hidden = channels * expansion
    y = conv_bn(x, hidden, 1, f"{name}.expand", convention) if expansion != 1 else x
    y = conv_bn(y, hidden, kernel, f"{name}.depthwise", convention, strides=stride, depthwise=True)
    y = squeeze_excite(y, hidden, max(1, channels // 4), f"{name}.se", activation="silu")
    y = conv_bn(y, filters, 1, f"{name}.project", convention, activation=False)
    return Add(name=f"{name}.add")([x, y]) if stride == 1 and channels == filters else y


def efficientnet_b0(convention: str = "pytorch", classes: int = 1000) -> Model:
    """EfficientNet-B0 on 224x224x3 as ``convention``'s framework builds it ('pytorch' or 'keras').

    torchvision (count with convention="pytorch"): 5,288,548 parameters.
    Keras (count with convention="keras"): 5,330,571, of which 42,023 non-trainable.
    """
    one_of("efficientnet_b0", "convention", convention, CONVENTIONS)
    classes = positive_int("efficientnet_b0", "classes", classes)
    image = x = Input((224, 224, 3), name="input")
    if convention == "keras":  # Keras scales the pixels to 0..1 and standardises them inside the model
        x = Normalization(name="normalization")(Rescaling(1 / 255, name="rescaling")(x))
    x, channels, number = conv_bn(x, 32, 3, "stem", convention, strides=2), 32, 0
    for expansion, kernel, stride, filters, blocks in STAGES:
        for block in range(blocks):
            number += 1
            x = mbconv(x, channels, expansion, kernel, stride if block == 0 else 1, filters, f"block{number}",
                       convention)
            channels = filters
    x = GlobalAveragePooling2D(name="avgpool")(conv_bn(x, 1280, 1, "top", convention))
    x = Dense(classes, name="classifier")(Dropout(0.2, name="dropout")(x))
    return Model(image, x, name="efficientnet_b0")
