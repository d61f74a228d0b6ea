"""One Conv2D layer as the conv explorer shows it: where the kernel lands, and the dense comparison."""
import pytest

from nnlesson.counting import conv_report, dense_equivalent
from nnlesson.layers import Conv2D
from nnlesson.layers.shapes import slide


def test_dense_equivalent_of_the_first_mnist_conv():
    assert dense_equivalent((28, 28, 1), (26, 26, 32)) == (784 + 1) * 21_632 == 16_981_120


def test_a_valid_window_leaves_rows_out():
    axis = slide(28, 5, 3, "valid")  # (28-5)//3+1 = 8 positions, covering 7*3+5 = 26 cells
    assert axis.positions == 8
    assert (axis.padded, axis.covered, axis.left_out) == (28, 26, 2)


def test_conv_windows_same_pads_like_tensorflow():
    rows, columns = Conv2D(8, 3, strides=2, padding="same").windows((28, 28, 1))
    assert (rows.positions, rows.pad_before, rows.pad_after, rows.left_out) == (14, 0, 1, 0)
    rows, _ = Conv2D(8, 3, strides=2, padding="same").windows((7, 7, 1))
    assert (rows.positions, rows.pad_before, rows.pad_after) == (4, 1, 1)


def test_conv_windows_integer_padding_dilation_and_a_stride_larger_than_the_input():
    rows, columns = Conv2D(8, 3, strides=2, padding=2, dilation_rate=2).windows((10, 13, 3))
    assert (rows.span, rows.padded, rows.positions, rows.left_out) == (5, 14, 5, 1)
    assert (columns.padded, columns.positions, columns.left_out) == (17, 7, 0)
    rows, _ = Conv2D(4, 1, strides=5).windows((3, 3, 1))
    assert (rows.positions, rows.left_out) == (1, 2)


def test_conv_windows_raises_like_the_layer():
    with pytest.raises(ValueError, match="does not fit input 5x5"):
        Conv2D(4, 7).windows((5, 5, 1))


@pytest.mark.parametrize("n, k, s, padding, d", [(n, k, s, p, d) for n in (1, 5, 7, 28) for k in (1, 3, 5)
                                                 for s in (1, 2, 3) for p in ("valid", "same", 0, 2) for d in (1, 2)])
def test_the_windows_give_the_layer_s_own_output_size(n, k, s, padding, d):
    """The picture and the layer read the same rule: a window's positions are the output length."""
    layer = Conv2D(1, k, strides=s, padding=padding, dilation_rate=d)
    try:
        shape = layer.row((n, n, 1)).output_shape
    except ValueError:
        assert slide(n, k, s, padding, d).positions < 1
        return
    rows, columns = layer.windows((n, n, 1))
    assert (rows.positions, columns.positions) == shape[:2]
    assert rows.covered <= rows.padded and rows.left_out == rows.padded - rows.covered


def test_conv_report_counts_and_compares():
    r = conv_report(28, 28, 1, 32, 3)
    assert (r.output_shape, r.params, r.weights, r.biases, r.neurons) == ((26, 26, 32), 320, 288, 32, 21_632)
    assert r.positions == 26 * 26 and r.macs == 288 * 676
    assert r.dense_params == 16_981_120 and r.sharing == pytest.approx(16_981_120 / 320)
    assert conv_report(28, 28, 1, 32, 3, bias=False).biases == 0
