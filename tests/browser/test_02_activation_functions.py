"""02_activation_functions in a real browser: run it, deepen the vanishing-gradient
explorer and shift the dead-ReLU biases with the keyboard; the readouts must follow."""

from harness import press_slider, screenshot, slider_readout, text_of, wait_for_text
from harness import open_and_run
from nnlesson.dead_relu import dead_relu, random_layer

GRADIENT = ".nnlesson-vanishing-gradient .nnlesson-result"
DEAD = ".nnlesson-dead-relu .nnlesson-result"
MINUS = "\u2212"  # ipywidgets writes negative slider values with a real minus sign
DEAD_AT_MINUS_3 = dead_relu(random_layer(), -3.0).dead  # the explorer's seeded layer, biases shifted by -3


def test_depth_and_bias_shift_sliders_update_their_readouts(lab, page):
    open_and_run(page, lab, "02_activation_functions.ipynb")

    before = text_of(page, GRADIENT)
    assert "at layer 20" in before, f"the gradient explorer should open at depth 20: {before!r}"
    press_slider(page, lab, "depth (layers)", "ArrowRight", times=10)
    after = wait_for_text(page, GRADIENT, "at layer 30")
    screenshot(page, "02_activation_functions_gradients", full_page=False)
    assert slider_readout(page, "depth (layers)") == "30"
    assert "at layer 30" in after and "vanishes" in after, f"readout did not follow the depth: {after!r}"

    before = text_of(page, DEAD)
    assert "0 of 64" in before, f"the dead-ReLU explorer should open with no dead unit: {before!r}"
    press_slider(page, lab, "bias shift", "ArrowLeft", times=30)    # 0 -> -3.0
    after = wait_for_text(page, DEAD, f"{DEAD_AT_MINUS_3} of 64")
    screenshot(page, "02_activation_functions_dead_relu", full_page=False)
    assert slider_readout(page, "bias shift") == f"{MINUS}3.00"
    assert DEAD_AT_MINUS_3 > 0 and f"{DEAD_AT_MINUS_3} of 64" in after, \
        f"readout did not follow the bias shift: {after!r}"
