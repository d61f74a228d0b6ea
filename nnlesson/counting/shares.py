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
