"""Explorers: ipywidgets views that wire controls to the package's math and figures."""
from .explorer import Explorer
from .neuron import NeuronExplorer, neuron_explorer

EXPLORERS = {
    "neuron_explorer": neuron_explorer,
}
"""Every explorer by name; the latency benchmark and the widget tests walk this dict."""

__all__ = ["EXPLORERS", "Explorer", "NeuronExplorer", "neuron_explorer"]
