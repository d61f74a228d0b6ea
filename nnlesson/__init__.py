"""nnlesson: see neurons compute, and count the neurons and parameters of whole networks.

The math lives in plain NumPy modules (neuron, activations, layers, counting, train, ...);
``plots`` draws their results and ``widgets`` wires them to sliders for the notebooks.
"""
from . import activations, data, layers
from .layers import Model, Sequential
from .neuron import neuron

__version__ = "0.1.0"
__all__ = ["Model", "Sequential", "activations", "data", "layers", "neuron"]
