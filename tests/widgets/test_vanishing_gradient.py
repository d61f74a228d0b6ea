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
    assert explorer.images[0].png.startswith(PNG)


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



def test_a_new_activation_sends_its_y_axis_and_title_as_svg_over_the_same_background(explorer):
    figure = explorer.figures[0]
    background, sigmoid_frame = figure.image.png, figure.layer.value
    assert "<!-- sigmoid layers, naive initialisation -->" in explorer.panel.live.frame_svg()
    explorer.controls["activation"].value = "relu"          # relu, naive, depth 20: explodes, 6 to 18 decades up
    assert figure.image.png == background        # the x axis and legend did not change: no new picture
    svg = explorer.panel.live.frame_svg()
    assert figure.layer.value != sigmoid_frame and "<!-- relu layers, naive initialisation -->" in svg
    assert explorer.panel.axes.get_ylim()[1] > 1e6 and "<!-- 10⁶ -->" in svg and "<!-- 1 -->" in svg
    explorer.controls["activation"].value = "sigmoid"
    assert figure.layer.value == sigmoid_frame              # the frame seen before, sent again as it was


def test_a_depth_past_a_stop_draws_a_new_background_under_the_same_y_axis(explorer):
    figure = explorer.figures[0]
    background, frame = figure.image.png, figure.layer.value
    explorer.controls["depth"].value = 19                   # still within the first 20 layers
    assert figure.image.png == background and explorer.panel.axes.get_xlim() == (0.5, 20.5)
    explorer.controls["depth"].value = 21                   # the x axis now ends at 30; still 1e-6 to 1e6 up the y axis
    assert explorer.panel.axes.get_xlim() == (0.5, 30.5) and explorer.panel.axes.get_ylim() == (1e-6, 1e6)
    assert figure.image.png != background and figure.layer.value == frame
    explorer.controls["depth"].value = 30                   # layer 1 falls below 1e-6: six more decades, a new y axis
    assert explorer.panel.axes.get_ylim() == (1e-12, 1e6) and figure.layer.value != frame
    assert "<!-- 10⁻¹² -->" in explorer.panel.live.frame_svg()


@pytest.mark.parametrize("value, label", [(1e-12, "10⁻¹²"), (1e-3, "10⁻³"), (1.0, "1"), (1e6, "10⁶"),
                                          (1e18, "10¹⁸")])
def test_log_ticks_are_plain_powers_of_ten(value, label):
    from nnlesson.plots.vanishing_gradient import power_of_ten
    assert power_of_ten(value) == label
