"""Layer specs with Keras names. They count parameters, neurons and MACs; they never hold weights."""
from .base import Counts, Layer
from .composite import Bidirectional, Residual
from .conv import (Conv1D, Conv2D, Conv2DTranspose, Convolution1D, Convolution2D, DepthwiseConv2D,
                   SeparableConv2D)
from .core import Activation, Dense, Dropout, Embedding, Flatten, Input, Reshape, ZeroPadding2D
from .normalization import BatchNormalization, LayerNormalization
from .pooling import (AdaptiveAveragePooling2D, AdaptiveAvgPool2D, AveragePooling1D, AveragePooling2D,
                      AvgPool1D, AvgPool2D, GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalAvgPool1D,
                      GlobalAvgPool2D, GlobalMaxPool1D, GlobalMaxPool2D, GlobalMaxPooling1D, GlobalMaxPooling2D,
                      MaxPool1D, MaxPool2D, MaxPooling1D, MaxPooling2D)
from .recurrent import GRU, LSTM, SimpleRNN

__all__ = [
    "Layer", "Counts", "Input", "Dense", "Flatten", "Reshape", "Dropout", "Activation", "Embedding",
    "ZeroPadding2D", "Conv1D", "Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose",
    "Convolution1D", "Convolution2D", "MaxPooling1D", "MaxPooling2D", "AveragePooling1D",
    "AveragePooling2D", "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling1D",
    "GlobalMaxPooling2D", "MaxPool1D", "MaxPool2D", "AvgPool1D", "AvgPool2D", "GlobalAvgPool1D",
    "GlobalAvgPool2D", "GlobalMaxPool1D", "GlobalMaxPool2D", "AdaptiveAveragePooling2D", "AdaptiveAvgPool2D",
    "BatchNormalization", "LayerNormalization",
    "SimpleRNN", "LSTM", "GRU", "Bidirectional", "Residual",
]
