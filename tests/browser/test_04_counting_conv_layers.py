"""04_counting_conv_layers in a real browser: run it, grow the conv explorer's input and a dense
layer of the model builder with the keyboard; the readouts must follow (and the conv layer's
parameter count must not)."""

from harness import press_slider, screenshot, slider_readout, text_of, wait_for_text
from harness import open_and_run

CONV = ".nnlesson-conv .nnlesson-result"
BUILDER = ".nnlesson-model-builder .nnlesson-result"


def test_input_height_changes_the_output_but_not_the_parameters(lab, page):
    open_and_run(page, lab, "04_counting_conv_layers.ipynb")

    before = text_of(page, CONV)
    assert "26 × 26 × 32" in before and "= 320" in before, f"unexpected start: {before!r}"
    press_slider(page, lab, "input height", "ArrowRight", times=2)   # 28 -> 30
    after = wait_for_text(page, CONV, "28 × 26 × 32")
    screenshot(page, "04_counting_conv_layers_conv", full_page=False)
    assert slider_readout(page, "input height") == "30"
    assert "28 × 26 × 32" in after, f"output shape did not follow the input height: {after!r}"
    assert "leaves the 320 parameters alone" in after, f"the parameter count should not change: {after!r}"

    before = text_of(page, BUILDER)
    assert "1,199,882 parameters" in before, f"the builder should open on the MNIST convnet: {before!r}"
    press_slider(page, lab, "size 5", "ArrowLeft", times=1)   # Dense 128 -> 127
    params = 320 + 18_496 + (9_216 + 1) * 127 + (127 + 1) * 10
    after = wait_for_text(page, BUILDER, f"{params:,} parameters")
    screenshot(page, "04_counting_conv_layers_builder", full_page=False)
    assert f"{params:,} parameters" in after, f"the builder's total did not follow: {after!r}"
