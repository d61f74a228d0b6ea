"""A model zoo counted without weights: famous networks as ``Sequential`` stacks or functional ``Model`` graphs.

Every builder returns the published architecture, so ``.summary()`` reproduces the totals the
frameworks print, in milliseconds, without allocating a single weight. ``PUBLISHED`` lists
those totals and which counting convention each one follows.
"""
from .classic import alexnet, lenet5, mnist_convnet, vgg16
from .convnext import convnext_block, convnext_tiny
from .densenet import densenet121
from .googlenet import googlenet
from .mobilenet import inverted_residual, mobilenet_v2
from .published import PUBLISHED, Published
from .resnet import basic_block, bottleneck, resnet18, resnet50
from .squeezenet import squeezenet1_0

__all__ = ["PUBLISHED", "Published", "alexnet", "basic_block", "bottleneck", "convnext_block", "convnext_tiny", "densenet121", "googlenet", "inverted_residual", "lenet5", "mnist_convnet",
           "mobilenet_v2", "resnet18", "resnet50", "squeezenet1_0", "vgg16"]
