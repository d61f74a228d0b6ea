"""Drive the activation explorer: tick curves, move z and the alphas, read the table."""
import math

import pytest

from nnlesson.activation import CURVE_ACTIVATIONS
from nnlesson.widgets import activation_explorer

PNG = b"\x89PNG"


@pytest.fixture
def explorer():
    return activation_explorer()


def test_opens_with_three_curves_and_their_numbers(explorer):
    assert explorer.error is None
    assert explorer.result.shown == ("sigmoid", "tanh", "relu")
    rows = explorer.result.readings
    assert rows["sigmoid"].curve.max_slope == pytest.approx(0.25)
    assert rows["tanh"].curve.max_slope == pytest.approx(1.0)
    assert rows["sigmoid"].output_range == (0.0, 1.0)
    assert rows["relu"].value == 1.0 and rows["relu"].slope == 1.0
    assert "0.250 at z = 0.00" in explorer.readout.value
    assert explorer.images[0].png.startswith(PNG)


def test_moving_z_changes_the_readout_and_the_figure(explorer):
    before_text, before_picture = explorer.readout.value, explorer.figures[0].shown()
    explorer.controls["z"].value = -10.0
    rows = explorer.result.readings
    assert rows["relu"].value == 0.0 and rows["relu"].slope == 0.0
    assert rows["sigmoid"].slope == pytest.approx(4.5397e-05, rel=1e-3)
    assert rows["tanh"].value == pytest.approx(-1.0)
    assert explorer.readout.value != before_text and explorer.figures[0].shown() != before_picture


def test_alpha_sliders_reach_leaky_relu_and_elu(explorer):
    c = explorer.controls
    c["leaky_relu"].value = c["elu"].value = True
    c["z"].value = -2.0
    c["leaky_slope"].value = c["leaky_slope"].max
    c["elu_alpha"].value = c["elu_alpha"].max
    rows = explorer.result.readings
    assert rows["leaky_relu"].value == pytest.approx(-1.0) and rows["leaky_relu"].slope == pytest.approx(0.5)
    assert rows["elu"].curve.output_min == pytest.approx(3.0 * (math.exp(-5.0) - 1))   # z from -5: 3 (e^-5 - 1)
    assert rows["elu"].output_range == (-3.0, float("inf"))
    assert rows["elu"].curve.max_slope == pytest.approx(3.0, rel=1e-2)   # alpha * e^z just left of 0


def test_range_slider_limits_what_is_measured(explorer):
    explorer.controls["z_range"].value = (1.0, 4.0)
    rows = explorer.result.readings
    assert explorer.result.low == 1.0 and explorer.result.high == 4.0
    assert rows["relu"].curve.output_min == 1.0 and rows["relu"].curve.output_max == 4.0
    assert rows["sigmoid"].curve.max_slope_at == 1.0   # the sigmoid is steepest at the left end
    assert "outputs for z in [1, 4]" in explorer.readout.value


def test_every_curve_at_once_and_at_the_widest_range(explorer):
    for name in CURVE_ACTIVATIONS:
        explorer.controls[name].value = True
    explorer.controls["z_range"].value = (-10.0, 10.0)
    assert explorer.error is None and len(explorer.result.readings) == len(CURVE_ACTIVATIONS)
    assert explorer.result.readings["step"].curve.max_slope == 0.0


def test_no_curve_ticked_shows_a_message_and_recovers(explorer):
    for name in ("sigmoid", "tanh", "relu"):
        explorer.controls[name].value = False
    assert explorer.result is None and explorer.error == "Tick at least one activation to see its curve and its slope."
    explorer.controls["gelu"].value = True
    assert explorer.error is None and explorer.result.shown == ("gelu",)



def test_a_closed_z_range_is_advice_and_dims_the_old_view(explorer):
    explorer.controls["z_range"].value = (5.0, 5.0)
    assert explorer.error == ("The z range needs a low end below its high end (both are at 5 now): drag the two "
                              "handles apart.")
    assert "nnlesson-stale" in explorer.readout._dom_classes and "nnlesson-stale" in explorer.figures[0]._dom_classes
    explorer.controls["z_range"].value = (-2.0, 5.0)
    assert explorer.error is None and "nnlesson-stale" not in explorer.readout._dom_classes


def test_the_z_axis_moves_in_steps_while_the_curves_follow_the_handles(explorer):
    axes, background = explorer.plot.axes["value"], explorer.images[0].png
    assert axes.get_xlim() == (-5.0, 5.0)
    explorer.controls["z_range"].value = (-4.5, 5.0)        # inwards, within a step of 1 (a range 9.5 wide)
    assert axes.get_xlim() == (-5.0, 5.0) and explorer.images[0].png == background  # the same picture
    relu = explorer.plot.lines["value", "relu"]
    assert relu.get_xdata()[0] == -4.5 and relu.get_xdata()[-1] == 5.0   # the curve starts where the handle is
    explorer.controls["z_range"].value = (-5.0, 5.5)        # outwards: the axis ends on the next 2.5
    assert axes.get_xlim() == (-5.0, 7.5) and relu.get_xdata()[-1] == 5.5
    assert explorer.result.readings["relu"].curve.output_max == 5.5    # the numbers are for the range, not the axis
    explorer.controls["z_range"].value = (-5.0, 7.5)
    assert axes.get_xlim() == (-5.0, 7.5)
    explorer.controls["z_range"].value = (2.0, 3.0)         # a narrow range: a fine step, the axis fits it
    assert axes.get_xlim() == (2.0, 3.0)
