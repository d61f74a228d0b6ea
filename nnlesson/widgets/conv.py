"""conv_explorer: one Conv2D layer. Change the input and the layer; see the output shape, the counts,
what a dense layer would need instead, and where the kernel lands on the padded input."""
from __future__ import annotations

import ipywidgets as widgets

from ..counting import ConvReport, conv_report
from ..layers.shapes import Window, slide
from ..layers.summary import format_count
from ..plots.conv import ConvGridPanel
from .controls import checkbox, column, dropdown, slider, within, wrap_row
from .explorer import Explorer, learner_facing
from .html import lines, plural

PADDINGS = [("valid", "valid"), ("same", "same"), *[(str(p), p) for p in range(1, 6)]]


class ConvExplorer(Explorer):
    """A Conv2D layer on an input of chosen height, width and channels."""

    def __init__(self, height: int = 28, width: int = 28, channels: int = 1, filters: int = 32,
                 kernel: int = 3, stride: int = 1, padding: str | int = "valid", dilation: int = 1,
                 bias: bool = True):
        def whole(argument: str, label: str, value: int, high: int) -> widgets.IntSlider:
            within(argument, value, 1)
            return slider(label, value, 1, high, step=1, integer=True, argument=argument)

        paddings = PADDINGS
        if isinstance(padding, int) and not isinstance(padding, bool) and padding >= 0 and \
                padding not in dict(PADDINGS).values():
            paddings = [*PADDINGS, (str(padding), padding)]  # more cells of padding than the menu offers
        controls = {"height": whole("height", "input height", height, 256),
                    "width": whole("width", "input width", width, 256),
                    "channels": whole("channels", "input channels", channels, 512),
                    "filters": whole("filters", "filters", filters, 512),
                    "kernel": whole("kernel", "kernel size", kernel, 11), "stride": whole("stride", "stride", stride, 5),
                    "padding": dropdown("padding", paddings, padding, argument="padding"),
                    "dilation": whole("dilation", "dilation", dilation, 4),
                    "bias": checkbox("bias (one per filter)", bias, argument="bias")}
        self.grid = ConvGridPanel()
        view = wrap_row([column("input", *(controls[n] for n in ("height", "width", "channels"))),
                         column("layer", *(controls[n] for n in ("filters", "kernel", "stride"))),
                         column("&nbsp;", *(controls[n] for n in ("padding", "dilation", "bias")))])
        super().__init__(controls, [self.grid], view)
        self.add_class("nnlesson-conv")

    def arrange(self, view: widgets.Widget) -> list[widgets.Widget]:
        """The readout's formulas beside the picture of the kernel on the input (one under the other when narrow).

        The picture asks for nearly its own width (a laptop shows it whole, at least 81% of it as the screen test
        wants), the readout for the rest; on a projector the two do not fit side by side and each gets a line."""
        self.readout.layout = widgets.Layout(flex="1 1 300px", min_width="0", margin="0 12px 0 0")
        self.figures[0].layout.flex = "1 1 440px"
        return [view, wrap_row([self.readout, *self.figures], align_items="flex-start")]

    def compute(self, height, width, channels, filters, kernel, stride, padding, dilation, bias) -> ConvReport:
        try:
            return conv_report(height, width, channels, filters, kernel, stride, padding, dilation, bias)
        except ValueError:
            raise ValueError(misfit_advice(height, width, kernel, stride, padding, dilation)) from None

    def draw(self, result: ConvReport) -> str:
        self.grid.update(result.rows, result.columns, grid_title(result))
        return readout_html(result)


def misfit_advice(height: int, width: int, kernel: int, stride: int, padding: str | int, dilation: int) -> str:
    """Why the kernel finds no place on the input, with the numbers, and what to change."""
    for axis, size in (("height", height), ("width", width)):
        w = slide(size, kernel, stride, padding, dilation)
        if w.positions >= 1:
            continue
        dilated = f" with dilation {dilation}" if dilation > 1 else ""
        room = f"{size} cells" if padding == "valid" else f"{size} cells plus {w.pad_before} of padding on each side"
        return (f"No output: the {kernel}×{kernel} kernel ({w.span} cells wide{dilated}) does not fit on the "
                f"input's {axis} of {room}; floor(({size} + 2·{w.pad_before} − {dilation}·({kernel}−1) − 1) / "
                f"{stride}) + 1 gives {w.positions} positions. Make the kernel or the dilation smaller, add "
                "padding, or make the input larger.")
    return "No output: this layer does not fit its input. Make the kernel smaller or add padding."


def shape_text(shape: tuple[int, ...]) -> str:
    return " × ".join(format_count(n) for n in shape)


def axis_formula(axis: Window) -> str:
    """floor((n + 2p − d(k−1) − 1) / s) + 1 with this axis's numbers, and the layer's answer."""
    padding = (f"2·{axis.pad_before}" if axis.pad_before == axis.pad_after
               else f"{axis.pad_before} + {axis.pad_after}")
    return (f"floor(({axis.size} + {padding} − {axis.dilation}·({axis.kernel}−1) − 1) / {axis.stride}) + 1 "
            f"= <b>{axis.positions}</b>")


def grid_title(r: ConvReport) -> str:
    """Two lines: the shapes in and out, then the layer's window."""
    return (f"{shape_text(r.input_shape)} input → {shape_text(r.output_shape)} output\n"
            f"{r.rows.kernel}×{r.columns.kernel} kernel, stride {r.rows.stride}, padding {_padding(r)!r}")


def _padding(r: ConvReport) -> str | int:
    """The padding as the learner chose it: 'valid', 'same' or cells per side."""
    padding = r.layer.padding
    return padding if isinstance(padding, str) else padding[0]


def readout_html(r: ConvReport) -> str:
    """Output shape, parameters, neurons, MACs and the dense comparison, each with its formula."""
    k, c, f = r.rows.kernel, r.input_shape[-1], r.layer.filters
    plus_bias = " + 1" if r.layer.use_bias else ""
    biases = "one bias per filter" if r.layer.use_bias else "no biases"
    ratio = f"{r.sharing:,.0f}" if r.sharing >= 10 else f"{r.sharing:.1f}"
    inputs, outputs = r.input_shape[0] * r.input_shape[1] * c, r.neurons
    return lines(
        f"Output shape <b>{shape_text(r.output_shape)}</b>: height {axis_formula(r.rows)}; "
        f"width {axis_formula(r.columns)}.",
        f"Parameters ({k}·{k}·{c}{plus_bias})·{f} = <b>{format_count(r.params)}</b> "
        f"({format_count(r.weights)} weights + {format_count(r.biases)} biases: {biases}).",
        f"The input's height and width are not in that formula: changing them leaves the "
        f"{format_count(r.params)} parameters alone. Of the input, only its depth counts "
        f"({plural(c, 'channel')}).",
        f"Neurons {shape_text(r.output_shape)} = <b>{format_count(r.neurons)}</b>, one per output value; "
        f"MACs {plural(r.weights, 'weight')} × {plural(r.positions, 'position')} = "
        f"<b>{format_count(r.macs)}</b>.",
        f"A dense layer from the same {plural(inputs, 'input')} to the same {plural(outputs, 'output')} "
        f"needs ({format_count(inputs)} + 1)·{format_count(outputs)} = <b>{format_count(r.dense_params)}</b> "
        f"parameters: <b>{ratio}×</b> as many. The convolution shares its weights over all positions.")


@learner_facing
def conv_explorer(**kwargs) -> ConvExplorer:
    """Build the convolution explorer; keyword arguments set the starting input and layer."""
    return ConvExplorer(**kwargs)
