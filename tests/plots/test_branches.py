"""The graph of a branching block: every box's label stays inside its box, and boxes never overlap."""
import pytest

from nnlesson.counting.branches import branch_report
from nnlesson.plots.branches import GraphPanel, compact, shorten

BLOCKS = [("inception", {}), ("dense", {"layers": 3}), ("dense", {"layers": 8}), ("dense", {"layers": 9}),
          ("dense", {"layers": 48}), ("squeeze-excite", {}),
          ("squeeze-excite", {"channels": 512, "ratio": 1})]


@pytest.mark.parametrize("block, options", BLOCKS)
def test_every_label_fits_inside_its_box(block, options):
    panel = GraphPanel()
    layout = branch_report(block, **options).layout
    panel.update(layout, "title")
    layout = compact(layout)
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


def test_a_long_dense_block_keeps_its_ends_and_draws_the_middle_as_one_box():
    whole = branch_report("dense", channels=64, layers=12).layout
    short = compact(whole)
    assert (len(whole.nodes), whole.levels, len(short.nodes), short.levels) == (25, 25, 12, 12)
    several = short.nodes[6]
    assert (several.label, several.stands_for, several.level) == ("layers 4–10", 14, 6)  # 7 layers, 7 concatenations
    assert sum(node.params for node in short.nodes) == sum(node.params for node in whole.nodes)
    # every arrow into the hidden part now ends at its box: from the input and layers 1-3, and out to what follows
    assert [a for a, b in short.edges if b == 6] == [0, 1, 3, 5]
    assert [b for a, b in short.edges if a == 6] == [7, 9, 11]
    assert compact(branch_report("dense", layers=8).layout) == branch_report("dense", layers=8).layout
