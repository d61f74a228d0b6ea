"""Exercise checks of lesson 01: right answers confirmed, slips named, the answer never given away."""
import pytest

from nnlesson import checks
from nnlesson.neuron import neuron

A = {"x": [1, 2, 3], "w": [0.2, 0.5, 0.3], "b": 0.1}
EX1 = {"x": [2, -1, 4], "w": [0.5, 0.8, -0.25], "b": 0.3}


def spellings(truth):
    """The ways a number could appear in a message."""
    forms = {repr(truth), f"{truth:g}", f"{truth:.2f}", f"{truth:.3f}"}
    if float(truth).is_integer():
        forms |= {f"{int(truth)}", f"{int(truth):,}"}
    return forms


def assert_hint_hides(feedback, truth):
    assert feedback.correct is False
    for form in spellings(truth):
        assert form not in feedback.message, f"hint gives away {form!r}: {feedback.message}"


def test_placeholder_is_your_turn():
    feedback = checks.neuron_output(..., **A)
    assert feedback.correct is None and "Your turn" in str(feedback)
    assert "Your turn" in feedback._repr_html_()


def test_worked_example_a_is_right_at_2_2_and_2_3_is_not():
    assert checks.neuron_output(2.2, **A).correct is True
    assert checks.neuron_output(0.1 + 0.2 * 1 + 0.5 * 2 + 0.3 * 3, **A).correct is True  # float noise is fine
    assert_hint_hides(checks.neuron_output(2.3, **A), 2.2)


def test_worked_example_b_with_relu():
    assert checks.neuron_output(0.78, x=[0.5, 0.3], w=[0.8, 0.6], b=0.2, activation="relu")


@pytest.mark.parametrize("answer, words", [
    (2.1, "left out the bias"),                    # 0.2 + 1.0 + 0.9
    (2.0, "not subtracted"),                        # 2.1 - 0.1
    (-2.2, "sign"),
    (7.1, "do not add inputs and weights"),         # (1 + 2 + 3) + (0.2 + 0.5 + 0.3) + 0.1
])
def test_typical_slips_get_named(answer, words):
    feedback = checks.neuron_output(answer, **A)
    assert words in feedback.message
    assert_hint_hides(feedback, neuron(**A).a)


def test_rounded_neuron_output():
    sig = {**EX1, "activation": "sigmoid"}           # sigmoid(-0.5) = 0.37754...
    assert checks.neuron_output(0.38, **sig).message.startswith("Right to 2 decimals")
    assert checks.neuron_output(0.378, **sig).message.startswith("Right to 3 decimals")
    close = checks.neuron_output(0.37, **sig)
    assert "Close" in close.message
    assert_hint_hides(close, 0.38)
    assert "That is z" in checks.neuron_output(-0.5, **sig).message
    assert "left out the bias" in checks.neuron_output(0.31, **sig).message     # sigmoid(-0.8) = 0.3100...
    coarse = checks.neuron_output(0.4, **sig)
    assert "too coarse" in coarse.message
    assert_hint_hides(coarse, 0.38)
    assert "not subtracted" in checks.neuron_output(2, **A).message   # an exact slip is named, not "too coarse"


def test_forgot_the_activation():
    feedback = checks.neuron_output(-0.5, **EX1, activation="relu")     # z = -0.5, relu(z) = 0
    assert "That is z" in feedback.message and "relu" in feedback.message
    assert_hint_hides(feedback, 0.0)
    assert checks.neuron_output(0, **EX1, activation="relu").correct is True
    assert checks.neuron_output(-0.5, **EX1).correct is True


def test_unknown_slip_and_wrong_type():
    assert_hint_hides(checks.neuron_output(17.0, **EX1), -0.5)
    assert "single number" in checks.neuron_output("2.2", **A).message


@pytest.mark.parametrize("n_inputs, n_neurons", [(784, 1), (784, 10), (3, 4)])
def test_parameter_counts(n_inputs, n_neurons):
    truth = (n_inputs + 1) * n_neurons
    assert checks.parameter_count(truth, n_inputs, n_neurons).correct is True
    assert checks.parameter_count(float(truth), n_inputs, n_neurons).correct is True
    weights_only = checks.parameter_count(n_inputs * n_neurons, n_inputs, n_neurons)
    assert "weights" in weights_only.message and "bias" in weights_only.message
    assert_hint_hides(weights_only, truth)


def test_layer_count_slips():
    one_bias = checks.parameter_count(7841, 784, 10)
    assert "its own bias" in one_bias.message
    assert_hint_hides(one_bias, 7850)
    neurons = checks.parameter_count(10, 784, 10)
    assert "number of neurons" in neurons.message
    assert_hint_hides(checks.parameter_count(785, 784, 10), 7850)
    assert_hint_hides(checks.parameter_count(123, 784, 10), 7850)
    assert "whole number" in checks.parameter_count(7850.5, 784, 10).message


def test_gate_weights():
    assert checks.gate_weights((-1, -1, 1.5), "NAND").correct is True
    assert checks.gate_weights([1, 1, -1.5], "AND").correct is True
    miss = checks.gate_weights((1, 1, -0.5), "NAND")
    assert miss.correct is False and "2 of 4 right" in miss.message
    assert "(1, 1) should be 0" in miss.message
    assert checks.gate_weights(..., "NAND").correct is None
    assert "three numbers" in checks.gate_weights((1, 1), "NAND").message
    best_xor = max(checks.gate_weights((w1, w2, b), "XOR").correct is True
                   for w1 in (-1, 1) for w2 in (-1, 1) for b in (-1.5, -0.5, 0.5, 1.5))
    assert best_xor is False
