"""A check called with impossible exercise numbers says which argument, which value and which rule,
in a ValueError raised right at the call; and width_for_points answers fast for any size it takes."""
import time
import traceback
from pathlib import Path

import pytest

from nnlesson import checks
from nnlesson.checks.training import MOST_POINTS
from nnlesson.train import MLP, layer_sizes_for


def raised(call):
    """The error a call raises, and the files of the frames below the caller (its traceback)."""
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    files = [Path(frame.filename).parts for frame in traceback.extract_tb(info.value.__traceback__)]
    files = [parts for parts in files if "tests" not in parts]
    return info.value, files


@pytest.mark.parametrize("call, message", [
    (lambda: checks.softmax_probability(0.5, z=[1.0, 3.0, 0.0], index=5),
     "softmax_probability(index=5): index must be a class number from 0 to 2, one per score in z"),
    (lambda: checks.softmax_probability(0.5, z=[1.0, 3.0, 0.0], index=-1),
     "softmax_probability(index=-1): index must be a class number from 0 to 2, one per score in z"),
    (lambda: checks.softmax_probability(0.5, z=[], index=0),
     "softmax_probability(z=[]): z must be a list of two or more scores, one per class"),
    (lambda: checks.conv_params(1, kernel_size=(5,), channels=3, filters=16),
     "conv_params(kernel_size=(5,)): kernel_size must be one positive integer, or two: (height, width)"),
    (lambda: checks.conv_params(1, kernel_size=[3, 3, 3], channels=3, filters=16),
     "conv_params(kernel_size=[3, 3, 3]): kernel_size must be one positive integer, or two: (height, width)"),
    (lambda: checks.conv_params(1, kernel_size=5, channels=3, filters=16, input_shape=(32,)),
     "conv_params(input_shape=(32,)): input_shape must be two positive integers: (height, width)"),
    (lambda: checks.separable_params(1, kernel_size=(3,), channels=64, filters=128),
     "separable_params(kernel_size=(3,)): kernel_size must be one positive integer, or two: (height, width)"),
    (lambda: checks.width_for_points(None, n_inputs=2, n_points=0),
     "width_for_points(n_points=0): n_points must be a positive integer"),
    (lambda: checks.width_for_points(None, n_inputs=0, n_points=50),
     "width_for_points(n_inputs=0): n_inputs must be a positive integer"),
    (lambda: checks.width_for_points(None, n_inputs=2, n_points=50, hidden_layers=0),
     "width_for_points(hidden_layers=0): hidden_layers must be a positive integer: with no hidden layer there "
     "is no width to choose"),
    (lambda: checks.width_for_points(None, n_inputs=2, n_points=MOST_POINTS + 1),
     "width_for_points(n_points=1000000000001): n_points must be at most 1,000,000,000,000"),
])
def test_impossible_exercise_numbers_raise_a_clear_value_error(call, message):
    error, files = raised(call)
    assert type(error) is ValueError and str(error) == message
    assert len(files) <= 3, files            # the check and its own helpers, nothing deeper in the package
    assert all(parts[-2] == "checks" or parts[-1] == "_validate.py" for parts in files), files


def test_a_fractional_index_is_a_type_error():
    error, _ = raised(lambda: checks.softmax_probability(0.5, z=[1.0, 3.0, 0.0], index=1.0))
    assert type(error) is TypeError
    assert str(error) == "softmax_probability(index=1.0): index must be a whole number >= 0, not float"


def test_width_for_points_is_fast_for_a_million_points():
    start = time.perf_counter()
    assert checks.width_for_points(None, n_inputs=2, n_points=10 ** 6).correct is None
    right = checks.width_for_points(250_000, n_inputs=2, n_points=10 ** 6)      # 4w + 1 >= 10**6
    nearly = checks.width_for_points(249_999, n_inputs=2, n_points=10 ** 6)
    biggest = checks.width_for_points(None, n_inputs=784, n_points=MOST_POINTS, hidden_layers=3)
    assert time.perf_counter() - start < 2
    assert right.message == "Width 250000: 1000001 parameters for 1000000 training points."
    assert nearly.message == "Nearly: at that width the network has 999997 parameters, still fewer than 1000000."
    assert biggest.correct is None


def brute_force(n_inputs, n_points, hidden_layers):
    width = 1
    while MLP(layer_sizes_for(n_inputs, hidden_layers, width, 1)).n_params < n_points:
        width += 1
    return width


@pytest.mark.parametrize("hidden_layers", [1, 2, 3])
@pytest.mark.parametrize("n_inputs", [1, 2, 5])
def test_width_for_points_finds_the_width_a_one_by_one_search_finds(n_inputs, hidden_layers):
    for n_points in [1, 2, 3, 10, 29, 30, 31, 50, 97, 200, 1001]:
        truth = brute_force(n_inputs, n_points, hidden_layers)
        assert checks.width_for_points(truth, n_inputs, n_points, hidden_layers).correct is True
        assert checks.width_for_points(truth + 1, n_inputs, n_points, hidden_layers).correct is False
