"""The result of counting a model: one ``Row`` per layer, totals, parameter memory and Keras-like tables.

Every count is an exact Python ``int``; thousands separators appear only when a table
is printed (``format_count``), and memory in decimal units, kB = 1000 B, MB, GB (``format_bytes``).
"""
from __future__ import annotations

import html
import math
from decimal import Decimal
from dataclasses import dataclass, replace
from typing import Iterator

from .._validate import non_negative_int, one_of

BYTES_PER_VALUE = {"float32": 4, "float16": 2, "int8": 1}
COLUMNS = ("Layer (type)", "Output Shape", "Param #", "Neurons")
SHARED = "0 (shared)"
"""The parameter cell of a layer used again in a Sequential: its weights are counted in its first row."""


@dataclass(frozen=True)
class Row:
    """What one layer costs: its output shape, parameters, neurons and multiply-accumulates.

    A composite layer (Residual, Bidirectional) lists its inner layers in ``children``
    and its numbers are the sums of theirs.
    """
    name: str
    kind: str
    output_shape: tuple[int, ...]
    trainable_params: int
    non_trainable_params: int
    neurons: int
    macs: int
    output_values: int
    children: tuple["Row", ...] = ()
    formula: str = ""
    """How the parameter count is made, numbers filled in: ``(3*3*32 + 1)*64`` gives 18,496 (``"0"`` for a
    layer without parameters). Plain Python arithmetic, so ``eval`` of it is the count."""
    connected_to: tuple[str, ...] = ()
    """In a functional ``Model``: the tensors this layer is called on, Keras style (``conv2d[0][0]``)."""
    shared: bool = False
    """In a ``Sequential``: this row is a layer object used again, so it reuses the weights of its first row (the
    one of the same name). Its parameters are counted there once, as Keras and PyTorch count them, so this row
    has none; its neurons and multiply-accumulates count again, since every use computes."""
    inactive_params: int = 0
    """Parameters of the layer that one token does not use: a mixture of experts' experts that its router
    does not pick. Counted in ``params``, left out of ``active_params``."""
    per_token: str = ""
    """What one token uses, in words, where that is not everything: ``2 of 8 experts``."""
    tied_params: int = 0
    """Parameters this layer reuses from another (a tied output head reads the token embedding's matrix):
    counted once, in that layer's row, so not in this row's ``params``."""
    tied_to: str = ""
    """The name of the layer whose ``tied_params`` this one reuses."""

    @property
    def params(self) -> int:
        """All parameters of the layer, trainable or not."""
        return self.trainable_params + self.non_trainable_params

    @property
    def active_params(self) -> int:
        """The parameters one token uses: all of them, except in a mixture of experts."""
        return self.params - self.inactive_params


@dataclass(frozen=True)
class Summary:
    """The rows of a model plus its totals; ``print`` it or show it in Jupyter as a table."""
    rows: tuple[Row, ...]
    input_shape: tuple[int, ...]
    convention: str = "keras"
    arithmetic: bool = False
    """Tables show how each parameter count is made, ``(3*3*32 + 1)*64 = 18,496``, not just the count."""
    input_shapes: tuple[tuple[int, ...], ...] = ()
    """Every input's shape, for a functional ``Model`` (empty: the one ``input_shape``)."""
    output_shapes: tuple[tuple[int, ...], ...] = ()
    """Every output's shape, for a functional ``Model`` (empty: the last row's)."""

    def with_arithmetic(self, show: bool = True) -> "Summary":
        """The same summary, its tables showing (or not) the arithmetic of every count."""
        return replace(self, arithmetic=show)

    def _total(self, field: str) -> int:
        return sum(getattr(row, field) for row in self.rows)

    @property
    def total_params(self) -> int:
        """Every parameter of the model (trainable + non-trainable)."""
        return self._total("params")

    @property
    def trainable_params(self) -> int:
        """Parameters that gradient descent updates."""
        return self._total("trainable_params")

    @property
    def non_trainable_params(self) -> int:
        """Parameters that are stored but not trained (frozen layers, BatchNorm moving stats in Keras)."""
        return self._total("non_trainable_params")

    @property
    def neurons(self) -> int:
        """Units that compute a weighted sum plus bias (input neurons compute nothing)."""
        return self._total("neurons")

    @property
    def macs(self) -> int:
        """Multiply-accumulates of one forward pass for one example, biases excluded."""
        return self._total("macs")

    @property
    def output_values(self) -> int:
        """How many numbers all layers emit for one example (what training must keep)."""
        return self._total("output_values")

    @property
    def output_shape(self) -> tuple[int, ...]:
        """Shape of the model's output, without the batch axis."""
        if len(self.output_shapes) > 1:
            raise ValueError(f"this model has {len(self.output_shapes)} outputs; read output_shapes")
        if self.output_shapes:
            return self.output_shapes[0]
        return self.rows[-1].output_shape if self.rows else self.input_shape

    @property
    def input_values(self) -> int:
        """How many numbers one example brings in, over every input."""
        return sum(math.prod(shape) for shape in self.input_shapes or (self.input_shape,))

    @property
    def functional(self) -> bool:
        """True for a functional ``Model``'s summary: its tables show what each layer is connected to."""
        return any(row.connected_to for row in self.rows)

    @property
    def columns(self) -> tuple[str, ...]:
        """The table's column titles."""
        return COLUMNS + ("Connected to",) if self.functional else COLUMNS

    @property
    def param_bytes(self) -> dict[str, int]:
        """Bytes needed to store the parameters, per number format."""
        return {dtype: self.memory_bytes(dtype) for dtype in BYTES_PER_VALUE}

    def memory_bytes(self, dtype: str = "float32") -> int:
        """Bytes needed to store the parameters as ``dtype`` ('float32', 'float16' or 'int8')."""
        one_of("memory_bytes", "dtype", dtype, BYTES_PER_VALUE)
        return BYTES_PER_VALUE[dtype] * self.total_params

    def __str__(self) -> str:
        return text_table(self)

    def _repr_html_(self) -> str:
        return html_table(self)


def format_count(n: int) -> str:
    """An exact count with thousands separators: 1199882 -> '1,199,882'."""
    return f"{n:,}"


def format_bytes(n: int) -> str:
    """A byte count in decimal (SI) units with two decimals: 407080 -> '407.08 kB'.

    1 kB = 1,000 B, 1 MB = 10**6 B, 1 GB = 10**9 B, 1 TB = 10**12 B, as disk makers and the SI
    count. (Powers of 1024 are KiB, MiB, GiB: 1 GiB = 2**30 B, about 7% more than 1 GB.)
    From a million TB on, terabytes in powers of ten: 4 * 10**160 B -> '4.00e+148 TB'.
    """
    n = non_negative_int("format_bytes", "n", n)
    if n < 1000:
        return f"{n} B"
    if n >= 10**18:  # worked out in decimal, exactly: a float cannot hold a number beyond about 1.8e308
        return f"{Decimal(n).scaleb(-12):.2e} TB"
    value = float(n)
    for unit in ("kB", "MB", "GB", "TB"):
        value /= 1000
        if round(value, 2) < 1000 or unit == "TB":
            return f"{value:.2f} {unit}"
    raise AssertionError("unreachable")


def format_shape(shape: tuple[int, ...]) -> str:
    """A shape the way Python prints a tuple: (26, 26, 32) or (128,)."""
    return str(tuple(shape))


def walk(rows: tuple[Row, ...], depth: int = 0) -> Iterator[tuple[Row, int]]:
    """Every row with its nesting depth, children right after their parent."""
    for row in rows:
        yield row, depth
        yield from walk(row.children, depth + 1)


def _cells(row: Row, summary: "Summary") -> tuple[str, ...]:
    params = SHARED if row.shared else worked_out(row) if summary.arithmetic else format_count(row.params)
    cells = (f"{row.name} ({row.kind})", format_shape(row.output_shape), params, format_count(row.neurons))
    return cells + (", ".join(row.connected_to) or "-",) if summary.functional else cells


def worked_out(row: Row) -> str:
    """The parameter count with its arithmetic: ``(3*3*32 + 1)*64 = 18,496``; a bare count when there is
    nothing to work out (``0``, or a formula that is just the number), and for a composite layer, whose
    own layers are listed below it with theirs."""
    if not row.formula or row.formula == str(row.params) or row.children:
        return format_count(row.params)
    return f"{row.formula} = {format_count(row.params)}"


def _totals(summary: Summary) -> list[tuple[str, str]]:
    memory = ", ".join(f"{format_bytes(n)} as {dtype}" for dtype, n in summary.param_bytes.items())
    return [("Total params", format_count(summary.total_params)),
            ("Trainable params", format_count(summary.trainable_params)),
            ("Non-trainable params", format_count(summary.non_trainable_params)),
            ("Neurons", format_count(summary.neurons)),
            ("MACs", format_count(summary.macs)),
            ("Parameter memory", memory)]


def _title(summary: Summary) -> str:
    if len(summary.input_shapes) > 1:
        shapes = ", ".join(map(format_shape, summary.input_shapes))
        return f"Input shapes {shapes}, {summary.convention} convention"
    return f"Input shape {format_shape(summary.input_shape)}, {summary.convention} convention"


def text_table(summary: Summary) -> str:
    """A Keras-like plain-text table; nested rows are indented by two spaces per level."""
    body = []
    for row, depth in walk(summary.rows):
        name, *rest = _cells(row, summary)
        body.append(("  " * depth + name, *rest))
    columns = summary.columns
    widths = [max(len(line[i]) for line in [columns, *body]) for i in range(len(columns))]

    def line(cells: tuple[str, ...]) -> str:
        # names and shapes (and connections) read left to right; counts line up on their last digit
        return "   ".join(cell.rjust(width) if i in (2, 3) else cell.ljust(width)
                          for i, (cell, width) in enumerate(zip(cells, widths))).rstrip()

    rule = "=" * max(len(line(columns)), *(len(line(cells)) for cells in body))
    lines = [_title(summary), rule, line(columns), rule, *map(line, body), rule]
    lines += [f"{label}: {value}" for label, value in _totals(summary)]
    return "\n".join(lines)


def html_table(summary: Summary) -> str:
    """The same table as HTML for Jupyter, with numbers right-aligned and nested rows indented."""
    # a shape or a count never breaks over two lines; every cell keeps 0.6em either side, so neighbouring columns
    # stay apart where no style sheet pads them (an explorer's readout)
    pad = "padding: 1px 0.6em"
    right = f' style="text-align: right; white-space: nowrap; {pad}"'
    keep = f' style="white-space: nowrap; {pad}"'
    left = f' style="{pad}"'
    columns = summary.columns
    head = "".join(f"<th{right if i in (2, 3) else keep}>{html.escape(c)}</th>" for i, c in enumerate(columns))
    body = []
    for row, depth in walk(summary.rows):
        name, shape, params, neurons, *links = map(html.escape, _cells(row, summary))
        linked = "".join(f"<td{left}>{cell}</td>" for cell in links)
        body.append(f'<tr><td style="{pad}; padding-left: {0.6 + 1.5 * depth}em">{name}</td><td{keep}>{shape}</td>'
                    f"<td{right}>{params}</td><td{right}>{neurons}</td>{linked}</tr>")
    span = len(columns) - 2
    # a total may break between its parts ("74.69 kB as float32, 37.34 kB as float16, ..."), never inside one, so
    # the memory line does not make the table wider than a narrow readout
    total = f' style="text-align: right; {pad}"'
    foot = [f'<tr><td colspan="2"{left}>{html.escape(label)}</td><td colspan="{span}"{total}>{_unbroken_parts(value)}'
            "</td></tr>" for label, value in _totals(summary)]
    return (f'<table class="nnlesson-summary"><caption>{html.escape(_title(summary))}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
            f"<tfoot>{''.join(foot)}</tfoot></table>")


def _unbroken_parts(value: str) -> str:
    """``value`` as HTML that may wrap after the ", " between its parts but never inside a part."""
    return ", ".join(f'<span style="white-space: nowrap">{html.escape(part)}</span>' for part in value.split(", "))
