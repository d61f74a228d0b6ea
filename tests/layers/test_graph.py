"""The functional API: layers called on tensors, merges, Model, shared layers, and the connected-to summary."""
import pytest

from nnlesson.counting.memory import training_memory
from nnlesson.layers import (Activation, Add, Average, BatchNormalization, Concatenate, Conv2D, Dense, Embedding,
                             Flatten, GlobalAveragePooling2D, Input, MaxPooling2D, Maximum, Minimum, Model, Multiply,
                             Residual, Sequential, Subtract, Tensor)


def inception_module(x, c1=64, c3r=96, c3=128, c5r=16, c5=32, pool=32):
    """GoogLeNet's inception (3a) branches on a 28x28x192 input, without BatchNorm."""
    a = Conv2D(c1, 1, activation="relu")(x)
    b = Conv2D(c3, 3, padding="same", activation="relu")(Conv2D(c3r, 1, activation="relu")(x))
    c = Conv2D(c5, 5, padding="same", activation="relu")(Conv2D(c5r, 1, activation="relu")(x))
    d = Conv2D(pool, 1, activation="relu")(MaxPooling2D(3, strides=1, padding="same")(x))
    return Concatenate()([a, b, c, d])


def test_an_inception_module_concatenates_its_branches_channels():
    x = Input((28, 28, 192))
    model = Model(x, inception_module(x))
    summary = model.summary()
    assert model.output_shape == (28, 28, 256)  # 64 + 128 + 32 + 32 channels
    by_hand = ((192 + 1) * 64 + (192 + 1) * 96 + (9 * 96 + 1) * 128 + (192 + 1) * 16 + (25 * 16 + 1) * 32
               + (192 + 1) * 32)
    assert summary.total_params == by_hand == 163_696
    concat = summary.rows[-1]
    assert (concat.kind, concat.params, concat.neurons) == ("Concatenate", 0, 0)
    assert concat.connected_to == ("conv2d[0][0]", "conv2d_2[0][0]", "conv2d_4[0][0]", "conv2d_5[0][0]")
    assert summary.rows[0].name == "input_layer" and summary.rows[0].kind == "InputLayer"
    assert summary.neurons == 28 * 28 * (64 + 96 + 128 + 16 + 32 + 32)


def test_a_residual_block_written_as_a_graph_counts_like_the_residual_layer():
    def main():
        return [Conv2D(16, 3, padding="same"), BatchNormalization(), Activation("relu"),
                Conv2D(16, 3, padding="same"), BatchNormalization()]

    stacked = Sequential([Input((8, 8, 16)), Residual(main()), Activation("relu")])
    x = Input((8, 8, 16))
    y = x
    for layer in main():
        y = layer(y)
    graph = Model(x, Activation("relu")(Add()([y, x])))
    for convention in ("keras", "pytorch"):
        assert graph.count_params(convention) == stacked.count_params(convention)
        assert graph.summary(convention).macs == stacked.summary(convention).macs
    assert graph.count_params("keras") - graph.count_params("pytorch") == 2 * 2 * 16  # BatchNorm's moving stats


def test_a_layer_called_twice_shares_its_weights_and_is_counted_once():
    tokens = Input((10,), name="tokens")
    embed = Embedding(1000, 64)
    shared = Dense(64)
    left = shared(embed(tokens))
    right = shared(left)
    model = Model(tokens, Add()([left, right]))
    summary = model.summary()
    dense = next(row for row in summary.rows if row.kind == "Dense")
    assert [row.name for row in summary.rows].count("dense") == 1
    assert dense.params == (64 + 1) * 64 == 4_160
    assert summary.total_params == 1000 * 64 + 4_160  # and not 1000*64 + 2*4,160
    assert dense.neurons == 2 * 10 * 64 and dense.macs == 2 * 10 * 64 * 64  # both calls compute
    assert dense.connected_to == ("embedding[0][0]", "dense[0][0]")
    assert next(r for r in summary.rows if r.kind == "Add").connected_to == ("dense[0][0]", "dense[1][0]")


def test_a_shared_layer_refuses_inputs_that_need_other_weights():
    a, b = Input((4,)), Input((5,))
    shared = Dense(3)
    with pytest.raises(ValueError, match=r"dense: this layer is called twice with inputs that need different "
                                         r"weights \(15 and 18 parameters"):
        Model([a, b], [shared(a), shared(b)])


def test_several_inputs_and_outputs():
    image, extra = Input((8, 8, 3), name="image"), Input((5,), name="extra")
    features = GlobalAveragePooling2D()(Conv2D(4, 3)(image))
    joined = Concatenate()([features, extra])
    model = Model([image, extra], [Dense(2, name="left")(joined), Dense(1, name="right")(joined)])
    summary = model.summary()
    assert model.input_shapes == ((8, 8, 3), (5,)) and model.output_shapes == ((2,), (1,))
    assert summary.output_shapes == ((2,), (1,))
    assert summary.total_params == (27 + 1) * 4 + (9 + 1) * 2 + (9 + 1) * 1 == 142
    assert summary.input_values == 8 * 8 * 3 + 5
    assert str(summary).splitlines()[0] == "Input shapes (8, 8, 3), (5,), keras convention"
    with pytest.raises(ValueError, match="this model has 2 outputs; read output_shapes"):
        model.output_shape
    with pytest.raises(ValueError, match="this model has 2 inputs; read input_shapes"):
        model.input_shape
    memory = training_memory(summary, batch_size=1)
    assert memory.activations == 4 * (197 + summary.output_values)


def test_element_wise_merges_repeat_an_axis_of_size_one():
    x = Input((7, 7, 32))
    gate = GlobalAveragePooling2D(keepdims=True)(x)
    gate = Conv2D(32, 1, activation="sigmoid")(Conv2D(8, 1, activation="relu")(gate))
    model = Model(x, Multiply()([x, gate]))
    assert model.output_shape == (7, 7, 32)
    assert model.count_params() == (32 + 1) * 8 + (8 + 1) * 32 == 552  # a squeeze-and-excite gate


@pytest.mark.parametrize("merge", [Add, Subtract, Multiply, Average, Maximum, Minimum])
def test_element_wise_merges_keep_the_shape_and_have_no_parameters(merge):
    a, b = Input((4, 6)), Input((4, 6))
    model = Model([a, b], merge()([Dense(6)(a), Dense(6)(b)]))
    assert model.output_shape == (4, 6)
    row = model.summary().rows[-1]
    assert (row.params, row.neurons, row.macs, row.formula) == (0, 0, 0, "0")


def test_concatenate_along_another_axis():
    a, b = Input((3, 5)), Input((4, 5))
    assert Model([a, b], Concatenate(axis=1)([a, b])).output_shape == (7, 5)


def test_a_mismatch_at_a_merge_names_both_branches_and_their_shapes():
    x = Input((32, 32, 3))
    wide = Conv2D(16, 3, padding="same", name="wide")(x)
    narrow = Conv2D(16, 3, name="narrow")(x)
    with pytest.raises(ValueError, match=r"add: Add cannot add wide \(32, 32, 16\) and narrow \(30, 30, 16\): "
                                         r"on axis 1 the sizes 30 and 32 differ"):
        Model(x, Add()([wide, narrow]))
    with pytest.raises(ValueError, match=r"Concatenate\(axis=-1\) cannot join wide \(32, 32, 16\) and narrow "
                                         r"\(30, 30, 16\): .* axis 1 has sizes 32, 30"):
        Model(x, Concatenate()([wide, narrow]))


def test_wiring_mistakes_are_explained():
    x = Input((4,))
    y = Dense(2)(x)
    with pytest.raises(ValueError, match=r"Subtract needs exactly 2 inputs.*given 3"):
        Subtract()([y, y, y])
    with pytest.raises(TypeError, match=r"Add merges branches: call it on a list"):
        Add()(y)
    with pytest.raises(TypeError, match=r"Dense takes one input, but was called on a list of 2"):
        Dense(3)([x, y])
    with pytest.raises(TypeError, match=r"a layer is called on the output of Input\(shape\).*got int"):
        Dense(3)(5)
    with pytest.raises(TypeError, match=r"Input\(shape\) is not called"):
        Input((3,))(x)
    other = Input((4,), name="other")
    with pytest.raises(ValueError, match=r"computed from the Input 'other' of shape \(4,\), which is not among"):
        Model(x, Add()([y, Dense(2)(other)]))
    with pytest.raises(TypeError, match=r"outputs must be what a layer call returned"):
        Model(x, Dense(2))
    with pytest.raises(ValueError, match=r"Add merges branches: it needs a list of two or more inputs, so it "
                                         r"belongs in a functional Model"):
        Sequential([Input((4,)), Add()])
    with pytest.raises(ValueError, match=r"Model: two layers are named 'same'"):
        Model(x, Dense(2, name="same")(Dense(2, name="same")(x)))


def test_a_tensor_knows_its_shape():
    x = Input((28, 28, 1))
    y = MaxPooling2D(2)(Conv2D(8, 3)(x))
    assert isinstance(y, Tensor) and y.shape == (13, 13, 8)
    assert Flatten()(y).shape == (13 * 13 * 8,)


def test_the_tables_show_what_each_layer_is_connected_to():
    x = Input((4,))
    model = Model(x, Add()([Dense(4)(x), x]))
    text = str(model.summary())
    header = text.splitlines()[2]
    assert header.split() == ["Layer", "(type)", "Output", "Shape", "Param", "#", "Neurons", "Connected", "to"]
    assert "add (Add)" in text and "dense[0][0], input_layer[0][0]" in text
    html = model.summary()._repr_html_()
    assert "<th style=\"white-space: nowrap; padding: 1px 0.6em\">Connected to</th>" in html
    # padded, so the column never runs into the neurons before it ("4 squeeze[0][0]")
    assert "<td style=\"padding: 1px 0.6em\">dense[0][0], input_layer[0][0]</td>" in html
    assert "<td style=\"padding: 1px 0.6em\">-</td>" in html  # the input layer is connected to nothing
    assert "Connected to" not in str(Sequential([Input((4,)), Dense(2)]).summary())  # a stack needs no column


def test_the_arithmetic_shows_in_a_graph_too():
    x = Input((26, 26, 32))
    text = str(Model(x, Conv2D(64, 3)(x)).summary(arithmetic=True))
    assert "(3*3*32 + 1)*64 = 18,496" in text
