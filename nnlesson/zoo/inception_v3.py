"""InceptionV3 (Szegedy et al., 2016) as Keras builds it, on a 299x299x3 image.

Eleven Inception modules ("mixed0" to "mixed10") after a plain stem. Version 3 factorises large
kernels: a 5x5 becomes two 3x3 convolutions, and a 7x7 becomes a 1x7 followed by a 7x1, which
costs 2·7 instead of 49 weights per channel pair. Every convolution has no bias and is followed by
a BatchNorm with ``scale=False`` (no gamma: the ReLU after it makes a scale redundant), so Keras
counts 1 trainable and 2 non-trainable numbers per channel: 23,851,784 in all, 34,432 of them
non-trainable. torchvision's build adds an auxiliary classifier and gamma; it is not this one.
"""
from __future__ import annotations

from .._validate import positive_int
from ..layers import (Activation, AveragePooling2D, BatchNormalization, Concatenate, Conv2D, Dense,
                      GlobalAveragePooling2D, Input, MaxPooling2D, Model)
from ..layers.graph import Tensor


def conv_bn(x: Tensor, filters: int, kernel: tuple[int, int], strides: int = 1, padding: str = "same") -> Tensor:
    """Keras's ``conv2d_bn``: a bias-free convolution, BatchNorm without gamma, ReLU.

    The layers are left unnamed, as Keras leaves them: the summary numbers them conv2d, conv2d_1, ...
    """
    x = Conv2D(filters, kernel, strides=strides, padding=padding, use_bias=False)(x)
    return Activation("relu")(BatchNormalization(scale=False)(x))


def pool_branch(x: Tensor, filters: int) -> Tensor:
    """A 3x3 average pool that keeps the size, then a 1x1 convolution."""
    return conv_bn(AveragePooling2D(3, strides=1, padding="same")(x), filters, (1, 1))


def module_a(x: Tensor, pool_filters: int, name: str) -> Tensor:
    """35x35: 1x1; 1x1 then 5x5; 1x1 then two 3x3; pool then 1x1."""
    one = conv_bn(x, 64, (1, 1))
    five = conv_bn(conv_bn(x, 48, (1, 1)), 64, (5, 5))
    three = conv_bn(conv_bn(conv_bn(x, 64, (1, 1)), 96, (3, 3)), 96, (3, 3))
    return Concatenate(name=name)([one, five, three, pool_branch(x, pool_filters)])


def reduction_a(x: Tensor) -> Tensor:
    """35x35 to 17x17: a stride-2 3x3; 1x1, 3x3, stride-2 3x3; a stride-2 max pool."""
    three = conv_bn(x, 384, (3, 3), strides=2, padding="valid")
    double = conv_bn(conv_bn(x, 64, (1, 1)), 96, (3, 3))
    double = conv_bn(double, 96, (3, 3), strides=2, padding="valid")
    return Concatenate(name="mixed3")([three, double, MaxPooling2D(3, strides=2)(x)])


def module_b(x: Tensor, width: int, name: str) -> Tensor:
    """17x17 with factorised 7x7 kernels (1x7 then 7x1), ``width`` channels inside the 7x7 branches."""
    one = conv_bn(x, 192, (1, 1))
    seven = conv_bn(conv_bn(conv_bn(x, width, (1, 1)), width, (1, 7)), 192, (7, 1))
    double = conv_bn(x, width, (1, 1))
    for filters, kernel in ((width, (7, 1)), (width, (1, 7)), (width, (7, 1)), (192, (1, 7))):
        double = conv_bn(double, filters, kernel)
    return Concatenate(name=name)([one, seven, double, pool_branch(x, 192)])


def reduction_b(x: Tensor) -> Tensor:
    """17x17 to 8x8: 1x1 then stride-2 3x3; 1x1, 1x7, 7x1, stride-2 3x3; a stride-2 max pool."""
    three = conv_bn(conv_bn(x, 192, (1, 1)), 320, (3, 3), strides=2, padding="valid")
    seven = conv_bn(conv_bn(conv_bn(x, 192, (1, 1)), 192, (1, 7)), 192, (7, 1))
    seven = conv_bn(seven, 192, (3, 3), strides=2, padding="valid")
    return Concatenate(name="mixed8")([three, seven, MaxPooling2D(3, strides=2)(x)])


def module_c(x: Tensor, name: str) -> Tensor:
    """8x8 with split 3x3 kernels: a 1x3 and a 3x1 side by side on the same input, concatenated."""
    one = conv_bn(x, 320, (1, 1))
    three = conv_bn(x, 384, (1, 1))
    three = Concatenate(name=f"{name}_split")([conv_bn(three, 384, (1, 3)), conv_bn(three, 384, (3, 1))])
    double = conv_bn(conv_bn(x, 448, (1, 1)), 384, (3, 3))
    double = Concatenate(name=f"{name}_double_split")([conv_bn(double, 384, (1, 3)),
                                                       conv_bn(double, 384, (3, 1))])
    return Concatenate(name=name)([one, three, double, pool_branch(x, 192)])


def inception_v3(classes: int = 1000) -> Model:
    """InceptionV3 on 299x299x3 as Keras builds it (count with convention="keras"): 23,851,784 parameters."""
    classes = positive_int("inception_v3", "classes", classes)
    image = Input((299, 299, 3), name="input")
    x = conv_bn(image, 32, (3, 3), strides=2, padding="valid")
    x = conv_bn(conv_bn(x, 32, (3, 3), padding="valid"), 64, (3, 3))
    x = conv_bn(MaxPooling2D(3, strides=2)(x), 80, (1, 1), padding="valid")
    x = MaxPooling2D(3, strides=2)(conv_bn(x, 192, (3, 3), padding="valid"))
    for number, pool_filters in enumerate((32, 64, 64)):
        x = module_a(x, pool_filters, f"mixed{number}")
    x = reduction_a(x)
    for number, width in zip(range(4, 8), (128, 160, 160, 192)):
        x = module_b(x, width, f"mixed{number}")
    x = module_c(module_c(reduction_b(x), "mixed9"), "mixed10")
    x = Dense(classes, activation="softmax", name="predictions")(GlobalAveragePooling2D(name="avg_pool")(x))
    return Model(image, x, name="inception_v3")
