"""LiveFigure: cached PNGs while nothing moves, and named backgrounds reused instead of redrawn."""
import io

from PIL import Image

from nnlesson.plots.panel import Panel


class Dot(Panel):
    """One moving point over axes whose limits the test switches between two frames."""

    def __init__(self):
        super().__init__()
        self.point, = self.axes.plot([0.5], [0.5], "o")
        self.live.animate(self.point)

    def frame(self, top: float) -> None:
        self.axes.set_ylim(0, top)
        self.axes.set_title(f"up to {top:g}")
        self.live.invalidate(frame=top)


def count_full_draws(panel: Panel) -> list:
    calls = []
    original = panel.live.canvas.draw
    panel.live.canvas.draw = lambda: calls.append(1) or original()
    return calls


def test_a_frame_seen_before_is_restored_not_redrawn():
    dot = Dot()
    draws = count_full_draws(dot)
    dot.frame(1.0)
    first = dot.png()
    dot.frame(10.0)
    tenfold = dot.png()
    dot.frame(1.0)
    again = dot.png()
    assert len(draws) == 2                      # frame 1 and frame 10, each drawn once
    assert again == first and tenfold != first  # the restored frame looks exactly as before


def test_png_is_cached_until_an_animated_artist_moves():
    dot = Dot()
    first = dot.png()
    assert dot.png() is first and not dot.live.changed
    dot.point.set_data([0.2], [0.8])
    assert dot.live.changed
    moved = dot.png()
    assert moved != first and Image.open(io.BytesIO(moved)).mode == "P"  # a palette PNG


def test_an_unnamed_invalidation_always_redraws():
    dot = Dot()
    draws = count_full_draws(dot)
    for _ in range(3):
        dot.live.invalidate()
        dot.png()
    assert len(draws) == 3
