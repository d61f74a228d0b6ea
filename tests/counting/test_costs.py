"""Per-layer costs with their formulas: each formula's arithmetic equals the engine's count."""
import re

from nnlesson.counting.costs import costs_html, layer_costs
from nnlesson.train.budget import convnet_spec, dense_spec


def evaluate(formula: str) -> int:
    """The number a formula's left side computes, worked out independently of its printed result."""
    left = formula.split(" = ")[0].replace("·", "*")
    assert re.fullmatch(r"[0-9+*() ]+", left), left
    return eval(left)  # only digits and arithmetic, checked above


def test_formulas_compute_the_counts():
    for spec in (convnet_spec(8), convnet_spec(4), dense_spec(25)):
        for cost in layer_costs(spec):
            if cost.params:
                assert evaluate(cost.formula) == cost.params and cost.formula.endswith(f"= {cost.params:,}")


def test_the_convnet_row_by_row():
    costs = layer_costs(convnet_spec(8))
    assert [c.formula for c in costs if c.params] == ["(3·3·1 + 1)·8 = 80", "(3·3·8 + 1)·16 = 1,168",
                                                      "(64 + 1)·10 = 650"]
    assert [c.neurons for c in costs] == [512, 0, 256, 0, 0, 10]
    assert [c.macs for c in costs] == [8 * 8 * 9 * 8, 0, 4 * 4 * 72 * 16, 0, 0, 640]
    assert costs[0].param_bytes == 320 and costs[0].output_bytes == 8 * 8 * 8 * 4
    html = costs_html(convnet_spec(8), "convnet")
    assert "<b>1,898</b>" in html and "<b>778</b>" in html and "<b>23,680</b>" in html and "7.59 kB" in html
