"""Figures: turn the package's results into matplotlib figures; no new math here.

One file per explorer, named like it (``plots/neuron.py`` draws for ``widgets/neuron.py``).
Every figure an explorer shows is a ``Panel`` (``panel.py``), drawn fast by ``LiveFigure``
(``live.py``); ``style.py`` holds the fonts, sizes and looks, with colours from the palette.
"""
from .activation import CurvesFigure, catalogue_figure
from .capacity import CapacityPanel
from .conv import ConvGridPanel
from .dead_relu import DeadFractionPanel, PreactivationPanel
from .decision_boundary import DecisionPanel, network_figure
from .live import LiveFigure
from .mlp import GrowthFigures, NetworkDiagram
from .model_builder import ParameterShares
from .neuron import ActivationPanel, ContributionsPanel, NeuronFigure
from .overfitting import LossCurvesPanel, PredictionPanel
from .panel import Panel
from .style import PALETTE
from .vanishing_gradient import GradientPanel

__all__ = ["ActivationPanel", "CapacityPanel", "ContributionsPanel", "ConvGridPanel", "CurvesFigure",
           "DeadFractionPanel", "DecisionPanel", "GradientPanel", "GrowthFigures", "LiveFigure", "LossCurvesPanel",
           "NetworkDiagram", "NeuronFigure", "PALETTE", "Panel", "ParameterShares", "PredictionPanel",
           "PreactivationPanel", "catalogue_figure", "network_figure"]
