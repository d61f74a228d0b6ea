"""The attention picture: masked cells look masked, numbers fit their cells, the small pictures do not overlap."""
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from nnlesson.attention import HEAD_CHOICES, attention
from nnlesson.plots.attention import AttentionPanel


def drawn(panel: AttentionPanel):
    canvas = FigureCanvasAgg(panel.figure)
    canvas.draw()
    return canvas.get_renderer()


def test_masked_cells_are_hatched_and_carry_no_number():
    panel = AttentionPanel()
    panel.update(attention(4, causal=True), head=0)
    assert len(panel.masked.get_paths()) == 15  # the 6*5/2 cells above the diagonal
    assert panel.masked.get_hatch() == "//"
    numbers = [[text.get_text() for text in row] for row in panel.numbers]
    assert numbers[0] == ["1.00", "", "", "", "", ""]
    assert numbers[5][5] != "" and sum(n == "" for row in numbers for n in row) == 15
    assert np.ma.getmaskarray(panel.image.get_array()).sum() == 15


def test_without_the_mask_every_cell_has_its_number():
    panel = AttentionPanel()
    w = attention(4)
    panel.update(w, head=2)
    assert len(panel.masked.get_paths()) == 0
    assert [text.get_text() for text in panel.numbers[0]] == [f"{v:.2f}" for v in w.weights[2, 0]]
    assert panel.axes.get_title() == "head 3 (reads key/value head 3 of 4)"
    assert [label.get_text() for label in panel.axes.get_xticklabels()] == ["the", "cat", "sat", "on", "a", "mat"]


@pytest.mark.parametrize("heads", HEAD_CHOICES)
def test_one_small_picture_per_head_none_overlapping_the_large_one(heads):
    panel = AttentionPanel()
    panel.update(attention(heads, kv_heads=1), head=heads - 1)
    renderer = drawn(panel)
    shown = [ax for ax, _ in panel.small if ax.get_visible()]
    assert len(shown) == heads
    hidden = [part for ax, image in panel.small[heads:] for part in (image, *ax.spines.values())]
    assert not any(part.get_visible() for part in hidden)  # moving marks are drawn unless hidden themselves
    assert [ax.get_title() for ax in shown] == [f"head {h + 1} · kv 1" for h in range(heads)]
    boxes = [ax.get_tightbbox(renderer) for ax in shown] + [panel.axes.get_tightbbox(renderer)]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a.x1 <= b.x0 or b.x1 <= a.x0 or a.y1 <= b.y0 or b.y1 <= a.y0, "two pictures overlap"
    outline, last = panel.outline.get_bbox(), shown[heads - 1].get_position()
    assert outline.x0 < last.x0 < last.x1 < outline.x1 and outline.y0 < last.y0 < last.y1 < outline.y1


def test_every_number_fits_inside_its_cell():
    panel = AttentionPanel()
    panel.update(attention(1), head=0)
    renderer = drawn(panel)
    cell = panel.axes.get_window_extent(renderer).width / 6
    assert max(text.get_window_extent(renderer).width for row in panel.numbers for text in row) < cell - 4


def test_no_control_asks_for_a_new_background():
    """The small pictures, their titles and the outline are moving marks: a new number of heads, like a new weight,
    redraws only those (a new background per pair of head counts cost 40-65 ms, the marks about 12 ms)."""
    panel = AttentionPanel()
    panel.update(attention(4), head=0)
    first = panel.picture()
    for moved in (attention(4, scaled=False), attention(4, causal=True), attention(4, scale=2.0), attention(2),
                  attention(12, kv_heads=3), attention(1)):
        panel.update(moved, head=0)
        assert not panel.live.needs_background and panel.picture().background == first.background
    panel.update(attention(12, kv_heads=3), head=5)
    titles = [ax.title.get_text() for ax, _ in panel.small if ax.title.get_visible()]
    assert titles == [f"head {h} · kv {(h - 1) // 4 + 1}" for h in range(1, 13)]
    marks = panel.picture().marks
    assert "head 12 · kv 3" in marks and "head 6 · kv 2" in marks
    panel.update(attention(4), head=0)
    assert panel.picture() == first
