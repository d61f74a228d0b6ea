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
    assert checks.gradient_bound(9.537e-7, layers=10).correct is True
    for answer, words in [(0.5 ** 10, "value at z = 0"), (2.5, "multiply"), (0.25 ** 11, "Count the layers"),
                          (0.25 ** 9, "Count the layers"), (0.25, "one layer")]:
        feedback = checks.gradient_bound(answer, layers=10)
        assert words in feedback.message
        assert_hint_hides(feedback, 0.25 ** 10)
    assert checks.gradient_bound(0.0, layers=10).correct is False   # relative, not absolute, tolerance
    assert checks.gradient_bound(..., layers=10).correct is None


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


@pytest.mark.parametrize("answer, words", [(27, "weights only"), (24, "collapses to"), (28, "own bias"),
                                           (18, "one layer"), (16, "one layer")])
def test_stacked_linear_params(answer, words):
    assert checks.stacked_linear_params(34, sizes=[5, 3, 4]).correct is True
    feedback = checks.stacked_linear_params(answer, sizes=[5, 3, 4])
    assert words in feedback.message
    assert_hint_hides(feedback, 34)
