"""conv_explorer: one Conv2D layer. Change the input and the layer; see the output shape, the counts,
what a dense layer would need instead, and where the kernel lands on the padded input."""
from __future__ import annotations

import ipywidgets as widgets

from ..conv_geometry import AxisLayout, conv_layout
from ..counting import dense_equivalent
from ..layers import Conv2D
from ..plots.conv_grid import ConvGridPanel
from ..summary import format_count
from .explorer import Explorer, figure_image, slider
from .tables import lines, plural

PADDINGS = [("valid", "valid"), ("same", "same"), *[(str(p), p) for p in range(1, 6)]]


class ConvExplorer(Explorer):
    """A Conv2D layer on an input of chosen height, width and channels."""

    def __init__(self, height: int = 28, width: int = 28, channels: int = 1, filters: int = 32,
                 kernel: int = 3, stride: int = 1, padding: str | int = "valid", dilation: int = 1,
                 bias: bool = True):
        def whole(label: str, value: int, high: int) -> widgets.IntSlider:
            return slider(label, value, 1, high, step=1, integer=True)

        controls = {"height": whole("input height", height, 256), "width": whole("input width", width, 256),
                    "channels": whole("input channels", channels, 512), "filters": whole("filters", filters, 512),
                    "kernel": whole("kernel size", kernel, 11), "stride": whole("stride", stride, 5),
                    "padding": widgets.Dropdown(options=PADDINGS, value=padding, description="padding",
                                                layout=widgets.Layout(width="300px")),
                    "dilation": whole("dilation", dilation, 4),
                    "bias": widgets.Checkbox(value=bias, description="bias (one per filter)", indent=False)}
        self.readout = widgets.HTML()
        self.readout.add_class("nnlesson-result")
        self.grid = ConvGridPanel()
        self.image = figure_image()

        def column(title: str, names: tuple[str, ...]) -> widgets.VBox:
            return widgets.VBox([widgets.HTML(f"<b>{title}</b>"), *[controls[name] for name in names]])

        columns = [column("input", ("height", "width", "channels")), column("layer", ("filters", "kernel", "stride")),
                   column("&nbsp;", ("padding", "dilation", "bias"))]
        super().__init__(controls, [widgets.HBox(columns, layout=widgets.Layout(flex_flow="row wrap")),
                                    self.readout, self.image])
        self.add_class("nnlesson-conv")

    def compute(self, height, width, channels, filters, kernel, stride, padding, dilation, bias) -> dict:
        layer = Conv2D(filters, kernel, strides=stride, padding=padding, dilation_rate=dilation, use_bias=bias)
        shape = (height, width, channels)
        row = layer.row(shape)
        rows, columns = conv_layout(layer, shape)
        weights = layer.kernel_weights(channels)
        dense = dense_equivalent(shape, row.output_shape)
        return {"input_shape": shape, "output_shape": row.output_shape, "params": row.params, "weights": weights,
                "biases": row.params - weights, "neurons": row.neurons, "macs": row.macs,
                "positions": rows.positions * columns.positions, "dense_params": dense,
                "sharing": dense / row.params, "rows": rows, "columns": columns, "kernel": kernel,
                "channels": channels, "filters": filters, "bias": bias, "padding": padding, "stride": stride}

    def show(self, result: dict) -> None:
        self.readout.value = readout_html(result)
        self.grid.update(result["rows"], result["columns"], grid_title(result))
        self.image.value = self.grid.live.png()
        self.image.layout.visibility = "visible"

    def show_error(self, message: str) -> None:
        self.readout.value = lines("<i>No output: this layer does not fit its input (see below).</i>")
        self.image.layout.visibility = "hidden"


def shape_text(shape: tuple[int, ...]) -> str:
    return " × ".join(format_count(n) for n in shape)


def axis_formula(axis: AxisLayout) -> str:
    """floor((n + 2p − d(k−1) − 1) / s) + 1 with this axis's numbers, and the layer's answer."""
    padding = (f"2·{axis.pad_before}" if axis.pad_before == axis.pad_after
               else f"{axis.pad_before} + {axis.pad_after}")
    return (f"floor(({axis.size} + {padding} − {axis.dilation}·({axis.kernel}−1) − 1) / {axis.stride}) + 1 "
            f"= <b>{axis.positions}</b>")


def grid_title(r: dict) -> str:
    return (f"{shape_text(r['input_shape'])} input, {r['kernel']}×{r['kernel']} kernel, stride {r['stride']}, "
            f"padding {r['padding']!r} → {shape_text(r['output_shape'])}")


def readout_html(r: dict) -> str:
    """Output shape, parameters, neurons, MACs and the dense comparison, each with its formula."""
    k, c, f = r["kernel"], r["channels"], r["filters"]
    plus_bias = " + 1" if r["bias"] else ""
    biases = "one bias per filter" if r["bias"] else "no biases"
    ratio = f"{r['sharing']:,.0f}" if r["sharing"] >= 10 else f"{r['sharing']:.1f}"
    inputs, outputs = r["input_shape"][0] * r["input_shape"][1] * c, r["neurons"]
    return lines(
        f"Output shape <b>{shape_text(r['output_shape'])}</b>: height {axis_formula(r['rows'])}; "
        f"width {axis_formula(r['columns'])}.",
        f"Parameters ({k}·{k}·{c}{plus_bias})·{f} = <b>{format_count(r['params'])}</b> "
        f"({format_count(r['weights'])} weights + {format_count(r['biases'])} biases: {biases}).",
        f"The input's height and width are not in that formula: changing them leaves the "
        f"{format_count(r['params'])} parameters alone. Of the input, only its depth counts "
        f"({plural(c, 'channel')}).",
        f"Neurons {shape_text(r['output_shape'])} = <b>{format_count(r['neurons'])}</b>, one per output value; "
        f"MACs {plural(r['weights'], 'weight')} × {plural(r['positions'], 'position')} = "
        f"<b>{format_count(r['macs'])}</b>.",
        f"A dense layer from the same {plural(inputs, 'input')} to the same {plural(outputs, 'output')} "
        f"needs ({format_count(inputs)} + 1)·{format_count(outputs)} = <b>{format_count(r['dense_params'])}</b> "
        f"parameters: <b>{ratio}×</b> as many. The convolution shares its weights over all positions.")


def conv_explorer(**kwargs) -> ConvExplorer:
    """Build the convolution explorer; keyword arguments set the starting input and layer."""
    return ConvExplorer(**kwargs)
