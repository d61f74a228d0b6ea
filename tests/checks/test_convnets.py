"""Lesson 06's checks: right answers pass with the arithmetic, typical slips get their hint, no hint tells."""
import pytest

from nnlesson import checks
from nnlesson.train.budget import BudgetRun, Trained, budget_run, first_to_overfit


@pytest.mark.parametrize("filters, truth", [(8, 1898), (4, 666), (2, 266)])
def test_convnet_params_accepts_the_count(filters, truth):
    feedback = checks.convnet_params(truth, filters=filters)
    assert feedback and f"= {truth:,}" in str(feedback)


@pytest.mark.parametrize("answer, hint", [
    (1248, "the Dense layer at the end"),
    (1864, "also has a bias"),
    (80 + 160 + 650, "span all channels"),
    (80 + 1168 + 10250, "Flatten comes after both poolings"),
    (80 + 1168 + 2570, "two MaxPooling2D layers"),
    (1898 * 64, "does not multiply"),
    (1234, "Count layer by layer"),
])
def test_convnet_params_names_the_slip(answer, hint):
    feedback = checks.convnet_params(answer, filters=8)
    assert not feedback and hint in str(feedback) and "1,898" not in str(feedback)


@pytest.fixture(scope="module")
def sweep():
    return [budget_run(n, 8, epochs=30) for n in (500, 200)]


def test_overfits_sooner(sweep):
    assert first_to_overfit(sweep) == "dense"
    assert checks.overfits_sooner("dense", sweep) and "5 points" in str(checks.overfits_sooner("Dense ", sweep))
    wrong = checks.overfits_sooner("convnet", sweep)
    assert not wrong and "dense" not in str(wrong).lower()
    assert "Replace" in str(checks.overfits_sooner(..., sweep))
    assert 'Answer with "dense" or "convnet"' in str(checks.overfits_sooner("mlp", sweep))
