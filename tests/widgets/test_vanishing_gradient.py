"""Drive the vanishing-gradient explorer across depth, activation, initialisation and width."""
import pytest

from nnlesson.widgets import vanishing_gradient_explorer

PNG = b"\x89PNG"


@pytest.fixture
def explorer():
    return vanishing_gradient_explorer()


def test_opens_on_sigmoid_naive_which_vanishes(explorer):
    assert explorer.error is None
    assert explorer.result.depth == 20 and explorer.result.verdict == "vanishes"
    assert explorer.result.ratio < 1e-3
    assert "the gradient <b>vanishes</b>" in explorer.readout.value
    assert "0.25^19" in explorer.readout.value
    assert bytes(explorer.images[0].value).startswith(PNG)


def test_sigmoid_naive_at_depth_30_loses_more_than_a_millionth(explorer):
    before = explorer.readout.value
    explorer.controls["depth"].value = 30
    assert explorer.result.first < 1e-6 * explorer.result.last
    assert explorer.readout.value != before and "at layer 30" in explorer.readout.value


@pytest.mark.parametrize("activation, width", [("relu", 16), ("relu", 64), ("linear", 64)])
def test_naive_weights_explode(explorer, activation, width):
    explorer.controls["activation"].value = activation
    explorer.controls["width"].value = width
    explorer.controls["depth"].value = 30
    assert explorer.result.ratio > 1e3 and explorer.result.verdict == "explodes"
    assert explorer.result.per_layer_factor > 1


def test_relu_with_he_stays_usable_at_the_deepest_setting(explorer):
    c = explorer.controls
    c["activation"].value, c["init"].value = "relu", "he"
    c["depth"].value, c["width"].value = c["depth"].max, c["width"].max
    assert explorer.result.depth == 50 and explorer.result.width == 64
    assert explorer.result.verdict == "stays usable"
    assert "0.25^" not in explorer.readout.value   # the sigmoid note is for the sigmoid only


def test_shallowest_and_narrowest(explorer):
    c = explorer.controls
    c["depth"].value, c["width"].value = c["depth"].min, c["width"].min
    assert explorer.error is None and explorer.result.ratio == 1.0


def test_every_dropdown_combination_runs_at_depth_50(explorer):
    explorer.controls["depth"].value = 50
    for activation in explorer.controls["activation"].options:
        for init in explorer.controls["init"].options:
            explorer.controls["activation"].value, explorer.controls["init"].value = activation, init
            assert explorer.error is None, (activation, init, explorer.error)
            assert explorer.last_update_seconds < 1.0

