"""No text in a figure is smaller than ``style.SMALLEST_TEXT_PT``: every explorer's figures and the lesson figures
are drawn (their moving marks too) and every string that reaches the renderer is measured.

A figure is never shown larger than its own pixels, so this is the largest its text can look; the screen test
(tests/browser/test_screens.py) checks that no figure is shown below ``style.SMALLEST_SCALE`` of its width, which
keeps every text at 9 CSS px or more.
"""
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from nnlesson.counting.branches import branch_report
from nnlesson.plots.branches import GraphPanel
from nnlesson.plots.style import SMALLEST_SCALE, SMALLEST_TEXT_PT
from nnlesson.widgets import EXPLORERS

from .test_readable import figures_of


def drawn_texts(figure) -> list[tuple[str, float]]:
    """(string, font size in points) of every text the renderer draws, the animated artists' too."""
    canvas = figure.canvas if hasattr(figure.canvas, "get_renderer") else FigureCanvasAgg(figure)
    renderer = canvas.get_renderer()
    drawn = []
    original = renderer.draw_text

    def record(gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if s.strip():
            drawn.append((s, prop.get_size_in_points()))
        return original(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    renderer.draw_text = record
    try:
        canvas.draw()
        for artist in figure.findobj(lambda a: a.get_animated() and a.get_visible()):
            if artist.figure is not None:
                artist.draw(renderer)
    finally:
        del renderer.draw_text
    return drawn


def small_texts(figure) -> list[str]:
    return [f"{s!r} at {size:g} pt" for s, size in drawn_texts(figure) if size < SMALLEST_TEXT_PT - 1e-9]


def test_the_smallest_text_keeps_9_css_px_down_to_the_smallest_scale():
    assert SMALLEST_TEXT_PT * 100 / 72 * SMALLEST_SCALE == pytest.approx(9.0)


def test_drawn_texts_sees_tick_labels_legends_and_animated_texts():
    panel = GraphPanel()
    panel.update(branch_report("squeeze-excite").layout, "a title")
    texts = dict(drawn_texts(panel.figure))
    assert texts["a title"] == 11  # the title is a figure text, drawn with the background
    assert any(s.startswith("squeeze") for s in texts)  # box labels are animated: drawn with the moving marks


STATES = {name: factory for name, factory in EXPLORERS.items()}
STATES |= {"branches dense": lambda: EXPLORERS["branches_explorer"](block="dense", layers=8),
           "branches dense 24": lambda: EXPLORERS["branches_explorer"](block="dense", channels=256, size=14, layers=24),
           "branches squeeze-excite": lambda: EXPLORERS["branches_explorer"](block="squeeze-excite")}


@pytest.mark.parametrize("state", STATES)
def test_explorer_text_is_never_smaller_than_the_smallest_size(state):
    explorer = STATES[state]()
    figures = figures_of(explorer)
    assert figures
    problems = [line for figure in figures for line in small_texts(figure)]
    assert not problems, f"{state}: text below {SMALLEST_TEXT_PT} pt: " + ", ".join(problems)


@pytest.mark.parametrize("block, options", [("inception", {}), ("dense", {"layers": 3}), ("squeeze-excite", {})])
def test_lesson_graphs_text_is_never_smaller_than_the_smallest_size(block, options):
    panel = GraphPanel()
    panel.update(branch_report(block, **options).layout, "title")
    assert not small_texts(panel.figure)
