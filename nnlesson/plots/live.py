"""Turn a matplotlib figure into a ``Picture``: what an explorer puts on the page, fast enough for a slider.

Redrawing a whole figure takes tens of milliseconds; most slider moves change only a few artists. A
panel marks the artists that move (``animate``); everything else is the background, drawn only after
``invalidate()`` (new limits, titles or curves). A panel may name the look it invalidates to
(``frame=``): a background drawn before under that name is restored instead of drawn again.

``LiveFigure.picture()`` returns three layers, all drawn by matplotlib: the background as a PNG, the
frame marks (``frame_marks``: artists that change only with the frame, such as a curve chosen from a
menu and its y axis) as an SVG drawn once per named frame, and the moving marks as a small SVG. A
slider move then sends a few kilobytes of SVG instead of a new picture to encode, send and decode.
A ``WholeFigure`` is for panels whose moving marks are too many for SVG (a network's thousand
connections, a shaded region): its picture is the whole figure as one PNG, kept by the name of the
state it shows. A full redraw is mostly text: plain tick labels (``ticks.py``) cost far less than
mathtext, and the package style (``RC``) gives titles a fixed height so nothing is measured to place them.

The PNG is a 256-colour palette image: these figures are flat colours with smooth edges, which a
palette keeps to the eye, and it skips the per-row filter search that made an RGBA PNG cost 9 ms here
(the encoding then takes about 2 ms, and the file is 2-3 times smaller). ``pictures`` encodes the PNGs
of several figures side by side on two threads.
"""
from __future__ import annotations

import io
import re
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Hashable, Sequence

import matplotlib
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.figure import Figure
from PIL import Image

KEPT_BACKGROUNDS = 16
"""Named backgrounds (or whole pictures) kept per figure, about 0.7 MB each for a 480 x 340 figure."""
KEPT_FRAME_SVGS = 80
"""Named SVGs of frame marks kept per figure (a few kilobytes each): the neuron's 13 activations at each z range."""
SVG_POINTS_PER_INCH = 72
_NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
_SVG_SIZE = re.compile(r'<svg([^>]*?) width="[^"]*" height="[^"]*"')
_encoders: ThreadPoolExecutor | None = None


@dataclass(frozen=True)
class Picture:
    """What a panel shows, bottom layer first: a PNG, then SVG frame marks and SVG moving marks ("" for none)."""

    background: bytes
    frame: str = ""
    marks: str = ""


class MeasuringRendererSVG(RendererSVG):
    """matplotlib's SVG renderer with one text-size cache shared by every instance.

    matplotlib caches text sizes per renderer object, and each SVG is drawn by a new renderer: without
    this cache every label of every SVG was measured again, a third of the time of the neuron's marks."""

    sizes: dict = {}

    def get_text_width_height_descent(self, s, prop, ismath):
        key = (s, prop.copy(), ismath)
        if key not in self.sizes:
            if len(self.sizes) > 20_000:
                self.sizes.clear()
            self.sizes[key] = super().get_text_width_height_descent(s, prop, ismath)
        return self.sizes[key]


def encode_png(rgba: np.ndarray) -> bytes:
    """An RGBA pixel array (height x width x 4) as a palette PNG, quickly and without dithering."""
    image = Image.fromarray(rgba, "RGBA").convert("RGB")
    palette = image.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def encode_all(pixels: Sequence[np.ndarray]) -> list[bytes]:
    """Several pixel arrays as PNGs, side by side on two threads; one thread where threads cannot start (Pyodide)."""
    global _encoders
    if len(pixels) > 1:
        try:
            _encoders = _encoders or ThreadPoolExecutor(max_workers=2, thread_name_prefix="nnlesson-png")
            return list(_encoders.map(encode_png, pixels))
        except RuntimeError:
            pass
    return [encode_png(p) for p in pixels]


def svg_of(figure: Figure, artists: Sequence[Artist], fonttype: str = "none") -> str:
    """``artists`` alone, drawn by matplotlib's SVG renderer (which works in points, 72 per inch), as an SVG
    the size of the figure that scales to its box. Text is SVG text (``fonttype="none"``) or outlines (``"path"``)."""
    buffer, dpi = io.StringIO(), figure.dpi
    with matplotlib.rc_context({"svg.fonttype": fonttype, "svg.hashsalt": "nnlesson"}):  # ids the same every run
        figure.dpi = SVG_POINTS_PER_INCH
        try:
            renderer = MeasuringRendererSVG(figure.bbox.width, figure.bbox.height, buffer, metadata=_NO_METADATA)
            for artist in artists:
                if artist.get_visible():
                    artist.draw(renderer)
            renderer.finalize()
        finally:
            figure.dpi = dpi
    svg = buffer.getvalue()
    return _SVG_SIZE.sub(r'<svg\1 width="100%"', svg[svg.index("<svg"):], count=1)


def _remember(kept: OrderedDict, name: Hashable, value, limit: int) -> None:
    """Keep ``value`` under ``name``, the most recent ``limit`` of them."""
    kept[name] = value
    kept.move_to_end(name)
    while len(kept) > limit:
        kept.popitem(last=False)


class _Background:
    """One drawn background: its pixels (to restore under the moving marks) and, once made, its PNG."""

    def __init__(self, region):
        self.region = region
        self.png: bytes | None = None


class LiveFigure:
    """A figure redrawn in place: a kept background, frame marks and moving marks, shown as a layered ``Picture``."""

    def __init__(self, figure: Figure):
        self.figure = figure
        self.canvas = FigureCanvasAgg(figure)
        self._animated: list[Artist] = []
        self._frame_marks: list[Artist] = []
        self._background: _Background | None = None
        self._background_name: Hashable | None = None
        self._backgrounds: OrderedDict[Hashable, _Background] = OrderedDict()
        self._frame_name: Hashable | None = None
        self._frame_svg: str | None = None  # the frame marks' SVG for the current frame, once drawn
        self._frame_svgs: OrderedDict[Hashable, str] = OrderedDict()
        self._version = 0     # goes up whenever the figure may look different
        self._moved = True    # something changed since the version was last taken
        self._marks: tuple[int, str] | None = None
        self._png: tuple[int, bytes] | None = None

    def animate(self, *artists: Artist) -> None:
        """Mark artists that change on every update; they are drawn over the background."""
        for artist in artists:
            artist.set_animated(True)
            self._animated.append(artist)
        self._moved = True

    def frame_marks(self, *artists: Artist) -> None:
        """Mark artists that change only when the frame does (after ``invalidate``), such as a curve picked from
        a menu with its y axis and title: an SVG of their own, drawn once per named frame, over a background
        that frames differing only in these marks share. Their text is drawn as outlines, so it looks the same
        as the background's whatever fonts the browser has."""
        for artist in artists:
            artist.set_animated(True)
            self._frame_marks.append(artist)
        self._frame_svg = None
        self._moved = True

    @property
    def has_frame_marks(self) -> bool:
        return bool(self._frame_marks)

    def replace(self, old: Artist | None, new: Artist) -> None:
        """Swap a moving artist for a new one (e.g. a rebuilt legend), keeping its drawing order."""
        new.set_animated(True)
        if old in self._animated:
            self._animated[self._animated.index(old)] = new
        else:
            self._animated.append(new)
        self._moved = True

    def invalidate(self, frame: Hashable | None = None, background: Hashable | None = None) -> None:
        """Ask for a full redraw next time, after anything outside the moving artists changed.

        ``frame`` names everything that is not moving (limits, titles, fixed curves): the background drawn
        for that name before is reused. Without a name it is always drawn anew. ``background`` names only
        what the background PNG shows, for frames that differ in their frame marks alone.
        """
        self._background_name = background if background is not None else frame
        self._background = self._backgrounds.get(self._background_name) if self._background_name is not None else None
        self._frame_name = frame
        self._frame_svg = self._frame_svgs.get(frame) if frame is not None else None
        self._moved = True

    @property
    def version(self) -> int:
        """A number that changes whenever the figure may look different (a moved mark, a new background)."""
        if self._moved or any(artist.stale for artist in self._animated):
            self._version += 1
            self._moved = False
            for artist in self._animated:
                artist.stale = False  # seen as it is now
        return self._version

    @property
    def needs_background(self) -> bool:
        """True when the next picture needs a full draw (not a background restored from before)."""
        return self._background is None

    def _draw_background(self) -> _Background:
        """Put the background on the canvas: restored if kept, else drawn in full (moving artists left out)."""
        if self._background is None:
            self.canvas.draw()
            self._background = _Background(self.canvas.copy_from_bbox(self.figure.bbox))
            if self._background_name is not None:
                _remember(self._backgrounds, self._background_name, self._background, KEPT_BACKGROUNDS)
        else:
            self.canvas.restore_region(self._background.region)
        return self._background

    def pixels(self) -> np.ndarray:
        """The whole figure as it looks now (background, frame marks, moving marks), as a copy of its RGBA pixels."""
        self.version  # noqa: B018 -- note what moved before drawing clears the artists' stale flags
        self._draw_background()
        for artist in (*self._frame_marks, *self._animated):
            if artist.get_visible():
                self.figure.draw_artist(artist)
        return np.array(self.canvas.buffer_rgba())

    def png(self) -> bytes:
        """The whole figure flattened into one PNG (the same bytes again while nothing moved)."""
        version = self.version
        if self._png is None or self._png[0] != version:
            self._png = (version, encode_png(self.pixels()))
        return self._png[1]

    def background_png(self) -> bytes:
        """Everything but the frame and moving marks, as PNG bytes (made once per background)."""
        pixels = self._png_to_make()
        if pixels is not None:
            self._keep_png(encode_png(pixels))
        return self._background.png

    def frame_svg(self) -> str:
        """The frame marks alone, as an SVG ("" without any), drawn once per named frame."""
        if not self._frame_marks:
            return ""
        if self._frame_svg is None:
            self._frame_svg = svg_of(self.figure, self._frame_marks, fonttype="path")
            if self._frame_name is not None:
                _remember(self._frame_svgs, self._frame_name, self._frame_svg, KEPT_FRAME_SVGS)
        return self._frame_svg

    def overlay_svg(self) -> str:
        """The moving marks alone, as an SVG ("" without any; drawn again only after something moved)."""
        version = self.version  # before drawing, which clears the artists' stale flags
        if self._marks is None or self._marks[0] != version:
            self._marks = (version, svg_of(self.figure, self._animated) if self._animated else "")
        return self._marks[1]

    def picture(self) -> Picture:
        """What the page shows: the background PNG under the frame marks' SVG under the moving marks' SVG."""
        return Picture(self.background_png(), self.frame_svg(), self.overlay_svg())

    def _png_to_make(self) -> np.ndarray | None:
        """The pixels of the PNG ``picture`` still has to encode, or None if it is made already."""
        if self._background is not None and self._background.png is not None:
            return None
        self._draw_background()
        return np.array(self.canvas.buffer_rgba())

    def _keep_png(self, png: bytes) -> None:
        self._background.png = png


class WholeFigure(LiveFigure):
    """A figure shown whole as one PNG: for moving marks too many for SVG (a network's connections, a shaded
    region). A panel may name the ``state`` it shows; the PNG made for a name is kept and sent again when the
    name comes back, without drawing."""

    def __init__(self, figure: Figure):
        super().__init__(figure)
        self.state: Hashable | None = None
        self._kept: OrderedDict[Hashable, bytes] = OrderedDict()

    def picture(self) -> Picture:
        pixels = self._png_to_make()
        if pixels is not None:
            self._keep_png(encode_png(pixels))
        return Picture(self._png[1])

    def png(self) -> bytes:
        return self.picture().background

    def _png_to_make(self) -> np.ndarray | None:
        version = self.version
        if self._png is not None and self._png[0] == version:
            return None
        if self.state is not None and self.state in self._kept:
            self._png = (version, self._kept[self.state])
            return None
        return self.pixels()

    def _keep_png(self, png: bytes) -> None:
        self._png = (self.version, png)
        if self.state is not None:
            _remember(self._kept, self.state, png, KEPT_BACKGROUNDS)


def pictures(figures: Sequence[LiveFigure]) -> list[Picture]:
    """Every figure's ``picture()``: the PNGs still to make are drawn one after another (matplotlib is not
    thread-safe), then encoded side by side."""
    waiting = [(figure, pixels) for figure in figures if (pixels := figure._png_to_make()) is not None]
    for (figure, _), png in zip(waiting, encode_all([pixels for _, pixels in waiting])):
        figure._keep_png(png)
    return [figure.picture() for figure in figures]
