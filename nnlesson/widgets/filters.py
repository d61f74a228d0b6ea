"""filters_explorer: the first layer of a trained convnet next to the same layer before training.

Choose a validation digit and see what each of the first layer's neurons computes from it: one
feature map per filter, trained above, untrained (the same network at its random start) below.
Each filter is labelled by the edge test of ``train.filters``, so "early layers detect edges"
can be checked, not just believed.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import digits
from ..plots.filters import FiltersPanel
from ..train.budget import budget_run
from ..train.convnet import ConvNet
from ..train.filters import FirstLayer, first_layer
from .controls import ArgumentError, slider, within
from .explorer import Explorer, learner_facing
from .html import lines


@dataclass(frozen=True)
class FiltersView:
    """The chosen digit and both first layers' answers to it."""
    index: int
    label: int
    trained: FirstLayer
    untrained: FirstLayer


class FiltersExplorer(Explorer):
    """First-layer filters and feature maps of ``model`` (by default the notebook's convnet, trained
    on 500 digits) and of the same network untrained."""

    def __init__(self, model: ConvNet | None = None, digit: int = 0):
        if model is not None and not isinstance(model, ConvNet):
            raise ArgumentError("model", model, "the filters explorer looks inside a convnet's first layer: give "
                                "it a trained ConvNet, e.g. budget_run(500, 8).convnet.model")
        self.model = model if model is not None else budget_run(500, 8).convnet.model
        self.start = ConvNet(self.model.spec, seed=self.model.seed)  # the weights it started from
        self.data = digits.split(digits.CLASSES)
        filters = self.model.kernels(0).shape[-1]
        within("digit", digit, 0, self.data.n_val - 1, f"the validation digits are numbered 0 to {self.data.n_val - 1}")
        controls = {"digit": slider("validation digit no.", digit, 0, self.data.n_val - 1, 1, integer=True,
                                    live=False, argument="digit")}
        self.panel = FiltersPanel(filters)
        super().__init__(controls, [self.panel])

    def compute(self, digit: int) -> FiltersView:
        image = self.data.X_val[digit]
        return FiltersView(digit, int(self.data.y_val[digit]), first_layer(self.model, image),
                           first_layer(self.start, image))

    def draw(self, view: FiltersView) -> str:
        self.panel.update(self.data.X_val[view.index], view.trained, view.untrained, view.label)
        t, u = view.trained, view.untrained
        strongest = int(t.maps.reshape(-1, t.maps.shape[-1]).max(axis=0).argmax())
        return lines(f"Validation digit no. {view.index} is a <b>{view.label}</b>. Each map shows one first-layer "
                     f"neuron per pixel: {t.maps.shape[0]}&times;{t.maps.shape[1]} neurons share each filter.",
                     f"Edge test: <b>{t.edges} of {len(t.scores)}</b> trained filters and <b>{u.edges} of "
                     f"{len(u.scores)}</b> untrained ones. Filter {strongest + 1} answers most strongly to this "
                     f"digit ({t.scores[strongest].label}).")


@learner_facing
def filters_explorer(model: ConvNet | None = None, **kwargs) -> FiltersExplorer:
    """Build the filters explorer for ``model`` (default: the notebook's convnet, trained on 500 digits)."""
    return FiltersExplorer(model, **kwargs)
