"""mlp_explorer: choose an MLP's widths and number format; see every layer's counts, the network
drawn, and how parameters and neurons grow with width and depth."""
from __future__ import annotations

import ipywidgets as widgets

from ..counting import dense_counts, mlp, mlp_growth
from ..plots.growth import GrowthFigures
from ..plots.network import NetworkDiagram
from ..summary import BYTES_PER_VALUE, format_bytes, format_count
from .explorer import Explorer, figure_image, slider
from .tables import html_table, lines, plural

MAX_HIDDEN = 6
DTYPES = [(f"{name} ({size} byte{'s' if size > 1 else ''})", name) for name, size in BYTES_PER_VALUE.items()]


class MLPExplorer(Explorer):
    """An MLP of up to six hidden layers; only the active layers' width sliders are shown."""

    def __init__(self, inputs: int = 784, hidden: tuple[int, ...] = (128,), outputs: int = 10,
                 dtype: str = "float32"):
        widths = list(hidden) + [128] * (MAX_HIDDEN - len(hidden))
        controls = {"inputs": slider("inputs", inputs, 1, 4096, step=1, integer=True),
                    "hidden_layers": slider("hidden layers", len(hidden), 0, MAX_HIDDEN, step=1, integer=True),
                    **{f"width{i}": slider(f"width {i}", widths[i - 1], 1, 4096, step=1, integer=True)
                       for i in range(1, MAX_HIDDEN + 1)},
                    "outputs": slider("outputs", outputs, 1, 1000, step=1, integer=True),
                    "dtype": widgets.Dropdown(options=DTYPES, value=dtype, description="bytes per value",
                                              style={"description_width": "initial"},
                                              layout=widgets.Layout(width="300px"))}
        self.readout = widgets.HTML()
        self.readout.add_class("nnlesson-result")
        self.diagram, self.growth = NetworkDiagram(), GrowthFigures()
        self.diagram_image = figure_image()
        self.growth_images = [figure_image() for _ in self.growth.panels]
        self._drawn = None
        left = widgets.VBox([controls[name] for name in ("inputs", "hidden_layers", "outputs", "dtype")])
        right = widgets.VBox([widgets.HTML("<b>hidden-layer widths</b>"),
                              *[controls[f"width{i}"] for i in range(1, MAX_HIDDEN + 1)]])
        self.width_sliders = [controls[f"width{i}"] for i in range(1, MAX_HIDDEN + 1)]
        super().__init__(controls, [widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap")),
                                    self.readout, self.diagram_image,
                                    widgets.HBox(self.growth_images, layout=widgets.Layout(flex_flow="row wrap"))])
        self.add_class("nnlesson-mlp")

    def compute(self, inputs, hidden_layers, outputs, dtype, **widths) -> dict:
        all_widths = [widths[f"width{i}"] for i in range(1, MAX_HIDDEN + 1)]
        sizes = [inputs, *all_widths[:hidden_layers], outputs]
        summary = mlp(sizes).summary()
        layers = dense_counts(sizes)
        return {"sizes": tuple(sizes), "layers": layers, "params": summary.total_params,
                "weights": sum(c.weights for c in layers), "biases": sum(c.biases for c in layers),
                "neurons": summary.neurons, "dtype": dtype, "bytes": summary.memory_bytes(dtype),
                "growth": mlp_growth(inputs, all_widths, hidden_layers, outputs)}

    def show(self, result: dict) -> None:
        for number, width_slider in enumerate(self.width_sliders, start=1):
            width_slider.layout.display = "" if number <= len(result["sizes"]) - 2 else "none"
        self.readout.value = readout_html(result)
        if result["sizes"] != self._drawn:  # a dtype change leaves the drawing as it is
            self._drawn = result["sizes"]
            title = (f"{'-'.join(map(str, result['sizes']))}: {format_count(result['params'])} parameters, "
                     f"{format_count(result['neurons'])} neurons")
            self.diagram.update(result["sizes"], [c.params for c in result["layers"]], title)
            self.diagram_image.value = self.diagram.live.png()
        changed = self.growth.update(result["growth"])
        for image, panel in zip(self.growth_images, self.growth.panels):
            if panel in changed:
                image.value = panel.png()


def layer_name(position: int, layers: int) -> str:
    """'hidden 1', 'hidden 2', ... and 'output' for the last of ``layers`` dense layers."""
    return "output" if position == layers else f"hidden {position}"


def readout_html(result: dict) -> str:
    """The per-layer table, the totals, and the memory the parameters take."""
    layers = result["layers"]
    rows = [(layer_name(i, len(layers)), f"{format_count(c.n_in)} → {format_count(c.n_out)}",
             format_count(c.weights), format_count(c.biases), format_count(c.params), format_count(c.neurons))
            for i, c in enumerate(layers, start=1)]
    table = html_table(("layer", "inputs → neurons", "weights", "biases", "parameters", "neurons"), rows,
                       ("total", "", format_count(result["weights"]), format_count(result["biases"]),
                        format_count(result["params"]), format_count(result["neurons"])))
    size = BYTES_PER_VALUE[result["dtype"]]
    return table + lines(
        f"<b>{format_count(result['params'])} parameters</b> ({format_count(result['weights'])} weights + "
        f"{format_count(result['biases'])} biases) and <b>{format_count(result['neurons'])} neurons</b>; "
        f"the {format_count(result['sizes'][0])} inputs hold data and compute nothing.",
        f"Memory for the parameters as {result['dtype']}: {format_count(result['params'])} × "
        f"{plural(size, 'byte')} = {format_count(result['bytes'])} bytes = "
        f"<b>{format_bytes(result['bytes'])}</b>.")


def mlp_explorer(**kwargs) -> MLPExplorer:
    """Build the MLP explorer; keyword arguments set the starting inputs, hidden widths, outputs and dtype."""
    return MLPExplorer(**kwargs)
