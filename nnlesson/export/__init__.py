"""From a counted model to real training: source code that builds the same network in Keras or PyTorch.

    model = nnlesson.zoo.mnist_convnet()
    print(model.to_keras_code())     # keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(32, 3, ...), ...])
    print(model.to_pytorch_code())   # nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), ...)

The source defines ``model``; running it gives the framework's own model, with the parameter count
nnlesson gives under that framework's convention (the last line of the source says which). A layer
that one framework has no faithful equivalent for raises a ValueError naming the layer and what is
missing, rather than writing code that would build a different network.
"""
from .keras_code import to_keras_code
from .pytorch_code import to_pytorch_code

__all__ = ["to_keras_code", "to_pytorch_code"]
