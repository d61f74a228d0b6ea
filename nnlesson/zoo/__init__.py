"""A model zoo counted without weights: famous networks as ``Sequential`` stacks or functional ``Model`` graphs,
and transformers built from their Hugging Face ``config.json`` (``from_config``, ``CONFIGS``).

Every builder returns the published architecture, so ``.summary()`` reproduces the totals the
frameworks print, in milliseconds, without allocating a single weight. ``PUBLISHED`` lists
those totals and which counting convention each one follows.
"""
from .architecture import Architecture
from .classic import alexnet, lenet5, mnist_convnet, vgg16
from .config_readers import architecture
from .configs import CONFIGS
from .convnext import convnext_block, convnext_tiny
from .densenet import densenet121
from .efficientnet import efficientnet_b0, mbconv
from .googlenet import googlenet
from .inception_v3 import inception_v3
from .mobilenet import inverted_residual, mobilenet_v2
from .mobilenet_v3 import mobilenet_v3_small
from .published import PUBLISHED, PUBLISHED_TRANSFORMERS, Published
from .resnet import basic_block, bottleneck, resnet18, resnet50
from .squeeze_excite import squeeze_excite
from .squeezenet import squeezenet1_0
from .transformers import from_config

__all__ = ["Architecture", "CONFIGS", "PUBLISHED", "PUBLISHED_TRANSFORMERS", "Published", "alexnet", "architecture",
           "basic_block", "bottleneck", "convnext_block", "convnext_tiny", "densenet121", "efficientnet_b0",
           "from_config", "googlenet", "inception_v3", "inverted_residual", "lenet5", "mbconv", "mnist_convnet",
           "mobilenet_v2", "mobilenet_v3_small", "resnet18", "resnet50", "squeeze_excite", "squeezenet1_0", "vgg16"]
