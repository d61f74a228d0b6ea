"""Drive mlp_explorer as a learner would: move a control, read the numbers and pictures it shows."""
import pytest

from nnlesson.widgets import mlp_explorer

PNG = b"\x89PNG"


@pytest.fixture
def explorer():
    return mlp_explorer()


def images(e):
    return [figure.shown() for figure in e.figures]


def test_opens_on_784_128_10(explorer):
    r = explorer.result
    assert explorer.error is None
    assert (r.sizes, r.params, r.weights, r.biases, r.neurons) == ((784, 128, 10), 101_770,
                                                                                  101_632, 138, 138)
    assert r.bytes == 407_080
    text = explorer.readout.value
    assert "<b>101,770 parameters</b>" in text and "<b>138 neurons</b>" in text
    assert "101,770 × 4 bytes = 407,080 bytes = <b>407.08 kB</b>" in text
    assert ">100,480<" in text and ">1,290<" in text
    assert all(background.startswith(PNG) for background, _ in images(explorer))


def test_only_active_width_sliders_are_shown(explorer):
    shown = lambda: [s.layout.display != "none" for s in explorer.width_sliders]  # noqa: E731
    assert shown() == [True, False, False, False, False, False]
    explorer.controls["hidden_layers"].value = 3
    assert shown() == [True, True, True, False, False, False]
    explorer.controls["hidden_layers"].value = 0
    assert shown() == [False] * 6


def test_moving_a_width_changes_counts_readout_and_pictures(explorer):
    before, text = images(explorer), explorer.readout.value
    explorer.controls["width1"].value = 129
    assert explorer.result.params == 785 * 129 + 130 * 10 == 102_565
    assert explorer.readout.value != text and "<b>102,565 parameters</b>" in explorer.readout.value
    assert all(new != old for new, old in zip(images(explorer), before))


def test_zero_hidden_layers(explorer):
    explorer.controls["hidden_layers"].value = 0
    r = explorer.result
    assert explorer.error is None
    assert (r.sizes, r.params, r.neurons) == ((784, 10), 7_850, 10)
    assert r.growth.by_width == [] and r.growth.at_width is None
    assert explorer.growth.width.note.get_text().startswith("no hidden layer to widen")
    assert "output" in explorer.readout.value and "hidden 1" not in explorer.readout.value


def test_bytes_per_value(explorer):
    diagram = explorer.figures[0].shown()
    explorer.controls["dtype"].value = "float16"
    assert explorer.result.bytes == 203_540
    assert "as float16: 101,770 × 2 bytes = 203,540 bytes" in explorer.readout.value
    explorer.controls["dtype"].value = "int8"
    assert "101,770 × 1 byte = 101,770 bytes" in explorer.readout.value
    assert explorer.figures[0].shown() == diagram  # the drawing does not depend on the number format


def test_very_wide_layers_draw_fast_and_count_exactly(explorer):
    c = explorer.controls
    c["hidden_layers"].value = 6
    for i in range(1, 7):
        c[f"width{i}"].value = 4096
    c["outputs"].value = 1000
    assert explorer.result.params == 785 * 4096 + 5 * 4097 * 4096 + 4097 * 1000 == 91_218_920
    assert explorer.result.neurons == 6 * 4096 + 1000
    assert explorer.last_update_seconds < 0.5
    assert "4,096" in [text.get_text() for text in explorer.diagram.widths]
    drawn = sum(len(scatter.get_offsets()) for scatter in explorer.diagram.units.values())
    assert drawn <= 8 * 12  # a few circles per layer, however wide


def test_growth_marks_the_current_model(explorer):
    explorer.controls["hidden_layers"].value = 2
    growth = explorer.result.growth
    assert growth.at_depth.params == explorer.result.params == 101_770 + 129 * 128
    assert [p.x for p in growth.by_depth] == list(range(7))



def test_one_input_is_singular(explorer):
    explorer.controls["inputs"].value = 1
    assert "the 1 input holds data and computes nothing" in explorer.readout.value
    explorer.controls["inputs"].value = 784
    assert "the 784 inputs hold data and compute nothing" in explorer.readout.value
