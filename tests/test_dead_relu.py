"""Dead ReLU units: never positive for any example in the batch, so never any gradient."""
import numpy as np
import pytest

from nnlesson.dead_relu import ReluLayer, bias_gradient, dead_fraction_curve, dead_relu, dead_units, random_layer


@pytest.fixture(scope="module")
def layer():
    return random_layer(seed=0)


def test_a_unit_is_dead_only_if_no_example_activates_it():
    z = np.array([[-1.0, 0.5, 0.0], [-2.0, -1.0, -0.1]])   # 2 examples, 3 units
    assert dead_units(z).tolist() == [True, False, True]    # z = 0 gives output 0 and slope 0


def test_bias_gradient_is_the_share_of_active_examples():
    z = np.array([[1.0, -1.0], [2.0, 3.0], [-1.0, -2.0], [0.5, -0.5]])
    np.testing.assert_allclose(bias_gradient(z), [0.75, 0.25])


def test_shifts_from_none_to_all_dead(layer):
    assert dead_relu(layer, 5.0).dead_fraction == 0.0
    assert dead_relu(layer, -5.0).dead_fraction == 1.0
    assert 0 < dead_relu(layer, -2.5).dead_fraction < 1


def test_one_big_step_kills_units_that_were_alive(layer):
    report = dead_relu(layer, 0.0, learning_rate=5.0)
    assert report.dead_fraction_before == 0.0
    assert report.dead_fraction > 0.3


def test_dead_units_do_not_move(layer):
    report = dead_relu(layer, -2.5, learning_rate=10.0)
    moved = report.z_after[0] - report.z_before[0]
    assert np.all(moved[report.dead_before] == 0.0)
    assert np.all(moved[~report.dead_before] < 0.0)


def test_a_tiny_hand_made_layer():
    layer = ReluLayer(X=np.array([[1.0], [-1.0]]), W=np.array([[1.0, 2.0]]), b=np.zeros(2))
    report = dead_relu(layer, bias_shift=-1.5)
    # unit 1: z = (-0.5, -2.5) dead; unit 2: z = (0.5, -3.5) alive
    assert report.dead_after.tolist() == [True, False]
    kicked = dead_relu(layer, bias_shift=-1.5, learning_rate=1.0)   # unit 2 active on 1 of 2 -> b -= 0.5
    np.testing.assert_allclose(kicked.z_after[:, 1], [0.0, -4.0])
    assert kicked.dead_after.tolist() == [True, True]


def test_curve_matches_point_by_point(layer):
    shifts = np.linspace(-5, 5, 41)
    for rate in (0.0, 3.0):
        expected = [dead_relu(layer, s, rate).dead_fraction for s in shifts]
        np.testing.assert_allclose(dead_fraction_curve(layer, shifts, rate), expected)


def test_bad_input(layer):
    with pytest.raises(ValueError, match=r"dead_relu\(learning_rate=-1.0\): learning_rate must be >= 0"):
        dead_relu(layer, 0.0, -1.0)
    with pytest.raises(TypeError, match=r"dead_relu\(bias_shift='a'\)"):
        dead_relu(layer, "a")
    with pytest.raises(ValueError, match=r"random_layer\(n_units=0\)"):
        random_layer(n_units=0)
