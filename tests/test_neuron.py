import pytest

from nnlesson.neuron import neuron


def test_worked_example_a_is_2_2_not_2_3():
    r = neuron([1, 2, 3], [0.2, 0.5, 0.3], 0.1)
    assert r.terms == pytest.approx((0.2, 1.0, 0.9))
    assert r.weighted_sum == pytest.approx(2.1)
    assert r.z == pytest.approx(2.2)
    assert r.a == pytest.approx(2.2)
    assert r.params == 4
    assert "= 2.2\n" in r.steps()


def test_worked_example_b_with_relu():
    r = neuron([0.5, 0.3], [0.8, 0.6], 0.2, "relu")
    assert r.terms == pytest.approx((0.40, 0.18))
    assert r.z == pytest.approx(0.78)
    assert r.a == pytest.approx(0.78)
    assert r.params == 3


def test_negative_weight_inhibits_and_relu_cuts_to_zero():
    r = neuron([1.0], [-2.0], 0.5, "relu")
    assert r.z == pytest.approx(-1.5)
    assert r.a == 0.0


def test_alpha_reaches_leaky_relu():
    assert neuron([1.0], [-1.0], 0.0, "leaky_relu", alpha=0.1).a == pytest.approx(-0.1)


def test_bad_input_names_argument_value_and_rule():
    with pytest.raises(ValueError, match=r"x=<3 inputs>, w=<2 weights>.*same length"):
        neuron([1, 2, 3], [1, 2], 0)
    with pytest.raises(TypeError, match=r"neuron\(b='1'\): b must be a real number"):
        neuron([1], [1], "1")
    with pytest.raises(ValueError, match=r"neuron\(activation='rectifier'\): activation must be one of .*'relu'"):
        neuron([1], [1], 0, "rectifier")
    with pytest.raises(ValueError, match="at least one input"):
        neuron([], [], 0)
