"""decision_boundary_explorer: one 2-input neuron draws a line; move it until the points are split.

AND, OR and NAND can be split by a line, XOR cannot: one side of any line holds at most
three of XOR's four corners correctly. A toggle shows a 2-2-1 network with hand-set
weights that gets all four right.
"""
from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets

from ..decision_boundary import (CLASSIFIER_ACTIVATIONS, TOY_SETS, XOR_NETWORK, Classification, NeuronLine,
                                 TwoLayerNetwork, box_around, neuron_line, toy_set)
from ..plots.decision_boundary import DecisionPanel, network_figure
from .controls import checkbox, column, dropdown, slider, wrap_row
from .explorer import Explorer, learner_facing
from .figure_view import still_figure
from .html import mono_lines, muted, table


class DecisionBoundaryExplorer(Explorer):
    """Sliders w1, w2, b and an activation over a toy set; the line z = 0 splits the plane."""

    def __init__(self, data: str = "AND", activation: str = "step", w1: float = 1.0, w2: float = 1.0,
                 b: float = -0.5, network: bool = False):
        controls = {"data": dropdown("points", TOY_SETS, data, argument="data"),
                    "activation": dropdown("f", CLASSIFIER_ACTIVATIONS, activation, argument="activation"),
                    "w1": slider("weight w₁", w1, -3, 3, argument="w1"),
                    "w2": slider("weight w₂", w2, -3, 3, argument="w2"),
                    "b": slider("bias b", b, -3, 3, argument="b"),
                    "network": checkbox("show a 2-2-1 network that solves XOR", network, argument="network")}
        self.panel = DecisionPanel()
        self.network_view = wrap_row([still_figure(_xor_network_png()), widgets.HTML(network_table_html(XOR_NETWORK))],
                                     align_items="flex-start")
        view = wrap_row([column("", controls["data"], controls["activation"], controls["network"]),
                         column("", controls["w1"], controls["w2"], controls["b"])])
        super().__init__(controls, [self.panel], view)
        self.add_class("nnlesson-decision-boundary")

    def arrange(self, view: widgets.Widget) -> list[widgets.Widget]:
        """The figure beside the readout (its point table), then the network when it is ticked."""
        return [view, wrap_row([*self.figures, self.readout], align_items="flex-start"), self.network_view]

    def compute(self, data, activation, w1, w2, b, network) -> NeuronLine:
        return neuron_line(data, w1, w2, b, activation)

    def draw(self, result: NeuronLine) -> str:
        self.panel.show_points(result.data, result.X, result.classification.target, result.box)
        self.panel.update(result.X, result.classification, result.region, result.segment, no_line_note(result))
        return readout_html(result)

    def update_view(self, result: NeuronLine) -> None:
        self.network_view.layout.display = "" if self.controls["network"].value else "none"


def no_line_note(result: NeuronLine) -> str:
    """What the picture says when w1 = w2 = 0 or the line misses the view; empty otherwise."""
    if result.has_line:
        return ""
    said = "positive" if result.classification.predicted.all() else "negative"
    if "no line" in result.line:
        return f"No line: w₁ = w₂ = 0, so z = b for every point;\nall are classed {said}."
    return f"The line lies outside this view;\nall points are classed {said}."


def readout_html(result: NeuronLine) -> str:
    """The score, the line's equation and the classification rule, then a point-by-point table."""
    r = result.classification
    text = mono_lines(f"<b>{r.n_right} of {r.n_points} right</b> on {html.escape(result.data)}",
                      f"line z = 0: {html.escape(result.line)}",
                      f"positive when {result.activation}(z) &ge; {result.threshold:g} (z &ge; 0)",
                      muted(f"1 neuron, {result.params} parameters"))
    points = points_table_html(result.X, r) if r.n_points <= 8 else ""
    return f'<div style="padding-left: 8px">{text}{points}</div>'


def points_table_html(X, r: Classification) -> str:
    """One row per point: inputs, z, a, the class the neuron said, the true class."""
    rows = [(f"{x[0]:g}", f"{x[1]:g}", f"{z:+.2f}", f"{a:.2f}", str(said), str(truth),
             "&#10004;" if said == truth else "&#10008;")
            for x, z, a, said, truth in zip(X, r.z, r.a, r.predicted, r.target)]
    return table(("x₁", "x₂", "z", "a", "said", "truth", ""), rows, escape=False, mono=True)


def network_table_html(net: TwoLayerNetwork) -> str:
    """The hand-set weights of a 2-2-1 network, one row per neuron, and its counts."""
    rows = [(f"hidden h{j + 1} (from x₁, x₂)", *(f"{v:g}" for v in net.hidden_weights[:, j]),
             f"{net.hidden_biases[j]:g}", name) for j, name in enumerate(net.hidden_names)]
    rows.append(("output (from h₁, h₂)", *(f"{v:g}" for v in net.output_weights), f"{net.output_bias:g}",
                 "AND of h₁, h₂ = XOR"))
    return (f"<b>2-2-1 network, {net.activation} activations, weights set by hand</b>"
            + table(("neuron", "weight 1", "weight 2", "bias", "computes"), rows, mono=True)
            + f"{net.n_neurons} neurons (2 hidden + 1 output), {net.n_params} parameters "
            "(3 + 3 + 3: two weights and a bias each)")


@lru_cache(maxsize=1)
def _xor_network_png() -> bytes:
    X, y = toy_set("XOR")
    right = XOR_NETWORK.classify(X, y).n_right
    return network_figure(XOR_NETWORK, X, y, box_around(X), f"2-2-1 network on XOR: {right} of {len(y)} right")


@learner_facing
def decision_boundary_explorer(**kwargs) -> DecisionBoundaryExplorer:
    """Build the decision-boundary explorer; keyword arguments set the starting data, f, w1, w2, b."""
    return DecisionBoundaryExplorer(**kwargs)
