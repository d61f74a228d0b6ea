"""decision_boundary_explorer: one 2-input neuron draws a line; move it until the points are split.

AND, OR and NAND can be split by a line, XOR cannot: one side of any line holds at most
three of XOR's four corners correctly. A toggle shows a 2-2-1 network with hand-set
weights that gets all four right.
"""
from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets

from ..hidden_layer import XOR_NETWORK, TwoLayerNetwork
from ..perceptron import THRESHOLDS, TOY_SETS, Classification, box_around, classify, line_equation, \
    positive_region, toy_set
from ..plots.decision import DecisionPanel, network_figure
from .explorer import Explorer, figure_image, slider

CELL = 'style="padding: 1px 6px; text-align: right"'


class DecisionBoundaryExplorer(Explorer):
    """Sliders w1, w2, b and an activation over a toy set; the line z = 0 splits the plane."""

    def __init__(self, data: str = "AND", activation: str = "step", w1: float = 1.0, w2: float = 1.0,
                 b: float = -0.5, network: bool = False):
        controls = {
            "data": widgets.Dropdown(options=TOY_SETS, value=data, description="points",
                                     layout=widgets.Layout(width="220px")),
            "activation": widgets.Dropdown(options=tuple(THRESHOLDS), value=activation, description="f",
                                           layout=widgets.Layout(width="220px")),
            "w1": slider("weight w₁", w1, -3, 3),
            "w2": slider("weight w₂", w2, -3, 3),
            "b": slider("bias b", b, -3, 3),
            "network": widgets.Checkbox(value=network, description="show a 2-2-1 network that solves XOR",
                                        indent=False, layout=widgets.Layout(width="300px")),
        }
        self.readout = widgets.HTML()
        self.readout.add_class("nnlesson-result")
        self.panel = DecisionPanel()
        self.image = figure_image()
        network_image = figure_image()
        network_image.value = _xor_network_png()
        self.network_view = widgets.HBox([network_image, widgets.HTML(network_table_html(XOR_NETWORK))],
                                         layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"))
        rows = [widgets.HBox([widgets.VBox([controls["data"], controls["activation"]]),
                              widgets.VBox([controls["w1"], controls["w2"], controls["b"]])]),
                controls["network"],
                widgets.HBox([self.image, self.readout], layout=widgets.Layout(flex_flow="row wrap",
                                                                               align_items="flex-start")),
                self.network_view]
        super().__init__(controls, rows)
        self.add_class("nnlesson-decision-boundary")

    def compute(self, data, activation, w1, w2, b, network) -> dict:
        X, y = toy_set(data)
        result = classify(X, y, (w1, w2), b, activation)
        box = box_around(X)
        region, segment = positive_region((w1, w2), b, box)
        xor = XOR_NETWORK.classify(*toy_set("XOR"))
        return {"data": data, "activation": activation, "threshold": THRESHOLDS[activation],
                "n_right": result.n_right, "n_points": result.n_points, "line": line_equation(w1, w2, b),
                "has_line": segment is not None, "params": X.shape[1] + 1, "neurons": 1, "classification": result,
                "X": X, "box": box, "region": region, "segment": segment, "network": network,
                "network_right": xor.n_right, "network_points": xor.n_points,
                "network_params": XOR_NETWORK.n_params, "network_neurons": XOR_NETWORK.n_neurons}

    def show(self, result: dict) -> None:
        self.readout.value = readout_html(result)
        self.panel.show_points(result["data"], result["X"], result["classification"].target, result["box"])
        self.panel.update(result["X"], result["classification"], result["region"], result["segment"],
                          no_line_note(result))
        self.image.value = self.panel.live.png()
        self.network_view.layout.display = "" if result["network"] else "none"


def no_line_note(result: dict) -> str:
    """What the picture says when w1 = w2 = 0 or the line misses the view; empty otherwise."""
    if result["has_line"]:
        return ""
    said = "positive" if result["classification"].predicted.all() else "negative"
    if "no line" in result["line"]:
        return f"No line: w₁ = w₂ = 0, so z = b for every point;\nall are classed {said}."
    return f"The line lies outside this view;\nall points are classed {said}."


def readout_html(result: dict) -> str:
    """The score, the line's equation and the classification rule, then a point-by-point table."""
    r: Classification = result["classification"]
    lines = [f"<b>{r.n_right} of {r.n_points} right</b> on {html.escape(result['data'])}",
             f"line z = 0: {html.escape(result['line'])}",
             f"positive when {result['activation']}(z) &ge; {result['threshold']:g} (z &ge; 0)",
             f'<span style="color:#555">1 neuron, {result["params"]} parameters</span>']
    table = points_table_html(result["X"], r) if r.n_points <= 8 else ""
    return ('<div style="font-family: monospace; font-size: 13px; line-height: 1.6; padding-left: 8px">'
            + "<br>".join(lines) + table + "</div>")


def points_table_html(X, r: Classification) -> str:
    """One row per point: inputs, z, a, the class the neuron said, the true class."""
    head = "".join(f"<th {CELL}>{h}</th>" for h in ("x₁", "x₂", "z", "a", "said", "truth", ""))
    body = "".join(
        "<tr>" + "".join(f"<td {CELL}>{v}</td>" for v in (
            f"{x[0]:g}", f"{x[1]:g}", f"{z:+.2f}", f"{a:.2f}", said, truth, "&#10004;" if said == truth else "&#10008;"))
        + "</tr>"
        for x, z, a, said, truth in zip(X, r.z, r.a, r.predicted, r.target))
    return f'<table style="border-collapse: collapse; margin-top: 4px"><tr>{head}</tr>{body}</table>'


def network_table_html(net: TwoLayerNetwork) -> str:
    """The hand-set weights of a 2-2-1 network, one row per neuron, and its counts."""
    head = "".join(f"<th {CELL}>{h}</th>" for h in ("neuron", "weight 1", "weight 2", "bias", "computes"))
    rows = [(f"hidden h{j + 1} (from x₁, x₂)", *net.hidden_weights[:, j], net.hidden_biases[j], name)
            for j, name in enumerate(net.hidden_names)]
    rows.append(("output (from h₁, h₂)", *net.output_weights, net.output_bias, "AND of h₁, h₂ = XOR"))
    body = "".join("<tr>" + "".join(f"<td {CELL}>{v if isinstance(v, str) else f'{v:g}'}</td>" for v in row)
                   + "</tr>" for row in rows)
    return (f"<b>2-2-1 network, {net.activation} activations, weights set by hand</b>"
            f'<table style="border-collapse: collapse; font-family: monospace">'
            f"<tr>{head}</tr>{body}</table>"
            f"{net.n_neurons} neurons (2 hidden + 1 output), {net.n_params} parameters "
            "(3 + 3 + 3: two weights and a bias each)")


@lru_cache(maxsize=1)
def _xor_network_png() -> bytes:
    X, y = toy_set("XOR")
    right = XOR_NETWORK.classify(X, y).n_right
    return network_figure(XOR_NETWORK, X, y, box_around(X), f"2-2-1 network on XOR: {right} of {len(y)} right")


def decision_boundary_explorer(**kwargs) -> DecisionBoundaryExplorer:
    """Build the decision-boundary explorer; keyword arguments set the starting data, f, w1, w2, b."""
    return DecisionBoundaryExplorer(**kwargs)
