"""Every explorer's figures, and the lesson figures: titled, labelled, nothing drawn outside the figure."""
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from nnlesson.plots.live import LiveFigure

from nnlesson.plots.activation import catalogue_figure
from nnlesson.widgets import EXPLORERS, activation_explorer, dead_relu_explorer, decision_boundary_explorer, \
    vanishing_gradient_explorer


def figures_of(explorer, depth=3):
    """Every live figure an explorer holds, found through its attributes (panels, plots, lists of them)."""
    found, seen = [], set()

    def visit(obj, level):
        if id(obj) in seen or level > depth:
            return
        seen.add(id(obj))
        if isinstance(obj, LiveFigure):
            found.append(obj.figure)
        elif isinstance(obj, (list, tuple)):
            for item in obj:
                visit(item, level)
        elif type(obj).__module__.startswith("nnlesson.") and hasattr(obj, "__dict__"):
            for value in vars(obj).values():
                visit(value, level + 1)

    visit(explorer, 0)
    return found


def figure_title(figure) -> str:
    """A title drawn as figure text along the top (explorers animate those), or a suptitle."""
    texts = [t.get_text() for t in figure.texts if t.get_position()[1] >= 0.85 and t.get_text()]
    return figure._suptitle.get_text() if figure._suptitle else " ".join(texts)


def assert_readable(figure, columns=None):
    """Every axes titled and every axis with ticks labelled (small multiples: bottom row, left column).

    A twin axes shares its partner's title; a diagram with its axes switched off needs a title only.
    """
    canvas = figure.canvas if hasattr(figure.canvas, "get_renderer") else FigureCanvasAgg(figure)
    canvas.draw()
    axes = [ax for ax in figure.axes if ax.get_visible() and ax.get_label() != "<colorbar>"]
    for i, ax in enumerate(axes):
        twins = [other for other in ax.get_shared_x_axes().get_siblings(ax) if other is not ax]
        titled = (ax.get_title() or ax.get_title(loc="left") or figure_title(figure)
                  or any(twin.get_title() for twin in twins))
        assert titled, "an axes has no title"
        if not ax.axison:
            continue
        bottom_row = columns is None or i >= len(axes) - columns
        left_column = columns is None or i % columns == 0
        has_xticks, has_yticks = len(ax.get_xticks()) > 0, len(ax.get_yticks()) > 0
        xlabel = ax.get_xlabel() or any(twin.get_xlabel() for twin in twins)
        assert xlabel or not (bottom_row and has_xticks), f"axes {ax.get_title()!r} lacks an x label"
        assert ax.get_ylabel() or not (left_column and has_yticks), f"axes {ax.get_title()!r} lacks a y label"
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


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_explorer_shows_readable_figures(name):
    explorer = EXPLORERS[name]()
    assert explorer.error is None
    figures = figures_of(explorer)
    assert figures, f"{name} shows no figure"
    for figure in figures:
        assert_readable(figure)


def test_catalogue_is_readable():
    assert_readable(catalogue_figure(columns=5), columns=5)
