"""Training a small network in plain NumPy: model, losses, optimizers, regularisers, the loop.

    from nnlesson import data, train
    d = data.make("moons", n=300, noise=0.2)
    model = train.MLP([2, 64, 64, 1], activation="relu", seed=0)
    history = train.fit(model, d, epochs=300, lr=0.01, optimizer="adam")
    train.diagnose(history).verdict     # 'underfitting', 'good fit' or 'overfitting'

Each module holds one idea and reads top to bottom: ``network`` (the MLP, forward and
backward), ``trainable`` (what ``fit`` asks of a network: the MLP and ``convnet`` both have it),
``losses``, ``optimizers``, ``regularizers``, ``fit`` (the loop), ``diagnose``
(reading the curves), ``surface`` (predictions on a grid, for pictures), ``pruning``, and the
two training explorers' math: ``overfitting`` (one run of the lab) and ``capacity`` (many widths).
"""
from . import losses, optimizers, regularizers
from .diagnose import Diagnosis, diagnose
from .fit import evaluate, fit, predict
from .history import History
from .network import MLP, TRAINABLE_ACTIVATIONS, layer_sizes_for, mlp_for
from .pruning import prune
from .surface import Surface, surface
from .capacity import CapacityCurve, CapacityPoint, capacity_sweep
from .convnet import ConvNet
from .trainable import Trainable

__all__ = ["CapacityCurve", "CapacityPoint", "ConvNet", "Diagnosis", "History", "MLP", "Surface",
           "TRAINABLE_ACTIVATIONS", "Trainable", "capacity_sweep", "diagnose", "evaluate", "fit", "layer_sizes_for",
           "losses", "mlp_for", "optimizers", "predict", "prune", "regularizers", "surface"]
