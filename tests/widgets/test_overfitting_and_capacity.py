"""Drive the training explorers as a learner would: move a control, read the verdict and the numbers."""
import re
import traceback
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest

import nnlesson
from nnlesson.widgets import capacity_explorer, overfitting_explorer
from nnlesson.widgets.capacity import CapacityExplorer

PNG = b"\x89PNG"


@pytest.fixture(scope="module")
def explorer():
    return overfitting_explorer()


def test_defaults_show_an_overfitting_network_and_its_size(explorer):
    r = explorer.result
    assert explorer.error is None
    assert r.layer_sizes == (2, 64, 64, 1) and r.params == 4417 and r.neurons == 129
    assert r.n_train == 100 and r.n_val == 200 and r.params_per_point == pytest.approx(44.17)
    assert r.verdict == "overfitting" and r.train_loss < 0.01 < 0.1 < r.val_loss
    assert "4,417 parameters" in explorer.readout.value and "100 training points" in explorer.readout.value
    assert "4,417" in explorer.size_note.value and "overfitting" in explorer.readout.value
    assert all(image.png.startswith(PNG) for image in explorer.images)


def test_expensive_sliders_retrain_once_on_release(explorer):
    for name in ("n_train", "noise", "hidden_layers", "width", "l2", "dropout", "epochs", "lr"):
        assert explorer.controls[name].continuous_update is False, name
    assert explorer.controls["epoch"] is explorer.epoch and explorer.epoch.continuous_update is True  # the replay's
    # slider is a control like the others, passed to compute, but a move never retrains (tested below)


def test_early_stopping_turns_it_into_a_good_fit(explorer):
    explorer.controls["early_stopping"].value = 20
    r = explorer.result
    assert r.verdict == "good fit" and r.history.stopped_epoch == r.history.best_epoch + 20
    assert r.history.kept_epoch == r.history.best_epoch and "kept the weights of epoch" in explorer.readout.value
    explorer.controls["early_stopping"].value = 0


@pytest.mark.parametrize("changes, verdict", [
    ({"l2": 1.0}, "underfitting"),
    ({"hidden_layers": 0}, "underfitting"),
    ({"width": 1}, "underfitting"),
    ({"n_train": 10, "hidden_layers": 3, "width": 256, "noise": 0.3}, "overfitting"),
    ({"noise": 0.0}, "good fit"),
    ({"lr": 10.0}, "diverged"),
])
def test_extremes(changes, verdict):
    e = overfitting_explorer(**changes)
    assert e.error is None and e.result.verdict == verdict
    if verdict == "diverged":
        assert "Training diverged" in e.readout.value and "learning rate smaller than 10" in e.readout.value


def test_huge_width_and_no_hidden_layer_counts():
    wide = overfitting_explorer(width=256, hidden_layers=1, epochs=50)
    assert wide.error is None and wide.result.params == 2 * 256 + 256 + 256 + 1
    flat = overfitting_explorer(hidden_layers=0, epochs=50)
    assert flat.result.layer_sizes == (2, 1) and flat.result.params == 3 and flat.result.neurons == 1


def test_moving_a_slider_changes_readout_and_pictures(explorer):
    before_text, before_images = explorer.readout.value, [f.shown() for f in explorer.figures]
    explorer.controls["width"].value = 16
    assert explorer.result.params == 2 * 16 + 16 + 16 * 16 + 16 + 16 + 1
    assert explorer.readout.value != before_text
    assert all(f.shown() != b for f, b in zip(explorer.figures, before_images))
    explorer.controls["width"].value = 64


@pytest.mark.parametrize("dataset", ["sine", "circles", "xor", "spiral", "blobs", "pinwheel"])
def test_every_data_set(dataset):
    e = overfitting_explorer(dataset=dataset, epochs=40)
    assert e.error is None and e.result.dataset == dataset
    assert (e.result.train_accuracy is None) == (dataset == "sine")
    assert ("accuracy" in e.readout.value) == (dataset != "sine")


@pytest.fixture(scope="module")
def capacity():
    return capacity_explorer(widths=(1, 4, 16, 64), epochs=200, width=4)


def test_capacity_sweep_and_progress(capacity):
    r = capacity.result
    assert capacity.error is None and r.params == [5, 17, 65, 257] and r.curve.n_train == 50
    assert capacity.progress.value == capacity.progress.max == 4 and capacity.progress.bar_style == "success"
    assert r.current.params == 17 and r.best.val_error == min(r.val_error)
    assert r.train_error[-1] < r.train_error[0]
    assert "4 networks trained on <b>50 points</b>" in capacity.readout.value
    assert capacity.images[0].png.startswith(PNG)
    assert all(capacity.controls[n].continuous_update is False for n in ("n_train", "noise", "l2", "epochs", "lr"))


def test_moving_width_remarks_without_retraining(capacity, monkeypatch):
    calls = []
    monkeypatch.setattr("nnlesson.widgets.capacity.capacity_sweep",
                        lambda *a, **k: calls.append(1) or pytest.fail("retrained"))
    before = capacity.figures[0].shown()
    capacity.controls["width"].value = 64
    assert calls == [] and capacity.result.current.params == 257 and capacity.figures[0].shown() != before


def test_changing_data_retrains(capacity):
    before = capacity.result.val_error
    capacity.controls["noise"].value = 0.1
    assert capacity.result.val_error != before and capacity.progress.value == 4


def test_a_one_width_sweep():
    one = capacity_explorer(widths=(2,), epochs=10, width=2)
    assert isinstance(one, CapacityExplorer) and one.result.params == [9] and one.progress.value == 1


def test_the_multiclass_set_is_in_the_menu_and_trains_three_outputs():
    e = overfitting_explorer(dataset="pinwheel", epochs=60)
    assert ("pinwheel (3 classes)", "pinwheel") in e.controls["dataset"].options
    assert e.error is None and e.result.layer_sizes == (2, 64, 64, 3) and e.result.params == 4547
    assert "accuracy" in e.readout.value and "4,547 parameters" in e.readout.value


def test_the_epoch_control_replays_without_training(explorer, monkeypatch):
    assert isinstance(explorer.play, widgets.Play) and explorer.epoch.continuous_update is True
    assert (explorer.epoch.max, explorer.epoch.value, explorer.epoch.step) == (300, 300, 1)
    assert (explorer.play.max, explorer.play.step) == (304, 8)  # steps of 8 end on 304, which the epoch slider
    explorer.epoch.value = explorer.play.max                    # takes as 300: the replay ends on the final network
    assert explorer.epoch.value == 300 and explorer.result.frame.epoch == 300
    monkeypatch.setattr("nnlesson.train.overfitting.fit", lambda *a, **k: pytest.fail("trained again"))
    monkeypatch.setattr("nnlesson.widgets.overfitting.run_lab", lambda *a, **k: pytest.fail("trained again"))
    before = [f.shown() for f in explorer.figures]
    explorer.epoch.value = 40
    r = explorer.result
    assert r.frame.epoch == 40 and r.frame.train_loss == r.history.train_loss[40]
    assert "At epoch 40</b> of 300" in explorer.readout.value
    assert f"{r.history.val_loss[40]:.3f}" in explorer.readout.value
    assert all(f.shown() != b for f, b in zip(explorer.figures, before))
    best = min(range(41), key=r.history.val_loss.__getitem__)  # the replay has not reached epoch 94 yet
    assert f"lowest at <b>epoch {best}</b>" in explorer.readout.value and "turns upward" not in explorer.readout.value
    explorer.epoch.value = 300
    assert explorer.result.frame.epoch == 300 and "overfitting" in explorer.readout.value
    assert "lowest at <b>epoch 94</b> and turns upward after it" in explorer.readout.value


def test_a_retrain_resets_the_epoch_to_the_end(explorer):
    explorer.epoch.value = 20
    explorer.controls["epochs"].value = 100
    assert (explorer.epoch.max, explorer.epoch.value) == (100, 100) and explorer.result.frame.epoch == 100
    explorer.controls["epochs"].value = 300


def test_own_data_hides_the_data_controls():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(120, 2))
    e = overfitting_explorer(X, (X[:, 0] * X[:, 1] > 0).astype(int), epochs=40)
    assert e.error is None and not {"dataset", "n_train", "noise"} & set(e.controls)
    assert e.result.own and e.result.n_train == 84 and "your data" in e.readout.value
    assert "120 points</b>, 2 inputs, 2 classes" in e.data_note.value
    values = overfitting_explorer(X[:, 0], np.sin(X[:, 0]), epochs=40)
    assert values.result.train_accuracy is None and "regression" in values.data_note.value


@pytest.mark.parametrize("X, y, words", [
    (np.zeros((20, 3)), np.arange(20) % 2, "Your inputs X have shape (20, 3)"),
    (np.zeros((20, 2)), np.arange(10) % 2, "Your targets y have shape (10,), but X has 20 rows"),
    (np.zeros((20, 2)), None, "Give both your inputs X and your targets y"),
])
def test_bad_own_data_is_told_in_plain_words(X, y, words):
    with pytest.raises((ValueError, TypeError), match=re.escape(words)):
        overfitting_explorer(X, y)


def test_a_diverged_run_is_called_diverged_and_nothing_else():
    e = overfitting_explorer(lr=10.0)
    shown = re.sub(r"<[^>]+>", " ", e.readout.value)
    assert e.result.verdict == "diverged" and "underfitting" not in shown and "good fit" not in shown
    assert "&#9888; diverged  Training diverged at epoch 10" in shown
    assert "At epoch 0  of the 9 recorded before training diverged:" in shown  # not "At epoch 0 of 9"
    assert "Its curves say nothing about capacity: lower the learning rate" in shown
    assert "turns upward" not in shown and "where overfitting starts" not in shown


def test_the_verdict_and_the_turn_agree_at_every_epoch_of_the_replay(explorer):
    for epoch in range(0, 301, 2):
        explorer.epoch.value = epoch
        frame, shown = explorer.result.frame, explorer.readout.value
        if "turns upward after it: that is where overfitting starts" in shown:
            assert frame.verdict == "overfitting", epoch
        assert f"lowest at <b>epoch {frame.history.best_epoch}</b>" in shown and frame.history.best_epoch <= epoch
    explorer.epoch.value = 154  # once "good fit" beside "overfitting started at epoch 94"
    assert explorer.result.frame.verdict == "overfitting" and "has risen a little since." in explorer.readout.value


def test_a_network_that_learns_nothing_is_told_to_look_at_the_steps_or_the_inputs():
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 1, (300, 2))
    e = overfitting_explorer(X * 255, (X.sum(1) > 1).astype(int))  # inputs of 0-255, not about unit size
    assert e.result.verdict == "not learning" and round(e.result.diagnosis.train, 3) == 1.227
    assert "no lower than always predicting the average" in e.readout.value
    assert "inputs scaled to about -1 to 1" in e.readout.value and "needs more capacity" not in e.readout.value


PACKAGE = Path(nnlesson.__file__).resolve().parent


def _own_mistakes():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(30, 2)), np.arange(30) % 2
    with_nan = X.copy()
    with_nan[3, 0] = np.nan
    return {
        "NaN": (with_nan, y, ValueError, "Your data contain NaN or infinite values; drop those rows first."),
        "one class": (X, np.zeros(30, int), ValueError,
                      "Your labels y hold only one class; a classifier needs at least two. For values to predict "
                      "(regression), pass y as floats: y.astype(float)."),
        "transposed": (X.T, y, ValueError, "Your inputs X have shape (2, 30): one row per input instead of one row "
                                           "per example. Turn it with X.T, of shape (30, 2)."),
        "3 columns": (np.c_[X, X[:, 0]], y, ValueError,
                      "Your inputs X have shape (30, 3); the lab needs one row per example and 1 or 2 columns "
                      "(inputs), e.g. shape (150, 2). Pick two columns, e.g. X[:, :2]."),
        "short y": (X, y[:20], ValueError, "Your targets y have shape (20,), but X has 30 rows: give one target per "
                                           "row of X, a flat array of shape (30,)."),
        "labels 1 and 2": (X, y + 1, ValueError,
                           "Your class labels are 1, 2; number the classes 0, 1, ..., K-1 with none left out "
                           "(np.unique(y, return_inverse=True)[1] does that). For values to predict, pass floats."),
        "string labels": (X, np.where(y == 1, "cat", "dog"), TypeError,
                          "Your targets y must be numbers: whole numbers 0, 1, 2, ... for classes, or decimals for "
                          "values to predict."),
    }


@pytest.mark.parametrize("mistake", list(_own_mistakes()))
def test_a_mistake_in_own_data_ends_a_short_traceback_at_the_learners_call(mistake):
    X, y, error, message = _own_mistakes()[mistake]
    with pytest.raises(error) as caught:
        overfitting_explorer(X, y)
    assert str(caught.value) == f"overfitting_explorer: {message}"
    frames = traceback.extract_tb(caught.value.__traceback__)
    inside = [frame for frame in frames if Path(frame.filename).resolve().is_relative_to(PACKAGE)]
    assert len(inside) == 1  # the factory's own raise (widgets/explorer.py, learner_facing)
    assert frames[0].filename == __file__  # it starts at the learner's own call
    assert caught.value.__suppress_context__ and caught.value.__cause__ is None  # no second traceback below it
