"""Bytes to train a model: parameters, gradients, optimizer state and activations."""
import pytest

from nnlesson.counting import mlp, training_memory
from nnlesson.layers import Dense, Input, Sequential


def test_training_memory_of_784_128_10_with_adam():
    s = mlp([784, 128, 10]).summary()
    memory = training_memory(s, "float32", "adam", batch_size=32)
    assert memory.parameters == memory.gradients == 407_080
    assert memory.optimizer_state == 2 * 407_080
    assert memory.activations == (784 + 128 + 10) * 32 * 4
    assert memory.total == 4 * 407_080 + 118_016
    assert training_memory(s, optimizer="sgd").optimizer_state == 0


def test_training_memory_counts_gradients_only_for_trainable_parameters():
    s = Sequential([Input((784,)), Dense(128, trainable=False), Dense(10)]).summary()
    memory = training_memory(s, "float16", "momentum", batch_size=1)
    assert (memory.parameters, memory.gradients, memory.optimizer_state) == (2 * 101_770, 2 * 1_290, 2 * 1_290)


def test_training_memory_rejects_unknown_optimizer():
    with pytest.raises(ValueError, match="optimizer must be one of 'sgd', 'momentum', 'adam'"):
        training_memory(mlp([2, 1]).summary(), optimizer="lbfgs")
