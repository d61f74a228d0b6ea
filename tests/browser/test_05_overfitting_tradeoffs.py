"""05_overfitting_tradeoffs in a real browser: run it, take a hidden layer away with the
keyboard, and check that the network retrains and the readout follows."""

from harness import (NOTEBOOKS_DIR, open_notebook, press_slider, run_all_cells, screenshot, slider_readout,
                     text_of, wait_for_text)

NOTEBOOK = "05_overfitting_tradeoffs.ipynb"
RESULT = ".nnlesson-result"  # the first one on the page is the overfitting explorer's readout


def test_overfitting_explorer_retrains_when_a_slider_moves(lab, page):
    assert (NOTEBOOKS_DIR / NOTEBOOK).is_file(), f"notebooks/{NOTEBOOK} is missing"

    open_notebook(page, lab, NOTEBOOK)
    run_all_cells(page, lab)

    before = text_of(page, RESULT)
    assert "2-64-64-1" in before and "4,417 parameters" in before, f"unexpected readout: {before!r}"
    assert slider_readout(page, "hidden layers") == "2"

    press_slider(page, lab, "hidden layers", "ArrowLeft", times=1)

    after = wait_for_text(page, RESULT, "2-64-1")
    screenshot(page, "05_overfitting_tradeoffs")
    assert slider_readout(page, "hidden layers") == "1", "the hidden layers slider did not move"
    assert after != before, f"readout did not change after moving the slider: {after!r}"
    assert "2-64-1" in after and "257 parameters" in after, f"readout does not show the new network: {after!r}"
