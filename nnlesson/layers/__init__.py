"""The counting engine: layer specs with Keras names, ``Sequential`` stacks and functional ``Model`` graphs,
and the ``Summary`` they produce.

A layer counts parameters, neurons and MACs from its input shape; it never holds weights.
Every count in the package, in every lesson and explorer, comes from a layer's ``row()``.
Adding a layer: one class in the file of its family, a test, and one line below
(docs/AUTHORING.md walks through it).
"""
from .attention import GroupedQueryAttention, GroupQueryAttention, MultiHeadAttention
from .base import Counts, Layer
from .composite import Bidirectional, Residual
from .conv import (Conv1D, Conv2D, Conv2DTranspose, Convolution1D, Convolution2D, DepthwiseConv2D,
                   SeparableConv2D)
from .core import Activation, Dense, Dropout, Embedding, Input
from .graph import Model, Tensor
from .merge import Add, Average, Concatenate, Maximum, Merge, Minimum, Multiply, Subtract
from .normalization import (BatchNormalization, LayerNormalization, LayerScale, Normalization, Rescaling,
                            RMSNormalization)
from .pooling import (AdaptiveAveragePooling2D, AdaptiveAvgPool2D, AveragePooling1D, AveragePooling2D,
                      AvgPool1D, AvgPool2D, GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalAvgPool1D,
                      GlobalAvgPool2D, GlobalMaxPool1D, GlobalMaxPool2D, GlobalMaxPooling1D, GlobalMaxPooling2D,
                      MaxPool1D, MaxPool2D, MaxPooling1D, MaxPooling2D)
from .recurrent import GRU, LSTM, SimpleRNN
from .reshaping import Cropping2D, Flatten, Reshape, ZeroPadding2D
from .sequential import Sequential
from .summary import Row, Summary, format_bytes, format_count

__all__ = [
    "Layer", "Counts", "Input", "Dense", "Flatten", "Reshape", "Dropout", "Activation", "Embedding",
    "ZeroPadding2D", "Cropping2D", "Conv1D", "Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose",
    "Convolution1D", "Convolution2D", "MaxPooling1D", "MaxPooling2D", "AveragePooling1D",
    "AveragePooling2D", "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling1D",
    "GlobalMaxPooling2D", "MaxPool1D", "MaxPool2D", "AvgPool1D", "AvgPool2D", "GlobalAvgPool1D",
    "GlobalAvgPool2D", "GlobalMaxPool1D", "GlobalMaxPool2D", "AdaptiveAveragePooling2D", "AdaptiveAvgPool2D",
    "BatchNormalization", "LayerNormalization", "RMSNormalization", "LayerScale", "Normalization", "Rescaling",
    "SimpleRNN", "LSTM", "GRU", "Bidirectional", "Residual",
    "MultiHeadAttention", "GroupQueryAttention", "GroupedQueryAttention",
    "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Merge",
    "Sequential", "Model", "Tensor", "Summary", "Row", "format_count", "format_bytes",
]
