import math
import warnings

import numpy as np
import pytest

from nnlesson import activations

SMOOTH = [n for n in activations.NAMES if n not in ("step", "softmax")]


def test_names_are_the_curriculum_catalogue():
    assert activations.NAMES == ("linear", "step", "sigmoid", "hard_sigmoid", "tanh", "relu", "relu6", "leaky_relu",
                                 "elu", "gelu", "silu", "hard_silu", "softplus", "softmax")


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValueError, match=r"name='swish'.*'relu'.*'softmax'"):
        activations.get("swish")


@pytest.mark.parametrize("name", SMOOTH)
def test_derivative_matches_finite_differences(name):
    f = activations.get(name)
    z = np.array([-3.1, -1.2, -0.4, 0.3, 0.9, 2.7])  # away from the kinks at 0
    h = 1e-6
    numeric = (f(z + h) - f(z - h)) / (2 * h)
    np.testing.assert_allclose(f.slope(z), numeric, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("name", activations.NAMES[:-1])
def test_outputs_stay_inside_the_stated_range(name):
    f = activations.get(name)
    low, high = f.output_range
    values = f(np.linspace(-30, 30, 6001))
    assert values.min() >= low - 1e-9 and values.max() <= high + 1e-9


def test_known_values():
    z = np.array([-2.0, 0.0, 2.0])
    np.testing.assert_allclose(activations.get("sigmoid")(z), [0.11920292, 0.5, 0.88079708], rtol=1e-7)
    np.testing.assert_allclose(activations.get("relu")(z), [0, 0, 2])
    np.testing.assert_allclose(activations.get("leaky_relu")(z), [-0.02, 0, 2])
    np.testing.assert_allclose(activations.get("leaky_relu", alpha=0.2)(z), [-0.4, 0, 2])
    np.testing.assert_allclose(activations.get("elu")(z), [math.exp(-2) - 1, 0, 2])
    np.testing.assert_allclose(activations.get("step")(z), [0, 1, 1])
    np.testing.assert_allclose(activations.get("softplus")(z), np.log1p(np.exp(z)))
    # GELU with the exact normal CDF, as PyTorch's default: gelu(1) = 0.8413447...
    assert activations.get("gelu")(np.array([1.0]))[0] == pytest.approx(0.8413447460685429)


def test_sigmoid_slope_is_at_most_a_quarter():
    slopes = activations.get("sigmoid").slope(np.linspace(-10, 10, 2001))
    assert slopes.max() == pytest.approx(0.25)


@pytest.mark.parametrize("name, minimum", [("gelu", -0.17), ("silu", -0.28)])
def test_dips_of_the_smooth_relus(name, minimum):
    values = activations.get(name)(np.linspace(-5, 0, 50001))
    assert round(float(values.min()), 2) == minimum == activations.get(name).output_range[0]


def test_sigmoid_and_softplus_do_not_overflow():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert activations.get("sigmoid")(np.array([-1000.0, 1000.0])).tolist() == [0.0, 1.0]
        assert activations.get("softplus")(np.array([1000.0]))[0] == pytest.approx(1000.0)


def test_softmax_sums_to_one_and_its_jacobian_matches():
    f = activations.get("softmax")
    z = np.array([1.0, 2.0, -0.5])
    s = f(z)
    assert s.sum() == pytest.approx(1.0)
    h = 1e-6
    numeric = np.column_stack([(f(z + h * e) - f(z - h * e)) / (2 * h) for e in np.eye(3)])
    np.testing.assert_allclose(f.slope(z), numeric, atol=1e-8)


def test_alpha_only_for_leaky_relu_and_elu():
    with pytest.raises(ValueError, match="alpha applies only"):
        activations.get("relu", alpha=0.1)
    with pytest.raises(ValueError, match=r"elu\(alpha=-1.0\): alpha must be >= 0"):
        activations.get("elu", alpha=-1.0)


def test_hard_activations_match_keras_and_pytorch():
    """relu6 = min(max(0, z), 6); hard_sigmoid = relu6(z + 3) / 6; hard_silu = z * hard_sigmoid(z) (Keras 3, PyTorch)."""
    z = np.array([-7.0, -3.0, -1.5, -1.0, 0.0, 1.0, 3.0, 6.0, 8.0])
    np.testing.assert_allclose(activations.get("relu6")(z), [0, 0, 0, 0, 0, 1, 3, 6, 6])
    np.testing.assert_allclose(activations.get("hard_sigmoid")(z),
                               [0, 0, 0.25, 1 / 3, 0.5, 2 / 3, 1, 1, 1])
    np.testing.assert_allclose(activations.get("hard_silu")(z),            # Keras's own example: -1 -> -1/3
                               [0, 0, -0.375, -1 / 3, 0, 2 / 3, 3, 6, 8])


def test_hard_activation_slopes_piece_by_piece():
    z = np.array([-4.0, -2.0, 0.5, 2.0, 4.0, 7.0])
    np.testing.assert_allclose(activations.get("relu6").slope(z), [0, 0, 1, 1, 1, 0])
    np.testing.assert_allclose(activations.get("hard_sigmoid").slope(z), [0, 1 / 6, 1 / 6, 1 / 6, 0, 0])
    np.testing.assert_allclose(activations.get("hard_silu").slope(z), [0, -1 / 6, 4 / 6, 7 / 6, 1, 1])


@pytest.mark.parametrize("name, low, high", [("relu6", 0.0, 6.0), ("hard_sigmoid", 0.0, 1.0),
                                             ("hard_silu", -0.375, math.inf)])
def test_ranges_of_the_hard_activations(name, low, high):
    f = activations.get(name)
    assert f.output_range == (low, high)
    values = f(np.linspace(-10, 10, 20001))
    assert values.min() == pytest.approx(low) and (values.max() == pytest.approx(high) or high == math.inf)


def test_every_entry_carries_its_formulas_and_flags():
    for name in activations.NAMES:
        f = activations.get(name)
        assert f.latex.startswith("f(z)") and f.slope_latex and f.note, name
        assert f.init_gain in (1.0, 2.0)
    assert activations.names(elementwise=False) == ("softmax",)
    assert activations.names(trainable=False) == ("step", "gelu", "softmax")
    assert {"relu6", "hard_sigmoid", "hard_silu"} <= set(activations.names(trainable=True))
