"""``fit``: the training loop. Forward, loss, backward, step; then measure, and decide whether to go on.

One *epoch* is one pass over the training set, cut into batches:

* ``batch_size=None``: full batch, one step per epoch on the exact gradient (gradient descent);
* ``batch_size=1``: one example per step, n noisy steps per epoch (stochastic gradient descent);
* ``batch_size=k``: mini-batches of k examples in a new random order every epoch (the usual choice).

After every epoch the loss and accuracy are measured on the training and the validation set
with dropout off. Training stops early when the validation loss has not improved for
``patience`` epochs (early stopping: the best weights are put back), or when the loss
blows up (divergence: the learner gets a message, never a NaN).
"""
from __future__ import annotations

import math
from typing import Callable, Iterator

import numpy as np

from .._validate import describe, non_negative_int, positive_int, real_number
from ..data import Dataset
from . import losses, optimizers
from .convnet import ConvNet
from .history import History
from .network import MLP
from .regularizers import add_l2_gradient
from .threads import one_blas_thread
from .trainable import Trainable

EXPLODE_FACTOR = 100.0
EXPLODE_EPOCHS = 10
EXPLODE_PEAK = 1e6
"""Training has diverged when a loss is NaN or infinite, when the training loss has been above ``EXPLODE_FACTOR``
times its starting value for ``EXPLODE_EPOCHS`` epochs (in a row or not: plain SGD with too large a step can swing
up to 1e140 and back), or when it reaches ``EXPLODE_PEAK`` times its start even once. (Adam's first steps on a
wide network can overshoot for an epoch or two and then recover; that is not divergence.)"""


def fit(model: Trainable, data: Dataset, epochs: int = 300, lr: float = 0.01, optimizer: str = "adam",
        batch_size: int | None = None, l2: float = 0.0, dropout: float = 0.0,
        patience: int | None = None, momentum: float = 0.9, seed: int = 0,
        on_epoch: Callable[[int, Trainable], None] | None = None,
        augment: Callable[[np.random.Generator, np.ndarray], np.ndarray] | None = None) -> History:
    """Train ``model`` on ``data.X_train`` in place and return its History.

    ``model`` is an ``MLP`` or a ``ConvNet``, or any network with what ``Trainable`` lists.
    ``l2`` is the weight-decay strength, ``dropout`` the fraction of hidden neurons switched
    off per step (an MLP's; a ConvNet has Dropout layers instead), ``patience`` the epochs to
    wait for a better validation loss (None: never stop early). ``seed`` fixes the batch order
    and the dropout masks. ``on_epoch(epoch, model)`` is called for every recorded epoch, 0
    included (a replay keeps snapshots there). ``augment(rng, X)`` returns a changed copy of
    each training batch (e.g. ``digits.random_shifts``): new variations of the same examples
    at every step, at no extra cost per epoch.
    """
    _check_arguments(model, data, epochs, batch_size, l2, dropout, patience, seed)
    loss = losses.for_task(data.task, data.n_classes)
    _check_shapes(model, data, loss)
    step = optimizers.make(optimizer, model.flat, lr, momentum)
    rng = np.random.default_rng(seed)
    sets = _Sets(data, model.dtype)

    history = History(loss=loss.name, baseline_loss=loss.baseline(data.y_train))
    history.record(*sets.measure(model, loss))
    if on_epoch is not None:
        on_epoch(0, model)
    best_state = model.get_state()
    # Full batch without dropout: the training rows of the last measuring pass are exactly the
    # forward pass of the next step (same weights, same rows), so it is not computed twice.
    reuse = (model.can_reuse_forward and (batch_size is None or batch_size >= data.n_train) and not dropout
             and augment is None)
    exploded_for = 0  # epochs with the training loss far above where it started
    # Overflow is caught below and explained, not warned about; see threads.py for the one thread.
    with np.errstate(all="ignore"), one_blas_thread():
        for epoch in range(1, epochs + 1):
            for rows in _batches(rng, data.n_train, batch_size):
                if reuse:
                    model.keep_rows(data.n_train)
                    z, y = sets.z_train, sets.y_train
                else:
                    X, y = sets.X_train[rows], sets.y_train[rows]
                    if augment is not None:
                        X = augment(rng, X)
                    z = model.train_forward(X, rng, dropout)
                grads = model.backward(loss.gradient(z, y))                         # forward, loss, backward
                if l2:
                    add_l2_gradient(grads, model.weights, l2)
                step.step(model.flatten(grads))                                     # and one step downhill
            train, val = sets.measure(model, loss)
            exploded_for += train[0] > EXPLODE_FACTOR * history.train_loss[0]
            if not (math.isfinite(train[0]) and math.isfinite(val[0])) or exploded_for >= EXPLODE_EPOCHS or \
                    train[0] >= EXPLODE_PEAK * history.train_loss[0]:
                _stop(history, epoch, _divergence_message(epoch, train[0], history, lr), diverged=True)
                break
            history.record(train, val)
            if on_epoch is not None:
                on_epoch(epoch, model)
            if val[0] < history.val_loss[history.best_epoch]:
                history.best_epoch, best_state = epoch, model.get_state()
            elif patience is not None and epoch - history.best_epoch >= patience:
                _stop(history, epoch, _early_stopping_message(epoch, history.best_epoch, patience))
                break
    history.kept_epoch = history.epochs_run
    if history.stopped_epoch is not None:  # early stopping or divergence: go back to the best weights
        model.set_state(best_state)
        history.kept_epoch = history.best_epoch
    return history


def evaluate(model: Trainable, loss: losses.Loss, X: np.ndarray, y: np.ndarray) -> tuple[float, float | None]:
    """(loss, accuracy) of the model on X, y with dropout off; accuracy is None for regression."""
    z = model.forward(X)
    return loss.value(z, y), loss.accuracy(z, y)


def predict(model: Trainable, data: Dataset, X: np.ndarray) -> np.ndarray:
    """The model's predictions for the rows of X: values (regression) or class probabilities."""
    return losses.for_task(data.task, data.n_classes).output(model.forward(X))


class _Sets:
    """The data in the model's float type (class labels stay whole numbers), converted once."""

    def __init__(self, data: Dataset, dtype: np.dtype):
        def targets(y: np.ndarray) -> np.ndarray:
            return y.astype(dtype) if y.dtype.kind == "f" else y

        self.X_train = data.X_train.astype(dtype)
        self.y_train, self.y_val = targets(data.y_train), targets(data.y_val)
        self.X_both = np.vstack([self.X_train, data.X_val.astype(dtype)])  # one forward pass measures both

    def measure(self, model: Trainable, loss: losses.Loss) -> tuple[tuple, tuple]:
        """(loss, accuracy) on the training and on the validation set, dropout off."""
        z = model.forward(self.X_both)
        n = len(self.y_train)
        self.z_train = z[:n]  # the training rows, for the next step's backward pass
        return ((loss.value(z[:n], self.y_train), loss.accuracy(z[:n], self.y_train)),
                (loss.value(z[n:], self.y_val), loss.accuracy(z[n:], self.y_val)))


def _stop(history: History, epoch: int, message: str, diverged: bool = False) -> None:
    history.stopped_epoch, history.message, history.diverged = epoch, message, diverged


def _early_stopping_message(epoch: int, best: int, patience: int) -> str:
    return (f"Early stopping: the validation loss has not improved for {patience} epochs since epoch {best}, "
            f"so training stopped at epoch {epoch} and the weights of epoch {best} were restored.")


def _batches(rng: np.random.Generator, n: int, batch_size: int | None) -> Iterator[slice | np.ndarray]:
    """Row selections for one epoch: everything at once, or shuffled batches of ``batch_size``."""
    if batch_size is None or batch_size >= n:
        yield slice(None)
        return
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]


def _divergence_message(epoch: int, loss_now: float, history: History, lr: float) -> str:
    start = history.train_loss[0]
    now = ("became infinite or not a number" if not math.isfinite(loss_now) else
           f"reached {loss_now:.3g}, over {EXPLODE_PEAK:g} times its start ({start:.3g})"
           if loss_now >= EXPLODE_PEAK * start else
           f"has been above {EXPLODE_FACTOR:g} times its start ({start:.3g}) for {EXPLODE_EPOCHS} epochs "
           f"and is now {loss_now:.3g}")
    return (f"Training diverged at epoch {epoch}: the training loss {now}. The steps are too big: "
            f"try a learning rate smaller than {lr:g}. The model was reset to epoch "
            f"{history.best_epoch}, the best one before that.")


def _check_arguments(model: object, data: Dataset, epochs: int, batch_size: int | None, l2: float,
                     dropout: float, patience: int | None, seed: int) -> None:
    """Raise a TypeError or ValueError naming fit, the argument, its value and the rule."""
    if not isinstance(model, Trainable):
        raise TypeError(f"fit(model={type(model).__name__}): model must be an nnlesson.train.MLP or ConvNet")
    if not isinstance(data, Dataset):
        raise TypeError(f"fit(data={type(data).__name__}): data must be a Dataset, e.g. data.make('moons')")
    positive_int("fit", "epochs", epochs)
    if batch_size is not None:
        positive_int("fit", "batch_size", batch_size)
    _at_least_zero("l2", l2)
    if _at_least_zero("dropout", dropout) >= 1:
        raise ValueError(f"{describe('fit', 'dropout', dropout)}: dropout must be below 1 "
                         "(1 would switch off every neuron)")
    if dropout and isinstance(model, ConvNet):
        raise ValueError(f"{describe('fit', 'dropout', dropout)}: a ConvNet drops what its Dropout layers say; "
                         "put Dropout(rate) into its Sequential where neurons should be dropped")
    if patience is not None:
        positive_int("fit", "patience", patience)
    non_negative_int("fit", "seed", seed)


def _at_least_zero(arg: str, value: float) -> float:
    value = real_number("fit", arg, value)
    if value < 0:
        raise ValueError(f"{describe('fit', arg, value)}: {arg} must be >= 0")
    return value


def _check_shapes(model: Trainable, data: Dataset, loss: losses.Loss) -> None:
    example = data.X_train.shape[1:]
    if isinstance(model, MLP) and model.input_shape != example:
        raise ValueError(f"fit: the model takes {model.input_shape[0]} inputs but the data set '{data.name}' has "
                         f"{data.n_features} features; build MLP([{data.n_features}, ...])")
    if model.input_shape != example:
        raise ValueError(f"fit: the model takes images of shape {model.input_shape} but the examples of "
                         f"'{data.name}' have shape {example}; start its Sequential with Input({example})")
    if model.n_outputs != loss.n_outputs:
        end = "end the layer sizes with" if isinstance(model, MLP) else "end with a Dense layer of"
        raise ValueError(f"fit: the model has {model.n_outputs} outputs but {loss.name} on '{data.name}' needs "
                         f"{loss.n_outputs}; {end} {loss.n_outputs}")
