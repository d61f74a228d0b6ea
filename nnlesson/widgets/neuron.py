"""neuron_explorer: move x, w and b of one neuron and watch each term, the sum z and a = f(z)."""
from __future__ import annotations

import html

from .. import activations
from ..neuron import NeuronResult, neuron
from ..plots.neuron import NeuronFigure
from .controls import ArgumentError, column, dropdown, slider, wrap_row
from .explorer import Explorer, learner_facing
from .html import mono_lines, muted

SUBSCRIPTS = "₁₂₃₄₅₆₇₈₉"
NEURON_ACTIVATIONS = activations.names(elementwise=True)
"""Softmax is left out: it acts on a whole layer's outputs, and on one value it is always 1."""


class NeuronExplorer(Explorer):
    """One neuron with three inputs: each term w_i x_i, the sum z, and a = f(z)."""

    def __init__(self, x=(1.0, 2.0, 3.0), w=(0.2, 0.5, 0.3), b=0.1, activation="linear"):
        x, w = _values("x", x), _values("w", w)
        if not 1 <= len(x) <= len(SUBSCRIPTS):
            raise ArgumentError("x", x, f"the explorer shows 1 to {len(SUBSCRIPTS)} inputs, one slider each")
        if len(w) != len(x):
            raise ArgumentError("w", w, f"one weight per input: x has {len(x)} values, w has {len(w)}")
        self.n_inputs = len(x)
        controls = {}
        for i, value in enumerate(x):
            controls[f"x{i + 1}"] = slider(f"x{SUBSCRIPTS[i]}", value, -5, 5, argument=f"x[{i}]")
        for i, value in enumerate(w):
            controls[f"w{i + 1}"] = slider(f"w{SUBSCRIPTS[i]}", value, -2, 2, argument=f"w[{i}]")
        controls["b"] = slider("b", b, -3, 3, argument="b")
        controls["activation"] = dropdown("f", NEURON_ACTIVATIONS, activation, argument="activation")
        self.plot = NeuronFigure(self.n_inputs)
        inputs = range(1, self.n_inputs + 1)
        view = wrap_row([column("inputs x", *[controls[f"x{i}"] for i in inputs]),
                         column("weights w", *[controls[f"w{i}"] for i in inputs]),
                         column("bias and activation", controls["b"], controls["activation"])])
        super().__init__(controls, self.plot.panels, view)

    def compute(self, activation: str, b: float, **xw: float) -> NeuronResult:
        inputs = range(1, self.n_inputs + 1)
        return neuron([xw[f"x{i}"] for i in inputs], [xw[f"w{i}"] for i in inputs], b, activation)

    def draw(self, result: NeuronResult) -> str:
        self.plot.update(result, activations.get(result.activation))
        return readout_html(result)


def _values(argument: str, values) -> tuple:
    """The inputs or weights as a tuple; a single number or a string is refused."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
        raise ArgumentError(argument, values, f"{argument} takes a list of numbers, one per input")
    return tuple(values)


def readout_html(r: NeuronResult) -> str:
    """The sum written out with the learner's numbers, then a = f(z)."""
    products = " + ".join(f"({wi:g})&middot;({xi:g})" for wi, xi in zip(r.w, r.x))
    terms = " + ".join(f"({t:.2f})" for t in r.terms)
    return mono_lines(
        f"z = {products} + ({r.b:g})",
        f"&nbsp;&nbsp;= {terms} + ({r.b:.2f})",
        f"&nbsp;&nbsp;= <b>{r.z:.2f}</b>",
        f"a = {html.escape(r.activation)}(z) = <b>{r.a:.3f}</b>"
        + muted(f" &nbsp;&mdash; 1 neuron, {r.params} parameters ({len(r.w)} weights + 1 bias)"))


@learner_facing
def neuron_explorer(**kwargs) -> NeuronExplorer:
    """Build the neuron explorer; keyword arguments set the starting x, w, b and activation."""
    return NeuronExplorer(**kwargs)
