"""Activation curves over a range: the numbers the activation explorer reads off."""
import numpy as np
import pytest

from nnlesson import activations
from nnlesson.activation import CURVE_ACTIVATIONS, at, curve


def test_sigmoid_largest_slope_is_a_quarter_at_zero():
    c = curve(activations.get("sigmoid"), -5, 5, points=101)
    assert c.max_slope == pytest.approx(0.25) and c.max_slope_at == pytest.approx(0.0)
    assert 0 < c.output_min < 0.01 and 0.99 < c.output_max < 1


def test_relu_range_and_slope_over_a_negative_stretch():
    c = curve(activations.get("relu"), -4, -1)
    assert c.output_min == c.output_max == 0.0 and c.max_slope == 0.0


def test_leaky_slope_reaches_the_curve():
    c = curve(activations.get("leaky_relu", alpha=0.3), -2, 1)
    assert c.output_min == pytest.approx(-0.6) and c.max_slope == 1.0
    assert at(activations.get("leaky_relu", alpha=0.3), -2.0) == pytest.approx((-0.6, 0.3))


def test_elu_alpha_sets_the_floor():
    assert curve(activations.get("elu", alpha=2.0), -10, 0).output_min == pytest.approx(-2.0, abs=1e-3)


def test_softmax_has_no_curve_and_ranges_must_be_ordered():
    assert "softmax" not in CURVE_ACTIVATIONS
    with pytest.raises(ValueError, match="softmax"):
        curve(activations.get("softmax"), -1, 1)
    with pytest.raises(ValueError, match=r"curve\(low=1, high=1\): low must be smaller than high"):
        curve(activations.get("tanh"), 1, 1)


@pytest.mark.parametrize("name", CURVE_ACTIVATIONS)
def test_at_agrees_with_the_curve(name):
    f = activations.get(name)
    c = curve(f, -3, 3, points=7)           # z = -3, -2, ..., 3
    value, slope = at(f, 2.0)
    assert value == pytest.approx(c.value[5]) and slope == pytest.approx(c.slope[5])
    assert np.all(np.isfinite(c.value))
