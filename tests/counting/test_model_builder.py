"""The model builder's menu and its report."""
import pytest

from nnlesson.counting import MNIST_CONVNET, build, make_layer, model_report


def test_builder_makes_the_mnist_convnet():
    assert build((28, 28, 1), MNIST_CONVNET).count_params() == 1_199_882
    assert make_layer("Dropout 0.5", 0).rate == 0.5
    with pytest.raises(ValueError, match="choice must be one of"):
        make_layer("Conv3D", 4)



def test_model_report_of_the_mnist_convnet():
    r = model_report((28, 28, 1), MNIST_CONVNET)
    assert (r.params, r.neurons, r.bytes, r.output_shape) == (1_199_882, 58_634, 4 * 1_199_882, (10,))
    largest, share = r.largest
    assert largest.name == "dense" and largest.params == 1_179_776 and share == pytest.approx(1_179_776 / 1_199_882)


def test_the_last_dense_layer_takes_the_output_activation_and_the_hidden_ones_relu():
    model = build((28, 28, 1), MNIST_CONVNET)
    *hidden, last = [layer for layer in model.layers if type(layer).__name__ == "Dense"]
    assert last.activation == "softmax" and [layer.activation for layer in hidden] == ["relu"]
    assert build((28, 28, 1), MNIST_CONVNET, "linear").layers[-1].activation in (None, "linear")
    assert model_report((28, 28, 1), MNIST_CONVNET, "sigmoid").output == "sigmoid"
    with pytest.raises(ValueError, match=r"build\(output='relu'\): output must be one of 'softmax', 'sigmoid', 'linear'"):
        build((28, 28, 1), MNIST_CONVNET, "relu")
