"""The memory bar: its axis ends at a 1-2-5 step, its parts stack in order, cards too close share a label."""
import pytest

from nnlesson.counting.llm_memory import GPUS, memory_report
from nnlesson.plots.llm_memory import MemoryBarPanel, axis_limit, segment_label
from nnlesson.zoo.architecture import Architecture

from .test_text_size import small_texts

LLAMA = Architecture("Llama-3-8B", "llama", 128256, 4096, 32, 32, 8, 128, 14336, 8192, False)
N = 8_030_261_248


def test_the_axis_ends_at_the_next_step_with_room():
    assert [axis_limit(gb) for gb in (0.5, 0.99, 17.13, 48, 146.7, 1300)] == [1, 2, 20, 100, 200, 2000]


def test_the_parts_stack_left_to_right():
    panel = MemoryBarPanel()
    panel.update(memory_report(LLAMA, N, tokens=4096, mode="train", precision="mixed", recomputation="full"), "t")
    bars = panel.bars
    assert bars["weights"].get_width() == pytest.approx(2 * N / 1e9)
    assert bars["gradients"].get_x() == pytest.approx(2 * N / 1e9)
    assert bars["optimizer state"].get_x() == pytest.approx(4 * N / 1e9)
    assert bars["activations"].get_x() == pytest.approx(16 * N / 1e9)
    assert bars["activations"].get_width() == pytest.approx(32 * 2 * 4096 * 4096 / 1e9)
    assert panel.labels["optimizer state"].get_text() == "optimizer state\n96.4 GB"
    assert panel.limit == 200


def test_cards_are_drawn_where_their_gib_fall_and_share_labels_when_close():
    panel = MemoryBarPanel()
    panel.update(memory_report(LLAMA, N, tokens=4096, mode="train", precision="float32"), "t")
    assert [line.get_xdata()[0] for line in panel.cards] == pytest.approx([gpu.gib * 2**30 / 1e9 for gpu in GPUS])
    labels = [label.get_text() for label in panel.card_labels if label.get_visible()]
    assert labels == ["8 · 16 · 24 GiB", "40 GiB", "80 GiB"]
    panel.update(memory_report(LLAMA, N, tokens=1024, dtype="int4"), "t")
    assert panel.limit == 5 and panel.beyond.get_text() == "further right: 8, 16, 24, 40, 80 GiB cards →"


def test_a_part_says_what_fits_inside_it():
    assert segment_label("weights", 16.06, 640) == "weights\n16.1 GB"
    assert segment_label("optimizer state", 64.2, 90) == "64.2 GB"
    assert segment_label("KV cache", 0.1, 3) == ""
    assert segment_label("activations", 1168.2, 400) == "activations\n1,168 GB"


@pytest.mark.parametrize("options", [{"tokens": 131072, "batch": 256, "mode": "train", "precision": "float32",
                                      "recomputation": "none"}, {"tokens": 128, "dtype": "int4"}])
def test_no_text_is_too_small_at_either_end(options):
    panel = MemoryBarPanel()
    arch = Architecture("Qwen2-0.5B", "qwen2", 151936, 896, 24, 14, 2, 64, 4864, 131072, True)
    panel.update(memory_report(arch, 494_032_768, **options), "a heading")
    panel.png()
    assert not small_texts(panel.figure)
