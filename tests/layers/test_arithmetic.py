"""Every parameter count comes with its arithmetic: evaluated on its own, the formula gives the count."""
import inspect
import re

import pytest

import nnlesson.layers as layers_module
from nnlesson import zoo
from nnlesson.layers import (GRU, LSTM, Activation, GroupedQueryAttention, MultiHeadAttention, Add, Average, Concatenate, Maximum, Merge, Minimum, Multiply,
                             Subtract, AdaptiveAveragePooling2D, AveragePooling1D, AveragePooling2D,
                             BatchNormalization, Bidirectional, Conv1D, Conv2D, Conv2DTranspose, Cropping2D, Dense,
                             DepthwiseConv2D, Dropout, Embedding, Flatten, GlobalAveragePooling1D,
                             GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D, Input, Layer,
                             LayerNormalization, LayerScale, MaxPooling1D, MaxPooling2D, Normalization, Rescaling,
                             Reshape, Residual, RMSNormalization, Sequential, SeparableConv2D, SimpleRNN,
                             ZeroPadding2D)
from nnlesson.widgets import model_builder

ARITHMETIC = re.compile(r"[0-9+*/() ]+")

CASES = [  # (layer, input shape): every layer kind, with and without its options
    (Dense(10), (64,)), (Dense(7, use_bias=False), (5, 12)), (Dense(3), (4, 6, 8)),
    (Conv2D(64, 3), (26, 26, 32)), (Conv2D(8, (3, 5), use_bias=False), (9, 9, 3)), (Conv2D(64, 3, groups=4), (9, 9, 32)),
    (Conv1D(16, 5), (100, 8)), (Conv1D(6, 3, groups=2, use_bias=False), (20, 4)),
    (DepthwiseConv2D(3), (9, 9, 32)), (DepthwiseConv2D(3, depth_multiplier=3, use_bias=False), (9, 9, 8)),
    (SeparableConv2D(64, 3), (9, 9, 32)), (SeparableConv2D(16, 3, depth_multiplier=2, use_bias=False), (9, 9, 8)),
    (Conv2DTranspose(16, 3, strides=2), (8, 8, 32)), (Conv2DTranspose(4, 2, use_bias=False), (8, 8, 3)),
    (Embedding(1000, 64), (20,)),
    (BatchNormalization(), (8, 8, 16)), (BatchNormalization(center=False), (8, 8, 16)),
    (BatchNormalization(axis=1), (8, 4, 16)),
    (LayerNormalization(), (10, 32)), (LayerNormalization(axis=(1, 2)), (4, 5, 6)), (LayerNormalization(scale=False), (7, 3)),
    (SimpleRNN(32), (20, 16)), (LSTM(32, return_sequences=True), (20, 16)), (GRU(8), (20, 16)),
    (Bidirectional(LSTM(12)), (20, 16)), (Residual([Conv2D(8, 3, padding="same"), BatchNormalization()]), (8, 8, 8)),
    (Residual([Conv2D(16, 3, padding="same")], shortcut=[Conv2D(16, 1)]), (8, 8, 8)),
    (Flatten(), (4, 4, 2)), (Reshape((8, 4)), (32,)), (Dropout(0.5), (10,)), (Activation("relu"), (10,)),
    (ZeroPadding2D(1), (4, 4, 2)), (Cropping2D(1), (6, 6, 2)), (MaxPooling2D(2), (8, 8, 2)),
    (AveragePooling2D(2), (8, 8, 2)), (MaxPooling1D(2), (8, 2)), (AveragePooling1D(2), (8, 2)),
    (GlobalAveragePooling2D(), (8, 8, 2)), (GlobalMaxPooling2D(), (8, 8, 2)), (GlobalAveragePooling1D(), (8, 2)),
    (GlobalMaxPooling1D(), (8, 2)), (AdaptiveAveragePooling2D(2), (8, 8, 2)),
    (GlobalAveragePooling2D(keepdims=True), (7, 7, 32)), (ZeroPadding2D(((0, 1), (0, 1))), (8, 8, 3)),
    (LSTM(32, use_bias=False), (20, 16)), (GRU(8, use_bias=False), (20, 16)), (SimpleRNN(4, use_bias=False), (9, 3)),
    (Normalization(), (224, 224, 3)), (Rescaling(1 / 255), (8, 8, 3)), (LayerScale(), (7, 7, 96)),
    (RMSNormalization(), (10, 64)), (RMSNormalization(axis=(-2, -1)), (4, 5, 6)),
    (Add(), [(8, 8, 3), (8, 8, 3)]), (Subtract(), [(4,), (4,)]), (Multiply(), [(7, 7, 32), (1, 1, 32)]),
    (Average(), [(5,), (5,), (5,)]), (Maximum(), [(2, 3), (2, 3)]), (Minimum(), [(2, 3), (1, 3)]),
    (Concatenate(), [(28, 28, 64), (28, 28, 32)]),
    (Conv2DTranspose(8, 3, strides=2, padding="same", output_padding=1), (8, 8, 4)),
    (Conv2DTranspose(16, 3, strides=2, padding=1, output_padding=1), (8, 8, 32)), (Conv1D(8, 3, padding="causal"), (10, 4)),
    (Conv2DTranspose(1, 2, strides=3), (4, 4, 1)), (Bidirectional(GRU(8), merge_mode="ave"), (20, 16)),
    (MultiHeadAttention(12, 64), (10, 768)), (MultiHeadAttention(2, 8, value_dim=4), [(5, 32), (9, 16), (9, 24)]),
    (MultiHeadAttention(4, 16, use_bias=False, output_shape=10), (3, 20)),
    (GroupedQueryAttention(128, 32, 8, use_bias=False), (2, 4096)), (GroupedQueryAttention(4, 4, 2), (3, 16)),
]

PYTORCH_ONLY = [  # options Keras refuses: counted under convention="pytorch"
    (Conv2DTranspose(16, 3, strides=2, groups=4), (8, 8, 32)),
    (Conv2DTranspose(4, 3, dilation_rate=3, output_padding=2, groups=2, use_bias=False), (6, 6, 8)),
    (Conv2DTranspose(4, 3, strides=2, dilation_rate=2), (5, 5, 2)), (Conv1D(4, 3, strides=2, dilation_rate=2), (11, 3)),
    (MaxPooling2D(3, strides=2, ceil_mode=True), (112, 112, 64)), (AveragePooling1D(3, strides=2, ceil_mode=True), (10, 2)),
]


def evaluate(formula: str) -> int:
    """The value of a formula, computed apart from the count: only digits and + * / // ( ) are allowed."""
    assert ARITHMETIC.fullmatch(formula), formula
    return eval(formula, {"__builtins__": {}})  # nothing but arithmetic can run, checked above


@pytest.mark.parametrize("convention", ["keras", "pytorch"])
@pytest.mark.parametrize("layer, shape", CASES, ids=lambda case: repr(case)[:40])
def test_the_formula_computes_the_count(layer, shape, convention):
    row = layer.row(shape, convention)
    assert evaluate(row.formula) == row.params
    if row.params:
        assert re.search(r"[*+]", row.formula), f"{row.kind}: a formula, not just the number"


@pytest.mark.parametrize("layer, shape", PYTORCH_ONLY, ids=lambda case: repr(case)[:40])
def test_the_formula_computes_the_count_of_pytorch_only_options(layer, shape):
    row = layer.row(shape, "pytorch")
    assert evaluate(row.formula) == row.params
    if row.params:
        assert re.search(r"[*+]", row.formula), f"{row.kind}: a formula, not just the number"
    with pytest.raises(ValueError, match="convention='pytorch'"):
        layer.row(shape, "keras")


def test_every_layer_kind_has_a_case():
    kinds = {cls.__name__ for name in layers_module.__all__ if inspect.isclass(cls := getattr(layers_module, name))
             and issubclass(cls, Layer) and cls not in (Layer, Merge, Input)}
    assert kinds <= {type(layer).__name__ for layer, _ in CASES}


def test_grus_without_reset_after_are_keras_only():
    row = GRU(8, reset_after=False).row((20, 16), "keras")
    assert row.formula == "3*(16 + 8 + 1)*8" and evaluate(row.formula) == row.params == 600


@pytest.mark.parametrize("name", ["mnist_convnet", "lenet5", "alexnet", "vgg16", "resnet50", "mobilenet_v2"])
@pytest.mark.parametrize("convention", ["keras", "pytorch"])
def test_every_row_of_every_zoo_model(name, convention):
    def rows(summary_rows):
        for row in summary_rows:
            yield row
            yield from rows(row.children)

    summary = getattr(zoo, name)().summary(convention)
    for row in rows(summary.rows):
        assert evaluate(row.formula) == row.params, (name, row.name, row.formula)


def test_the_tables_show_the_arithmetic_when_asked():
    model = zoo.mnist_convnet()
    assert "(3*3*32 + 1)*64 = 18,496" not in str(model.summary())
    text, html = str(model.summary(arithmetic=True)), model.summary(arithmetic=True)._repr_html_()
    for shown in ("(3*3*1 + 1)*32 = 320", "(3*3*32 + 1)*64 = 18,496", "(9216 + 1)*128 = 1,179,776",
                  "(128 + 1)*10 = 1,290"):
        assert shown in text and shown in html
    assert "Total params: 1,199,882" in text
    residual = str(zoo.resnet50().summary(arithmetic=True))
    assert "76,288   " in residual and "1*1*64*64 = 4,096" in residual  # a block: its count, its layers worked out


def test_the_slides_slip_is_caught():
    """A popular slide printed 18,494 for the second conv layer of the MNIST convnet."""
    row = Conv2D(64, 3).row((26, 26, 32))
    assert evaluate(row.formula) == 18_496 != 18_494


def test_the_model_builder_shows_the_arithmetic_on_request():
    builder = model_builder()
    assert "(3*3*32 + 1)*64" not in builder.table.value
    builder.controls["arithmetic"].value = True
    assert "(3*3*32 + 1)*64 = 18,496" in builder.table.value and builder.error is None


def test_arithmetic_must_be_a_boolean():
    with pytest.raises(TypeError, match="arithmetic must be True or False"):
        zoo.mnist_convnet().summary(arithmetic="yes")
