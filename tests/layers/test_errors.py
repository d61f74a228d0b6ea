"""Bad input raises an error that names the layer, the argument, the value and the rule."""
import pytest

from nnlesson import Model, Sequential
from nnlesson.layers import (GRU, LSTM, Activation, BatchNormalization, Bidirectional, Conv1D, Conv2D, Dense,
                             DepthwiseConv2D, Dropout, Input, LayerNormalization, MaxPooling2D, Residual)
from nnlesson.layers.graph import UnusedInputWarning
from nnlesson.layers.summary import format_bytes


@pytest.mark.parametrize("make, error, pattern", [
    (lambda: Dense(0), ValueError, r"Dense\(units=0\): units must be a positive integer"),
    (lambda: Conv2D(-1, 3), ValueError, r"Conv2D\(filters=-1\): filters must be a positive integer"),
    (lambda: Dense(2.5), TypeError, r"Dense\(units=2.5\): units must be a positive integer, not float"),
    (lambda: Dense(True), TypeError, r"Dense\(units=True\).*not bool"),
    (lambda: Conv2D(8, (3, 3, 3)), ValueError, r"Conv2D\(kernel_size=\(3, 3, 3\)\).*tuple of 2 ints"),
    (lambda: Conv2D(8, 3, strides=0), ValueError, r"Conv2D\(strides=0\): strides must be a positive"),
    (lambda: Conv2D(8, 3, padding="full"), ValueError,
     r"Conv2D\(padding='full'\): padding must be one of 'valid', 'same' or a whole number >= 0"),
    (lambda: Conv2D(8, 3, padding=-1), ValueError, r"Conv2D\(padding=-1\): padding must be a whole number >= 0"),
    (lambda: Conv2D(8, 3, padding=1.5), TypeError, r"Conv2D\(padding=1.5\): padding must be one of"),
    (lambda: Dense(3, activation="mish"), ValueError,
     r"Dense\(activation='mish'\): activation must be one of .*'relu'.*'relu6'.*'hard_silu'.*'softmax'"),
    (lambda: Activation("swish!"), ValueError, r"Activation\(activation='swish!'\).*'leaky_relu'"),
    (lambda: Dense(3, use_bias="yes"), TypeError, r"Dense\(use_bias='yes'\): use_bias must be True or False"),
    (lambda: Conv2D(30, 3, groups=4), ValueError,
     r"Conv2D\(filters=30, groups=4\): filters must be divisible by groups"),
    (lambda: Dropout(1.0), ValueError, r"Dropout\(rate=1.0\): rate must be in \[0, 1\)"),
    (lambda: Dropout(-0.1), ValueError, r"Dropout\(rate=-0.1\): rate must be in \[0, 1\)"),
    (lambda: Bidirectional(LSTM(4), merge_mode="max"), ValueError,
     r"Bidirectional\(merge_mode='max'\): merge_mode must be one of 'concat', 'sum', 'mul', 'ave'"),
    (lambda: Bidirectional(Dense(3)), TypeError, r"Bidirectional\(layer=Dense.*must be a SimpleRNN, LSTM or GRU"),
    (lambda: BatchNormalization(axis=0), ValueError, r"BatchNormalization\(axis=0\): axis 0 is the batch axis"),
    (lambda: Input((28, 0)), ValueError, r"Input\(shape\[1\]=0\): shape\[1\] must be a positive integer"),
    (lambda: Residual([]), ValueError, r"Residual\(main=\[\]\): main needs at least one layer"),
])
def test_constructor_errors(make, error, pattern):
    with pytest.raises(error, match=pattern):
        make()


def model(*layers):
    return Sequential(list(layers))


@pytest.mark.parametrize("build, pattern", [
    (lambda: model(Input((5, 5, 1)), Conv2D(4, 3), Conv2D(8, 5)),
     r"conv2d_1: Conv2D\(kernel_size=5\) does not fit input 3x3 with padding='valid': "
     r"the output length floor\(\(n \+ 2p - d\*\(k-1\) - 1\) / s\) \+ 1 must be at least 1"),
    (lambda: model(Input((3, 3, 1)), MaxPooling2D(4)),
     r"max_pooling2d: MaxPooling2D\(pool_size=4\) does not fit input 3x3 with padding='valid'"),
    (lambda: model(Input((784,)), Conv2D(8, 3)),
     r"conv2d: Conv2D needs an input of shape \(height, width, channels\).*got \(784,\)"),
    (lambda: model(Input((28, 28, 1)), LSTM(8)),
     r"lstm: LSTM needs an input of shape \(timesteps, features\).*got \(28, 28, 1\)"),
    (lambda: model(Input((5, 5, 6)), Conv2D(8, 3, groups=4)),
     r"conv2d: Conv2D\(groups=4\) needs input channels divisible by groups, got 6 channels"),
    (lambda: model(Input((8, 8, 16)), BatchNormalization(axis=4)),
     r"batch_normalization: BatchNormalization\(axis=4\) does not exist for input \(8, 8, 16\)"),
    (lambda: model(Input((8, 8, 16)), LayerNormalization(axis=(1, 5))),
     r"layer_normalization: LayerNormalization\(axis=5\) does not exist"),
    (lambda: model(Input((8, 8, 16)), Residual([Conv2D(32, 3, padding="same")])),
     r"residual: Residual cannot add its paths: the main path gives \(8, 8, 32\) but the identity "
     r"shortcut \(the input\) gives \(8, 8, 16\)"),
    (lambda: model(Input((8, 8, 16)), Residual([Conv2D(32, 3)], shortcut=[Conv2D(32, 1)])),
     r"main path gives \(6, 6, 32\) but the projection shortcut gives \(8, 8, 32\)"),
    (lambda: model(Dense(3), Input((4,))), r"the first layer is Dense.*must be Input\(shape\)"),
    (lambda: model(Dense(3)), r"a model needs Input\(shape\) followed by at least one layer"),
    (lambda: model(Input((4,)), Dense(3), Input((3,))), r"layers\[2\] is Input.*Input can only be the first"),
    (lambda: model(), r"a model needs Input\(shape\)"),
    (lambda: model(Input((4,)), Residual([Input((4,))])), r"Input can only be the first layer"),
    (lambda: model(Input((4,)), Dense(3, name="out"), Dense(2, name="out")), r"two layers are named 'out'"),
])
def test_model_construction_errors(build, pattern):
    with pytest.raises(ValueError, match=pattern):
        build()


def test_a_non_layer_in_the_list_is_a_type_error():
    with pytest.raises(TypeError, match=r"Sequential\(layers\[1\]=10\): expected a layer"):
        Sequential([Input((4,)), 10])


def test_unknown_convention():
    m = model(Input((4,)), Dense(3))
    with pytest.raises(ValueError, match=r"Sequential.summary\(convention='tf'\): convention must be one of "
                                         r"'keras', 'pytorch'"):
        m.summary("tf")


def test_gru_reset_before_has_no_pytorch_form():
    m = model(Input((10, 32)), GRU(64, reset_after=False))
    assert m.count_params() == 18_624
    with pytest.raises(ValueError, match=r"gru: GRU\(reset_after=False\) has no PyTorch equivalent"):
        m.summary("pytorch")


def test_unknown_dtype_for_memory():
    with pytest.raises(ValueError, match=r"memory_bytes\(dtype='float64'\): dtype must be one of 'float32'"):
        model(Input((4,)), Dense(3)).summary().memory_bytes("float64")


def test_layers_given_one_by_one_are_asked_for_in_a_list():
    with pytest.raises(TypeError) as caught:
        Sequential(Input((3,)), Dense(2))
    assert str(caught.value) == (
        "Sequential(Input(shape=(3,)), Dense(units=2, activation='linear', use_bias=True)): pass the layers as one "
        "list, in square brackets: Sequential([Input(shape=(3,)), Dense(units=2, activation='linear', use_bias=True)])")


@pytest.mark.parametrize("make, message", [
    (lambda: Conv2D(32), "Conv2D(32): kernel_size is missing; give it, e.g. Conv2D(32, 3) for 3x3 kernels "
                         "(kernel_size is the size of the sliding window)"),
    (lambda: Conv2D(), "Conv2D(): filters is missing; give it, e.g. Conv2D(32, 3) for 32 filters of size 3"),
    (lambda: Conv1D(16), "Conv1D(16): kernel_size is missing; give it, e.g. Conv1D(16, 3) for kernels 3 steps long "
                         "(kernel_size is the size of the sliding window)"),
    (lambda: DepthwiseConv2D(), "DepthwiseConv2D(): kernel_size is missing; give it, e.g. DepthwiseConv2D(3) for "
                                "3x3 kernels (kernel_size is the size of the sliding window)"),
])
def test_a_missing_convolution_argument_names_the_layer_not_an_internal_class(make, message):
    with pytest.raises(TypeError) as caught:
        make()
    assert str(caught.value) == message


def test_format_bytes_refuses_negatives_and_writes_huge_counts_exactly():
    with pytest.raises(ValueError, match=r"^format_bytes\(n=-5\): n must be a whole number >= 0$"):
        format_bytes(-5)
    assert format_bytes(4 * 10**160) == "4.00e+148 TB"
    assert format_bytes(10**18) == "1.00e+6 TB" and format_bytes(999_999 * 10**12) == "999999.00 TB"
    table = str(Sequential([Input((10**160,)), Dense(10**160)]).summary())  # 10**320 + 10**160 parameters
    assert table.endswith("Parameter memory: 4.00e+308 TB as float32, 2.00e+308 TB as float16, "
                          "1.00e+308 TB as int8")


def test_an_input_no_output_uses_is_kept_with_a_warning():
    a, b = Input((3,)), Input((4,))
    with pytest.warns(UnusedInputWarning) as caught:
        model = Model([a, b], Dense(2)(a))
    assert str(caught[0].message) == (
        "Model: the Input of shape (4,) (inputs[1]) leads to none of the outputs, so it adds nothing to the counts; "
        "Keras accepts such a model too, but if you meant to use it, call a layer on it, y = Dense(8)(x), and bring "
        "that branch into the outputs (Concatenate()([a, b]) joins two branches)")
    assert caught[0].filename == __file__  # the warning points at the learner's line
    assert model.count_params() == (3 + 1) * 2 and model.input_shapes == ((3,), (4,))
