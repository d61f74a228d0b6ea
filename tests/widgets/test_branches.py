"""The branches explorer: what it says after a control moves, and the controls it shows for each block."""
from nnlesson.widgets import branches_explorer
from nnlesson.widgets.branches import INPUT_CONTROLS

from .readout import text, visible


def test_it_starts_on_googlenets_inception_3a():
    e = branches_explorer()
    shown = text(e.readout.value)
    assert "64 + 128 + 32 + 32 = 256 channels" in shown
    assert "Parameters 12,352 + 129,248 + 15,920 + 6,176 = 163,696" in shown
    assert "5x5_reduce (1*1*192 + 1)*16 = 3,088, 5x5 (5*5*16 + 1)*32 = 12,832, 15,920 in all" in shown
    assert "would need 153,632 , 9.7× as many" in shown
    assert e.result.summary.total_params == 163_696
    assert "Connected to" in e.readout.value  # the whole summary, folded away under the readout
    assert visible(e) == {"block", "inception_channels", "inception_size", "width"}


def test_a_dense_block_after_the_controls_move():
    e = branches_explorer()
    e.controls["block"].value = "dense"
    e.controls["dense_channels"].value = 64
    e.controls["dense_size"].value = 56
    e.controls["layers"].value = 2
    e.controls["growth"].value = 12
    shown = text(e.readout.value)
    assert "64 + 2·12 = 88 channels" in shown
    first = 2 * 64 + 64 * 48 + 2 * 48 + 9 * 48 * 12
    second = 2 * 76 + 76 * 48 + 2 * 48 + 9 * 48 * 12
    assert f"Parameters {first:,} + {second:,} = {first + second:,}" in shown
    assert "The last layer sees 76 channels" in shown
    assert visible(e) == {"block", "dense_channels", "dense_size", "layers", "growth"}
    assert e.error is None


def test_the_gate_and_its_error_in_the_learners_words():
    e = branches_explorer(block="squeeze-excite", channels=64, size=56)
    assert "reduce (1*1*64 + 1)*16 = 1,040; expand (1*1*16 + 1)*64 = 1,088" in text(e.readout.value)
    assert "would need 36,928 , 17.4× as many" in text(e.readout.value)
    e.controls["gate_channels"].value = 16
    e.controls["ratio"].value = 32
    assert e.error == ("The gate squeezes 16 channels to 16 / 32, less than one: choose a reduction ratio of at "
                       "most 16, or more input channels.")
    assert "less than one" in e.message.value and e.message.layout.display != "none"
    e.controls["ratio"].value = 16
    assert e.error is None and "squeezes them to 1 and back" in text(e.readout.value)


def test_every_control_position_answers():
    e = branches_explorer()
    for block in ("inception", "dense", "squeeze-excite"):
        e.controls["block"].value = block
        e.controls["ratio"].value = 4
        for name in (*INPUT_CONTROLS[block], "width", "layers", "growth"):
            control = e.controls[name]
            for value in (control.min, control.max):
                control.value = value
                assert e.error is None, (block, name, value, e.error)
        for ratio in e.controls["ratio"].options:
            e.controls["ratio"].value = ratio[1]
            assert e.error is None or "reduction ratio of at most" in e.error
            assert (e.error is None) == (block != "squeeze-excite" or ratio[1] <= e.controls["gate_channels"].value)


def test_each_block_starts_on_the_input_its_lesson_section_describes():
    explorer = branches_explorer()
    shown = lambda: [name for name in ("inception_channels", "dense_channels", "gate_channels")  # noqa: E731
                     if explorer.controls[name].layout.display != "none"]
    assert explorer.result.input_shape == (28, 28, 192) and shown() == ["inception_channels"]
    explorer.controls["inception_channels"].value = 256  # the learner's own setting for the Inception module
    explorer.controls["block"].value = "dense"
    assert explorer.result.input_shape == (56, 56, 64) and shown() == ["dense_channels"]
    assert [box.params for box in explorer.result.boxes][:3] == [45_440, 49_600, 53_760]  # as section 5 lists them
    explorer.controls["block"].value = "squeeze-excite"
    assert explorer.result.params == 2_128 and "2,128" in explorer.readout.value  # section 6's gate on 64 channels
    explorer.controls["block"].value = "inception"
    assert explorer.result.input_shape == (28, 28, 256)  # as the learner left it
    assert branches_explorer(block="dense", channels=128).result.input_shape == (56, 56, 128)  # asked for: kept


def test_densenet_121s_longest_block_is_counted_whole_and_drawn_short():
    e = branches_explorer(block="dense", channels=256, size=14, layers=24, growth=32)  # DenseNet-121's third block
    per_layer = [2 * c + c * 128 + 2 * 128 + 9 * 128 * 32 for c in range(256, 256 + 24 * 32, 32)]
    hidden = sum(per_layer[3:22])
    shown = text(e.readout.value)
    assert "256 + 24·32 = 1024 channels" in shown
    assert (f"Parameters {per_layer[0]:,} + {per_layer[1]:,} + {per_layer[2]:,} + {hidden:,} (layers 4–22) + "
            f"{per_layer[22]:,} + {per_layer[23]:,} = {sum(per_layer):,}") in shown
    assert sum(per_layer) == 2_837_760 == e.result.summary.total_params
    assert "The graph draws layers 4–22 as one box; the table below lists every layer." in shown
    assert [line.split("\n")[0] for line in (t.get_text() for t in e.graph.labels if t.get_visible())] == [
        "input", "layer 1", "288 ch", "layer 2", "320 ch", "layer 3", "layers 4–22", "960 ch", "layer 23", "992 ch",
        "layer 24", "1,024 ch"]  # a concatenation before layer i holds 256 + (i - 1)·32
    e.controls["layers"].value = 48  # DenseNet-201's third block, the slider's end
    assert "64 + 48·32" not in text(e.readout.value) and "256 + 48·32 = 1792 channels" in text(e.readout.value)
    assert "(layers 4–46)" in text(e.readout.value)
