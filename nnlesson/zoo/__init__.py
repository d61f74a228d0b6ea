"""A model zoo counted without weights: famous networks as ``Sequential`` stacks of nnlesson layers.

Every builder returns the published architecture, so ``.summary()`` reproduces the totals the
frameworks print, in milliseconds, without allocating a single weight. ``PUBLISHED`` lists
those totals and which counting convention each one follows.
"""
from .classic import alexnet, lenet5, mnist_convnet, vgg16
from .mobilenet import inverted_residual, mobilenet_v2
from .published import PUBLISHED, Published
from .resnet import bottleneck, resnet50

__all__ = ["PUBLISHED", "Published", "alexnet", "bottleneck", "inverted_residual", "lenet5", "mnist_convnet",
           "mobilenet_v2", "resnet50", "vgg16"]
