"""model_builder: start from the MNIST convnet, change each layer's size, swap Flatten for global
average pooling, add or remove layers; the summary table, totals and parameter shares follow."""
from __future__ import annotations

import html
from typing import Sequence

import ipywidgets as widgets

from ..counting import CHOICES, MNIST_CONVNET, SIZED, ModelReport, build, make_layer, model_report, zoo_report
from ..zoo import PUBLISHED
from ..layers.summary import format_bytes, format_count
from ..plots.model_builder import ParameterShares
from .controls import ArgumentError, checkbox, dropdown, slider, wrap_row
from .explorer import Explorer, learner_facing
from .html import lines, muted

MAX_LAYERS = 10
OUTPUT_MENU = [("softmax: a probability per class", "softmax"), ("sigmoid: yes or no", "sigmoid"),
               ("linear: plain numbers", "linear")]
"""What the last Dense layer, the output layer, gives (``OUTPUTS``); the hidden ones use ReLU."""
INPUTS = [("28×28×1 (MNIST)", (28, 28, 1)), ("32×32×3 (CIFAR-10)", (32, 32, 3)), ("64×64×3", (64, 64, 3)),
          ("224×224×3 (ImageNet)", (224, 224, 3))]


class ModelBuilder(Explorer):
    """Up to ten layer rows, each a layer choice and a size, with buttons to remove a row or copy it below."""

    def __init__(self, layers: Sequence[tuple[str, int]] = MNIST_CONVNET,
                 input_shape: tuple[int, int, int] = (28, 28, 1), arithmetic: bool = False, famous: str = "",
                 output: str = "softmax"):
        layers = checked_layers(layers)
        slots = list(layers) + [("Dense", 10)] * (MAX_LAYERS - len(layers))
        controls = {"famous": dropdown("show", [("your layers (below)", "")] +
                                       [(entry.name, entry.name) for entry in PUBLISHED], famous, argument="famous"),
                    "input_shape": dropdown("input", input_menu(input_shape), tuple(input_shape),
                                            argument="input_shape")}
        self.rows, buttons = [], []
        for i, (choice, size) in enumerate(slots):
            kind = controls[f"kind{i}"] = widgets.Dropdown(options=CHOICES, value=choice,
                                                           layout=widgets.Layout(width="190px", flex="0 0 auto"))
            size_slider = controls[f"size{i}"] = slider(f"size {i + 1}", max(size, 1), 1, 1024, step=1, integer=True,
                                                        width="240px")
            remove, copy = (widgets.Button(description=sign, layout=widgets.Layout(width="34px")) for sign in "−+")
            remove.tooltip, copy.tooltip = "remove this layer", "add a copy of this layer below it"
            buttons.append((remove, copy))
            self.rows.append(wrap_row([widgets.HTML(f"<b>{i + 1}</b>", layout=widgets.Layout(width="22px")),
                                       kind, size_slider, remove, copy]))
        self.count = len(layers)
        self.add = widgets.Button(description="+ copy the last layer", layout=widgets.Layout(width="200px"))
        controls["output"] = dropdown("output layer", OUTPUT_MENU, output, argument="output", width="340px")
        controls["arithmetic"] = checkbox("show how each count is made", arithmetic, argument="arithmetic")
        self.table = widgets.HTML()
        self.plot = ParameterShares(MAX_LAYERS)
        self._shown = self._table_of = None
        self.note = widgets.HTML()
        self.layer_rows = widgets.VBox([controls["input_shape"], widgets.VBox(self.rows), self.add, controls["output"]])
        super().__init__(controls, [self.plot], widgets.VBox([controls["famous"], self.note, self.layer_rows,
                                                              controls["arithmetic"]]))
        self.add_class("nnlesson-model-builder")
        for i, (remove, copy) in enumerate(buttons):
            self.listen(remove, lambda i=i: self.remove(i))
            self.listen(copy, lambda i=i: self.insert_copy(i))
        self.listen(self.add, lambda: self.insert_copy(self.count - 1))

    def arrange(self, view: widgets.Widget) -> list[widgets.Widget]:
        """The layer rows beside the bars of parameter shares, then the totals, then the summary table."""
        view.layout = widgets.Layout(flex="0 1 auto", margin="0 16px 6px 0")
        self.table.layout = widgets.Layout(max_width="100%")
        return [wrap_row([view, *self.figures], align_items="flex-start"), self.readout, self.table]

    def model(self):
        """The model shown now, to export or count further: ``builder.model().to_keras_code()``."""
        famous = self.controls["famous"].value
        return zoo_report(famous).published.build() if famous else build(self.controls["input_shape"].value,
                                                                           self.layers(), self.controls["output"].value)

    def layers(self) -> list[tuple[str, int]]:
        """The active rows as (choice, size) pairs."""
        return [(self.controls[f"kind{i}"].value, self.controls[f"size{i}"].value) for i in range(self.count)]

    def _set_rows(self, layers: list[tuple[str, int]]) -> None:
        with self.hold():
            for i, (choice, size) in enumerate(layers):
                self.controls[f"kind{i}"].value, self.controls[f"size{i}"].value = choice, size
            self.count = len(layers)

    def remove(self, index: int) -> None:
        """Remove row ``index``; the rows below move up. The last remaining layer cannot go."""
        if self.count > 1:
            self._set_rows(self.layers()[:index] + self.layers()[index + 1:])

    def insert_copy(self, index: int) -> None:
        """Insert a copy of row ``index`` right below it (up to ten rows)."""
        if self.count < MAX_LAYERS:
            layers = self.layers()
            self._set_rows(layers[:index + 1] + [layers[index]] + layers[index + 1:])

    def compute(self, input_shape, famous, output, arithmetic, **rows) -> ModelReport:
        if famous:
            return zoo_report(famous)
        layers = [(rows[f"kind{i}"], rows[f"size{i}"]) for i in range(self.count)]  # the rows in use, as given
        try:
            return model_report(input_shape, layers, output)
        except ValueError:
            raise ValueError(build_advice(input_shape, layers)) from None

    def draw(self, result: ModelReport) -> str | None:
        key = (result.layers, result.input_shape, result.published, result.output)
        if key == self._shown:  # a hidden row (or only the arithmetic box) changed: the bars and totals did not
            return None
        self._shown = key
        self.plot.update(result.shares, f"Where the {format_count(result.params)} parameters are")
        return readout_html(result) + (published_html(result) if result.published is not None else "")

    def update_view(self, result: ModelReport) -> None:
        """The rows in use, the note over a famous model, and the summary table."""
        famous = result.published is not None
        self.layer_rows.layout.display = "none" if famous else ""  # the learner's rows wait, as they were
        self.note.value = (f"<i>{len(result.summary.rows)} layers of {html.escape(result.published.name)}, counted as "
                           f"{result.summary.convention} counts them. Choose “your layers” to edit your own model "
                           "again.</i>" if famous else "")
        for i, row in enumerate(self.rows):
            row.layout.display = "" if i < self.count else "none"
            self.controls[f"size{i}"].layout.visibility = ("visible" if self.controls[f"kind{i}"].value in SIZED
                                                           else "hidden")
        self.add.disabled = self.count >= MAX_LAYERS
        self.controls["output"].disabled = not result.layers or result.layers[-1][0] != "Dense"
        arithmetic = self.controls["arithmetic"].value
        table_of = (result.layers, result.input_shape, result.published, arithmetic)
        if table_of != self._table_of:
            self._table_of = table_of
            self.table.value = result.summary.with_arithmetic(arithmetic)._repr_html_()

    def stale_parts(self) -> list[widgets.Widget]:
        return [*super().stale_parts(), self.table]


def checked_layers(layers) -> list[tuple[str, int]]:
    """The starting rows as (choice, size) pairs, each choice one of the menu's, each size a whole number."""
    rule = f"layers takes 1 to {MAX_LAYERS} (choice, size) pairs, e.g. [(\"Conv2D 3×3\", 32), (\"Dense\", 10)]"
    if isinstance(layers, (str, bytes)) or not hasattr(layers, "__len__") or not 1 <= len(layers) <= MAX_LAYERS:
        raise ArgumentError("layers", layers, rule)
    rows = []
    for row, pair in enumerate(layers):
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise ArgumentError(f"layers[{row}]", pair, rule)
        choice, size = pair
        if choice not in CHOICES:
            raise ArgumentError(f"layers[{row}]", pair, "the layer must be one of " + ", ".join(map(repr, CHOICES)))
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            raise ArgumentError(f"layers[{row}]", pair, "the size is a whole number (0 for a layer without one)")
        rows.append((choice, size))
    return rows


def input_menu(input_shape) -> list:
    """The input menu, with the starting shape added when it is another height × width × channels."""
    if not (isinstance(input_shape, (tuple, list)) and len(input_shape) == 3 and all(
            isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in input_shape)):
        raise ArgumentError("input_shape", input_shape, "the input is (height, width, channels), three whole "
                            "numbers of at least 1, e.g. (28, 28, 1)")
    shape = tuple(input_shape)
    if shape in dict((value, label) for label, value in INPUTS):
        return INPUTS
    return [*INPUTS, ("×".join(map(str, shape)), shape)]


def window(choice: str) -> int | None:
    """The side of the window a menu choice slides over the image (3 for Conv2D 3×3), or None."""
    layer = make_layer(choice, 1)
    size = getattr(layer, "kernel_size", None) or getattr(layer, "pool_size", None)
    return size[0] if size else None


def build_advice(input_shape: tuple[int, ...], layers: list[tuple[str, int]]) -> str:
    """Which row cannot follow the rows above it, why, and what to change, in the learner's words."""
    shape = tuple(input_shape)
    for row, (choice, size) in enumerate(layers, start=1):
        try:
            shape = build(input_shape, layers[:row]).summary().output_shape
            continue
        except ValueError as error:
            reason = str(error)
        k = window(choice)
        needs_image = k is not None or choice in ("Flatten", "GlobalAveragePooling2D")
        if needs_image and len(shape) == 1:
            return (f"Layer {row} ({choice}) needs an image (height × width × channels), but above it the data "
                    f"is already a flat list of {format_count(shape[0])} numbers. Move it above the Flatten or "
                    f"global pooling layer, or remove it.")
        if k is not None and min(shape[:2]) < k:
            return (f"Layer {row} ({choice}) does not fit: the image is down to {shape[0]}×{shape[1]} there, "
                    f"smaller than its {k}×{k} window. Remove a convolution or pooling layer above it, or pick a "
                    f"larger input.")
        return f"Layer {row} ({choice}) cannot follow the layers above it: {reason}"
    return "This model cannot be built: change or remove the last layer you edited."


def readout_html(r: ModelReport) -> str:
    """Totals in one paragraph: parameters, memory, neurons, MACs, and where the parameters sit."""
    largest, share = r.largest
    return lines(
        f"<b>{format_count(r.params)} parameters</b> ({format_bytes(r.bytes)} as float32), "
        f"<b>{format_count(r.neurons)} neurons</b>, {format_count(r.macs)} multiply-accumulates per image; "
        f"output shape {r.output_shape}.",
        f"Dense layers hold <b>{100 * r.dense_share:.1f}%</b> of the parameters; the largest layer, "
        f"{html.escape(largest.name)} ({largest.kind}), holds {format_count(largest.params)} "
        f"({100 * share:.1f}%).",
        *([output_html(r)] if r.layers else []))


def output_html(r: ModelReport) -> str:
    """What the model gives: the last Dense layer's activation and what it means, or that no Dense layer ends it."""
    choice, size = r.layers[-1]
    if choice != "Dense":
        return muted(f"The model ends with {html.escape(choice)}, not a Dense layer: it gives "
                     f"{format_count(r.summary.output_shape[-1])} features, no prediction yet.")
    meaning = {"softmax": f"a probability for each of its {format_count(size)} classes, adding up to 1",
               "sigmoid": f"{format_count(size)} probabilit{'y' if size == 1 else 'ies'} between 0 and 1, each on its own",
               "linear": f"{format_count(size)} plain number{'' if size == 1 else 's'}"}[r.output]
    return f"The output layer, Dense({size}) with {r.output} activation, gives {meaning}; the hidden layers use ReLU."


def published_html(r: ModelReport) -> str:
    """The published total next to the count, and whether they agree."""
    entry = r.published
    agrees = "matches it exactly" if (r.params, r.summary.non_trainable_params) == (entry.params, entry.non_trainable) \
        else "does not match it"
    frozen = f", of which {format_count(entry.non_trainable)} non-trainable" if entry.non_trainable else ""
    return lines(f"Published ({html.escape(entry.source)}): {format_count(entry.params)} parameters{frozen}; "
                 f"the count above {agrees}.")


@learner_facing
def model_builder(**kwargs) -> ModelBuilder:
    """Build the model builder; ``layers`` sets the starting (choice, size) rows, ``input_shape`` the input,
    ``famous`` a zoo model to show instead (a name from ``nnlesson.zoo.PUBLISHED``)."""
    return ModelBuilder(**kwargs)
