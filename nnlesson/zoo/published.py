"""What the frameworks and papers print for each zoo model, to check the package's counts against.

Parameter counts are exact: torchvision's ``num_params`` in each model's weights metadata,
Keras's ``model.summary()``. ``gmacs`` is torchvision's "GFLOPS" column (its ``_ops``
metadata), which counts multiply-accumulates of one 224x224x3 image (299x299x3 for InceptionV3),
to three decimals.

The transformers are apart, in ``PUBLISHED_TRANSFORMERS`` (lessons 04 and 07 walk ``PUBLISHED``): their totals
are those of the Hugging Face builds (``sum(p.numel() for p in model.parameters())``, which counts a tied
matrix once), with the parameters one token uses (``active``) and the total with a tied head counted apart
(``untied``) where these differ from it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Callable

from ..layers import Model, Sequential
from .classic import alexnet, lenet5, mnist_convnet, vgg16
from .configs import CONFIGS
from .convnext import convnext_tiny
from .densenet import densenet121
from .efficientnet import efficientnet_b0
from .googlenet import googlenet
from .inception_v3 import inception_v3
from .mobilenet import mobilenet_v2
from .mobilenet_v3 import mobilenet_v3_small
from .resnet import resnet18, resnet50
from .squeezenet import squeezenet1_0
from .transformers import from_config


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
    active: int | None = None
    """Parameters used for one token, where a mixture of experts leaves some idle."""
    untied: int | None = None
    """The total with a tied output head counted as a matrix of its own."""


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

def preset(name: str) -> Callable[[], Model]:
    """What builds ``CONFIGS[name]``: ``from_config`` on the published config, named after it."""
    return partial(from_config, CONFIGS[name], name)


PUBLISHED_TRANSFORMERS = (
    Published("GPT-2 small", preset("GPT-2 small"), "pytorch", 124_439_808, 0, None,
              "Hugging Face GPT2LMHeadModel, openai-community/gpt2", untied=163_037_184),
    Published("BERT-base", preset("BERT-base"), "pytorch", 109_482_240, 0, None,
              "Hugging Face BertModel, google-bert/bert-base-uncased (108,891,648 without the pooler)"),
    Published("ViT-B/16", preset("ViT-B/16"), "pytorch", 86_567_656, 0, None,
              "Hugging Face ViTForImageClassification, google/vit-base-patch16-224"),
    Published("Llama-3-8B", preset("Llama-3-8B"), "pytorch", 8_030_261_248, 0, None, "meta-llama/Meta-Llama-3-8B"),
    Published("Mistral-7B", preset("Mistral-7B"), "pytorch", 7_241_732_096, 0, None, "mistralai/Mistral-7B-v0.1"),
    Published("Mixtral-8x7B", preset("Mixtral-8x7B"), "pytorch", 46_702_792_704, 0, None,
              "mistralai/Mixtral-8x7B-v0.1; active per token: Jiang et al. 2024 (arXiv 2401.04088)",
              active=12_879_925_248),
    Published("Qwen2-0.5B", preset("Qwen2-0.5B"), "pytorch", 494_032_768, 0, None, "Qwen/Qwen2-0.5B",
              untied=630_167_424),
    Published("Qwen2-7B", preset("Qwen2-7B"), "pytorch", 7_615_616_512, 0, None, "Qwen/Qwen2-7B"),
)
"""The transformers of ``CONFIGS`` with their published totals, built by ``from_config``."""
