"""The graph of a branching block: every box's label stays inside its box, and boxes never overlap."""
import pytest

from nnlesson.counting.branches import branch_report
from nnlesson.plots.branches import GraphPanel, shorten

BLOCKS = [("inception", {}), ("dense", {"layers": 3}), ("dense", {"layers": 8}), ("squeeze-excite", {}),
          ("squeeze-excite", {"channels": 512, "ratio": 1})]


@pytest.mark.parametrize("block, options", BLOCKS)
def test_every_label_fits_inside_its_box(block, options):
    panel = GraphPanel()
    layout = branch_report(block, **options).layout
    panel.update(layout, "title")
    renderer = panel.figure.canvas.get_renderer()
    boxes = [panel.axes.transData.transform_bbox(path.get_extents()) for path in panel.boxes.get_paths()]
    assert len(boxes) == len(layout.nodes)
    for label, box in zip(panel.labels, boxes):
        text = label.get_window_extent(renderer)
        assert box.x0 <= text.x0 and text.x1 <= box.x1, f"{label.get_text()!r} is wider than its box"
        assert box.y0 <= text.y0 and text.y1 <= box.y1, f"{label.get_text()!r} is taller than its box"
    ordered = sorted((b for b in boxes), key=lambda b: b.x0)
    for left, right in zip(ordered, ordered[1:]):
        assert left.x1 <= right.x0 or left.y1 <= right.y0 or right.y1 <= left.y0, "two boxes overlap"


def test_a_densenet_layer_is_named_by_its_number():
    assert shorten("denselayer12") == "layer 12"
    assert shorten("3x3_reduce → 3x3") == "3x3_reduce → 3x3"
