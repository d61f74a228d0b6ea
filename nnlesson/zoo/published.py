"""What the frameworks and papers print for each zoo model, to check the package's counts against.

Parameter counts are exact: torchvision's ``num_params`` in each model's weights metadata,
Keras's ``model.summary()``. ``gmacs`` is torchvision's "GFLOPS" column (its ``_ops``
metadata), which counts multiply-accumulates of one 224x224x3 image (299x299x3 for InceptionV3),
to three decimals.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Callable

from ..layers import Model, Sequential
from .classic import alexnet, lenet5, mnist_convnet, vgg16
from .convnext import convnext_tiny
from .densenet import densenet121
from .efficientnet import efficientnet_b0
from .googlenet import googlenet
from .inception_v3 import inception_v3
from .mobilenet import mobilenet_v2
from .mobilenet_v3 import mobilenet_v3_small
from .resnet import resnet18, resnet50
from .squeezenet import squeezenet1_0


@dataclass(frozen=True)
class Published:
    """One model as a source prints it, and how to build and count it with the package."""
    name: str
    build: Callable[[], Sequential | Model]
    convention: str
    params: int
    non_trainable: int
    gmacs: float | None
    source: str


PUBLISHED = (
    Published("MNIST convnet", mnist_convnet, "keras", 1_199_882, 0, None,
              "Keras example 'Simple MNIST convnet' (curriculum table)"),
    Published("LeNet-5", lenet5, "keras", 61_706, 0, None,
              "LeCun et al. 1998, with C3 fully connected"),
    Published("AlexNet", alexnet, "pytorch", 61_100_840, 0, 0.714, "torchvision AlexNet_Weights"),
    Published("VGG16", vgg16, "pytorch", 138_357_544, 0, 15.47, "torchvision VGG16_Weights; Keras VGG16"),
    Published("ResNet-50 (torchvision)", resnet50, "pytorch", 25_557_032, 0, 4.089,
              "torchvision ResNet50_Weights"),
    Published("ResNet-50 (Keras)", partial(resnet50, "keras"), "keras", 25_636_712, 53_120, None,
              "keras.applications.ResNet50 summary"),
    Published("MobileNetV2 (torchvision)", mobilenet_v2, "pytorch", 3_504_872, 0, 0.301,
              "torchvision MobileNet_V2_Weights"),
    Published("MobileNetV2 (Keras)", partial(mobilenet_v2, "keras"), "keras", 3_538_984, 34_112, None,
              "keras.applications.MobileNetV2 summary"),
    Published("ResNet-18 (torchvision)", resnet18, "pytorch", 11_689_512, 0, 1.814, "torchvision ResNet18_Weights"),
    Published("GoogLeNet (torchvision)", googlenet, "pytorch", 6_624_904, 0, 1.498,
              "torchvision GoogLeNet_Weights (without the auxiliary classifiers)"),
    Published("SqueezeNet 1.0 (torchvision)", squeezenet1_0, "pytorch", 1_248_424, 0, 0.819,
              "torchvision SqueezeNet1_0_Weights"),
    Published("DenseNet-121 (torchvision)", densenet121, "pytorch", 7_978_856, 0, 2.834,
              "torchvision DenseNet121_Weights"),
    Published("DenseNet-121 (Keras)", partial(densenet121, "keras"), "keras", 8_062_504, 83_648, None,
              "keras.applications.DenseNet121 summary"),
    Published("ConvNeXt-Tiny (torchvision)", convnext_tiny, "pytorch", 28_589_128, 0, 4.456,
              "torchvision ConvNeXt_Tiny_Weights"),
    Published("ConvNeXt-Tiny (Keras)", convnext_tiny, "keras", 28_589_128, 0, None,
              "keras.applications.ConvNeXtTiny summary"),
    Published("InceptionV3 (Keras)", inception_v3, "keras", 23_851_784, 34_432, 5.713,
              "keras.applications.InceptionV3 summary; MACs: torchvision Inception_V3_Weights, 299x299"),
    Published("EfficientNet-B0 (torchvision)", efficientnet_b0, "pytorch", 5_288_548, 0, 0.386,
              "torchvision EfficientNet_B0_Weights"),
    Published("EfficientNet-B0 (Keras)", partial(efficientnet_b0, "keras"), "keras", 5_330_571, 42_023, None,
              "keras.applications.EfficientNetB0 summary"),
    Published("MobileNetV3-Small (torchvision)", mobilenet_v3_small, "pytorch", 2_542_856, 0, 0.057,
              "torchvision MobileNet_V3_Small_Weights"),
    Published("MobileNetV3-Small (Keras)", partial(mobilenet_v3_small, "keras"), "keras", 2_554_968, 12_112, None,
              "keras.applications.MobileNetV3Small summary"),
)
"""Every zoo model with its published figures, in the order notebook 04 shows them."""
