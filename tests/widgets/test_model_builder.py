"""Drive model_builder: edit the MNIST convnet and watch the table, totals and shares follow."""
import pytest

from nnlesson.widgets import model_builder

DENSE = 9_216 * 128 + 128


@pytest.fixture
def builder():
    return model_builder()


def test_starts_from_the_mnist_convnet(builder):
    r = builder.result
    assert builder.error is None and builder.count == 6
    assert (r.params, r.neurons) == (1_199_882, 58_634)
    assert r.largest[0].name == "dense"
    assert '<table class="nnlesson-summary">' in builder.table.value and "18,496" in builder.table.value
    assert "Dense layers hold <b>98.4%</b>" in builder.readout.value
    assert bytes(builder.images[0].value).startswith(b"\x89PNG")


def test_global_average_pooling_instead_of_flatten(builder):
    builder.controls["kind3"].value = "GlobalAveragePooling2D"
    r = builder.result
    assert r.params == 320 + 18_496 + 65 * 128 + 1_290 == 28_426
    assert "Dense layers hold <b>33.8%</b>" in builder.readout.value
    assert r.largest[0].name == "conv2d_1"


def test_resizing_a_layer(builder):
    builder.controls["size4"].value = 64
    assert builder.result.params == 320 + 18_496 + 9_217 * 64 + 65 * 10


def press(builder, row, sign):
    """Click the '−' or '+' button of a row, as a learner would."""
    next(b for b in builder.rows[row].children if getattr(b, "description", None) == sign).click()


def test_removing_and_copying_rows(builder):
    press(builder, 2, "−")  # the max pool: Flatten now sees 24 x 24 x 64
    assert builder.count == 5
    assert builder.result.params == 320 + 18_496 + 36_865 * 128 + 1_290
    press(builder, 1, "+")  # a third 64-filter conv after the second one
    assert [kind for kind, _ in builder.layers()][:3] == ["Conv2D 3×3"] * 3
    assert builder.result.params == 320 + 18_496 + 36_928 + (22 * 22 * 64 + 1) * 128 + 1_290


def test_an_impossible_model_shows_the_error_and_recovers(builder):
    builder.controls["kind4"].value = "Conv2D 3×3"  # a convolution after Flatten
    assert builder.result is None and "Conv2D needs an input of shape (height, width, channels)" in builder.error
    assert builder.table.value == "" and builder.images[0].layout.visibility == "hidden"
    builder.controls["kind4"].value = "Dense"
    assert builder.error is None and builder.result.params == 1_199_882
    assert builder.images[0].layout.visibility == "visible" and "18,496" in builder.table.value


def test_hidden_rows_change_nothing_visible(builder):
    image, table = bytes(builder.images[0].value), builder.table.value
    builder.controls["kind8"].value = "Flatten"
    assert bytes(builder.images[0].value) == image and builder.table.value == table
    assert builder.result.params == 1_199_882


def test_row_limits(builder):
    for _ in range(10):
        builder.insert_copy(5)
    assert builder.count == 10 and builder.add.disabled
    for _ in range(12):
        builder.remove(0)
    assert builder.count == 1  # the last layer stays
    assert builder.result.output_shape == (28, 28, 10)  # Dense(10) acts on the last axis of the image


def test_size_slider_only_for_layers_that_have_a_size(builder):
    visible = [builder.controls[f"size{i}"].layout.visibility for i in range(6)]
    assert visible == ["visible", "visible", "hidden", "hidden", "visible", "visible"]


def test_a_bigger_input(builder):
    builder.controls["input_shape"].value = (32, 32, 3)
    assert builder.result.params == 896 + 18_496 + (14 * 14 * 64 + 1) * 128 + 1_290

