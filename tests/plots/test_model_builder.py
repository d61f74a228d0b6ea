"""The model builder's bars of parameter shares: every name and count stays inside the figure, for every famous
model too (long layer names on the left, a label after a long bar on the right)."""
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from nnlesson.plots.model_builder import INSIDE
from nnlesson.widgets.model_builder import ModelBuilder
from nnlesson.zoo import PUBLISHED


@pytest.fixture(scope="module")
def builder():
    return ModelBuilder()


@pytest.mark.parametrize("famous", ["", *(entry.name for entry in PUBLISHED)])
def test_every_label_stays_inside_the_figure(builder, famous):
    builder.controls["famous"].value = famous
    plot = builder.plot
    renderer = FigureCanvasAgg(plot.figure).get_renderer()
    shown = [text for text in (*plot.names, *plot.values, plot.title) if text.get_visible()]
    assert len(shown) > 3
    width = plot.figure.bbox.width
    for text in shown:
        box = text.get_window_extent(renderer)
        assert 0 <= box.x0 and box.x1 <= width, \
            f"{famous or 'default'}: {text.get_text()!r} spans {box.x0:.0f}..{box.x1:.0f} px of {width:.0f}"


def test_a_long_bar_holds_its_label_and_a_short_one_has_it_after_its_end(builder):
    builder.controls["famous"].value = "VGG16"  # classifier.fc0 holds 102,764,544 of 138,357,544: 74.3%
    plot = builder.plot
    labels = {name.get_text(): value for name, value in zip(plot.names, plot.values) if name.get_visible()}
    assert labels["classifier.fc0"].get_text() == "102,764,544 (74.3%)"
    assert 0.743 > INSIDE and labels["classifier.fc0"].get_horizontalalignment() == "right"
    assert labels["classifier.fc1"].get_text() == "16,781,312 (12.1%)"
    assert labels["classifier.fc1"].get_horizontalalignment() == "left"
