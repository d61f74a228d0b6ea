"""The plain stacks: convolutions, pooling, then dense layers. No shortcuts, no normalisation.

Each builder follows the published architecture layer for layer, so counting it gives the
figures the papers and frameworks print. Names follow Keras's automatic names, or the
framework's own where the model comes from one (torchvision's AlexNet and VGG16).
"""
from __future__ import annotations

from .._validate import positive_int
from ..layers import (AdaptiveAvgPool2D, AveragePooling2D, Conv2D, Dense, Dropout, Flatten, Input,
                      MaxPooling2D)
from ..layers.base import Layer
from ..layers import Sequential


def mnist_convnet() -> Sequential:
    """The classic Keras MNIST example: two 3x3 convolutions, pooling, then two dense layers (1,199,882)."""
    return Sequential([
        Input((28, 28, 1)),
        Conv2D(32, 3, activation="relu"),
        Conv2D(64, 3, activation="relu"),
        MaxPooling2D(2),
        Flatten(),
        Dense(128, activation="relu"),
        Dense(10, activation="softmax"),
    ])


def lenet5() -> Sequential:
    """LeCun et al. (1998) on 32x32 digits, with C3 fully connected to S2's six maps (61,706).

    The paper wires each of C3's 16 maps to a chosen subset of S2's 6 maps (1,516 parameters
    instead of 2,416) and gives each map of S2 and S4 a trainable scale and bias; this common
    simplification keeps every connection and uses plain average pooling. C5 is a 5x5 convolution on a 5x5 map,
    so it sees the whole map, exactly as a dense layer would.
    """
    return Sequential([
        Input((32, 32, 1)),
        Conv2D(6, 5, activation="tanh", name="c1"),
        AveragePooling2D(2, name="s2"),
        Conv2D(16, 5, activation="tanh", name="c3"),
        AveragePooling2D(2, name="s4"),
        Conv2D(120, 5, activation="tanh", name="c5"),
        Flatten(name="flatten"),
        Dense(84, activation="tanh", name="f6"),
        Dense(10, activation="softmax", name="output"),
    ])


def _classifier(units: tuple[int, ...], classes: int, dropout_first: bool) -> list[Layer]:
    """torchvision's classifier head: Linear layers with ReLU, Dropout(0.5) around the hidden ones."""
    layers: list[Layer] = []
    for position, width in enumerate(units):
        if dropout_first:
            layers.append(Dropout(0.5, name=f"classifier.drop{position}"))
        layers.append(Dense(width, activation="relu", name=f"classifier.fc{position}"))
        if not dropout_first:
            layers.append(Dropout(0.5, name=f"classifier.drop{position}"))
    return layers + [Dense(classes, name="classifier.out")]


def alexnet(classes: int = 1000) -> Sequential:
    """torchvision's AlexNet (the one-GPU variant of "One weird trick", 2014): 61,100,840 on 224x224x3.

    Its AdaptiveAvgPool2d makes the classifier see 6x6x256 for any image size; at 224x224 the
    features are already 6x6, so it changes nothing. The 2012 paper's two-GPU network differs
    (96 first-layer filters, split convolutions) and is often quoted on 227x227 inputs.
    """
    classes = positive_int("alexnet", "classes", classes)

    def conv(filters: int, kernel: int, position: int, **options) -> Conv2D:
        return Conv2D(filters, kernel, activation="relu", name=f"features.conv{position}", **options)

    def pool(position: int) -> MaxPooling2D:
        return MaxPooling2D(3, strides=2, name=f"features.pool{position}")

    return Sequential([
        Input((224, 224, 3)),
        conv(64, 11, 1, strides=4, padding=2), pool(1),
        conv(192, 5, 2, padding=2), pool(2),
        conv(384, 3, 3, padding=1),
        conv(256, 3, 4, padding=1),
        conv(256, 3, 5, padding=1), pool(3),
        AdaptiveAvgPool2D(6, name="avgpool"),
        Flatten(name="flatten"),
        *_classifier((4096, 4096), classes, dropout_first=True),
    ])


VGG16_BLOCKS = ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3))
"""(filters, how many 3x3 convolutions) of each of VGG16's five blocks; each block ends in a 2x2 max pool."""


def vgg16(classes: int = 1000) -> Sequential:
    """VGG16 (Simonyan and Zisserman, 2014; configuration D) as torchvision builds it: 138,357,544.

    Thirteen 3x3 convolutions with padding 1 in five blocks, then three dense layers. Keras's
    VGG16 has the same layers and the same count (it flattens directly, without the adaptive pool).
    """
    classes = positive_int("vgg16", "classes", classes)
    layers: list[Layer] = [Input((224, 224, 3))]
    for block, (filters, convolutions) in enumerate(VGG16_BLOCKS, start=1):
        layers += [Conv2D(filters, 3, padding=1, activation="relu", name=f"block{block}_conv{i}")
                   for i in range(1, convolutions + 1)]
        layers.append(MaxPooling2D(2, name=f"block{block}_pool"))
    layers += [AdaptiveAvgPool2D(7, name="avgpool"), Flatten(name="flatten")]
    return Sequential(layers + _classifier((4096, 4096), classes, dropout_first=False))
