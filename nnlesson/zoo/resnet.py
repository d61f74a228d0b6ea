"""ResNet-50 (He et al., 2015) in its two best-known builds: torchvision's and Keras's.

Both stack 16 bottleneck blocks in four stages after a 7x7 stem. They differ in three ways
that change the counts, and the builders below keep each difference visible:

* torchvision's convolutions have no bias (the BatchNorm after each one has its own shift);
  Keras's do, adding one number per output channel: 26,560 more parameters.
* Keras counts BatchNorm's moving mean and variance as non-trainable parameters (53,120);
  PyTorch keeps them as buffers, outside ``parameters()``. Count the torchvision build with
  ``convention="pytorch"`` and the Keras build with ``convention="keras"``.
* torchvision strides in the 3x3 convolution ("ResNet v1.5"), Keras in the first 1x1 (the
  paper's v1): the same parameters, but v1.5 does more multiply-accumulates.
"""
from __future__ import annotations

from .._validate import one_of, positive_int
from ..layers import (Activation, AdaptiveAvgPool2D, BatchNormalization, Conv2D, Dense, Flatten,
                      GlobalAveragePooling2D, Input, MaxPooling2D, Residual, ZeroPadding2D)
from ..layers.base import CONVENTIONS, Layer
from ..layers import Sequential

STAGES = ((64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2))
"""(bottleneck width, blocks, stride of the first block) of each stage; a block outputs 4 x width channels."""

NAMES = {
    "pytorch": {"conv": "{block}.conv{i}", "bn": "{block}.bn{i}", "relu": "{block}.relu{i}",
                    "shortcut_conv": "{block}.downsample.0", "shortcut_bn": "{block}.downsample.1",
                    "add": "{block}", "out": "{block}.relu"},
    "keras": {"conv": "{block}_{i}_conv", "bn": "{block}_{i}_bn", "relu": "{block}_{i}_relu",
              "shortcut_conv": "{block}_0_conv", "shortcut_bn": "{block}_0_bn",
              "add": "{block}_add", "out": "{block}_out"},
}
"""How each framework names the layers of a block, so a summary reads like the framework's own."""


def bottleneck(width: int, stride: int, project: bool, convention: str, block: str) -> list[Layer]:
    """One bottleneck block: 1x1 down to ``width``, 3x3, 1x1 up to 4 x width, plus the shortcut, then ReLU.

    ``project`` gives the shortcut a strided 1x1 convolution and BatchNorm (the first block of
    each stage, where the shape changes); otherwise the input is added unchanged.
    """
    keras = convention == "keras"
    name = {key: pattern.replace("{block}", block) for key, pattern in NAMES[convention].items()}
    strides = (stride, 1) if keras else (1, stride)  # where the block downsamples: 1x1 (v1) or 3x3 (v1.5)

    def conv(filters: int, kernel: int, strides: int, i: int) -> list[Layer]:
        padding = ("same" if keras else 1) if kernel == 3 else "valid"
        return [Conv2D(filters, kernel, strides=strides, padding=padding, use_bias=keras,
                       name=name["conv"].format(i=i)),
                BatchNormalization(name=name["bn"].format(i=i))]

    main = [*conv(width, 1, strides[0], 1), Activation("relu", name=name["relu"].format(i=1)),
            *conv(width, 3, strides[1], 2), Activation("relu", name=name["relu"].format(i=2)),
            *conv(4 * width, 1, 1, 3)]
    shortcut = None
    if project:
        shortcut = [Conv2D(4 * width, 1, strides=stride, use_bias=keras, name=name["shortcut_conv"]),
                    BatchNormalization(name=name["shortcut_bn"])]
    return [Residual(main, shortcut, name=name["add"]), Activation("relu", name=name["out"])]


def _stem(convention: str) -> list[Layer]:
    """7x7 convolution with stride 2, BatchNorm, ReLU and a 3x3 max pool with stride 2: 224 -> 56."""
    if convention == "keras":
        return [ZeroPadding2D(3, name="conv1_pad"), Conv2D(64, 7, strides=2, name="conv1_conv"),
                BatchNormalization(name="conv1_bn"), Activation("relu", name="conv1_relu"),
                ZeroPadding2D(1, name="pool1_pad"), MaxPooling2D(3, strides=2, name="pool1_pool")]
    return [Conv2D(64, 7, strides=2, padding=3, use_bias=False, name="conv1"),
            BatchNormalization(name="bn1"), Activation("relu", name="relu"),
            MaxPooling2D(3, strides=2, padding=1, name="maxpool")]


def _head(convention: str, classes: int) -> list[Layer]:
    """Average each of the 2,048 final maps to one number, then one dense layer to the classes."""
    if convention == "keras":
        return [GlobalAveragePooling2D(name="avg_pool"),
                Dense(classes, activation="softmax", name="predictions")]
    return [AdaptiveAvgPool2D(1, name="avgpool"), Flatten(name="flatten"), Dense(classes, name="fc")]


def _block_name(convention: str, stage: int, block: int) -> str:
    return f"conv{stage + 2}_block{block + 1}" if convention == "keras" else f"layer{stage + 1}.{block}"


def resnet50(convention: str = "pytorch", classes: int = 1000) -> Sequential:
    """ResNet-50 on 224x224x3 as ``convention``'s framework builds it ('pytorch' or 'keras').

    torchvision (count with convention="pytorch"): 25,557,032 parameters.
    Keras (count with convention="keras"): 25,636,712, of which 53,120 non-trainable.
    """
    classes = positive_int("resnet50", "classes", classes)
    one_of("resnet50", "convention", convention, CONVENTIONS)
    layers: list[Layer] = [Input((224, 224, 3)), *_stem(convention)]
    for stage, (width, blocks, stride) in enumerate(STAGES):
        for block in range(blocks):
            first = block == 0
            layers += bottleneck(width, stride if first else 1, project=first, convention=convention,
                                 block=_block_name(convention, stage, block))
    return Sequential(layers + _head(convention, classes))


def basic_block(width: int, stride: int, project: bool, block: str) -> list[Layer]:
    """ResNet-18's block as torchvision builds it: two 3x3 convolutions with BatchNorm, plus the shortcut, then ReLU.

    ``project`` gives the shortcut a strided 1x1 convolution and BatchNorm, where the shape changes.
    """
    main = [Conv2D(width, 3, strides=stride, padding=1, use_bias=False, name=f"{block}.conv1"),
            BatchNormalization(name=f"{block}.bn1"), Activation("relu", name=f"{block}.relu1"),
            Conv2D(width, 3, padding=1, use_bias=False, name=f"{block}.conv2"), BatchNormalization(name=f"{block}.bn2")]
    shortcut = None
    if project:
        shortcut = [Conv2D(width, 1, strides=stride, use_bias=False, name=f"{block}.downsample.0"),
                    BatchNormalization(name=f"{block}.downsample.1")]
    return [Residual(main, shortcut, name=block), Activation("relu", name=f"{block}.relu")]


def resnet18(classes: int = 1000) -> Sequential:
    """ResNet-18 on 224x224x3, as torchvision builds it: 11,689,512 parameters (count with convention="pytorch").

    Four stages of two basic blocks (64, 128, 256, 512 channels) after the same stem as ResNet-50.
    """
    classes = positive_int("resnet18", "classes", classes)
    layers: list[Layer] = [Input((224, 224, 3)), *_stem("pytorch")]
    for stage, width in enumerate((64, 128, 256, 512)):
        for block in range(2):
            stride = 2 if stage and not block else 1
            layers += basic_block(width, stride, project=stride != 1, block=f"layer{stage + 1}.{block}")
    return Sequential(layers + _head("pytorch", classes))
