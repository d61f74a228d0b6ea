"""The lab's run: three classes with softmax, the learner's own data, and the replay of its snapshots."""
import numpy as np
import pytest

from nnlesson import data
from nnlesson.train import History, fit, mlp_for
from nnlesson.train.overfitting import RESOLUTION, SNAPSHOT_VALUES, own_data, run_lab, snapshot_every


@pytest.fixture(scope="module")
def run():
    return run_lab()


def test_three_classes_train_with_softmax_and_three_outputs():
    r = run_lab("pinwheel", epochs=100)
    assert r.n_classes == 3 and r.layer_sizes == (2, 64, 64, 3)
    assert r.params == (2 * 64 + 64) + (64 * 64 + 64) + (64 * 3 + 3) == 4547
    assert r.neurons == 64 + 64 + 3 and r.history.loss == "cross-entropy"
    share = np.bincount(r.data.y_train) / r.n_train  # the baseline guesses the training set's class shares
    assert r.history.baseline_loss == pytest.approx(-(share * np.log(share)).sum()) and len(share) == 3
    assert r.surface.kind == "class" and set(np.unique(r.surface.values)) == {0, 1, 2}
    assert r.val_accuracy > 0.8 and r.verdict in ("good fit", "overfitting")


def test_snapshots_every_epoch_when_they_fit(run):
    assert run.snapshots.every == 1 and run.snapshots.epochs == tuple(range(301))
    assert snapshot_every(300, 4417) == 1
    assert snapshot_every(1000, 66_049) == 50 and (1000 // 50 + 2) * 66_049 <= SNAPSHOT_VALUES


@pytest.mark.parametrize("epoch", [0, 40, 94, 200])
def test_a_frame_shows_what_a_run_stopped_there_shows(run, epoch):
    frame, fresh = run.frame(epoch), run_lab(epochs=max(epoch, 1)) if epoch else None
    assert frame.epoch == epoch
    assert frame.train_loss == run.history.train_loss[epoch] and frame.val_loss == run.history.val_loss[epoch]
    if fresh is not None:
        assert (frame.train_loss, frame.val_loss) == (fresh.train_loss, fresh.val_loss)
        assert (frame.train_accuracy, frame.val_accuracy) == (fresh.train_accuracy, fresh.val_accuracy)
        assert frame.verdict == fresh.verdict and frame.history.best_epoch == fresh.history.best_epoch
        assert np.array_equal(frame.surface.values, fresh.surface.values)


def test_frames_do_not_train(run, monkeypatch):
    monkeypatch.setattr("nnlesson.train.overfitting.fit", lambda *a, **k: pytest.fail("trained again"))
    for epoch in (300, 10, 150, 10):
        assert run.frame(epoch).epoch == epoch
    assert run.frame(300).surface is run.surface and run.surface.values.shape == (RESOLUTION, RESOLUTION)


def test_the_best_epoch_is_where_validation_turns_up(run):
    assert run.best_epoch == 94 == int(np.argmin(run.history.val_loss)) and run.turns_up
    assert not run_lab(noise=0.0).turns_up


def test_history_until_is_a_shorter_run():
    d = data.moons(n=60, seed=0)
    long = fit(mlp_for(d, 1, 8), d, epochs=30)
    short = fit(mlp_for(d, 1, 8), d, epochs=12)
    cut = long.until(12)
    assert isinstance(cut, History) and cut.train_loss == short.train_loss and cut.val_loss == short.val_loss
    assert (cut.best_epoch, cut.kept_epoch, cut.stopped_epoch) == (short.best_epoch, 12, None)
    with pytest.raises(ValueError, match="epoch must be between 0 and 30"):
        long.until(31)


def test_early_stopping_replays_up_to_the_stop():
    r = run_lab(early_stopping=20)
    h = r.history
    assert r.snapshots.epochs[-1] == h.stopped_epoch == h.best_epoch + 20
    assert r.frame(h.kept_epoch).surface is r.surface and r.frame(h.kept_epoch).verdict == r.verdict


def test_own_data_classification_and_regression():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(90, 2))
    y = (X[:, 0] > 0).astype(int) + (X[:, 1] > 0)  # three classes: 0, 1, 2
    r = run_lab(data=own_data(X, y), epochs=50)
    assert r.own and r.dataset == "your data" and (r.n_train, r.n_val) == (63, 27)
    assert r.layer_sizes == (2, 64, 64, 3) and r.surface.kind == "class"
    x = np.linspace(0, 1, 40)
    curve = run_lab(data=own_data(x[:, None], np.sin(3 * x)), hidden_layers=1, width=16, epochs=50)
    assert curve.layer_sizes == (1, 16, 1) and curve.train_accuracy is None and curve.surface.kind == "curve"
    with pytest.raises(ValueError, match="With one input column the lab draws two classes at most"):
        own_data(x, np.arange(40) % 3)
