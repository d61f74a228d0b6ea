"""vanishing_gradient_explorer: how much gradient reaches the first layer of a deep stack.

Depth, activation, initialisation and width set the per-layer factor; the plot shows its
effect compounded over the layers. Sigmoid with naive N(0, 1) weights vanishes; ReLU or
linear layers with the same weights explode; ReLU with He or tanh with Xavier stay near 1.
"""
from __future__ import annotations

from ..plots.vanishing_gradient import GradientPanel
from ..vanishing_gradient import (DEEP_ACTIVATIONS, INITIALISATIONS, MAX_DEPTH, MAX_WIDTH, GradientFlow,
                                  gradient_flow, sigmoid_bound)
from .controls import column, dropdown, slider, within, wrap_row
from .explorer import Explorer, learner_facing
from .html import mono_lines, muted


class VanishingGradientExplorer(Explorer):
    """A seeded deep network: move depth, activation, initialisation and width."""

    def __init__(self, depth: int = 20, activation: str = "sigmoid", init: str = "naive", width: int = 16):
        for name, value, low, high in (("depth", depth, 1, MAX_DEPTH), ("width", width, 4, MAX_WIDTH)):
            within(name, value, low, high)
        controls = {"depth": slider("depth (layers)", depth, 1, MAX_DEPTH, step=1, integer=True, argument="depth"),
                    "activation": dropdown("f", DEEP_ACTIVATIONS, activation, argument="activation"),
                    "init": dropdown("initialisation", INITIALISATIONS, init, argument="init"),
                    "width": slider("width (units per layer)", width, 4, MAX_WIDTH, step=4, integer=True,
                                    argument="width")}
        self.panel = GradientPanel()
        view = wrap_row([column("", controls["depth"], controls["width"]),
                         column("", controls["activation"], controls["init"])])
        super().__init__(controls, [self.panel], view)
        self.add_class("nnlesson-vanishing-gradient")

    def compute(self, depth, activation, init, width) -> GradientFlow:
        return gradient_flow(depth, width, activation, init)

    def draw(self, result: GradientFlow) -> str:
        self.panel.update(result)
        return readout_html(result)


def readout_html(r: GradientFlow) -> str:
    """First and last layer's gradient, their ratio, the average factor per layer and the verdict."""
    lines = [f"gradient at layer 1: <b>{r.first:.3g}</b>, at layer {r.depth}: {r.last:.3g}",
             f"layer 1 / layer {r.depth} = <b>{r.ratio:.3g}</b>: the gradient <b>{r.verdict}</b>",
             f"average factor per layer: {r.per_layer_factor:.3g} "
             "(below 1 it shrinks, above 1 it grows, layer after layer)"]
    if r.activation == "sigmoid" and r.depth > 1:
        lines.append(muted(f"the sigmoid slope alone allows at most 0.25 per layer: "
                           f"0.25^{r.depth - 1} = {sigmoid_bound(r.depth - 1):.3g}"))
    return mono_lines(*lines)


@learner_facing
def vanishing_gradient_explorer(**kwargs) -> VanishingGradientExplorer:
    """Build the vanishing-gradient explorer; keyword arguments set depth, activation, init and width."""
    return VanishingGradientExplorer(**kwargs)
