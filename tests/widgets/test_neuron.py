"""Drive the neuron explorer as a learner would: set a control, read what it shows."""
import math

import pytest

from nnlesson.widgets import neuron_explorer

PNG = b"\x89PNG"


@pytest.fixture
def explorer():
    return neuron_explorer()


def test_opens_on_worked_example_a(explorer):
    assert explorer.error is None
    assert explorer.result.z == pytest.approx(2.2)
    assert explorer.result.terms == pytest.approx((0.2, 1.0, 0.9))
    assert explorer.result.params == 4 and explorer.result.neurons == 1
    assert "= <b>2.20</b>" in explorer.readout.value
    assert "linear(z) = <b>2.200</b>" in explorer.readout.value
    assert all(image.png.startswith(PNG) for image in explorer.images)


def test_moving_an_input_changes_its_term_z_and_the_pictures(explorer):
    before = [figure.shown() for figure in explorer.figures]
    explorer.controls["x1"].value = 2.0  # w1 = 0.2, so z rises by 0.2
    assert explorer.result.terms[0] == pytest.approx(0.4)
    assert explorer.result.z == pytest.approx(2.4)
    assert "= <b>2.40</b>" in explorer.readout.value
    assert all(new != old for new, old in zip((figure.shown() for figure in explorer.figures), before))


def test_bias_and_relu_at_the_extremes(explorer):
    c = explorer.controls
    c["activation"].value = "relu"
    for name in ("x1", "x2", "x3"):
        c[name].value = c[name].max          # 5
    for name in ("w1", "w2", "w3"):
        c[name].value = c[name].min          # -2
    c["b"].value = c["b"].min                # -3
    assert explorer.result.z == pytest.approx(-33.0)
    assert explorer.result.a == 0.0
    assert "relu(z) = <b>0.000</b>" in explorer.readout.value
    c["b"].value = c["b"].max
    for name in ("w1", "w2", "w3"):
        c[name].value = c[name].max
    assert explorer.result.z == explorer.result.a == pytest.approx(33.0)
    assert explorer.error is None


@pytest.mark.parametrize("name", ["step", "sigmoid", "tanh", "leaky_relu", "elu", "gelu", "silu", "softplus"])
def test_every_activation_in_the_dropdown_works(explorer, name):
    explorer.controls["activation"].value = name
    assert explorer.error is None
    assert f"{name}(z)" in explorer.readout.value


def test_sigmoid_value_shown(explorer):
    explorer.controls["activation"].value = "sigmoid"
    assert explorer.result.a == pytest.approx(0.9002495, rel=1e-6)  # sigmoid(2.2)
    assert "sigmoid(z) = <b>0.900</b>" in explorer.readout.value


def test_softmax_is_not_offered_for_one_neuron(explorer):
    assert "softmax" not in explorer.controls["activation"].options



def test_no_input_starts_at_the_end_of_its_slider(explorer):
    for name in ("x1", "x2", "x3"):
        c = explorer.controls[name]
        assert c.min < c.value < c.max, name


def test_the_waterfall_axis_holds_still_while_the_sum_moves_a_little(explorer):
    axes = explorer.plot.contributions.axes
    assert axes.get_ylim() == (-5.0, 5.0)
    for value in (1.5, 2.5, 3.5, 2.0, 0.5, -1.0):   # z from 2.1 to 3.1 and back: always inside +-5
        explorer.controls["x1"].value = value
        assert axes.get_ylim() == (-5.0, 5.0)
    explorer.controls["w3"].value = 2.0              # z = 0.2*-1 + 1.0 + 6.0 + 0.1 = 6.9: the axis grows
    assert axes.get_ylim() == (-10.0, 10.0)
    explorer.controls["w3"].value = 1.5              # 5.4 still needs 10
    assert axes.get_ylim() == (-10.0, 10.0)
    explorer.controls["w3"].value = 0.3              # 1.8 fits 5 twice over: back to 5
    assert axes.get_ylim() == (-5.0, 5.0)


def test_a_new_activation_sends_its_curve_and_y_axis_as_svg_over_the_same_background(explorer):
    waterfall, curve = explorer.figures
    before_waterfall, background = waterfall.shown(), curve.image.png
    linear = curve.layer.value
    explorer.controls["activation"].value = "sigmoid"
    assert curve.image.png == background and waterfall.shown() == before_waterfall  # z did not move
    svg = explorer.plot.activation.live.frame_svg()
    assert curve.layer.value != linear and "<!-- activation: sigmoid -->" in svg
    ticks = [f"<!-- {tick:.1f} -->" for tick in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)]
    assert all(tick in svg for tick in ticks) and "<!-- output a = f(z) -->" in svg  # sigmoid's y axis, 0 to 1
    sigmoid_5 = 1 / (1 + math.exp(5))                  # the curve's lowest point at z = -5; its highest is 1 - that
    pad = 0.08 * (1 - 2 * sigmoid_5)
    assert explorer.plot.activation.axes.get_ylim() == pytest.approx((sigmoid_5 - pad, 1 - sigmoid_5 + pad))
    explorer.controls["activation"].value = "linear"
    assert curve.layer.value == linear and "<!-- 4 -->" in explorer.plot.activation.live.frame_svg()


def test_the_point_sits_on_the_curve_in_the_flattened_picture(explorer):
    panel = explorer.plot.activation
    explorer.controls["activation"].value = "relu"
    x, y = panel.point.get_data()
    assert (x[0], y[0]) == pytest.approx((2.2, 2.2))
    assert panel.axes.get_xlim() == (-5, 5) and panel.title.get_text() == "activation: relu"
