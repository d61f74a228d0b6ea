"""Checks for lesson 06: the notebook's convnet counted, and which model overfits sooner.

As in every check, the truth is recomputed with the package (the counting engine, or the runs
the learner made), a typical slip is recognised and named, and no hint gives the answer away.
"""
from __future__ import annotations

from typing import Any

from ..layers import Dense
from ..train.budget import BudgetRun, convnet_spec, first_to_overfit
from .base import Feedback, integer_check, is_blank, right, unanswered, wrong


def convnet_params(answer: Any, filters: int = 8) -> Feedback:
    """Is ``answer`` the parameter count of the notebook's convnet with ``filters`` first-layer filters?"""
    spec = convnet_spec(filters)
    truth = spec.count_params()
    f2 = 2 * filters
    conv1, conv2 = (3 * 3 * 1 + 1) * filters, (3 * 3 * filters + 1) * f2
    dense = (2 * 2 * f2 + 1) * 10
    hints = [
        (conv1 + conv2, "That is the two Conv2D layers: the Dense layer at the end has parameters too."),
        (truth - filters - f2 - 10, "Every filter and every Dense neuron also has a bias."),
        (conv1 + (3 * 3 * 1 + 1) * f2 + dense, "The second convolution's kernels span all channels its input "
                                               "has, and that input has as many channels as the first had filters."),
        (conv1 + conv2 + Dense(10).row((8 * 8 * f2,)).params, "Flatten comes after both poolings: how many "
                                                              "values are left by then?"),
        (conv1 + conv2 + Dense(10).row((4 * 4 * f2,)).params, "There are two MaxPooling2D layers: each halves "
                                                              "the height and the width."),
        (truth * 64, "A kernel is shared by all positions: the image size does not multiply a conv layer's count."),
    ]
    return integer_check(answer, truth, [(v, h) for v, h in hints if v != truth],
                         fallback="Count layer by layer: (kh·kw·channels in + 1) × filters for each Conv2D, "
                                  "(inputs + 1) × units for the Dense layer; pooling and Flatten add none.",
                         success=f"(3·3·1 + 1)×{filters} + (3·3·{filters} + 1)×{f2} + (2·2·{f2} + 1)×10 = "
                                 f"{conv1:,} + {conv2:,} + {dense:,} = {truth:,}.")


def overfits_sooner(answer: Any, runs: list[BudgetRun]) -> Feedback:
    """Is ``answer`` ("dense" or "convnet") the model whose accuracy gap opens first as the training set shrinks?"""
    if is_blank(answer):
        return unanswered('"dense" or "convnet"')
    if not isinstance(answer, str) or answer.strip().lower() not in ("dense", "convnet"):
        return wrong('Answer with "dense" or "convnet".')
    truth = first_to_overfit(runs)
    if truth is None:
        return wrong("In these runs neither model's gap opens before the other's; try more training-set sizes.")
    if answer.strip().lower() == truth:
        why = ("its weights are tied to pixel positions, so with few images it can memorise each one; the "
               "convnet's shared kernels must work at every position, which holds it back"
               if truth == "dense" else "with these settings the convnet memorised its training images first")
        return right(f"Yes: the {truth} network's gap passes 5 points at the larger training set. Why: {why}.")
    return wrong("Read the gaps (training minus validation accuracy) from the biggest training set down: "
                 "which model's gap is the first to pass 5 points?")
