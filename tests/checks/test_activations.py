"""Exercise checks of lesson 02: right answers confirmed, slips named, the answer never given away."""
import math

import pytest

from nnlesson import checks
from tests.checks.test_neuron import assert_hint_hides


def test_leaky_relu_value_and_its_slips():
    assert checks.activation_value(-0.3, "leaky_relu", z=-3, alpha=0.1).correct is True
    plain = checks.activation_value(0, "leaky_relu", z=-3, alpha=0.1)
    assert "plain ReLU" in plain.message
    assert_hint_hides(plain, -0.3)
    assert "z itself" in checks.activation_value(-3, "leaky_relu", z=-3, alpha=0.1).message
    assert "sign" in checks.activation_value(0.3, "leaky_relu", z=-3, alpha=0.1).message
    assert_hint_hides(checks.activation_value(-1.0, "leaky_relu", z=-3, alpha=0.1), -0.3)


def test_elu_and_sigmoid_values():
    assert checks.activation_value(math.exp(-1) - 1, "elu", z=-1).correct is True
    assert checks.activation_value(0.5, "sigmoid", z=0).correct is True
    assert checks.activation_value(0.731, "sigmoid", z=1).correct is True


def test_gradient_bound():
    assert checks.gradient_bound(0.25 ** 10, layers=10).correct is True
    assert "Right to" not in checks.gradient_bound(0.25 ** 10, layers=10).message
    assert checks.gradient_bound(9.537e-7, layers=10).correct is True
    for answer, words in [(0.5 ** 10, "value at z = 0"), (2.5, "multiply"), (0.25 ** 11, "Count the layers"),
                          (0.25 ** 9, "Count the layers"), (0.25, "one layer")]:
        feedback = checks.gradient_bound(answer, layers=10)
        assert words in feedback.message
        assert_hint_hides(feedback, 0.25 ** 10)
    assert checks.gradient_bound(0.0, layers=10).correct is False   # relative, not absolute, tolerance
    assert checks.gradient_bound(..., layers=10).correct is None


@pytest.mark.parametrize("answer, words", [
    (9.5e-7, "Right to 2 significant figures"),                              # the solution's 9.5 x 10^-7
    (1e-6, "Right to 1 significant figure, the order of magnitude"),         # its "a millionth"
    (9.54e-7, "Right to 3 significant figures"),
])
def test_gradient_bound_rounded(answer, words):
    feedback = checks.gradient_bound(answer, layers=10)
    assert feedback.correct is True
    assert feedback.message.startswith(words) and "the exact value is 9.53674…e-07" in feedback.message


@pytest.mark.parametrize("answer", [9.6e-7, 9.4e-7, 9.53e-7, 9.55e-7])
def test_gradient_bound_wrong_last_digit(answer):
    feedback = checks.gradient_bound(answer, layers=10)
    assert "Close" in feedback.message and "last digit" in feedback.message
    assert_hint_hides(feedback, 0.25 ** 10)
    assert_hint_hides(feedback, 9.5e-7)


def test_gradient_bound_slips_rounded():
    for answer, words in [(0.001, "value at z = 0"), (2.4e-7, "Count the layers"), (3.8e-6, "Count the layers")]:
        feedback = checks.gradient_bound(answer, layers=10)
        assert words in feedback.message
        assert_hint_hides(feedback, 0.25 ** 10)
    for answer in (1e-7, 2e-6):    # a wrong order of magnitude, or a wrong single digit
        assert checks.gradient_bound(answer, layers=10).correct is False
    assert checks.gradient_bound(0.0, layers=30).correct is False   # no absolute slack for a tiny truth
    assert checks.gradient_bound(1e-18, layers=30).correct is True  # 0.25^30 = 8.67e-19


def test_softmax_probability():
    truth = math.exp(3) / (math.exp(1) + math.exp(3) + 1)
    assert checks.softmax_probability(round(truth, 3), z=[1.0, 3.0, 0.0], index=1).correct is True
    no_exp = checks.softmax_probability(3 / 4, z=[1.0, 3.0, 0.0], index=1)
    assert "exponentials" in no_exp.message
    assert "Divide" in checks.softmax_probability(math.exp(3), z=[1.0, 3.0, 0.0], index=1).message
    other = checks.softmax_probability(math.exp(1) / (math.exp(1) + math.exp(3) + 1), z=[1.0, 3.0, 0.0], index=1)
    assert "another class" in other.message
    for feedback in (no_exp, other):
        assert_hint_hides(feedback, round(truth, 3))


def test_softmax_probability_rounded():
    z = [1.0, 3.0, 0.0]
    two = checks.softmax_probability(0.84, z=z, index=1)       # the truth is 0.8438
    assert two.correct is True and two.message.startswith("Right to 2 decimals: the exact value is 0.843795…")
    assert checks.softmax_probability(0.844, z=z, index=1).message.startswith("Right to 3 decimals")
    for near in (0.85, 0.843, 0.83):
        feedback = checks.softmax_probability(near, z=z, index=1)
        assert "Close" in feedback.message
        assert_hint_hides(feedback, 0.844)
        assert_hint_hides(feedback, 0.84)
    coarse = checks.softmax_probability(0.8, z=z, index=1)
    assert "too coarse" in coarse.message and "at least 2" in coarse.message
    assert_hint_hides(coarse, 0.84)
    assert "exponentials" in checks.softmax_probability(0.75, z=z, index=1).message
    assert "same share" in checks.softmax_probability(0.33, z=z, index=1).message      # 1/3 rounded
    assert "another class" in checks.softmax_probability(0.11, z=z, index=1).message   # class 0 rounded


def test_activation_value_rounded():
    feedback = checks.activation_value(0.73, "sigmoid", z=1)
    assert feedback.correct is True and feedback.message.startswith("Right to 2 decimals")
    assert "Close" in checks.activation_value(0.74, "sigmoid", z=1).message
    assert "too coarse" in checks.activation_value(0.7, "sigmoid", z=1).message
    assert "plain ReLU" in checks.activation_value(0.0, "leaky_relu", z=-3, alpha=0.1).message


@pytest.mark.parametrize("answer, words", [(27, "weights only"), (24, "collapses to"), (28, "own bias"),
                                           (18, "one layer"), (16, "one layer")])
def test_stacked_linear_params(answer, words):
    assert checks.stacked_linear_params(34, sizes=[5, 3, 4]).correct is True
    feedback = checks.stacked_linear_params(answer, sizes=[5, 3, 4])
    assert words in feedback.message
    assert_hint_hides(feedback, 34)
