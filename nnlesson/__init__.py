"""nnlesson: see neurons compute, and count the neurons and parameters of whole networks.

The math lives in plain NumPy modules (neuron, activations, layers, counting, train, ...);
``plots`` draws their results and ``widgets`` wires them to sliders for the notebooks.
"""
from . import activations, data, export, layers
from .layers import Model, Sequential
from .neuron import neuron

# model.to_keras_code() and model.to_pytorch_code() use the code writers of nnlesson.export, plugged in
# here: the export builds on the layers, and the layers never import it.
layers.code_writers.WRITERS.update(keras=export.to_keras_code, pytorch=export.to_pytorch_code)

__version__ = "0.1.0"
__all__ = ["Model", "Sequential", "activations", "data", "export", "layers", "neuron"]
