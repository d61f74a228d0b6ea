"""The figures of lessons 01 and 02: titled, labelled, and nothing drawn outside the figure."""
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from nnlesson.plots.activation_curves import catalogue_figure
from nnlesson.widgets import activation_explorer, dead_relu_explorer, decision_boundary_explorer, \
    vanishing_gradient_explorer


def figures_of(explorer):
    panels = [getattr(explorer, name) for name in ("panel", "plot") if hasattr(explorer, name)]
    return [panel.live.figure for panel in [*panels, *getattr(explorer, "panels", ())]]


def assert_readable(figure, columns=None):
    """Every axes titled and labelled (in small multiples: the bottom row and left column)."""
    canvas = figure.canvas if hasattr(figure.canvas, "get_renderer") else FigureCanvasAgg(figure)
    canvas.draw()
    axes = [ax for ax in figure.axes if ax.get_visible() and ax.get_label() != "<colorbar>"]
    for i, ax in enumerate(axes):
        assert ax.get_title() or ax.get_title(loc="left"), "an axes has no title"
        bottom_row = columns is None or i >= len(axes) - columns
        left_column = columns is None or i % columns == 0
        assert ax.get_xlabel() or not bottom_row, f"axes {ax.get_title()!r} lacks an x label"
        assert ax.get_ylabel() or not left_column, f"axes {ax.get_title()!r} lacks a y label"
    drawn = figure.get_tightbbox(canvas.get_renderer())          # inches, everything drawn
    width, height = figure.get_size_inches()
    assert drawn.x0 >= -0.01 and drawn.y0 >= -0.01, f"cut off at the left or bottom: {drawn}"
    assert drawn.x1 <= width + 0.01 and drawn.y1 <= height + 0.01, f"cut off at the right or top: {drawn}"


def blobs():
    e = decision_boundary_explorer(network=True)
    e.controls["data"].value = "two blobs"
    return e


def every_curve_widest():
    e = activation_explorer(shown=("linear", "step", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu",
                                   "silu", "softplus"), z_range=(-10.0, 10.0))
    e.controls["elu_alpha"].value = 3.0
    return e


STATES = {
    "decision default": decision_boundary_explorer,
    "decision blobs": blobs,
    "activation default": activation_explorer,
    "activation every curve": every_curve_widest,
    "gradients default": vanishing_gradient_explorer,
    "gradients exploding": lambda: vanishing_gradient_explorer(depth=50, activation="linear", width=64),
    "dead relu default": dead_relu_explorer,
    "dead relu all dead": lambda: dead_relu_explorer(shift=-5.0, learning_rate=10.0),
}


@pytest.mark.parametrize("state", STATES)
def test_explorer_figures_are_readable(state):
    explorer = STATES[state]()
    assert explorer.error is None
    for figure in figures_of(explorer):
        assert_readable(figure)


def test_catalogue_is_readable():
    assert_readable(catalogue_figure(columns=5), columns=5)
