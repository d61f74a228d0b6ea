"""00_start_here in a real browser: run it, move the neuron explorer's x₁
slider, and check that the readout follows."""

from harness import (
    NOTEBOOKS_DIR,
    open_notebook,
    press_slider,
    run_all_cells,
    screenshot,
    slider_readout,
    text_of,
    wait_for_text,
)

NOTEBOOK = "00_start_here.ipynb"
RESULT = ".nnlesson-result"


def test_neuron_explorer_responds_to_x1(lab, page):
    assert (NOTEBOOKS_DIR / NOTEBOOK).is_file(), f"notebooks/{NOTEBOOK} is missing"

    open_notebook(page, lab, NOTEBOOK)
    run_all_cells(page, lab)

    before = text_of(page, RESULT)
    assert "z =" in before, f"explorer readout has no 'z =': {before!r}"
    x1_before = slider_readout(page, "x₁")

    assert "= 2.20" in before, f"the worked example's z = 2.20 is not in the readout: {before!r}"

    press_slider(page, lab, "x₁", "ArrowRight", times=3)   # x₁: 1.0 -> 1.3, w₁ = 0.2: z = 2.20 + 0.06

    after = wait_for_text(page, RESULT, "= 2.26")
    screenshot(page, "00_start_here")
    assert slider_readout(page, "x₁") != x1_before, "the x₁ slider did not move"
    assert after != before, f"readout did not change after moving x₁: {after!r}"
    assert "z =" in after, f"explorer readout has no 'z =': {after!r}"
