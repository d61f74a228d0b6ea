"""The convolution explorer's picture: its two-line title and the labels along its edges stay inside the figure,
for the largest input and window the controls allow."""
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from nnlesson.widgets.conv import conv_explorer

STATES = {
    "default": {},
    "largest, valid": dict(height=256, width=256, channels=512, filters=512, kernel=11, stride=5, padding="valid",
                           dilation=4),
    "largest, same": dict(height=256, width=256, channels=512, filters=512, kernel=11, stride=5, padding="same",
                          dilation=4),
    "padding and a column left out": dict(height=255, width=255, channels=512, filters=512, kernel=4, stride=5,
                                          padding=3),
}


def test_the_title_says_shapes_on_one_line_and_the_window_on_the_next():
    explorer = conv_explorer(**STATES["largest, valid"])
    # a dilated 11 x 11 kernel spans 4*(11 - 1) + 1 = 41 cells: floor((256 - 41) / 5) + 1 = 44 positions
    assert explorer.grid.title.get_text() == ("256 × 256 × 512 input → 44 × 44 × 512 output\n"
                                              "11×11 kernel, stride 5, padding 'valid'")


@pytest.mark.parametrize("state", STATES)
def test_title_and_edge_labels_stay_inside_the_figure(state):
    explorer = conv_explorer(**STATES[state])
    assert explorer.error is None
    grid = explorer.grid
    renderer = FigureCanvasAgg(grid.figure).get_renderer()
    width, height = grid.figure.bbox.width, grid.figure.bbox.height
    assert (width, height) == (520, 470)
    for text in (grid.title, grid.top_label, grid.side_label, grid.kernel_label):
        if not text.get_visible():
            continue
        box = text.get_window_extent(renderer)
        assert 0 <= box.x0 and box.x1 <= width and 0 <= box.y0 and box.y1 <= height, \
            f"{state}: {text.get_text()!r} at {box}"
    title, top = grid.title.get_window_extent(renderer), grid.top_label.get_window_extent(renderer)
    assert title.y0 >= top.y1, f"{state}: the title ({title}) runs into the width label ({top})"
