"""The lesson 03/04 checks: right answers pass, each typical slip gets its own hint, no hint gives the answer."""
import pytest

from nnlesson import checks


def leaks(feedback, truth):
    """True if the feedback text contains the true answer, with or without thousands separators."""
    return str(truth) in feedback.message or f"{truth:,}" in feedback.message


# (check, kwargs, truth, [(slip, word the hint must contain), ...])
CASES = [
    (checks.dense_params, {"n_in": 784, "n_out": 128}, 100_480,
     [(100_352, "bias"), (100_352 + 784, "per neuron"), (785 * 129, "n_out"), (100_353, "own bias"),
      (128, "number of neurons"), (912, "multiply")]),
    (checks.mlp_params, {"sizes": [784, 128, 10]}, 101_770,
     [(101_632, "weights only"), (101_770 + 784, "input layer"), (100_480, "first layer"),
      (784 + 128 + 128 + 10, "multiply"), (138, "neurons")]),
    (checks.mlp_neurons, {"sizes": [784, 128, 10]}, 138,
     [(922, "input"), (128, "output layer"), (101_770, "parameter count")]),
    (checks.frozen_trainable, {"sizes": [784, 128, 10], "frozen_layers": 1}, 1_290,
     [(100_480, "frozen part"), (101_770, "Freezing keeps"), (0, "later ones")]),
    (checks.param_memory, {"params": 101_770, "dtype": "float16"}, 203_540,
     [(101_770 * 16, "bits"), (407_080, "float32"), (101_770, "int8")]),
    (checks.conv_params, {"kernel_size": 3, "channels": 32, "filters": 64, "input_shape": (26, 26)}, 18_496,
     [(18_432, "bias"), (640, "channel"), (289, "one filter"), (18_432 + 288, "per filter"),
      (18_432 + 64 * 24 * 24, "every position"), (18_496 * 26 * 26, "height and width"),
      (18_496 * 24 * 24, "output size")]),
    (checks.conv_output_size, {"n": 28, "k": 3, "s": 2, "p": 1}, 14,
     [(13, "add 1"), (15, "down"), (28, "stride")]),
    (checks.conv_output_size, {"n": 32, "k": 5, "s": 1, "p": 2}, 32,
     [(28, "padding"), (30, "2p"), (31, "add 1")]),
    (checks.conv_output_size, {"n": 21, "k": 3, "s": 2, "p": 0, "d": 2}, 9,
     [(10, "dilation"), (17, "stride"), (8, "add 1")]),
    (checks.conv_neurons, {"input_shape": (28, 28, 1), "filters": 32, "kernel_size": 3}, 21_632,
     [(676, "one feature map"), (25_088, "output's height"), (320, "parameter count"), (32, "every output")]),
    (checks.separable_params, {"kernel_size": 3, "channels": 32, "filters": 64}, 2_400,
     [(18_496, "standard convolution"), (288, "depthwise part"), (2_112, "pointwise part"),
      (2_336, "biases"), (2_432, "Only the pointwise")]),
]


@pytest.mark.parametrize("check, kwargs, truth, slips", CASES, ids=lambda v: getattr(v, "__name__", ""))
def test_right_answer_is_confirmed(check, kwargs, truth, slips):
    feedback = check(truth, **kwargs)
    assert feedback.correct is True, feedback.message
    assert check(float(truth), **kwargs).correct is True  # 100480.0 is still the count


@pytest.mark.parametrize("check, kwargs, truth, slips", CASES, ids=lambda v: getattr(v, "__name__", ""))
def test_each_slip_gets_its_hint_and_never_the_answer(check, kwargs, truth, slips):
    for slip, word in slips:
        feedback = check(slip, **kwargs)
        assert feedback.correct is False, (slip, feedback.message)
        assert word.lower() in feedback.message.lower(), (slip, feedback.message)
        assert not leaks(feedback, truth), feedback.message


@pytest.mark.parametrize("check, kwargs, truth, slips", CASES, ids=lambda v: getattr(v, "__name__", ""))
def test_blank_and_unknown_answers(check, kwargs, truth, slips):
    assert check(..., **kwargs).correct is None
    odd = check(truth + 7919, **kwargs)
    assert odd.correct is False and not leaks(odd, truth)


def test_output_size_with_a_fraction_says_round_down():
    feedback = checks.conv_output_size(13.5, n=28, k=3, s=2)
    assert feedback.correct is False and "rounds down" in feedback.message


def test_truth_comes_from_the_package_not_a_stored_number():
    assert checks.dense_params(11, n_in=2, n_out=1).correct is False
    assert checks.dense_params(3, n_in=2, n_out=1).correct is True
    assert checks.conv_params(5 * 5 * 3 * 16 + 16, kernel_size=5, channels=3, filters=16).correct is True


def test_checks_validate_their_arguments():
    with pytest.raises(ValueError, match=r"dense_params\(n_in=0\)"):
        checks.dense_params(1, n_in=0, n_out=1)
    with pytest.raises(ValueError, match="dtype must be one of"):
        checks.param_memory(1, params=1, dtype="float64")
    with pytest.raises(ValueError, match="only 2 Dense layers"):
        checks.frozen_trainable(1, sizes=[4, 3, 2], frozen_layers=3)
