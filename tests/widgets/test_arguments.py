"""An explorer built with a starting value takes it as asked or refuses it in the learner's words, naming the
factory, the argument, the value and the rule; it never shows another network than the one asked for."""
import traceback

import pytest

from nnlesson import train
from nnlesson.widgets import (activation_explorer, branches_explorer, budget_explorer, capacity_explorer,
                              conv_explorer, mlp_explorer, model_builder, neuron_explorer, overfitting_explorer)

QUICK = {"epochs": 20}


def test_values_past_a_sliders_end_widen_it_and_show_the_network_asked_for():
    assert round(neuron_explorer(x=(10, 20, 30)).result.z, 6) == 21.1  # 0.2*10 + 0.5*20 + 0.3*30 + 0.1
    assert mlp_explorer(inputs=224 * 224 * 3).result.params == (150528 + 1) * 128 + (128 + 1) * 10  # 19,269,002
    deep = mlp_explorer(hidden=(64,) * 8)
    assert deep.result.sizes == (784, *(64,) * 8, 10) and deep.result.params == 80_010
    assert len(deep.width_sliders) == 8 and deep.controls["hidden_layers"].max == 8
    long = overfitting_explorer(epochs=5000, n_train=1000, hidden_layers=0, early_stopping=20)
    assert long.controls["epochs"].max == 5000 and long.result.run.epochs == 5000
    assert long.result.run.n_train == 1000


def test_values_between_a_menus_steps_become_one_more_step():
    e = overfitting_explorer(width=10, lr=0.05, early_stopping=5, **QUICK)
    assert e.error is None and e.result.run.layer_sizes == (2, 10, 10, 1)
    assert e.controls["lr"].value == 0.05 and e.controls["early_stopping"].value == 5
    assert conv_explorer(padding=6).result.output_shape == (38, 38, 32)  # 28 + 2*6 - 3 + 1
    builder = model_builder(input_shape=(10, 10, 1))
    assert builder.result.params == 320 + 18_496 + (3 * 3 * 64 + 1) * 128 + 1_290


@pytest.mark.parametrize("build, arguments, message", [
    (overfitting_explorer, {"activation": "softmax"},
     "overfitting_explorer(activation='softmax'): activation must be one of 'linear', 'sigmoid', "),
    (overfitting_explorer, {"dropout": 1.2}, "overfitting_explorer(dropout=1.2): dropout is the share of neurons"),
    (overfitting_explorer, {"lr": 0}, "overfitting_explorer(lr=0): the learning rate must be above 0"),
    (capacity_explorer, {"width": 10}, "capacity_explorer(width=10): width must be one of 1, 2, 3, 4, 6, 8, 12, "
                                       "16, 24, 32, 48, 64, 128, 256 or 512"),
    (budget_explorer, {"filters": 3}, "budget_explorer(filters=3): filters must be one of 2, 4, 8 or 16"),
    (conv_explorer, {"padding": "full"}, "conv_explorer(padding='full'): padding must be one of 'valid', 'same', "
                                         "1, 2, 3, 4 or 5"),
    (conv_explorer, {"kernel": 0}, "conv_explorer(kernel=0): kernel must be at least 1"),
    (neuron_explorer, {"activation": "Relu"}, "neuron_explorer(activation='Relu'): activation must be one of "),
    (neuron_explorer, {"x": (1, 2, 3), "w": (1, 2)},
     "neuron_explorer(w=(1, 2)): one weight per input: x has 3 values, w has 2"),
    (neuron_explorer, {"x": (1, 2), "w": (1, 2, 3)},
     "neuron_explorer(w=(1, 2, 3)): one weight per input: x has 2 values, w has 3"),
    (neuron_explorer, {"x": tuple(range(10)), "w": tuple(range(10))},
     "neuron_explorer(x=(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)): the explorer shows 1 to 9 inputs, one slider each"),
    (neuron_explorer, {"b": "a"}, "neuron_explorer(b='a'): b takes a number"),
    (mlp_explorer, {"hidden": 64}, "mlp_explorer(hidden=64): hidden takes a list of widths"),
    (mlp_explorer, {"inputs": 2.5}, "mlp_explorer(inputs=2.5): inputs takes a whole number"),
    (model_builder, {"input_shape": (10, 10)}, "model_builder(input_shape=(10, 10)): the input is (height, width, "
                                               "channels)"),
    (model_builder, {"layers": [("Conv", 3)]}, "model_builder(layers[0]=('Conv', 3)): the layer must be one of "),
    (branches_explorer, {"block": "Dense"},
     "branches_explorer(block='Dense'): block must be one of 'inception', 'dense' or 'squeeze-excite'; did you "
     "mean 'dense'?"),
    (activation_explorer, {"shown": ("sigmod",)}, "activation_explorer(shown='sigmod'): shown must be one of "),
])
def test_a_value_the_explorer_cannot_take_is_refused_at_the_learners_call(build, arguments, message):
    with pytest.raises(ValueError) as caught:
        build(**arguments)
    assert str(caught.value).startswith(message)
    frames = traceback.extract_tb(caught.tb)
    assert len(frames) == 2 and frames[0].name.startswith("test_")  # the learner's call, then the factory's raise


def test_the_activation_refusal_lists_every_choice_and_the_nearest():
    with pytest.raises(ValueError, match=r"'softplus'; did you mean 'relu'\?$"):
        neuron_explorer(activation="Relu")


def test_the_filters_explorer_asks_for_a_convnet():
    from nnlesson.widgets import filters_explorer

    with pytest.raises(ValueError, match=r"^filters_explorer\(model=MLP\(\[64, 8, 10\].*give it a trained ConvNet"):
        filters_explorer(train.MLP([64, 8, 10]))
