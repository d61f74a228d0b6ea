"""How a numeric check reads the precision of an answer off its spelling, and what it says about it."""
import numpy as np
import pytest

from nnlesson.checks.base import describe, numeric_check, typed
from tests.checks.test_neuron import assert_hint_hides


@pytest.mark.parametrize("answer, significant, decimals, words", [
    (0.84, 2, 2, "2 decimals"),
    (0.8413, 4, 4, "4 decimals"),
    (3.53, 3, 2, "2 decimals"),
    (0.5, 1, 1, "1 decimal"),
    (-0.3, 1, 1, "1 decimal"),
    (9.5e-7, 2, 8, "2 significant figures"),
    (1e-6, 1, 6, "1 significant figure, the order of magnitude"),
    (0.00095, 2, 5, "2 significant figures"),      # leading zeros are not significant
    (12, 2, 0, "2 significant figures"),
    (100, 3, 0, "3 significant figures"),          # an integer counts every digit it has
    (2.0, 1, 0, "1 significant figure"),           # as spelled: Python keeps no trailing zero (readings adds them)
    (1e16, 1, -16, "1 significant figure, the order of magnitude"),
    (np.float32(0.84), 2, 2, "2 decimals"),        # float32's own shortest spelling, not 0.8399999737739563
])
def test_typed_precision(answer, significant, decimals, words):
    precision = typed(answer)
    assert (precision.significant, precision.decimals) == (significant, decimals)
    assert describe(precision) == words


def test_zero_has_no_significant_figures():
    assert typed(0).significant == 0 and typed(0.0).significant == 0


TRUTH = 0.8413447460685429   # Phi(1), four decimals 0.8413
SLIP = 0.5                    # Phi(0), the value a learner gets who forgets to put z in


def check(answer, least=2):
    return numeric_check(answer, TRUTH, [(SLIP, "That is the value at z = 0.")], fallback="Try again.",
                         success="Done.", least=least)


@pytest.mark.parametrize("answer, words", [(0.84, "Right to 2 decimals"), (0.841, "Right to 3 decimals"),
                                           (0.8413, "Right to 4 decimals"), (0.84134, "Right to 5 decimals")])
def test_right_to_the_digits_typed(answer, words):
    feedback = check(answer)
    assert feedback.correct is True
    assert feedback.message.startswith(words)
    assert "the exact value is 0.841345…" in feedback.message


def test_a_full_precision_answer_gets_the_plain_message():
    assert check(TRUTH).message == "Done."
    assert check(np.float64(TRUTH) + 1e-16).message == "Done."


@pytest.mark.parametrize("answer", [0.85, 0.83, 0.842, 0.8414, 0.84135])
def test_wrong_last_digit_is_close_but_not_right(answer):
    feedback = check(answer)
    assert "Close" in feedback.message and "last digit" in feedback.message
    assert_hint_hides(feedback, TRUTH)
    assert_hint_hides(feedback, 0.84)


def test_too_coarse_an_answer_is_told_to_give_more_digits():
    feedback = check(0.8)
    assert "1 significant figure is too coarse" in feedback.message and "at least 2" in feedback.message
    assert_hint_hides(feedback, TRUTH)
    assert_hint_hides(feedback, 0.84)
    assert check(0.8, least=1).correct is True
    assert check(1, least=1).correct is True      # 0.84 rounds to 1 at one significant figure
    assert check(0.9, least=1).correct is False


def test_slips_are_recognised_exactly_and_rounded():
    assert check(0.5).message == "That is the value at z = 0."
    assert check(0.50).message == "That is the value at z = 0."
    lone = numeric_check(0.3, 0.3125, [(0.3, "slip")], "Try again.", "Done.")
    assert lone.message == "slip"      # an exact slip beats a coarse rounding of the truth


def test_blank_and_odd_answers():
    assert check(...).correct is None
    assert check("0.84").correct is False and "single number" in check("0.84").message
    assert check(float("nan")).correct is False and "finite" in check(float("nan")).message
    assert check(True).correct is False
