"""03_counting_dense_layers in a real browser: run it, widen the hidden layer of the MLP
explorer with the keyboard, and check that the counts in the readout follow."""

from harness import press_slider, screenshot, slider_readout, text_of, wait_for_text
from harness import open_and_run

RESULT = ".nnlesson-mlp .nnlesson-result"


def test_widening_the_hidden_layer_updates_the_counts(lab, page):
    open_and_run(page, lab, "03_counting_dense_layers.ipynb")

    before = text_of(page, RESULT)
    assert "101,770 parameters" in before and "138 neurons" in before, f"unexpected start: {before!r}"

    press_slider(page, lab, "width 1", "ArrowRight", times=3)   # 128 -> 131 hidden neurons

    params = (784 + 1) * 131 + (131 + 1) * 10
    after = wait_for_text(page, RESULT, f"{params:,} parameters")
    screenshot(page, "03_counting_dense_layers", full_page=False)
    assert slider_readout(page, "width 1") == "131", "the width 1 slider did not move"
    assert f"{params:,} parameters" in after and "141 neurons" in after, f"readout did not follow: {after!r}"
