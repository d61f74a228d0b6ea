"""The verdict rule on made-up curves (each threshold from both sides), on real runs, and the sweep."""
import math

import numpy as np
import pytest

from nnlesson import data
from nnlesson.train import History, capacity_sweep, diagnose, fit, mlp_for, surface
from nnlesson.train.diagnose import NOT_LEARNING_LOSS, OVERFIT_GAP, OVERFIT_RATIO, OVERFIT_RISE, UNDERFIT_LOSS


def history(train, val, baseline=1.0):
    """A History whose curves are the given lists (in units of the baseline)."""
    h = History(loss="mse", baseline_loss=baseline)
    for t, v in zip(train, val):
        h.record((t * baseline, None), (v * baseline, None))
    h.best_epoch = int(np.argmin(h.val_loss))
    h.kept_epoch = h.epochs_run
    return h


def test_thresholds_are_documented_numbers():
    assert (OVERFIT_RATIO, OVERFIT_GAP, OVERFIT_RISE, UNDERFIT_LOSS, NOT_LEARNING_LOSS) == (2.0, 0.15, 0.1, 0.35, 1.01)


@pytest.mark.parametrize("train, val, verdict", [
    ([1.0, 0.5, 0.05], [1.0, 0.6, 0.40], "overfitting"),   # val 8x train, gap 0.35
    ([1.0, 0.5, 0.05], [1.0, 0.4, 0.21], "overfitting"),   # 4.2x and a gap of 0.16
    ([1.0, 0.5, 0.05], [1.0, 0.4, 0.19], "good fit"),      # 3.8x but the gap is only 0.14
    ([1.0, 0.5, 0.15], [1.0, 0.4, 0.29], "good fit"),      # gap 0.14, under 2x
    ([1.0, 0.2, 0.10], [1.0, 0.15, 0.26], "overfitting"),  # climbed 0.11 above its minimum while train fell
    ([1.0, 0.2, 0.10], [1.0, 0.15, 0.24], "good fit"),     # climbed only 0.09
    ([1.0, 0.2, 0.30], [1.0, 0.15, 0.27], "good fit"),     # climbed 0.12, but train rose too: not the overfit shape
    ([1.0, 0.6, 0.50], [1.0, 0.62, 0.55], "underfitting"), # both high
    ([1.0, 0.4, 0.36], [1.0, 0.45, 0.40], "underfitting"),
    ([1.0, 0.4, 0.34], [1.0, 0.45, 0.40], "good fit"),
    ([1.0, 1.0, 1.00], [1.0, 1.0, 1.00], "underfitting"),  # held at the average (a strong weight decay)
    ([1.0, 1.2, 1.65], [1.0, 1.2, 1.60], "not learning"),  # above the baseline: the steps or the inputs are wrong
    ([1.0, 0.9, 1.02], [1.0, 0.9, 1.00], "not learning"),
])
def test_verdict_rule_on_both_sides_of_each_threshold(train, val, verdict):
    d = diagnose(history(train, val, baseline=0.7))
    assert d.verdict == verdict
    assert d.train == pytest.approx(train[-1]) and d.val == pytest.approx(val[-1])
    assert d.best_val == pytest.approx(min(val))


def test_reasons_say_what_was_read():
    over = diagnose(history([1, 0.01], [1, 0.5]))
    assert "8%" not in over.reason and "50.0 times" in over.reason and "1.0% of the baseline" in over.reason
    turned = diagnose(history([1, 0.2, 0.16], [1, 0.15, 0.3]))  # under 2x: the turn is what says overfitting
    assert "climbed from 15% to 30%" in turned.reason and "epoch 1" in turned.reason
    under = diagnose(history([1, 0.8], [1, 0.8]))
    assert "more capacity, less regularisation or more epochs" in under.reason
    close = diagnose(history([1, 0.10], [1, 0.15]))
    assert close.reason == ("both losses are low, close together (training loss 10% of the baseline, validation "
                            "loss 15%)")
    apart = diagnose(history([1, 0.01], [1, 0.12]))  # 12 times, but only 11% of the baseline apart: not "close"
    assert apart.verdict == "good fit" and apart.reason.startswith(
        "both losses are low, the validation loss is 12.0 times the training loss, but only 11% of the baseline")
    stuck = diagnose(history([1, 1.65], [1, 1.6]))
    assert stuck.verdict == "not learning" and stuck.reason.startswith(
        "the training loss is 165% of the baseline, no lower than always predicting the average")
    assert "smaller learning rate, or inputs scaled to about -1 to 1" in stuck.reason


def test_a_diverged_run_gets_its_own_verdict():
    h = history([1, 0.5], [1, 0.5])
    h.diverged, h.message = True, "Training diverged at epoch 2: ..."
    d = diagnose(h)
    assert d.verdict == "diverged" and d.reason == h.message and math.isnan(d.train)


@pytest.mark.parametrize("settings, verdict", [
    ({"n_train": 100, "hidden_layers": 2, "width": 64}, "overfitting"),
    ({"n_train": 100, "hidden_layers": 2, "width": 64, "patience": 20}, "good fit"),
    ({"n_train": 100, "hidden_layers": 2, "width": 64, "l2": 0.001}, "good fit"),
    ({"n_train": 100, "hidden_layers": 2, "width": 64, "l2": 1.0}, "underfitting"),
    ({"n_train": 100, "hidden_layers": 0, "width": 1}, "underfitting"),
])
def test_real_runs_on_moons(settings, verdict):
    s = dict(settings)
    d = data.make_split("moons", s.pop("n_train"), 200, noise=0.2, seed=0)
    model = mlp_for(d, s.pop("hidden_layers"), s.pop("width"), seed=0)
    assert diagnose(fit(model, d, epochs=300, lr=0.01, **s)).verdict == verdict


def test_capacity_sweep_reports_every_width_with_the_engine_counts():
    d = data.make_split("moons", 40, 100, noise=0.3, seed=0)
    calls = []
    curve = capacity_sweep(d, widths=(16, 1, 4, 4), epochs=150, lr=0.02, on_progress=lambda *a: calls.append(a))
    assert [p.width for p in curve.points] == [1, 4, 16] and calls == [(1, 3), (2, 3), (3, 3)]
    assert [p.params for p in curve.points] == [mlp_for(d, 1, w).n_params for w in (1, 4, 16)] == [5, 17, 65]
    assert curve.n_train == 40 and curve.error_name == "error rate"
    assert curve.point(16).train_error < curve.point(1).train_error  # capacity lets it fit its data
    assert all(0 <= p.val_error <= 1 for p in curve.points) and curve.best in curve.points
    with pytest.raises(ValueError, match="width must be one of"):
        curve.point(2)
    with pytest.raises(ValueError, match="at least one width"):
        capacity_sweep(d, widths=())


def test_regression_sweep_uses_mean_squared_error():
    d = data.make_split("sine", 20, 50, noise=0.1, seed=0)
    curve = capacity_sweep(d, widths=(2, 32), epochs=300, lr=0.02)
    assert curve.error_name == "mean squared error"
    assert curve.point(32).train_error < 0.2 * np.var(d.y_train)  # wide enough to follow the sine
    assert curve.point(2).train_error > 0.5 * np.var(d.y_train)   # two ReLUs are not


def test_surface_covers_the_data():
    d = data.make_split("moons", 20, 20, seed=0)
    s = surface(mlp_for(d, 1, 4), d, resolution=30)
    X = np.vstack([d.X_train, d.X_val])
    assert s.kind == "probability" and s.values.shape == (30, 30)
    assert s.xs[0] < X[:, 0].min() and s.xs[-1] > X[:, 0].max() and s.ys[0] < X[:, 1].min()
    assert np.all((s.values >= 0) & (s.values <= 1))
    line = surface(mlp_for(data.sine(n=10), 1, 4), data.sine(n=10), resolution=25)
    assert line.kind == "curve" and line.ys is None and line.values.shape == (25,)
    three = data.blobs(n=30, centers=((0, 0), (2, 0), (0, 2)))
    classes = surface(mlp_for(three, 1, 4), three, resolution=10)
    assert classes.kind == "class" and set(np.unique(classes.values)) <= {0, 1, 2}


def test_diagnose_asks_for_a_training_history():
    with pytest.raises(TypeError) as caught:
        diagnose("h")
    assert str(caught.value) == ("train.diagnose(history='h'): history must be the History that train.fit returns "
                                 "(history = train.fit(model, data)), not str")


def test_mlp_for_asks_for_a_dataset_made_from_the_arrays():
    X, y = np.zeros((8, 2)), np.arange(8) % 2
    with pytest.raises(TypeError) as caught:
        mlp_for((X, y), 1, 8)
    assert str(caught.value) == ("mlp_for(data=tuple): data must be a Dataset from your arrays: data.from_arrays(X, y) "
                                 "makes one, then mlp_for(that_dataset, hidden_layers, width)")
    assert mlp_for(data.from_arrays(X, y), 1, 8).layer_sizes == [2, 8, 1]
