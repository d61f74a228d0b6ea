"""Where a model's parameters sit: each layer's share, the dense layers' share, totals per stage.

The model builder's bars and notebook 04's tables (the classic convnet's dense layers hold
almost everything; ResNet-50's stages) read these.
"""
from __future__ import annotations

from typing import Sequence

from ..layers import Row, Summary


def parameter_shares(summary: Summary) -> list[tuple[Row, float]]:
    """Each top-level layer with its share of the model's parameters (0 to 1); all 0 for an empty model."""
    total = summary.total_params
    return [(row, row.params / total if total else 0.0) for row in summary.rows]


def largest_shares(summary: Summary, slots: int = 10) -> list[tuple[Row, float]]:
    """At most ``slots`` bars for a summary of any length: every top-level layer when they fit, else the
    ``slots - 1`` layers with the most parameters (in model order) and one row for all the others together."""
    shares = parameter_shares(summary)
    if len(shares) <= slots:
        return shares
    kept = {id(row) for row, _ in sorted(shares, key=lambda pair: -pair[0].params)[:slots - 1]}
    rest = [(row, share) for row, share in shares if id(row) not in kept]
    others = Row(name=f"the other {len(rest)} layers", kind="Other", output_shape=(),
                 trainable_params=sum(row.trainable_params for row, _ in rest),
                 non_trainable_params=sum(row.non_trainable_params for row, _ in rest),
                 neurons=sum(row.neurons for row, _ in rest), macs=sum(row.macs for row, _ in rest),
                 output_values=sum(row.output_values for row, _ in rest))
    return [pair for pair in shares if id(pair[0]) in kept] + [(others, sum(share for _, share in rest))]


def dense_share(summary: Summary) -> float:
    """The share of all parameters held by Dense layers, nested ones included (0 to 1)."""
    def dense_params(rows: Sequence[Row]) -> int:
        return sum(row.params if row.kind == "Dense" else dense_params(row.children) for row in rows)

    return dense_params(summary.rows) / summary.total_params if summary.total_params else 0.0


def stage_params(summary: Summary, separator: str = ".") -> dict[str, int]:
    """Parameters summed per stage, a stage being the layer name up to ``separator`` ('layer1.0' -> 'layer1')."""
    stages: dict[str, int] = {}
    for row in summary.rows:
        stage = row.name.split(separator)[0]
        stages[stage] = stages.get(stage, 0) + row.params
    return stages
