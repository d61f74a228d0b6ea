"""Explorers: ipywidgets views that wire controls to the package's math and figures.

One file per explorer, named like its math module and its figures (``neuron.py`` here,
``nnlesson/neuron.py``, ``plots/neuron.py``); ``explorer.py`` is the base class every one
builds on, ``controls.py`` and ``html.py`` the controls and readout pieces they share.
A new explorer adds one line to ``EXPLORERS``.
"""
from .explorer import Explorer
from .neuron import NeuronExplorer, neuron_explorer
from .activation import activation_explorer
from .dead_relu import dead_relu_explorer
from .decision_boundary import decision_boundary_explorer
from .vanishing_gradient import vanishing_gradient_explorer
from .conv import conv_explorer
from .mlp import mlp_explorer
from .model_builder import model_builder
from .overfitting import overfitting_explorer
from .capacity import capacity_explorer
from .budget import budget_explorer
from .filters import filters_explorer
from .branches import branches_explorer
from .attention import attention_explorer
from .llm_memory import llm_memory_explorer

EXPLORERS = {
    "neuron_explorer": neuron_explorer,
    "decision_boundary_explorer": decision_boundary_explorer,
    "activation_explorer": activation_explorer,
    "vanishing_gradient_explorer": vanishing_gradient_explorer,
    "dead_relu_explorer": dead_relu_explorer,
    "mlp_explorer": mlp_explorer,
    "conv_explorer": conv_explorer,
    "model_builder": model_builder,
    "overfitting_explorer": overfitting_explorer,
    "capacity_explorer": capacity_explorer,
    "budget_explorer": budget_explorer,
    "filters_explorer": filters_explorer,
    "branches_explorer": branches_explorer,
    "attention_explorer": attention_explorer,
    "llm_memory_explorer": llm_memory_explorer,
}
"""Every explorer by name; the latency benchmark and the widget tests walk this dict."""

__all__ = ["EXPLORERS", "Explorer", "NeuronExplorer", "activation_explorer", "attention_explorer", "branches_explorer", "budget_explorer", "capacity_explorer", "conv_explorer",
           "dead_relu_explorer", "decision_boundary_explorer", "filters_explorer", "llm_memory_explorer", "mlp_explorer", "model_builder", "neuron_explorer",
           "overfitting_explorer", "vanishing_gradient_explorer"]
