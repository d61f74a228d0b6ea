"""Layers that only move numbers: Cropping2D with Keras's three ways to give a crop."""
import pytest

from nnlesson.layers import Conv2D, Cropping2D, Flatten, Input, Sequential


@pytest.mark.parametrize("cropping, shape", [
    (0, (28, 28, 3)),                      # the default crops nothing
    (2, (24, 24, 3)),                      # 2 off every side: 28 - 2 - 2
    ((1, 3), (26, 22, 3)),                 # 1 off top and bottom, 3 off left and right
    (((0, 1), (0, 1)), (27, 27, 3)),       # asymmetric: 1 off the bottom and 1 off the right
    (((4, 0), (2, 5)), (24, 21, 3)),       # 28 - 4 - 0, 28 - 2 - 5
])
def test_output_shape_for_every_way_of_giving_the_crop(cropping, shape):
    row = Cropping2D(cropping).row((28, 28, 3))
    assert row.output_shape == shape
    assert (row.params, row.neurons, row.macs) == (0, 0, 0)
    assert row.output_values == shape[0] * shape[1] * shape[2]


def test_default_is_no_crop_and_the_pairs_are_kept():
    assert Cropping2D().cropping == ((0, 0), (0, 0))
    assert Cropping2D((1, 2)).cropping == ((1, 1), (2, 2))
    assert Cropping2D([[0, 1], [2, 3]]).cropping == ((0, 1), (2, 3))


def test_in_a_model_it_changes_what_follows_it():
    model = Sequential([Input((32, 32, 3)), Cropping2D(((2, 2), (4, 4))), Conv2D(8, 3), Flatten()])
    s = model.summary()
    assert [row.name for row in s.rows] == ["cropping2d", "conv2d", "flatten"]
    assert s.rows[0].output_shape == (28, 24, 3)
    assert s.rows[1].output_shape == (26, 22, 8)
    assert s.total_params == (3 * 3 * 3 + 1) * 8 == 224
    assert s.output_shape == (26 * 22 * 8,)


@pytest.mark.parametrize("cropping, shape, message", [
    (14, (28, 28, 1), r"cuts 14 \+ 14 = 28 cells off the height of input \(28, 28, 1\).*smaller than the input \(28\)"),
    (((0, 0), (5, 5)), (8, 10, 1), r"cuts 5 \+ 5 = 10 cells off the width"),
    (((3, 2), (0, 0)), (5, 9, 2), r"cuts 3 \+ 2 = 5 cells off the height"),
])
def test_a_crop_that_leaves_nothing_is_refused(cropping, shape, message):
    with pytest.raises(ValueError, match=message):
        Cropping2D(cropping).row(shape)
    with pytest.raises(ValueError, match=message):
        Sequential([Input(shape), Cropping2D(cropping)])


def test_the_largest_crop_that_fits_leaves_one_cell():
    assert Cropping2D(((13, 14), (0, 27))).row((28, 28, 1)).output_shape == (1, 1, 1)


@pytest.mark.parametrize("cropping, error, message", [
    (-1, ValueError, r"Cropping2D\(cropping=-1\): cropping must be a whole number >= 0"),
    ((1, 2, 3), ValueError, r"cropping must be a whole number >= 0, a tuple of 2 of them"),
    (((1, 2), (3,)), ValueError, r"a tuple of 2 pairs \(\(top, bottom\), \(left, right\)\)"),
    (((0, -1), (0, 0)), ValueError, r"Cropping2D\(cropping\[0\]\[1\]=-1\)"),
    (1.5, TypeError, r"Cropping2D\(cropping=1.5\).*not float"),
    ("same", TypeError, r"not str"),
])
def test_bad_cropping_names_the_argument_and_the_rule(cropping, error, message):
    with pytest.raises(error, match=message):
        Cropping2D(cropping)


def test_needs_an_image():
    with pytest.raises(ValueError, match=r"Cropping2D needs an input of shape \(height, width, channels\)"):
        Cropping2D(1).row((28, 28))


def test_the_new_activations_are_accepted_by_layers():
    from nnlesson.layers import Activation, Dense
    model = Sequential([Input((8, 8, 3)), Cropping2D(1), Flatten(), Dense(4, activation="hard_silu"),
                        Activation("relu6"), Dense(1, activation="hard_sigmoid")])
    assert model.count_params() == (6 * 6 * 3 + 1) * 4 + (4 + 1) * 1 == 441
