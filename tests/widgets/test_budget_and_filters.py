"""Drive the lesson-06 explorers as a learner would: retrain on a new setting, move the test digits,
pick a digit, and read the numbers they show."""
import pytest

from nnlesson.widgets import budget_explorer, filters_explorer

PNG = b"\x89PNG"


@pytest.fixture(scope="module")
def explorer():
    return budget_explorer()


def test_defaults_show_equal_budgets_and_the_shift_result(explorer):
    run, shift = explorer.result
    assert explorer.error is None and shift == 1
    assert run.dense.summary.total_params == 1885 and run.convnet.summary.total_params == 1898
    assert run.dense.summary.neurons == 35 and run.convnet.summary.neurons == 778
    text = explorer.readout.value
    for value in ("1,885", "1,898", "778", "94.8%", "95.8%", "39.2%", "62.5%"):
        assert value in text, value
    assert "<b>the convnet</b> is ahead by 23.3 percentage points" in text
    assert explorer.progress.value == 60 and explorer.progress.bar_style == "success"
    assert "Trained in" in explorer.status.value
    assert all(image.png.startswith(PNG) for image in explorer.images)


def test_moving_the_test_digits_does_not_retrain(explorer):
    run = explorer.result[0]
    curves = explorer.images[0].png
    explorer.controls["shift"].value = 2
    assert explorer.result[0] is run and "moved 2 px" in explorer.readout.value and "15.9%" in explorer.readout.value
    assert explorer.images[0].png == curves  # the training curves stay as they were
    assert explorer.controls["shift"].continuous_update and not explorer.controls["n_train"].continuous_update


def test_a_smaller_filter_count_retrains_both_with_matched_width(explorer):
    seen = []
    explorer.progress.observe(lambda change: seen.append(change["new"]), names="value")
    explorer.controls["filters"].value = 2
    run = explorer.result[0]
    assert run.convnet.summary.total_params == 266 and run.dense.summary.total_params == 235
    assert seen[-1] == 60 and len(seen) >= 30  # the bar moved epoch by epoch while training
    explorer.controls["filters"].value = 8


def test_augmentation_is_reported(explorer):
    explorer.controls["augment"].value = True
    assert "moved up to 1 pixel at every step" in explorer.readout.value and "93.0%" not in explorer.readout.value
    explorer.controls["shift"].value = 1
    assert "93.0%" in explorer.readout.value and "86.8%" in explorer.readout.value
    explorer.controls["augment"].value = False


def test_filters_explorer_counts_edge_detectors_honestly():
    explorer = filters_explorer()
    view = explorer.result
    assert view.label == 6 and view.trained.edges == 1 and view.untrained.edges == 2
    assert "<b>1 of 8</b> trained filters and <b>2 of 8</b> untrained" in explorer.readout.value
    explorer.controls["digit"].value = 5
    assert explorer.result.index == 5 and f"is a <b>{explorer.result.label}</b>" in explorer.readout.value
    assert explorer.result.trained.maps.shape == (8, 8, 8)
    assert explorer.images[0].png.startswith(PNG)


def test_a_new_digit_sends_new_maps_over_the_same_filters():
    explorer = filters_explorer()
    background, marks = explorer.figures[0].shown()
    explorer.controls["digit"].value = 3
    new_background, new_marks = explorer.figures[0].shown()
    assert new_background == background and new_marks != marks and "<img" in new_marks


def test_a_retraining_dims_the_last_models_until_the_new_ones_are_shown(explorer, monkeypatch):
    import nnlesson.widgets.budget as budget_module

    seen, real = [], budget_module.budget_run

    def watched(n_train, filters, augment=False, on_epoch=None):
        def report(name, epoch, epochs):
            on_epoch(name, epoch, epochs)
            seen.append(("nnlesson-stale" in explorer.readout._dom_classes,
                         all("nnlesson-stale" in figure._dom_classes for figure in explorer.figures),
                         explorer.status.value))
        return real(n_train, filters, augment, on_epoch=report)

    monkeypatch.setattr(budget_module, "budget_run", watched)
    explorer.controls["n_train"].value = 300
    assert len(seen) == 2 * 31 and set(seen) == {(True, True, "<i>Training both models&hellip;</i>")}
    assert "nnlesson-stale" not in explorer.readout._dom_classes and explorer.result[0].n_train == 300
    assert "<b>300 images</b>" in explorer.readout.value and "Trained in" in explorer.status.value
