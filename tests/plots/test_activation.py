"""The activation figures: every catalogue panel shows where its activation levels off."""
from nnlesson import activations
from nnlesson.plots.activation import catalogue_figure, panel_range


def test_a_panel_widens_only_for_an_activation_that_levels_off_beyond_the_range():
    assert panel_range(activations.get("relu6"), -4.0, 4.0) == (-4.0, 8.0)   # its cap at 6 shows
    for name in ("sigmoid", "hard_sigmoid", "tanh", "relu", "softplus", "hard_silu"):
        assert panel_range(activations.get(name), -4.0, 4.0) == (-4.0, 4.0), name


def test_catalogue_figure_has_one_titled_panel_per_curve_and_says_which_widened():
    figure = catalogue_figure()
    shown = [ax for ax in figure.axes if ax.get_visible()]
    assert [ax.get_title() for ax in shown] == list(activations.names(elementwise=True))
    assert shown[[ax.get_title() for ax in shown].index("relu6")].get_xlim() == (-4.0, 8.0)
    assert "relu6 to 8" in figure._suptitle.get_text()
