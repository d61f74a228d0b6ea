"""mlp_explorer: choose an MLP's widths and number format; see every layer's counts, the network
drawn, and how parameters and neurons grow with width and depth."""
from __future__ import annotations

import ipywidgets as widgets

from ..counting import MLPReport, mlp_report
from ..layers.summary import BYTES_PER_VALUE, format_bytes, format_count
from ..plots.mlp import GrowthFigures, NetworkDiagram
from .controls import ArgumentError, column, dropdown, slider, within, wrap_row
from .explorer import Explorer, learner_facing
from .html import lines, plural, table

MAX_HIDDEN = 6
"""Width sliders shown (more when the explorer is built with more hidden layers)."""
DTYPES = [(f"{name} ({size} byte{'s' if size > 1 else ''})", name) for name, size in BYTES_PER_VALUE.items()]


class MLPExplorer(Explorer):
    """An MLP of up to six hidden layers (or as many as it was built with); only the active layers' width
    sliders are shown."""

    def __init__(self, inputs: int = 784, hidden: tuple[int, ...] = (128,), outputs: int = 10,
                 dtype: str = "float32"):
        if isinstance(hidden, (str, bytes)) or not hasattr(hidden, "__len__"):
            raise ArgumentError("hidden", hidden, "hidden takes a list of widths, one per hidden layer: (128, 64)")
        self.max_hidden = most = max(MAX_HIDDEN, len(hidden))
        widths = list(hidden) + [128] * (most - len(hidden))
        for i, width in enumerate(hidden):
            within(f"hidden[{i}]", width, 1, rule="every hidden layer has at least 1 neuron")
        for name, value in (("inputs", inputs), ("outputs", outputs)):
            within(name, value, 1)
        controls = {"inputs": slider("inputs", inputs, 1, 4096, step=1, integer=True, argument="inputs"),
                    "hidden_layers": slider("hidden layers", len(hidden), 0, most, step=1, integer=True),
                    **{f"width{i}": slider(f"width {i}", widths[i - 1], 1, 4096, step=1, integer=True,
                                           argument=f"hidden[{i - 1}]") for i in range(1, most + 1)},
                    "outputs": slider("outputs", outputs, 1, 1000, step=1, integer=True, argument="outputs"),
                    "dtype": dropdown("bytes per value", DTYPES, dtype, argument="dtype")}
        self.width_sliders = [controls[f"width{i}"] for i in range(1, most + 1)]
        self.diagram, self.growth = NetworkDiagram(), GrowthFigures(most)
        half = (most + 1) // 2
        view = wrap_row([column("layers", *(controls[name] for name in ("inputs", "hidden_layers", "outputs", "dtype"))),
                         column("hidden-layer widths", *self.width_sliders[:half]),
                         column("&nbsp;", *self.width_sliders[half:])])
        super().__init__(controls, [self.diagram, *self.growth.panels], view)
        self.add_class("nnlesson-mlp")

    def arrange(self, view: widgets.Widget) -> list[widgets.Widget]:
        """The network drawn full width, its two growth figures side by side below it."""
        diagram, *growth = self.figures
        return [view, self.readout, diagram, wrap_row(growth)]

    def compute(self, inputs, hidden_layers, outputs, dtype, **widths) -> MLPReport:
        return mlp_report(inputs, [widths[f"width{i}"] for i in range(1, self.max_hidden + 1)], hidden_layers,
                          outputs, dtype)

    def draw(self, result: MLPReport) -> str:
        title = (f"{'-'.join(map(str, result.sizes))}: {format_count(result.params)} parameters, "
                 f"{format_count(result.neurons)} neurons")
        self.diagram.update(result.sizes, [c.params for c in result.layers], title)
        self.growth.update(result.growth)
        return readout_html(result)

    def update_view(self, result: MLPReport) -> None:
        """Only the active hidden layers' width sliders are shown."""
        for number, width_slider in enumerate(self.width_sliders, start=1):
            width_slider.layout.display = "" if number <= len(result.sizes) - 2 else "none"


def layer_name(position: int, layers: int) -> str:
    """'hidden 1', 'hidden 2', ... and 'output' for the last of ``layers`` dense layers."""
    return "output" if position == layers else f"hidden {position}"


def readout_html(result: MLPReport) -> str:
    """The per-layer table, the totals, and the memory the parameters take."""
    layers = result.layers
    rows = [(layer_name(i, len(layers)), f"{format_count(c.n_in)} → {format_count(c.n_out)}",
             format_count(c.weights), format_count(c.biases), format_count(c.params), format_count(c.neurons))
            for i, c in enumerate(layers, start=1)]
    counts = table(("layer", "inputs → neurons", "weights", "biases", "parameters", "neurons"), rows,
                   ("total", "", format_count(result.weights), format_count(result.biases),
                    format_count(result.params), format_count(result.neurons)))
    size = BYTES_PER_VALUE[result.dtype]
    return counts + lines(
        f"<b>{format_count(result.params)} parameters</b> ({format_count(result.weights)} weights + "
        f"{format_count(result.biases)} biases) and <b>{format_count(result.neurons)} neurons</b>; "
        f"the {plural(result.sizes[0], 'input')} {'holds' if result.sizes[0] == 1 else 'hold'} data and compute"
        f"{'s' if result.sizes[0] == 1 else ''} nothing.",
        f"Memory for the parameters as {result.dtype}: {format_count(result.params)} × "
        f"{plural(size, 'byte')} = {format_count(result.bytes)} bytes = <b>{format_bytes(result.bytes)}</b>.")


@learner_facing
def mlp_explorer(**kwargs) -> MLPExplorer:
    """Build the MLP explorer; keyword arguments set the starting inputs, hidden widths, outputs and dtype."""
    return MLPExplorer(**kwargs)
