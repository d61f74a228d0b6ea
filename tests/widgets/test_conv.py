"""Drive conv_explorer: output shape, counts, the dense comparison, the drawing, and the extremes."""
import pytest

from nnlesson.widgets import conv_explorer

PNG = b"\x89PNG"


@pytest.fixture
def explorer():
    return conv_explorer()


def test_opens_on_the_first_mnist_conv_layer(explorer):
    r = explorer.result
    assert explorer.error is None
    assert r.output_shape == (26, 26, 32)
    assert (r.params, r.weights, r.biases, r.neurons, r.macs) == (320, 288, 32, 21_632, 194_688)
    assert r.dense_params == 16_981_120
    text = explorer.readout.value
    assert "Output shape <b>26 × 26 × 32</b>" in text
    assert "floor((28 + 2·0 − 1·(3−1) − 1) / 1) + 1 = <b>26</b>" in text
    assert "(3·3·1 + 1)·32 = <b>320</b>" in text
    assert "<b>53,066×</b> as many" in text
    assert explorer.images[0].png.startswith(PNG)


def test_input_height_and_width_leave_the_parameters_alone(explorer):
    line = "changing them leaves the 320 parameters alone"
    assert line in explorer.readout.value
    explorer.controls["height"].value = 100
    explorer.controls["width"].value = 57
    r = explorer.result
    assert r.params == 320 and r.output_shape == (98, 55, 32)
    assert r.neurons == 98 * 55 * 32 and r.macs == 288 * 98 * 55
    assert line in explorer.readout.value


def test_channels_and_filters_change_the_parameters(explorer):
    explorer.controls["channels"].value = 3
    assert explorer.result.params == (3 * 3 * 3 + 1) * 32 == 896
    explorer.controls["filters"].value = 64
    assert explorer.result.params == (3 * 3 * 3 + 1) * 64
    explorer.controls["bias"].value = False
    assert explorer.result.params == 3 * 3 * 3 * 64 and "no biases" in explorer.readout.value


def test_kernel_larger_than_the_padded_input_shows_the_error_in_place(explorer):
    c = explorer.controls
    c["height"].value = 5
    c["kernel"].value = 7
    assert explorer.result is None
    assert explorer.error == ("No output: the 7×7 kernel (7 cells wide) does not fit on the input's height of 5 "
                              "cells; floor((5 + 2·0 − 1·(7−1) − 1) / 1) + 1 gives -1 positions. Make the kernel "
                              "or the dilation smaller, add padding, or make the input larger.")
    assert explorer.message.layout.display == "" and "does not fit" in explorer.message.value
    assert explorer.children.index(explorer.message) == 1  # at the top, right after the style sheet
    assert "nnlesson-stale" in explorer.figures[0]._dom_classes and "nnlesson-stale" in explorer.readout._dom_classes
    c["padding"].value = 1  # 5 + 2 = 7 cells: one placement fits
    assert explorer.error is None and explorer.result.output_shape == (1, 24, 32)
    assert "nnlesson-stale" not in explorer.figures[0]._dom_classes


def test_dilation_and_padding_in_the_advice(explorer):
    c = explorer.controls
    c["height"].value, c["kernel"].value, c["padding"].value, c["dilation"].value = 5, 7, 1, 4
    assert explorer.error.startswith("No output: the 7×7 kernel (25 cells wide with dilation 4) does not fit on "
                                     "the input's height of 5 cells plus 1 of padding on each side; "
                                     "floor((5 + 2·1 − 4·(7−1) − 1) / 1) + 1 gives -17 positions.")


def test_stride_larger_than_the_input(explorer):
    c = explorer.controls
    c["height"].value, c["width"].value, c["kernel"].value, c["stride"].value = 3, 3, 1, 5
    r = explorer.result
    assert explorer.error is None and r.output_shape == (1, 1, 32)
    assert (r.rows.left_out, r.columns.left_out) == (2, 2)
    assert "floor((3 + 2·0 − 1·(1−1) − 1) / 5) + 1 = <b>1</b>" in explorer.readout.value
    assert not explorer.grid.regions["next"].get_visible()  # no second placement to draw


def test_same_padding_and_dilation(explorer):
    c = explorer.controls
    c["height"].value, c["width"].value, c["stride"].value, c["padding"].value = 7, 7, 2, "same"
    assert explorer.result.output_shape == (4, 4, 32)
    c["padding"].value, c["dilation"].value = "valid", 2  # span 5 on 7 cells, stride 2 -> 2
    assert explorer.result.output_shape == (2, 2, 32) and explorer.result.params == 320


def test_a_224_by_224_input_is_drawn_fast(explorer):
    c = explorer.controls
    c["height"].value, c["width"].value, c["channels"].value = 224, 224, 3
    c["filters"].value, c["kernel"].value, c["stride"].value, c["padding"].value = 64, 7, 2, 3
    assert explorer.result.output_shape == (112, 112, 64)
    assert explorer.result.params == (7 * 7 * 3 + 1) * 64 == 9_472
    assert explorer.last_update_seconds < 0.5
    assert len(explorer.grid.grid.get_segments()) == 0  # no cell borders on a large input
    assert explorer.images[0].png.startswith(PNG)

