"""01_the_neuron in a real browser: run it, move the decision-boundary explorer's bias
with the keyboard until the line solves AND, and check that the readout follows."""

from harness import press_slider, screenshot, slider_readout, text_of, wait_for_text
from harness import open_and_run

RESULT = ".nnlesson-decision-boundary .nnlesson-result"
MINUS = "\u2212"  # ipywidgets writes negative slider values with a real minus sign


def test_decision_boundary_bias_slider_solves_and(lab, page):
    open_and_run(page, lab, "01_the_neuron.ipynb")

    before = text_of(page, RESULT)
    assert "2 of 4 right" in before, f"the explorer should open at 2 of 4 on AND: {before!r}"
    assert slider_readout(page, "bias b") == f"{MINUS}0.50"

    press_slider(page, lab, "bias b", "ArrowLeft", times=10)   # b: -0.5 -> -1.5, the AND line

    after = wait_for_text(page, RESULT, "4 of 4 right")
    screenshot(page, "01_the_neuron", full_page=False)
    assert slider_readout(page, "bias b") == f"{MINUS}1.50", "the bias slider did not move ten steps"
    assert "4 of 4 right" in after, f"readout did not reach 4 of 4 after moving the bias: {after!r}"
