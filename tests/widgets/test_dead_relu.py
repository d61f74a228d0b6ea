"""Drive the dead-ReLU explorer: shift the biases, kick them with one step, count dead units."""
import pytest

from nnlesson.widgets import dead_relu_explorer

PNG = b"\x89PNG"


@pytest.fixture
def explorer():
    return dead_relu_explorer()


def test_opens_with_no_dead_units(explorer):
    assert explorer.error is None
    assert explorer.result.dead == 0 and explorer.result.n_units == 64
    assert "dead units: <b>0 of 64</b> (0%)" in explorer.readout.value
    assert all(image.png.startswith(PNG) for image in explorer.images)


def test_bias_shift_extremes(explorer):
    shift = explorer.controls["shift"]
    shift.value = shift.max
    assert explorer.result.dead_fraction == 0.0
    shift.value = shift.min
    assert explorer.result.dead_fraction == 1.0
    assert "dead units: <b>64 of 64</b> (100%)" in explorer.readout.value


def test_moving_the_shift_changes_readout_and_pictures(explorer):
    before_text = explorer.readout.value
    before_png = [figure.shown() for figure in explorer.figures]
    explorer.controls["shift"].value = -2.5
    assert 0 < explorer.result.dead < 64
    assert explorer.readout.value != before_text
    assert all(figure.shown() != old for figure, old in zip(explorer.figures, before_png))
    crosses = explorer.panels[0].crosses.get_ydata()
    assert len(crosses) == explorer.result.dead


def test_one_big_step_kills_healthy_units(explorer):
    explorer.controls["learning_rate"].value = 5.0
    assert explorer.result.dead_before_step == 0
    assert explorer.result.dead_fraction > 0.3
    assert explorer.result.bias_step < 0
    assert "before the gradient step: 0 of 64" in explorer.readout.value


def test_largest_step_and_largest_shift(explorer):
    c = explorer.controls
    c["learning_rate"].value, c["shift"].value = c["learning_rate"].max, c["shift"].max
    # every unit is active on every example at shift +5, so the step lowers every bias by 10
    assert explorer.result.bias_step == pytest.approx(-10.0)
    assert explorer.result.dead_fraction == 1.0 and explorer.error is None

