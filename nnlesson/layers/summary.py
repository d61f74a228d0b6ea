"""The result of counting a model: one ``Row`` per layer, totals, parameter memory and Keras-like tables.

Every count is an exact Python ``int``; thousands separators appear only when a table
is printed (``format_count``), and memory in decimal units, kB = 1000 B, MB, GB (``format_bytes``).
"""
from __future__ import annotations

import html
from dataclasses import dataclass, replace
from typing import Iterator

from .._validate import one_of

BYTES_PER_VALUE = {"float32": 4, "float16": 2, "int8": 1}
COLUMNS = ("Layer (type)", "Output Shape", "Param #", "Neurons")


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

    @property
    def params(self) -> int:
        """All parameters of the layer, trainable or not."""
        return self.trainable_params + self.non_trainable_params


@dataclass(frozen=True)
class Summary:
    """The rows of a model plus its totals; ``print`` it or show it in Jupyter as a table."""
    rows: tuple[Row, ...]
    input_shape: tuple[int, ...]
    convention: str = "keras"
    arithmetic: bool = False
    """Tables show how each parameter count is made, ``(3*3*32 + 1)*64 = 18,496``, not just the count."""

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
        return self.rows[-1].output_shape if self.rows else self.input_shape

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
    """
    if n < 1000:
        return f"{n} B"
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


def _cells(row: Row, arithmetic: bool = False) -> tuple[str, str, str, str]:
    return (f"{row.name} ({row.kind})", format_shape(row.output_shape),
            worked_out(row) if arithmetic else format_count(row.params), format_count(row.neurons))


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
    return f"Input shape {format_shape(summary.input_shape)}, {summary.convention} convention"


def text_table(summary: Summary) -> str:
    """A Keras-like plain-text table; nested rows are indented by two spaces per level."""
    body = []
    for row, depth in walk(summary.rows):
        name, *numbers = _cells(row, summary.arithmetic)
        body.append(("  " * depth + name, *numbers))
    widths = [max(len(line[i]) for line in [COLUMNS, *body]) for i in range(len(COLUMNS))]

    def line(cells: tuple[str, ...]) -> str:
        left = [cell.ljust(width) for cell, width in zip(cells[:2], widths[:2])]
        right = [cell.rjust(width) for cell, width in zip(cells[2:], widths[2:])]
        return "   ".join(left + right)

    rule = "=" * len(line(COLUMNS))
    lines = [_title(summary), rule, line(COLUMNS), rule, *map(line, body), rule]
    lines += [f"{label}: {value}" for label, value in _totals(summary)]
    return "\n".join(lines)


def html_table(summary: Summary) -> str:
    """The same table as HTML for Jupyter, with numbers right-aligned and nested rows indented."""
    right = ' style="text-align: right; white-space: nowrap"'
    keep = ' style="white-space: nowrap"'  # a shape or a count never breaks over two lines
    head = "".join(f"<th{right if i >= 2 else keep}>{html.escape(c)}</th>" for i, c in enumerate(COLUMNS))
    body = []
    for row, depth in walk(summary.rows):
        name, shape, params, neurons = map(html.escape, _cells(row, summary.arithmetic))
        body.append(f'<tr><td style="padding-left: {0.5 + 1.5 * depth}em">{name}</td><td{keep}>{shape}</td>'
                    f"<td{right}>{params}</td><td{right}>{neurons}</td></tr>")
    foot = [f'<tr><td colspan="2">{html.escape(label)}</td><td colspan="2"{right}>{html.escape(value)}</td></tr>'
            for label, value in _totals(summary)]
    return (f'<table class="nnlesson-summary"><caption>{html.escape(_title(summary))}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
            f"<tfoot>{''.join(foot)}</tfoot></table>")
