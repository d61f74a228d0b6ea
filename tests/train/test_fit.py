"""The training loop: known losses for fixed seeds, early stopping, dropout, divergence, counts."""
import math

import numpy as np
import pytest

from nnlesson import data
from nnlesson.layers import Dense, Input
from nnlesson.layers import Sequential
from nnlesson.train import MLP, History, evaluate, fit, losses, mlp_for, predict, prune
from nnlesson.train.fit import EXPLODE_EPOCHS
from threadpoolctl import threadpool_info

from nnlesson.train.threads import one_blas_thread


@pytest.fixture(scope="module")
def moons():
    return data.moons(n=100, noise=0.2, seed=0)


@pytest.fixture(scope="module")
def overfit_set():
    """Little, noisy data: a big network memorises it and the validation loss turns up."""
    return data.make_split("moons", 30, 200, noise=0.3, seed=0)


def test_fixed_seed_reaches_known_losses_float64(moons):
    model = MLP([2, 8, 1], "tanh", seed=0, dtype="float64")
    h = fit(model, moons, epochs=50, lr=0.05)
    # recorded from this implementation; any change to init, loss, backward or Adam moves them
    assert h.train_loss[0] == pytest.approx(0.8532042653852524, abs=1e-6)
    assert h.train_loss[-1] == pytest.approx(0.2770369430596563, abs=1e-6)
    assert h.val_loss[-1] == pytest.approx(0.27724675538755145, abs=1e-6)
    # independent of the recording: a 3x drop and better than the constant guess ln 2
    assert h.train_loss[-1] < h.train_loss[0] / 3 < math.log(2)


def test_fixed_seed_sgd_minibatch_float32_and_float64_agree():
    d = data.sine(n=60, noise=0.1, seed=0)
    runs = {}
    for dtype in ("float32", "float64"):
        model = MLP([1, 16, 1], "relu", seed=0, dtype=dtype)
        runs[dtype] = fit(model, d, epochs=50, lr=0.1, optimizer="sgd", batch_size=8)
    assert runs["float64"].train_loss[-1] == pytest.approx(0.03347623586642507, abs=1e-6)
    assert runs["float32"].train_loss[-1] == pytest.approx(runs["float64"].train_loss[-1], rel=1e-3)
    assert runs["float64"].train_loss[0] / runs["float64"].train_loss[-1] > 50  # an easy set: a large drop
    assert runs["float64"].final_val_loss < 0.1 < np.var(d.y_val)


def test_blobs_are_learned(moons):
    d = data.blobs(n=200, noise=0.5, seed=0)
    h = fit(mlp_for(d, 1, 8), d, epochs=100, lr=0.01)
    assert h.final_val_accuracy >= 0.95 and h.final_train_accuracy >= 0.95


def test_same_seed_same_history_different_seed_different(moons):
    a = fit(MLP([2, 8, 1], seed=3), moons, epochs=20, batch_size=10, seed=1)
    b = fit(MLP([2, 8, 1], seed=3), moons, epochs=20, batch_size=10, seed=1)
    c = fit(MLP([2, 8, 1], seed=3), moons, epochs=20, batch_size=10, seed=2)
    assert a.train_loss == b.train_loss and a.train_loss != c.train_loss


@pytest.mark.parametrize("batch_size, optimizer, lr", [(None, "adam", 0.02), (16, "adam", 0.01), (1, "sgd", 0.02),
                                                       (None, "sgd", 0.5)])
def test_full_mini_and_single_example_batches_all_learn(moons, batch_size, optimizer, lr):
    h = fit(MLP([2, 16, 1], seed=0), moons, epochs=30, lr=lr, optimizer=optimizer, batch_size=batch_size)
    assert h.message is None and h.epochs_run == 30
    assert h.final_train_loss < 0.6 * h.train_loss[0]
    assert h.final_train_accuracy > 0.8


def test_one_example_batches_take_n_steps_per_epoch(moons, monkeypatch):
    steps = []
    from nnlesson.train import optimizers
    original = optimizers.Adam.step
    monkeypatch.setattr(optimizers.Adam, "step", lambda self, g: (steps.append(1), original(self, g)))
    fit(MLP([2, 4, 1]), moons, epochs=2, batch_size=1)
    assert len(steps) == 2 * moons.n_train
    steps.clear()
    fit(MLP([2, 4, 1]), moons, epochs=2, batch_size=16)
    assert len(steps) == 2 * math.ceil(moons.n_train / 16)


def test_early_stopping_triggers_and_restores_the_best_epoch(overfit_set):
    model = MLP([2, 64, 64, 1], seed=0)
    h = fit(model, overfit_set, epochs=500, lr=0.01, patience=15)
    assert h.early_stopped and not h.diverged
    assert h.stopped_epoch == h.best_epoch + 15 == h.epochs_run < 500
    assert h.best_epoch == int(np.argmin(h.val_loss)) and h.kept_epoch == h.best_epoch
    assert "Early stopping" in h.message and f"epoch {h.best_epoch}" in h.message
    loss = losses.for_task("classification", 2)
    val_now, _ = evaluate(model, loss, overfit_set.X_val, overfit_set.y_val)
    assert val_now == pytest.approx(h.val_loss[h.best_epoch], rel=1e-5)  # the weights really are restored
    assert val_now < h.val_loss[-1]


def test_without_patience_the_last_epoch_is_kept(overfit_set):
    h = fit(MLP([2, 64, 64, 1], seed=0), overfit_set, epochs=200, lr=0.01)
    assert h.message is None and h.stopped_epoch is None and h.kept_epoch == 200
    assert h.final_val_loss > min(h.val_loss) + 0.1  # it overfitted, and nothing stopped it


def test_dropout_is_off_at_evaluation(moons):
    model = MLP([2, 32, 32, 1], seed=0)
    h = fit(model, moons, epochs=30, dropout=0.5)
    X = moons.X_val
    first, second = predict(model, moons, X), predict(model, moons, X)
    np.testing.assert_array_equal(first, second)
    by_hand = losses.BinaryCrossEntropy().output(model.forward(X))  # no masks: nothing dropped
    np.testing.assert_array_equal(first, by_hand)
    masks = [np.where(np.arange(w) % 2 == 0, 2.0, 0.0).astype("float32")[None, :] for w in model.hidden_sizes]
    assert not np.allclose(model.forward(X, masks), model.forward(X))
    plain = fit(MLP([2, 32, 32, 1], seed=0), moons, epochs=30)
    assert h.train_loss != plain.train_loss  # dropout did act during training


@pytest.mark.parametrize("sizes, activation, lr, why", [
    ([1, 16, 1], "linear", 1.0, "reached 3.69e+05, over 1e+06 times its start (0.338)"),
    ([1, 16, 16, 1], "relu", 0.5, "over 1e+06 times its start"),
])
def test_too_high_learning_rate_stops_with_a_message_and_no_nan(sizes, activation, lr, why):
    d = data.sine(n=60, noise=0.1, seed=0)
    model = MLP(sizes, activation, seed=0)
    h = fit(model, d, epochs=100, lr=lr, optimizer="sgd")
    assert h.diverged and h.stopped_epoch is not None and h.stopped_epoch < 100
    assert why in h.message and f"learning rate smaller than {lr:g}" in h.message
    for values in (h.train_loss, h.val_loss):
        assert np.all(np.isfinite(values)) and len(values) == h.stopped_epoch  # the bad epoch is not recorded
    assert np.all(np.isfinite(model.flat)) and h.kept_epoch == h.best_epoch
    assert np.all(np.isfinite(predict(model, d, d.X_val)))


def test_adam_with_a_huge_step_is_stopped_too(moons):
    h = fit(MLP([2, 64, 64, 1], seed=0), moons, epochs=300, lr=10.0)  # Adam: huge but finite losses
    assert h.diverged and h.stopped_epoch == 3 and h.epochs_run == 2
    assert "over 1e+06 times its start" in h.message and np.all(np.isfinite(h.train_loss))


def test_a_loss_that_swings_far_up_and_back_is_still_divergence(moons):
    """Plain SGD with a step of 50 sent the loss to 1e140 and back under 100 times its start, again and again:
    no ten epochs in a row above it, so it once counted as training; now its first climb past 1e6 stops it."""
    h = fit(mlp_for(moons, 2, 64, seed=0), moons, epochs=300, lr=50, optimizer="sgd")
    assert h.diverged and h.stopped_epoch == 2 and h.kept_epoch == 0
    assert h.message.startswith("Training diverged at epoch 2: the training loss reached 4.27e+07, over 1e+06 "
                                "times its start (0.574)")


def test_each_way_of_diverging_says_which_it_was():
    from nnlesson.train.fit import EXPLODE_FACTOR, EXPLODE_PEAK, _divergence_message

    assert (EXPLODE_FACTOR, EXPLODE_EPOCHS, EXPLODE_PEAK) == (100.0, 10, 1e6)
    h = History(loss="mse", baseline_loss=1.0, train_loss=[0.5], val_loss=[0.5])
    assert "the training loss became infinite or not a number" in _divergence_message(3, math.inf, h, 0.1)
    assert "has been above 100 times its start (0.5) for 10 epochs and is now 80" in _divergence_message(12, 80.0, h, 0.1)
    assert "reached 5e+05, over 1e+06 times its start (0.5)" in _divergence_message(2, 5e5, h, 0.1)


def test_an_early_overshoot_that_recovers_is_not_divergence():
    d = data.make_split("sine", 30, 200, noise=0.2)
    h = fit(MLP([1, 256, 256, 1], seed=0), d, epochs=60, lr=0.01)
    assert max(h.train_loss[:5]) > 100 * h.train_loss[0]  # Adam's first steps overshoot ...
    assert not h.diverged and h.final_train_loss < 0.2 * h.train_loss[0]  # ... and training recovers


@pytest.mark.parametrize("sizes", [[2, 64, 64, 1], [1, 1], [784, 128, 10], [3, 5, 7, 9, 2]])
def test_counts_come_from_the_counting_engine(sizes):
    model = MLP(sizes)
    summary = Sequential([Input((sizes[0],)), *[Dense(units) for units in sizes[1:]]]).summary()
    assert model.n_params == summary.total_params == model.flat.size
    assert model.n_params == sum(W.size + b.size for W, b in zip(model.weights, model.biases))
    assert model.n_neurons == summary.neurons == sum(sizes[1:])
    assert model.summary().total_params == summary.total_params
    assert model.sequential(dropout=0.5).count_params() == model.n_params  # dropout adds no parameters


def test_weights_are_windows_onto_the_flat_vector():
    model = MLP([2, 3, 1])
    model.flat[0] = 123.0
    assert model.weights[0][0, 0] == 123.0
    state = model.get_state()
    model.flat[:] = 0
    model.set_state(state)
    assert model.weights[0][0, 0] == 123.0


def test_mlp_for_shapes_the_output_to_the_task():
    three = data.blobs(n=30, centers=((0, 0), (2, 0), (0, 2)))
    assert mlp_for(three, 2, 5).layer_sizes == [2, 5, 5, 3]
    assert mlp_for(data.sine(n=10), 0, 5).layer_sizes == [1, 1]
    h = fit(mlp_for(three, 1, 8), three, epochs=50, lr=0.05)
    assert h.loss == "cross-entropy" and h.final_train_accuracy > 0.9


def test_pruning_zeroes_the_smallest_weights(moons):
    model = MLP([2, 16, 16, 1], seed=0)
    fit(model, moons, epochs=50, lr=0.02)
    before = [W.copy() for W in model.weights]
    biases = [b.copy() for b in model.biases]
    n = prune(model, 0.5)
    weights = np.concatenate([W.ravel() for W in model.weights])
    assert n == round(0.5 * weights.size) == int((weights == 0).sum())
    kept = np.abs(np.concatenate([W.ravel() for W in before]))[weights != 0]
    dropped = np.abs(np.concatenate([W.ravel() for W in before]))[weights == 0]
    assert dropped.max() <= kept.min()
    assert all(np.array_equal(b, c) for b, c in zip(model.biases, biases))


def test_one_blas_thread_puts_the_setting_back():
    def blas_threads():
        return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]

    before = blas_threads()
    assert before, "NumPy should have loaded a BLAS library"
    with one_blas_thread():
        assert set(blas_threads()) == {1}
    assert blas_threads() == before


@pytest.mark.parametrize("call, error, words", [
    (lambda d: fit(MLP([2, 1]), d, epochs=0), ValueError, "fit(epochs=0)"),
    (lambda d: fit(MLP([2, 1]), d, lr=-1), ValueError, "lr"),
    (lambda d: fit(MLP([2, 1]), d, dropout=1.0), ValueError, "dropout must be below 1"),
    (lambda d: fit(MLP([2, 1]), d, l2=-0.1), ValueError, "l2 must be >= 0"),
    (lambda d: fit(MLP([2, 1]), d, batch_size=0), ValueError, "batch_size"),
    (lambda d: fit(MLP([2, 1]), d, optimizer="rmsprop"), ValueError, "'sgd', 'adam'"),
    (lambda d: fit(MLP([3, 1]), d), ValueError, "takes 3 inputs"),
    (lambda d: fit(MLP([2, 2]), d), ValueError, "has 2 outputs"),
    (lambda d: MLP([2]), ValueError, "at least"),
    (lambda d: MLP([2, 0, 1]), ValueError, "layer_sizes"),
    (lambda d: MLP("2-4-1"), TypeError, "layer_sizes must be a list"),
    (lambda d: MLP([2, 1], activation="step"), ValueError, "activation"),
    (lambda d: MLP([2, 1], dtype="float16"), ValueError, "dtype"),
    (lambda d: prune(MLP([2, 1]), 1.5), ValueError, "prune(fraction=1.5)"),
    (lambda d: fit(MLP([2, 1]), d.X_train), TypeError, "data must be a Dataset"),
    (lambda d: fit([2, 1], d), TypeError, "model must be an nnlesson.train.MLP"),
    (lambda d: MLP([2, 1]).forward(d.X_train[:, :1]), ValueError, "2 columns, one per input"),
])
def test_bad_arguments_name_function_argument_and_rule(moons, call, error, words):
    with pytest.raises(error) as info:
        call(moons)
    assert words in str(info.value)


@pytest.mark.parametrize("n_train", [2, 10, 99, 100, 333, 400])
def test_make_split_gives_exact_sizes(n_train):
    d = data.make_split("moons", n_train, 200, noise=0.1, seed=0)
    assert (d.n_train, d.n_val) == (n_train, 200)
    with pytest.raises(ValueError, match="both splits need at least 2 points"):
        data.make_split("sine", 1, 200)


def test_a_network_too_big_for_memory_is_refused_before_anything_is_allocated():
    with pytest.raises(ValueError) as caught:
        MLP([2, 10**12, 1])
    # (2 + 1)*10**12 + (10**12 + 1)*1 = 4*10**12 + 1 parameters, 8 bytes each as float64
    assert str(caught.value) == (
        "MLP([2, 1000000000000, 1]): its 4,000,000,000,001 weights and biases as float64 would take "
        "32,000,000,000,008 bytes of memory, more than nnlesson's limit of 2 GiB (2,147,483,648 bytes) for one block "
        "of numbers. Use narrower layers: a few hundred neurons per layer is plenty for the data sets here.")
    # 3*20,000 + 20,001*20,000 + 20,001 = 400,100,001 parameters: 3.2 GB as float64
    with pytest.raises(ValueError, match=r"^MLP\(\[2, 20000, 20000, 1\]\): its 400,100,001 weights and biases as "
                                         r"float64 would take 3,200,800,008 bytes of memory"):
        MLP([2, 20_000, 20_000, 1])
    assert len(MLP([2, 512, 512, 1]).flat) == 3 * 512 + 513 * 512 + 513
