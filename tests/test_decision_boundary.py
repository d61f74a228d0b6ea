"""One neuron as a classifier: its line, its positive side, and why XOR needs a hidden layer."""
import itertools

import numpy as np
import pytest

from nnlesson.data import logic_gate
from nnlesson.decision_boundary import XOR_NETWORK
from nnlesson.decision_boundary import THRESHOLDS, TOY_SETS, box_around, classify, decide, line_equation, \
    positive_region, toy_set

GRID = np.arange(-3.0, 3.01, 0.25)


def best_score(gate: str, activation: str = "step") -> int:
    X, y = logic_gate(gate)
    return max(classify(X, y, (w1, w2), b, activation).n_right for w1, w2, b in itertools.product(GRID, GRID, GRID))


@pytest.mark.parametrize("gate, weights", [("AND", (1, 1, -1.5)), ("OR", (1, 1, -0.5)), ("NAND", (-1, -1, 1.5))])
@pytest.mark.parametrize("activation", sorted(THRESHOLDS))
def test_separable_gates_get_four_of_four(gate, weights, activation):
    X, y = logic_gate(gate)
    r = classify(X, y, weights[:2], weights[2], activation)
    assert r.n_right == 4 and r.correct.all()


def test_no_line_on_a_grid_gets_xor_right():
    assert best_score("XOR") == 3
    assert best_score("AND") == 4


def test_every_threshold_means_z_at_least_zero():
    z = np.array([-2.0, -1e-9, 0.0, 1e-9, 3.0])
    for activation in THRESHOLDS:
        assert decide(z, np.zeros(5), activation).predicted.tolist() == [0, 0, 1, 1, 1]


def test_worked_and_example_values():
    X, y = logic_gate("AND")
    r = classify(X, y, (1.0, 1.0), -1.5, "sigmoid")
    np.testing.assert_allclose(r.z, [-1.5, -0.5, -0.5, 0.5])
    np.testing.assert_allclose(r.a, 1 / (1 + np.exp(-r.z)))
    assert r.threshold == 0.5


def test_hidden_layer_network_solves_xor_and_counts():
    X, y = logic_gate("XOR")
    assert XOR_NETWORK.classify(X, y).n_right == 4
    hidden = XOR_NETWORK.hidden(X).predicted
    assert hidden[:, 0].tolist() == list(logic_gate("OR")[1])
    assert hidden[:, 1].tolist() == list(logic_gate("NAND")[1])
    assert XOR_NETWORK.n_params == 9 and XOR_NETWORK.n_neurons == 3


def test_positive_region_is_the_half_of_the_box_on_the_positive_side():
    region, segment = positive_region((1.0, 0.0), -0.5, (0.0, 1.0, 0.0, 1.0))  # x1 >= 0.5
    assert sorted(map(tuple, np.round(region, 9))) == [(0.5, 0.0), (0.5, 1.0), (1.0, 0.0), (1.0, 1.0)]
    assert sorted(map(tuple, segment)) == [(0.5, 0.0), (0.5, 1.0)]


def test_region_area_matches_a_diagonal_cut():
    region, segment = positive_region((1.0, 1.0), -1.0, (0.0, 1.0, 0.0, 1.0))  # x1 + x2 >= 1
    x, y = region[:, 0], region[:, 1]
    area = 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))
    assert area == pytest.approx(0.5)
    assert segment is not None and len(segment) == 2


@pytest.mark.parametrize("b, expected_corners", [(0.5, 4), (0.0, 4), (-0.5, 0)])
def test_zero_weights_give_no_line(b, expected_corners):
    region, segment = positive_region((0.0, 0.0), b, (-1.0, 1.0, -1.0, 1.0))
    assert segment is None and len(region) == expected_corners
    assert line_equation(0.0, 0.0, b).startswith("no line")


def test_line_equation_text():
    assert line_equation(1.0, 1.0, -1.5) == "x₂ = -1·x₁ + 1.5"
    assert line_equation(2.0, 0.0, -1.0) == "x₁ = 0.5 (a vertical line)"


@pytest.mark.parametrize("name", TOY_SETS)
def test_toy_sets_and_boxes(name):
    X, y = toy_set(name)
    low, high, _, _ = box_around(X)
    assert X.shape[1] == 2 and set(np.unique(y)) == {0, 1}
    assert low < X.min() and high > X.max()


def test_bad_input_names_function_argument_and_rule():
    with pytest.raises(ValueError, match=r"toy_set\(name='XNOR'\).*'AND'"):
        toy_set("XNOR")
    with pytest.raises(ValueError, match=r"decide\(activation='relu'\).*'step'"):
        decide(np.zeros(2), np.zeros(2), "relu")
    with pytest.raises(ValueError, match="one column per weight"):
        classify(np.zeros((4, 3)), np.zeros(4), (1.0, 1.0), 0.0)
    with pytest.raises(ValueError, match=r"positive_region\(w=\[1.0\]\): w must hold two weights"):
        positive_region([1.0], 0.0, (0.0, 1.0, 0.0, 1.0))
    with pytest.raises(TypeError, match=r"classify\(b='1'\)"):
        classify(np.zeros((4, 2)), np.zeros(4), (1.0, 1.0), "1")
