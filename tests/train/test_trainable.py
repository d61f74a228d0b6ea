"""Trainable, the interface fit trains through: MLP and ConvNet both have every member, fit uses no other,
and both train with it (a few epochs on tiny data sets, with finite losses)."""
from __future__ import annotations

import ast
import inspect
import math
from pathlib import Path

import numpy as np
import pytest

from nnlesson import data, digits
from nnlesson.layers import Conv2D, Dense, Flatten, Input, MaxPooling2D, Sequential
from nnlesson.train import MLP, ConvNet, Trainable, fit

MEMBERS = sorted(name for name in vars(Trainable) if not name.startswith("_"))


def small_mlp() -> MLP:
    return MLP([2, 8, 1], activation="tanh", seed=1)


def small_convnet() -> ConvNet:
    return ConvNet(Sequential([Input(digits.IMAGE_SHAPE), Conv2D(2, 3, activation="relu"), MaxPooling2D(2),
                               Flatten(), Dense(digits.CLASSES)]), seed=1)


def used_on_model(path: Path) -> set[str]:
    """Every ``model.<member>`` that the module at ``path`` reads."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.attr for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "model"}


def test_the_protocol_lists_what_fit_reads_and_the_explorers_show():
    assert MEMBERS == ["backward", "can_reuse_forward", "dtype", "flat", "flatten", "forward", "get_state",
                       "input_shape", "keep_rows", "n_neurons", "n_outputs", "n_params", "set_state", "summary",
                       "train_forward", "weights"]
    for name in MEMBERS:
        assert inspect.getdoc(getattr(Trainable, name)), f"Trainable.{name} says what it is for"


def test_fit_reads_nothing_of_the_model_but_the_protocol():
    used = used_on_model(Path(inspect.getsourcefile(fit)))
    assert {"flat", "get_state", "can_reuse_forward", "keep_rows", "backward"} <= used  # the reading works
    assert used <= set(MEMBERS), f"fit reads {sorted(used - set(MEMBERS))}, which Trainable does not list"


@pytest.mark.parametrize("make", [small_mlp, small_convnet], ids=["MLP", "ConvNet"])
def test_both_networks_have_every_member(make):
    model = make()
    assert isinstance(model, Trainable)
    for name in MEMBERS:
        inspect.getattr_static(model, name)  # raises AttributeError for a missing member
    assert len(model.flat) == model.n_params == model.summary().total_params
    assert model.get_state() is not model.flat and np.array_equal(model.get_state(), model.flat)


def test_other_objects_are_not_trainable():
    assert not isinstance([2, 8, 1], Trainable)
    assert not isinstance(small_convnet().spec, Trainable)  # the counting model has no weights


def test_an_mlp_trains_two_epochs_through_the_protocol():
    d = data.make_split("moons", n_train=40, n_val=20, noise=0.2, seed=0)
    history = fit(small_mlp(), d, epochs=2, lr=0.05)  # full batch: the keep_rows shortcut
    assert history.epochs_run == 2 and len(history.train_loss) == len(history.val_loss) == 3
    assert all(math.isfinite(value) for value in history.train_loss + history.val_loss)
    assert history.train_loss[2] < history.train_loss[0]


def test_a_convnet_trains_two_epochs_through_the_protocol():
    d = digits.split(60)
    for batch_size in (None, 16):  # full batch never asks for keep_rows, which a ConvNet cannot do
        history = fit(small_convnet(), d, epochs=2, lr=0.01, batch_size=batch_size)
        assert history.epochs_run == 2 and len(history.train_loss) == len(history.val_accuracy) == 3
        assert all(math.isfinite(value) for value in history.train_loss + history.val_loss)
    with pytest.raises(NotImplementedError, match="ConvNet.keep_rows"):
        small_convnet().keep_rows(4)


class OnlyTheProtocol:
    """A network that shows nothing but what Trainable lists, from an MLP inside."""

    def __init__(self, network: MLP):
        self._network = network

    def __getattr__(self, name: str):
        if name not in MEMBERS:
            raise AttributeError(f"{name} is not a Trainable member")
        return getattr(self._network, name)


def test_fit_trains_any_trainable_to_the_same_numbers():
    d = data.make_split("circles", n_train=30, n_val=20, noise=0.1, seed=3)
    wrapped, plain = OnlyTheProtocol(small_mlp()), small_mlp()
    assert isinstance(wrapped, Trainable) and not isinstance(wrapped, MLP)
    options = dict(epochs=5, lr=0.05, l2=0.001, patience=2, batch_size=8, seed=2)
    assert fit(wrapped, d, **options) == fit(plain, d, **options)
    np.testing.assert_array_equal(wrapped.flat, plain.flat)
