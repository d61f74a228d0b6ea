"""Figures: turn the package's results into matplotlib figures; no new math here."""
from .conv_grid import ConvGridPanel
from .capacity import CapacityPanel
from .growth import GrowthFigures
from .live import LiveFigure
from .loss_curves import LossCurvesPanel
from .network import NetworkDiagram
from .prediction import PredictionPanel
from .neuron import ActivationPanel, ContributionsPanel, NeuronFigure
from .shares import ParameterShares
from .style import PALETTE

__all__ = ["ActivationPanel", "ContributionsPanel", "ConvGridPanel", "GrowthFigures", "LiveFigure", "NetworkDiagram",
           "NeuronFigure", "PALETTE", "ParameterShares",
           "CapacityPanel", "LossCurvesPanel", "PredictionPanel"]
