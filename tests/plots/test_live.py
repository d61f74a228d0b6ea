"""LiveFigure: cached PNGs while nothing moves, and named backgrounds reused instead of redrawn."""
import io

import numpy as np
import pytest

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
    version = dot.live.version
    assert dot.png() is first and dot.live.version == version
    dot.point.set_data([0.2], [0.8])
    assert dot.live.version != version
    moved = dot.png()
    assert moved != first and Image.open(io.BytesIO(moved)).mode == "P"  # a palette PNG


def test_an_unnamed_invalidation_always_redraws():
    dot = Dot()
    draws = count_full_draws(dot)
    for _ in range(3):
        dot.live.invalidate()
        dot.png()
    assert len(draws) == 3


def test_the_overlay_draws_the_moving_marks_where_the_flattened_picture_has_them():
    """The SVG works in points (72 per inch), the PNG in pixels: the point is at the same place in both."""
    import re

    import numpy as np

    dot = Dot()
    dot.frame(1.0)
    dot.axes.set_xlim(0, 1)
    dot.point.set_data([0.25], [0.75])
    dot.point.set_color("#ff0000")
    svg = dot.live.overlay_svg()
    x, y = map(float, re.search(r'<use xlink:href="#\w+" x="([\d.]+)" y="([\d.]+)"', svg).groups())
    width, height = map(float, re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    pixels = dot.live.pixels()
    red = (pixels[..., 0] > 200) & (pixels[..., 1] < 60) & (pixels[..., 2] < 60)
    rows, columns = np.nonzero(red)
    assert pixels.shape[1] / width == pytest.approx(dot.figure.dpi / 72)
    assert x / width * pixels.shape[1] == pytest.approx(columns.mean() + 0.5, abs=1.5)
    assert y / height * pixels.shape[0] == pytest.approx(rows.mean() + 0.5, abs=1.5)  # Agg snaps marks to whole pixels
    assert "<svg" in svg and "background" not in svg and svg.count("<use") == 1  # the point alone, no axes


def test_the_background_png_leaves_the_moving_marks_out_and_is_made_once_per_background():
    dot = Dot()
    dot.frame(1.0)
    dot.point.set_color("#ff0000")
    background = dot.live.background_png()
    pixels = np.array(Image.open(io.BytesIO(background)).convert("RGB"))
    assert not ((pixels[..., 0] > 200) & (pixels[..., 1] < 60) & (pixels[..., 2] < 60)).any()
    dot.point.set_data([0.2], [0.8])
    assert dot.live.background_png() is background and not dot.live.needs_background
    dot.frame(10.0)
    assert dot.live.needs_background and dot.live.background_png() != background
    dot.frame(1.0)
    assert dot.live.background_png() is background  # restored with its PNG


def test_a_whole_figure_is_kept_by_its_state_and_sent_again_without_drawing(monkeypatch):
    from nnlesson.plots import live as live_module
    from nnlesson.plots.mlp import NetworkDiagram

    diagram = NetworkDiagram()
    diagram.update([3, 4, 2], [16, 10], "3-4-2")
    first = diagram.live.png()
    diagram.update([3, 5, 2], [20, 12], "3-5-2")
    second = diagram.live.png()
    encoded = []
    monkeypatch.setattr(live_module, "encode_png", lambda pixels: encoded.append(1) or b"new")
    diagram.update([3, 4, 2], [16, 10], "3-4-2")
    assert diagram.live.png() == first and first != second and not encoded  # the kept PNG, nothing encoded
    diagram.update([3, 6, 2], [24, 14], "3-6-2")
    assert diagram.live.png() == b"new" and encoded == [1]  # a state never seen is drawn


class Menu(Panel):
    """A curve picked from a menu (frame marks: the curve, the y axis, the title) under a moving point."""

    def __init__(self):
        super().__init__()
        self.curve, = self.axes.plot([], [], color="#0000ff")
        self.point, = self.axes.plot([0.5], [0.5], "o", color="#ff0000")
        self.title = self.axes.set_title("", y=1.02)
        self.live.frame_marks(self.axes.yaxis, self.curve, self.title)
        self.live.animate(self.point)
        self.axes.set_xlim(0, 1)

    def pick(self, power: int) -> None:
        x = np.linspace(0, 1, 50)
        self.curve.set_data(x, 3 * x ** power)
        self.axes.set_ylim(0, 3)
        self.title.set_text(f"power {power}")
        self.live.invalidate(frame=power, background="x from 0 to 1")


def blue_pixels(png: bytes) -> int:
    pixels = np.array(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    return int(((pixels[..., 2] > 200) & (pixels[..., 0] < 60) & (pixels[..., 1] < 60)).sum())


def test_frame_marks_share_one_background_and_are_drawn_as_svg_once_per_frame():
    menu = Menu()
    draws = count_full_draws(menu)
    menu.pick(1)
    background, line = menu.live.background_png(), menu.live.frame_svg()
    menu.pick(2)
    square = menu.live.frame_svg()
    assert menu.live.background_png() is background and len(draws) == 1  # one background for both curves
    assert blue_pixels(background) == 0                                   # which shows neither
    assert "<!-- power 1 -->" in line and "<!-- power 2 -->" in square   # each frame's title, drawn as outlines
    assert "<text" not in square and "ytick_1" in square                 # and the y axis with it
    assert 'viewBox="0 0 ' in square and line != square
    menu.pick(1)
    assert menu.live.frame_svg() is line                                  # kept by its frame's name
    menu.point.set_data([0.2], [0.8])
    assert menu.live.frame_svg() is line and "power" not in menu.live.overlay_svg()  # a step moves the point only
    assert blue_pixels(menu.live.png()) > 50                              # the flattened picture has the curve


def test_a_picture_is_the_background_under_the_frame_marks_under_the_moving_marks():
    from nnlesson.plots.live import Picture

    menu = Menu()
    menu.pick(2)
    picture = menu.live.picture()
    assert picture == Picture(menu.live.background_png(), menu.live.frame_svg(), menu.live.overlay_svg())
    assert picture.background.startswith(b"\x89PNG") and "power 2" in picture.frame and picture.marks.startswith("<svg")


def test_a_whole_panel_is_one_png_and_no_svg():
    from nnlesson.plots.mlp import NetworkDiagram
    from nnlesson.plots.panel import WholePanel

    diagram = NetworkDiagram()
    diagram.update([3, 4, 2], [16, 10], "3-4-2")
    picture = diagram.picture()
    assert isinstance(diagram, WholePanel) and picture.background.startswith(b"\x89PNG")
    assert (picture.frame, picture.marks) == ("", "")


def test_drawing_svg_leaves_the_settings_as_they_were_and_measures_each_text_once(monkeypatch):
    import matplotlib
    from matplotlib.backends.backend_svg import RendererSVG

    from nnlesson.plots.live import MeasuringRendererSVG

    dot = Dot()
    label = dot.axes.text(0.5, 0.5, "a label measured once")
    dot.live.animate(label)
    before = dict(matplotlib.rcParams)
    measured = []
    original = RendererSVG.get_text_width_height_descent
    monkeypatch.setattr(RendererSVG, "get_text_width_height_descent",
                        lambda self, s, prop, ismath: (measured.append(s), original(self, s, prop, ismath))[1])
    MeasuringRendererSVG.sizes.clear()
    first = dot.live.overlay_svg()
    dot.point.set_data([0.2], [0.2])  # the marks are drawn again, by a new renderer
    second = dot.live.overlay_svg()
    assert first != second and "a label measured once" in second
    assert measured.count("a label measured once") == 1
    assert dict(matplotlib.rcParams) == before
