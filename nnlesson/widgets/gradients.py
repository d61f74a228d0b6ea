"""vanishing_gradient_explorer: how much gradient reaches the first layer of a deep stack.

Depth, activation, initialisation and width set the per-layer factor; the plot shows its
effect compounded over the layers. Sigmoid with naive N(0, 1) weights vanishes; ReLU or
linear layers with the same weights explode; ReLU with He or tanh with Xavier stay near 1.
"""
from __future__ import annotations

import ipywidgets as widgets

from ..deepnet import DEEP_ACTIVATIONS, INITIALISATIONS, MAX_DEPTH, MAX_WIDTH, gradient_flow, sigmoid_bound
from ..plots.gradients import GradientPanel
from .explorer import Explorer, figure_image, slider

VANISHED, EXPLODED = 1e-3, 1e3
"""Below or above these ratios (first layer / last layer) the gradient is called vanished or exploded."""


def verdict(ratio: float) -> str:
    if ratio < VANISHED:
        return "vanishes"
    if ratio > EXPLODED:
        return "explodes"
    return "stays usable"


class VanishingGradientExplorer(Explorer):
    """A seeded deep network: move depth, activation, initialisation and width."""

    def __init__(self, depth: int = 20, activation: str = "sigmoid", init: str = "naive", width: int = 16):
        controls = {
            "depth": slider("depth (layers)", depth, 1, MAX_DEPTH, step=1, integer=True),
            "activation": widgets.Dropdown(options=DEEP_ACTIVATIONS, value=activation, description="f",
                                           layout=widgets.Layout(width="220px")),
            "init": widgets.Dropdown(options=INITIALISATIONS, value=init, description="initialisation",
                                     style={"description_width": "initial"}, layout=widgets.Layout(width="220px")),
            "width": slider("width (units per layer)", width, 4, MAX_WIDTH, step=4, integer=True),
        }
        self.readout = widgets.HTML()
        self.readout.add_class("nnlesson-result")
        self.panel = GradientPanel()
        self.image = figure_image()
        columns = [widgets.VBox([controls["depth"], controls["width"]]),
                   widgets.VBox([controls["activation"], controls["init"]])]
        super().__init__(controls, [widgets.HBox(columns), self.readout, widgets.HBox([self.image])])
        self.add_class("nnlesson-vanishing-gradient")

    def compute(self, depth, activation, init, width) -> dict:
        flow = gradient_flow(depth, width, activation, init)
        return {"depth": depth, "activation": activation, "init": init, "width": width,
                "first": flow.first, "last": flow.last, "ratio": flow.ratio,
                "per_layer_factor": flow.per_layer_factor, "verdict": verdict(flow.ratio), "flow": flow}

    def show(self, result: dict) -> None:
        self.readout.value = readout_html(result)
        self.panel.update(result["flow"])
        self.image.value = self.panel.live.png()


def readout_html(r: dict) -> str:
    """First and last layer's gradient, their ratio, the average factor per layer and the verdict."""
    lines = [f"gradient at layer 1: <b>{r['first']:.3g}</b>, at layer {r['depth']}: {r['last']:.3g}",
             f"layer 1 / layer {r['depth']} = <b>{r['ratio']:.3g}</b>: the gradient <b>{r['verdict']}</b>",
             f"average factor per layer: {r['per_layer_factor']:.3g} "
             "(below 1 it shrinks, above 1 it grows, layer after layer)"]
    if r["activation"] == "sigmoid" and r["depth"] > 1:
        lines.append(f'<span style="color:#555">the sigmoid slope alone allows at most 0.25 per layer: '
                     f"0.25^{r['depth'] - 1} = {sigmoid_bound(r['depth'] - 1):.3g}</span>")
    return '<div style="font-family: monospace; font-size: 14px; line-height: 1.6">' + "<br>".join(lines) + "</div>"


def vanishing_gradient_explorer(**kwargs) -> VanishingGradientExplorer:
    """Build the vanishing-gradient explorer; keyword arguments set depth, activation, init and width."""
    return VanishingGradientExplorer(**kwargs)
