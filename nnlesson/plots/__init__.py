"""Figures: turn the package's results into matplotlib figures; no new math here."""
from .live import LiveFigure
from .neuron import ActivationPanel, ContributionsPanel, NeuronFigure
from .style import PALETTE

__all__ = ["ActivationPanel", "ContributionsPanel", "LiveFigure", "NeuronFigure", "PALETTE"]
