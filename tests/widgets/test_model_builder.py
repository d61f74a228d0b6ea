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
    assert builder.images[0].png.startswith(b"\x89PNG")


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


def test_an_impossible_model_shows_advice_at_the_top_and_recovers(builder):
    builder.controls["kind4"].value = "Conv2D 3×3"  # a convolution after Flatten
    assert builder.result is None
    assert builder.error == ("Layer 5 (Conv2D 3×3) needs an image (height × width × channels), but above it the "
                             "data is already a flat list of 9,216 numbers. Move it above the Flatten or global "
                             "pooling layer, or remove it.")
    assert builder.children.index(builder.message) < builder.children.index(builder.readout)
    stale = "nnlesson-stale"
    assert all(stale in part._dom_classes for part in (builder.readout, builder.table, builder.figures[0]))
    assert "18,496" in builder.table.value  # the last valid model stays, dimmed
    builder.controls["kind4"].value = "Dense"
    assert builder.error is None and builder.result.params == 1_199_882
    assert not any(stale in part._dom_classes for part in (builder.readout, builder.table, builder.figures[0]))


def test_pooling_until_nothing_is_left_names_the_row_and_the_size():
    layers = [("Conv2D 3×3", 8)] + [("MaxPooling2D 2×2", 0)] * 5 + [("Flatten", 0), ("Dense", 10)]
    b = model_builder(layers=layers)  # 28 -> 26 -> 13 -> 6 -> 3 -> 1, and a fifth pool finds a 1x1 image
    assert b.error == ("Layer 6 (MaxPooling2D 2×2) does not fit: the image is down to 1×1 there, smaller than "
                       "its 2×2 window. Remove a convolution or pooling layer above it, or pick a larger input.")
    b.controls["input_shape"].value = (224, 224, 3)
    assert b.error is None and b.result.output_shape == (10,)


def test_hidden_rows_change_nothing_visible(builder):
    image, table = builder.figures[0].shown(), builder.table.value
    builder.controls["kind8"].value = "Flatten"
    assert builder.figures[0].shown() == image and builder.table.value == table
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



def test_shows_a_famous_model_and_comes_back_to_the_learners_rows(builder):
    builder.controls["size4"].value = 64  # the learner's own change, to find again afterwards
    builder.controls["famous"].value = "ResNet-50 (torchvision)"
    r = builder.result
    assert builder.error is None and r.published.name == "ResNet-50 (torchvision)"
    assert (r.params, r.summary.convention) == (25_557_032, "pytorch")
    assert "Published (torchvision ResNet50_Weights): 25,557,032 parameters; the count above matches it exactly" \
        in builder.readout.value
    assert builder.layer_rows.layout.display == "none" and "Choose “your layers”" in builder.note.value
    assert "layer4.0 (Residual)" in builder.table.value
    names = [row.name for row, _ in r.shares]
    assert len(names) == 10 and names[-1] == "the other 30 layers"  # nine largest blocks, then the rest
    assert r.largest[0].name == "layer4.0" and round(r.largest[1], 3) == 0.236
    builder.controls["famous"].value = ""
    assert builder.result.published is None and builder.layer_rows.layout.display == ""
    assert builder.layers()[4] == ("Dense", 64) and builder.result.params == 1_199_882 - (9_216 + 1) * 64 \
        - (128 - 64) * 10


def test_a_keras_model_with_its_non_trainable_parameters_and_arithmetic():
    builder = model_builder(famous="MobileNetV2 (Keras)", arithmetic=True)
    r = builder.result
    assert (r.params, r.summary.non_trainable_params) == (3_538_984, 34_112)
    assert "of which 34,112 non-trainable; the count above matches it exactly" in builder.readout.value
    assert "(3*3*3 + 0)" not in builder.table.value and "3*3*3*32 = 864" in builder.table.value


def test_the_model_shown_leaves_as_real_code(builder):
    source = builder.model().to_pytorch_code()
    assert "nn.Conv2d(1, 32, 3)" in source and "nn.Linear(9216, 128)" in source
    builder.controls["famous"].value = "SqueezeNet 1.0 (torchvision)"
    assert builder.model().count_params("pytorch") == 1_248_424


def test_the_output_layer_is_a_classifier_the_learner_can_change():
    """The last Dense layer is the output: softmax by default (exported so), a choice the learner sees."""
    builder = model_builder()
    code = builder.model().to_keras_code()
    assert 'layers.Dense(10, activation="softmax", name="dense_1")' in code
    assert 'layers.Dense(128, activation="relu", name="dense")' in code
    assert "Dense(10) with softmax activation, gives a probability for each of its 10 classes" in builder.readout.value
    builder.controls["output"].value = "sigmoid"
    assert 'layers.Dense(10, activation="sigmoid", name="dense_1")' in builder.model().to_keras_code()
    assert "10 probabilities between 0 and 1, each on its own" in builder.readout.value
    assert builder.result.params == 1_199_882  # an activation holds no parameters
    pooled = model_builder(layers=[("Conv2D 3×3", 8), ("GlobalAveragePooling2D", 0)])
    assert pooled.controls["output"].disabled and "it gives 8 features, no prediction yet" in pooled.readout.value
