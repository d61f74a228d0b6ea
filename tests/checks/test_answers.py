"""How every check reads an answer: NumPy values count as the numbers they hold, a number in
quotes is told to lose its quotes, a number too large for a float gets a hint, and a rounding
that ends in zero counts as the rounding it is."""
import numpy as np
import pytest

from nnlesson import checks
from nnlesson.checks.base import numeric_check, readings, typed
from nnlesson.train import History
from tests.checks.test_neuron import assert_hint_hides

STOPPED = History("mse", 1.0, train_loss=[1.0, 0.5, 0.3, 0.2, 0.1], val_loss=[1.0, 0.6, 0.4, 0.5, 0.7],
                  best_epoch=2, kept_epoch=2, stopped_epoch=4)

# every check whose answer is a count: (check, kwargs, truth)
COUNTS = [
    (checks.dense_params, {"n_in": 784, "n_out": 128}, 100_480),
    (checks.mlp_params, {"sizes": [784, 128, 10]}, 101_770),
    (checks.mlp_neurons, {"sizes": [784, 128, 10]}, 138),
    (checks.frozen_trainable, {"sizes": [784, 128, 10], "frozen_layers": 1}, 1_290),
    (checks.param_memory, {"params": 101_770, "dtype": "float16"}, 203_540),
    (checks.conv_params, {"kernel_size": 3, "channels": 32, "filters": 64, "input_shape": (26, 26)}, 18_496),
    (checks.conv_output_size, {"n": 28, "k": 3, "s": 2, "p": 1}, 14),
    (checks.conv_neurons, {"input_shape": (28, 28, 1), "filters": 32, "kernel_size": 3}, 21_632),
    (checks.separable_params, {"kernel_size": 3, "channels": 32, "filters": 64}, 2_400),
    (checks.parameter_count, {"n_inputs": 784}, 785),
    (checks.parameter_count, {"n_inputs": 784, "n_neurons": 10}, 7_850),
    (checks.stacked_linear_params, {"sizes": [5, 3, 4]}, 34),
    (checks.concat_channels, {}, 512),
    (checks.dense_block_channels, {}, 512),
    (checks.se_params, {}, 8_464),
    (checks.shared_params, {}, 6_464),
    (checks.convnet_params, {"filters": 8}, 1_898),
    (checks.width_for_points, {"n_inputs": 2, "n_points": 50}, 13),
    (checks.kept_epoch, {"history": STOPPED, "patience": 2}, 2),
]
IDS = [f"{check.__name__}-{truth}" for check, _, truth in COUNTS]


@pytest.mark.parametrize("check, kwargs, truth", COUNTS, ids=IDS)
@pytest.mark.parametrize("spell", [np.int64, np.int32, np.float32, np.float64, np.array,
                                   lambda n: np.array(float(n))],
                         ids=["int64", "int32", "float32", "float64", "0-d int array", "0-d float array"])
def test_a_count_typed_as_a_numpy_value_is_the_count(check, kwargs, truth, spell):
    plain = check(truth, **kwargs)
    feedback = check(spell(truth), **kwargs)
    assert feedback.correct is True and feedback.message == plain.message
    assert check(spell(truth + 1), **kwargs).message == check(truth + 1, **kwargs).message


@pytest.mark.parametrize("check, kwargs, truth", COUNTS, ids=IDS)
def test_a_count_in_quotes_is_told_to_lose_them(check, kwargs, truth):
    for text in (str(truth), f"{truth:,}", f" {truth} "):
        feedback = check(text, **kwargs)
        assert feedback.correct is False
        assert feedback.message == ("A count is a whole number, but this is text: remove the quotes so that "
                                    "Python reads it as a number.")
    assert check("many", **kwargs).message == "A count is a whole number; got 'many'."


def test_a_count_with_a_fraction_says_so_however_it_is_typed():
    for answer in (7850.5, np.float32(7850.5), np.array(7850.5)):
        assert checks.parameter_count(answer, 784, 10).message == "A count is a whole number; got 7850.5."
    for answer in (14.5, np.float32(14.5), np.array(14.5)):
        assert checks.conv_output_size(answer, n=28, k=3, s=2, p=1).message == (
            "An output length is a whole number of positions: the division rounds down (floor).")
    assert checks.parameter_count(np.array([785]), 784).message == "A count is a whole number; got [785]."
    assert checks.parameter_count(np.bool_(True), 784).correct is False


def test_a_huge_count_is_just_wrong():
    assert checks.conv_output_size(10 ** 400, n=28, k=3, s=2, p=1).message == (
        "Use floor((n + 2p − d·(k−1) − 1) / s) + 1.")
    assert checks.dense_params(10 ** 400, n_in=784, n_out=128).correct is False


A = {"x": [1, 2, 3], "w": [0.2, 0.5, 0.3], "b": 0.1}


@pytest.mark.parametrize("answer", [np.float64(2.2), np.float32(2.2), np.array(2.2), np.array(2.2, dtype=np.float32),
                                    np.array(np.float16(2.2))])
def test_a_real_number_typed_as_a_numpy_value_is_the_number(answer):
    assert checks.neuron_output(answer, **A).message == checks.neuron_output(2.2, **A).message
    assert checks.activation_value(np.array(0.5), "sigmoid", z=0).message == "sigmoid(0) = 0.5."
    assert checks.gradient_bound(np.array(9.5e-7), layers=10).message.startswith("Right to 2 significant figures")


def test_numpy_slips_and_coarse_answers_get_the_same_hints():
    for plain in (2.1, 2.0, -2.2, 2.3):
        assert checks.neuron_output(np.array(plain), **A).message == checks.neuron_output(plain, **A).message
    assert checks.neuron_output(np.array([2.2]), **A).message == "Expected a single number, got ndarray."
    assert checks.neuron_output(np.ones((1, 1)), **A).message == "Expected a single number, got ndarray."


def test_a_real_number_in_quotes_is_told_to_lose_them():
    for text in ("2.2", "2.3", " 2.2", "2.2e0"):
        feedback = checks.neuron_output(text, **A)
        assert feedback.correct is False
        assert feedback.message == ("Expected a single number, but this is text: remove the quotes so that "
                                    "Python reads it as a number.")
    assert checks.neuron_output("two", **A).message == "Expected a single number, got str."
    assert checks.neuron_output("nan", **A).message == "Expected a single number, got str."


@pytest.mark.parametrize("answer", [10 ** 400, -10 ** 400, np.array(10 ** 30) * 0 + 10 ** 400])
def test_a_number_too_large_for_a_float_is_far_too_large(answer):
    for feedback in (checks.neuron_output(answer, **A), checks.gradient_bound(answer, layers=10),
                     checks.chain_rule_gradient(answer, x=1.5, y=2.0, w1=0.8, b1=0.1, w2=-0.5, b2=0.3),
                     checks.softmax_probability(answer, z=[1.0, 3.0, 0.0], index=1)):
        assert feedback.correct is False
        assert feedback.message == ("That number is far too large to be the answer: it does not even fit in a "
                                    "float. Check the calculation step by step.")
    assert checks.gate_weights((10 ** 400, 1, -1.5), "AND").message.startswith("That number is far too large")


@pytest.mark.parametrize("answer", [np.array([1, 1, -1.5]), np.array([1.0, 1.0, -1.5], dtype=np.float32),
                                    (np.int64(1), np.float32(1), np.array(-1.5)), [np.array(1), 1, -1.5]])
def test_gate_weights_as_numpy_values(answer):
    assert checks.gate_weights(answer, "AND").message == checks.gate_weights((1, 1, -1.5), "AND").message
    assert checks.gate_weights(answer, "AND").correct is True


def test_gate_weights_refuses_what_is_not_three_numbers():
    for answer in (np.array([1, 1]), np.array([[1, 1, -1.5]]), ("1", 1, -1.5), (True, 1, -1.5)):
        assert checks.gate_weights(answer, "AND").message == "Give three numbers in brackets: (w1, w2, b)."


def truth(value, least=2):
    return numeric_check(value, TRUTH, [], fallback="Try again.", success="Done.", least=least)


TRUTH = 2.03995


@pytest.mark.parametrize("answer, words", [
    (2.0, "Right to 1 decimal: the exact value is 2.03995,"),       # 2.0 typed: two figures
    (np.float32(2.0), "Right to 1 decimal: the exact value is 2.03995,"),
    (2.04, "Right to 2 decimals: the exact value is 2.03995,"),
    (2.040, "Right to 2 decimals: the exact value is 2.03995,"),   # the float cannot show the last zero
    (2.0400, "Right to 2 decimals: the exact value is 2.03995,"),
])
def test_a_rounding_that_ends_in_zero_is_right(answer, words):
    feedback = truth(answer)
    assert feedback.correct is True and feedback.message.startswith(words)


def test_a_whole_number_shows_only_its_digits():
    coarse = truth(2)
    assert coarse.message == "On the right track, but 1 significant figure is too coarse here: give at least 2."
    assert truth(2, least=1).message.startswith("Right to 1 significant figure")
    assert truth(2.1).message.startswith("Close")            # 2.1 is not 2.0 or 2.04 to any precision
    assert truth(2.05).message.startswith("Close")


def check125(answer, least=2):
    return numeric_check(answer, 125.0, [], fallback="Try again.", success="Done.", least=least)


@pytest.mark.parametrize("answer", [120, 130, 120.0, 130.0, np.int64(120), np.float32(130.0)])
def test_a_halfway_truth_accepts_both_two_figure_roundings(answer):
    feedback = check125(answer)
    assert feedback.correct is True
    assert feedback.message == ("Right to 2 significant figures: the exact value is 125, so your answer is "
                                "correctly rounded. Done.")


def test_placeholder_zeros_keep_only_the_figures_of_the_truth():
    assert check125(100).message == ("On the right track, but 1 significant figure is too coarse here: "
                                     "give at least 2.")
    assert check125(100, least=1).message.startswith("Right to 1 significant figure, the order of magnitude")
    assert check125(140).message == "Try again."
    ninety_six = numeric_check(100, 96.0, [], fallback="Try again.", success="Done.")
    assert ninety_six.message == "On the right track, but 1 significant figure is too coarse here: give at least 2."
    assert_hint_hides(ninety_six, 96)
    assert numeric_check(100, 104.0, [], "Try again.", "Done.").message.startswith("Right to 2 significant figures")
    assert numeric_check(100, 100.3, [], "Try again.", "Done.").message.startswith("Right to 3 significant figures")


def test_readings_of_a_typed_number():
    def ways(answer, truth):
        return [(r.significant, r.decimals) for r in readings(typed(answer), truth)]
    assert ways(2.0, 2.04)[:3] == [(1, 0), (2, 1), (3, 2)]   # a float may have had zeros after its point
    assert ways(2, 2.04) == [(1, 0)]                          # a whole number shows exactly its digits
    assert ways(120, 125) == [(2, -1), (3, 0)]                # its trailing zeros may only hold places
    assert ways(100, 96) == [(1, -1), (3, 0)]                 # ...keeping only the figures of the truth
    assert ways(0, 1.0) == [] and ways(0.0, 1.0) == []


def test_zeros_a_float_cannot_show_count_only_the_figures_of_the_truth():
    carried = numeric_check(1e-7, 9.6994e-8, [], "Try again.", "Done.", noise=0.0)
    assert carried.message == "On the right track, but 1 significant figure is too coarse here: give at least 2."
    assert numeric_check(1.0, 0.996, [], "Try again.", "Done.").message.startswith(
        "Right to 2 decimals: the exact value is 0.996,")      # 1.00, the two-figure rounding of 0.996
    assert numeric_check(10, 9.96, [], "Try again.", "Done.").correct is True   # as typed: 10 shows two figures
