"""branches_explorer: an Inception module, a DenseNet block or a squeeze-and-excite gate, drawn as its graph
and counted box by box, with the controls that change each block's shape."""
from __future__ import annotations

import html

from ..counting.branches import BLOCKS, INCEPTION_3A, BranchReport, branch_report
from ..layers.summary import format_count, worked_out
from ..plots.branches import GraphPanel, compact
from .controls import column, dropdown, slider, steps_slider, within, wrap_row
from .explorer import Explorer, learner_facing
from .html import lines, muted

BLOCK_NAMES = {"inception": "Inception module", "dense": "DenseNet block", "squeeze-excite": "squeeze-and-excite gate"}
GRAPH_TITLES = {"inception": "Inception module: four branches side by side, concatenated",
                "dense": "DenseNet block: each concatenation takes everything before it",
                "squeeze-excite": "Squeeze-and-excite: a side branch scales each channel"}
"""The figure's title names the block only (the input box shows its channels), so a change of the input's size,
which leaves the graph as it is, sends no new picture."""
BLOCK_INPUTS = {"inception": (192, 28), "dense": (64, 56), "squeeze-excite": (64, 56)}
"""The input (channels, height = width) each block starts on, as lesson 07 describes it: GoogLeNet's module 3a,
DenseNet-121's first block, a gate on that block's 64 channels."""
INPUT_CONTROLS = {"inception": ("inception_channels", "inception_size"), "dense": ("dense_channels", "dense_size"),
                  "squeeze-excite": ("gate_channels", "gate_size")}
"""Each block has its own input sliders, starting on its ``BLOCK_INPUTS``: choosing a block shows its own, as the
learner last left them, and no control ever sets another."""
OWN_CONTROLS = {"inception": (*INPUT_CONTROLS["inception"], "width"),
                "dense": (*INPUT_CONTROLS["dense"], "layers", "growth"),
                "squeeze-excite": (*INPUT_CONTROLS["squeeze-excite"], "ratio")}
"""The controls each block reads besides the menu; the others are hidden."""
MOST_LAYERS = 48
"""The longest dense block the slider reaches: DenseNet-201's third (DenseNet-121 has 6, 12, 24 and 16 layers)."""


class BranchesExplorer(Explorer):
    """One branching block on an input of chosen channels and size."""

    def __init__(self, block: str = "inception", channels: int | None = None, size: int | None = None,
                 width: int = INCEPTION_3A, layers: int = 6, growth: int = 32, ratio: int = 4):
        controls = {"block": dropdown("block", [(BLOCK_NAMES[b], b) for b in BLOCKS], block, argument="block")}
        for name, value, low, high in (("channels", channels, 1, 4096), ("size", size, 1, 1024), ("width", width, 1, 4096),
                                       ("layers", layers, 1, MOST_LAYERS), ("growth", growth, 1, 1024)):
            within(name, value, low, high, f"{name} takes {low} to {high:,}")
        for each, (channels_key, size_key) in INPUT_CONTROLS.items():
            start_channels, start_size = BLOCK_INPUTS[each]
            if each == block:  # the starting block takes the input asked for
                start_channels = start_channels if channels is None else channels
                start_size = start_size if size is None else size
            controls[channels_key] = slider("input channels", start_channels, 8, 512, step=8, integer=True,
                                            argument="channels")
            controls[size_key] = slider("input height = width", start_size, 1, 112, step=1, integer=True,
                                        argument="size")
        controls.update({
            "width": slider("1×1 branch filters", width, 8, 256, step=8, integer=True, argument="width"),
            "layers": slider("layers in the block", layers, 1, MOST_LAYERS, step=1, integer=True, argument="layers"),
            "growth": slider("growth rate k", growth, 4, 64, step=4, integer=True, argument="growth"),
            "ratio": steps_slider("reduction ratio r", (1, 2, 4, 8, 16, 32), ratio, live=True, argument="ratio"),
        })
        self.graph = GraphPanel()
        inputs = [controls[key] for keys in INPUT_CONTROLS.values() for key in keys]
        view = wrap_row([column("block and input", controls["block"], *inputs),
                         column("the block's own", *(controls[name] for name in ("width", "layers", "growth", "ratio")))])
        super().__init__(controls, [self.graph], view)
        self.add_class("nnlesson-branches")

    def compute(self, block, width, layers, growth, ratio, **inputs) -> BranchReport:
        channels, size = (inputs[key] for key in INPUT_CONTROLS[block])
        if block == "squeeze-excite" and ratio > channels:
            raise ValueError(f"The gate squeezes {channels} channels to {channels} / {ratio}, less than one: "
                             f"choose a reduction ratio of at most {channels}, or more input channels.")
        return branch_report(block, channels, size, width, layers, growth, ratio)

    def draw(self, result: BranchReport) -> str:
        self.graph.update(result.layout, GRAPH_TITLES[result.block])
        return readout_html(result)

    def update_view(self, result: BranchReport) -> None:
        """Only the chosen block's input and own controls are shown."""
        for name, control in self.controls.items():
            if name != "block":
                control.layout.display = "" if name in OWN_CONTROLS[result.block] else "none"


def readout_html(r: BranchReport) -> str:
    """How the output's channels come about, the parameters box by box, and the comparison that makes the point."""
    out = r.output_shape[-1]
    ratio = r.compared_params / r.part_params
    against = (f"{html.escape(r.compared_with)} would need <b>{format_count(r.compared_params)}</b>, "
               f"{ratio:.1f}× as many" if ratio >= 1 else
               f"{html.escape(r.compared_with)} would need <b>{format_count(r.compared_params)}</b>, "
               f"{1 / ratio:.1f}× fewer")
    drawn = [node for node in compact(r.layout).nodes if node.params]  # the terms the figure shows, one per box
    if r.block == "inception":
        channels = (f"Concatenate lays the four branches side by side: {' + '.join(map(str, r.branch_channels))} = "
                    f"<b>{out}</b> channels.")
        five = next(node for node in r.boxes if node.label.startswith("5x5"))
        detail = (f"The 5×5 branch first shrinks the channels with a 1×1 convolution: {arithmetic(five)}, "
                  f"{format_count(r.part_params)} in all; {against}.")
    elif r.block == "dense":
        layers = len(r.boxes)
        k = (out - r.input_shape[-1]) // layers
        channels = (f"Every layer adds k = {k} channels to all that came before: {r.input_shape[-1]} + {layers}·{k} = "
                    f"<b>{out}</b> channels.")
        last = r.boxes[-1]
        several = next((node for node in drawn if node.stands_for > 1), None)
        shown = (f" The graph draws {several.label} as one box; the table below lists every layer." if several else "")
        detail = (f"The last layer sees {last.rows[0].output_shape[-1]} channels: {arithmetic(last)} "
                  f"(BatchNorm counted as PyTorch does: 2 per channel). Against the whole block, {against}.{shown}")
    else:
        channels = (f"The gate averages each of the {out} channels to one number, squeezes them to "
                    f"{r.boxes[0].output_shape[-1]} and back, and multiplies every map by its number (between 0 and 1).")
        detail = f"Its two 1×1 convolutions: {'; '.join(arithmetic(node) for node in r.boxes)}. Against it, {against}."
    terms = " + ".join(format_count(node.params) + (f" ({node.label})" if node.stands_for > 1 else "") for node in drawn)
    totals = (f"Parameters {terms} = "
              f"<b>{format_count(r.params)}</b> (merges add none); {format_count(r.summary.neurons)} neurons, "
              f"{format_count(r.summary.macs)} MACs.")
    table = f"<details><summary>Every layer, as summary() prints it</summary>{r.summary._repr_html_()}</details>"
    return lines(channels, totals, detail) + muted(table)


def arithmetic(node) -> str:
    """Each layer of a box that holds parameters, with how its count is made: 'conv1 (1*1*64 + 1)*16 = 1,040'."""
    return ", ".join(f"{html.escape(row.name.split('.')[-1])} {worked_out(row)}" for row in node.rows if row.params)


@learner_facing
def branches_explorer(**kwargs) -> BranchesExplorer:
    """Build the branches explorer; keyword arguments set the starting block, input and widths."""
    return BranchesExplorer(**kwargs)
