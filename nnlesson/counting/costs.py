"""What each layer of a model costs, with the lesson-04 formula behind its parameter count.

Per layer: parameters (and how they are made up), neurons, multiply-accumulates for one image,
and float32 memory for the parameters and for the values the layer emits per image.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass

from ..layers import Conv2D, Dense, Sequential
from ..layers.summary import BYTES_PER_VALUE, format_bytes, format_count


@dataclass(frozen=True)
class LayerCost:
    name: str
    output_shape: tuple[int, ...]
    formula: str
    params: int
    neurons: int
    macs: int
    param_bytes: int
    output_bytes: int


def formula(layer, input_shape: tuple[int, ...], params: int) -> str:
    """The count written out: ``(3·3·1 + 1)·8 = 80`` for a Conv2D, ``(64 + 1)·10 = 650`` for a Dense layer."""
    if isinstance(layer, Conv2D) and layer.groups == 1:
        kh, kw = layer.kernel_size
        bias = " + 1" if layer.use_bias else ""
        return f"({kh}·{kw}·{input_shape[-1]}{bias})·{layer.filters} = {params:,}"
    if isinstance(layer, Dense):
        bias = " + 1" if layer.use_bias else ""
        return f"({input_shape[-1]}{bias})·{layer.units} = {params:,}"
    return "0" if params == 0 else f"{params:,}"


def layer_costs(spec: Sequential) -> list[LayerCost]:
    """One ``LayerCost`` per layer of ``spec``, counted by the counting engine."""
    size = BYTES_PER_VALUE["float32"]
    costs, shape = [], spec.input_shape
    for layer, row in zip(spec.layers, spec.summary().rows):
        costs.append(LayerCost(f"{row.name} ({row.kind})", row.output_shape, formula(layer, shape, row.params),
                               row.params, row.neurons, row.macs, row.params * size,
                               math.prod(row.output_shape) * size))
        shape = row.output_shape
    return costs


def costs_html(spec: Sequential, title: str) -> str:
    """The costs as an HTML table with a totals row, for a notebook cell."""
    costs = layer_costs(spec)
    head = ["layer", "output shape", "parameters", "neurons", "MACs", "float32 params", "float32 output per image"]
    right = ' style="text-align: right; white-space: nowrap"'
    keep = ' style="white-space: nowrap"'
    heading = ' style="text-align: right"'
    rows = "".join(
        f"<tr><td>{html.escape(c.name)}</td><td{keep}>{c.output_shape}</td>"
        f"<td{right}>{html.escape(c.formula)}</td>"
        f"<td{right}>{format_count(c.neurons)}</td><td{right}>{format_count(c.macs)}</td>"
        f"<td{right}>{format_bytes(c.param_bytes)}</td><td{right}>{format_bytes(c.output_bytes)}</td></tr>"
        for c in costs)
    total = (f"<tr><td><b>total</b></td><td></td><td{right}><b>{format_count(sum(c.params for c in costs))}</b></td>"
             f"<td{right}><b>{format_count(sum(c.neurons for c in costs))}</b></td>"
             f"<td{right}><b>{format_count(sum(c.macs for c in costs))}</b></td>"
             f"<td{right}><b>{format_bytes(sum(c.param_bytes for c in costs))}</b></td>"
             f"<td{right}><b>{format_bytes(sum(c.output_bytes for c in costs))}</b></td></tr>")
    # titles may wrap (at their spaces); the numbers under them never do
    header = "".join(f"<th{heading if i >= 2 else ''}>{h}</th>" for i, h in enumerate(head))
    return (f'<div style="overflow-x: auto"><table><caption>{html.escape(title)}</caption><thead><tr>{header}</tr>'
            f"</thead><tbody>{rows}{total}</tbody></table></div>")
