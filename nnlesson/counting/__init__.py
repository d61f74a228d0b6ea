"""Lesson analyses built on the counting engine (``nnlesson.layers``); none re-derives a layer's formula.

``mlp``: the one MLP builder, per-layer counts and growth (lesson 03, the mlp explorer).
``conv``: one Conv2D layer, its kernel placements and the dense comparison (the conv explorer).
``model_builder``: the model builder's layer menu. ``shares``: where a model's parameters sit.
``memory``: bytes to store a model and, roughly, to train it.
"""
from .conv import ConvReport, conv_report, dense_equivalent
from .memory import TrainingMemory, training_memory
from .mlp import (DenseCount, Growth, GrowthPoint, MLPReport, check_sizes, dense_counts, growth_with_depth,
                  growth_with_width, mlp, mlp_growth, mlp_report, scale_hidden)
from .model_builder import CHOICES, MNIST_CONVNET, OUTPUTS, SIZED, ModelReport, build, make_layer, model_report, zoo_report
from .shares import dense_share, largest_shares, parameter_shares, stage_params

__all__ = ["CHOICES", "ConvReport", "DenseCount", "Growth", "GrowthPoint", "MLPReport", "MNIST_CONVNET", "ModelReport", "OUTPUTS",
           "SIZED", "TrainingMemory", "build", "check_sizes", "conv_report", "dense_counts", "dense_equivalent",
           "dense_share", "growth_with_depth", "growth_with_width", "largest_shares", "make_layer", "mlp", "mlp_growth",
           "mlp_report", "model_report", "zoo_report", "parameter_shares", "scale_hidden", "stage_params", "training_memory"]
