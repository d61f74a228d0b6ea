"""neuron_explorer: move inputs, weights and bias; watch z and a recompute."""
from __future__ import annotations

import html

import ipywidgets as widgets

from .. import activations
from ..neuron import NeuronResult, neuron
from ..plots.neuron import NeuronFigure
from .explorer import Explorer, figure_image, slider

SUBSCRIPTS = "₁₂₃₄₅₆₇₈₉"
NEURON_ACTIVATIONS = tuple(name for name in activations.NAMES if name != "softmax")
"""Softmax is left out: it acts on a whole layer's outputs, and on one value it is always 1."""


class NeuronExplorer(Explorer):
    """One neuron with three inputs: each term w_i x_i, the sum z, and a = f(z)."""

    def __init__(self, x=(1.0, 2.0, 3.0), w=(0.2, 0.5, 0.3), b=0.1, activation="linear"):
        controls = {}
        for i, value in enumerate(x):
            controls[f"x{i + 1}"] = slider(f"x{SUBSCRIPTS[i]}", value, -3, 3)
        for i, value in enumerate(w):
            controls[f"w{i + 1}"] = slider(f"w{SUBSCRIPTS[i]}", value, -2, 2)
        controls["b"] = slider("b", b, -3, 3)
        controls["activation"] = widgets.Dropdown(options=NEURON_ACTIVATIONS, value=activation,
                                                  description="f", style={"description_width": "initial"},
                                                  layout=widgets.Layout(width="300px"))
        self.n_inputs = len(x)
        self.readout = widgets.HTML()
        self.readout.add_class("nnlesson-result")
        self.plot = NeuronFigure(self.n_inputs)
        self.images = [figure_image() for _ in self.plot.panels]
        columns = [
            widgets.VBox([widgets.HTML("<b>inputs x</b>"), *[controls[f"x{i + 1}"] for i in range(self.n_inputs)]]),
            widgets.VBox([widgets.HTML("<b>weights w</b>"), *[controls[f"w{i + 1}"] for i in range(self.n_inputs)]]),
            widgets.VBox([widgets.HTML("<b>bias and activation</b>"), controls["b"], controls["activation"]]),
        ]
        super().__init__(controls, [widgets.HBox(columns), self.readout,
                                    widgets.HBox(self.images, layout=widgets.Layout(flex_flow="row wrap"))])

    def compute(self, **values) -> dict:
        n = self.n_inputs
        result = neuron([values[f"x{i + 1}"] for i in range(n)], [values[f"w{i + 1}"] for i in range(n)],
                        values["b"], values["activation"])
        return {"terms": result.terms, "weighted_sum": result.weighted_sum, "z": result.z, "a": result.a,
                "activation": result.activation, "params": result.n_params, "neurons": 1, "neuron": result}

    def show(self, result: dict) -> None:
        self.readout.value = readout_html(result["neuron"])
        self.plot.update(result["neuron"], activations.get(result["activation"]))
        for image, panel in zip(self.images, self.plot.panels):
            image.value = panel.png()


def readout_html(r: NeuronResult) -> str:
    """The sum written out with the learner's numbers, then a = f(z)."""
    products = " + ".join(f"({wi:g})&middot;({xi:g})" for wi, xi in zip(r.w, r.x))
    terms = " + ".join(f"({t:.2f})" for t in r.terms)
    return (
        '<div style="font-family: monospace; font-size: 14px; line-height: 1.6">'
        f"z = {products} + ({r.b:g})<br>"
        f"&nbsp;&nbsp;= {terms} + ({r.b:.2f})<br>"
        f"&nbsp;&nbsp;= <b>{r.z:.2f}</b><br>"
        f"a = {html.escape(r.activation)}(z) = <b>{r.a:.3f}</b>"
        f'<span style="color:#555"> &nbsp;&mdash; 1 neuron, {r.n_params} parameters '
        f"({len(r.w)} weights + 1 bias)</span></div>"
    )


def neuron_explorer(**kwargs) -> NeuronExplorer:
    """Build the neuron explorer; keyword arguments set the starting x, w, b and activation."""
    return NeuronExplorer(**kwargs)
