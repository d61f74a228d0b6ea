"""Turn a matplotlib figure into what an explorer shows, fast enough for a slider.

Redrawing a whole figure takes tens of milliseconds; most slider moves change only a
few artists. Artists marked ``animated`` are the marks that move; everything else is the
background, drawn only after ``invalidate()`` (new limits, titles or curves). A panel may
name the look of its background (its limits, its title) when it invalidates: a background
drawn before under that name is restored instead of drawn again, so a slider that moves an
axis back and forth between a few limits pays for each full redraw once.

An explorer shows a figure in two layers, both drawn by matplotlib: the background as a
PNG, sent only when it changes, and the moving marks as a small SVG that the browser draws
over it (``overlay_svg``, matplotlib's own SVG renderer on just those artists). A slider
move then costs a few kilobytes of SVG instead of a new picture to encode, send and decode.
A third layer, between those two, holds marks that change only with the look of the
background, not on every step (``frame_marks``: a curve chosen from a menu, its y ticks, its
title). They are an SVG of their own, drawn once per named frame, so frames that differ only in
those marks share one background PNG: a new menu choice then sends a few kilobytes of SVG
instead of a new picture to decode.
``png()`` is the whole figure flattened, for anything that needs one picture, and what a
figure shows when its moving marks are too many for SVG (a network's thousand connections, a
shaded decision region): there the PNG is smaller and quicker to make (``marks_as_svg=False``).

The PNG is a 256-colour palette image: these figures are flat colours with smooth edges,
which a palette keeps to the eye, and it skips the per-row filter search that made an
RGBA PNG cost 9 ms here (the encoding then takes about 2 ms, and the file is 2-3 times
smaller to send and decode). ``shown_all`` encodes several figures on two threads.
"""
from __future__ import annotations

import io
import re
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import Hashable, Sequence

import matplotlib
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.figure import Figure
from PIL import Image

_encoders: ThreadPoolExecutor | None = None
KEPT_BACKGROUNDS = 16
"""Named backgrounds kept per figure (about 0.7 MB each for a 480 x 340 figure): enough for the neuron's
13 activations, which an idle explorer draws ahead."""
KEPT_FRAME_SVGS = 80
"""Named SVGs of frame marks kept per figure (a few kilobytes each): the neuron's 13 activations at each of its
x ranges."""
SVG_POINTS_PER_INCH = 72
_NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
_SVG_SIZE = re.compile(r'<svg([^>]*?) width="[^"]*" height="[^"]*"')
_svg_renderer: RendererSVG | None = None


def svg_renderer(width: float, height: float, buffer: io.StringIO) -> RendererSVG:
    """A fresh SVG renderer writing into ``buffer``, always the same object: matplotlib keeps the size of
    every text it laid out by the renderer that asked, so a value shown before (a slider moved back) is
    not measured again. Measuring was a third of the time of the neuron's waterfall marks."""
    global _svg_renderer
    if _svg_renderer is None:
        _svg_renderer = RendererSVG(width, height, buffer, metadata=_NO_METADATA)
    else:
        _svg_renderer.__init__(width, height, buffer, metadata=_NO_METADATA)  # all its state anew
    return _svg_renderer


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


class _Background:
    """One drawn background: its pixels (to restore under the moving marks) and, once asked for, its PNG."""

    def __init__(self, region):
        self.region = region
        self.png: bytes | None = None


class LiveFigure:
    """A figure redrawn in place: a cached background plus the artists that move."""

    def __init__(self, figure: Figure, marks_as_svg: bool = True):
        self.figure = figure
        self.marks_as_svg = marks_as_svg
        self.canvas = FigureCanvasAgg(figure)
        self._background: _Background | None = None
        self._background_name: Hashable | None = None
        self._frame_name: Hashable | None = None
        self._backgrounds: OrderedDict[Hashable, _Background] = OrderedDict()
        self._animated: list[Artist] = []
        self._frame_marks: list[Artist] = []
        self._frame_svg: str | None = None   # the frame marks' SVG for the current frame, once drawn
        self._frame_svgs: OrderedDict[Hashable, str] = OrderedDict()
        self._version = 0          # goes up whenever the figure may look different
        self._moved = True         # something changed since the version was last taken
        self._png: tuple[int, bytes] | None = None
        self._svg: tuple[int, str] | None = None
        self.state: Hashable | None = None
        """For a figure shown whole (``marks_as_svg=False``): a name for everything it shows now, set by
        its panel; the PNG made for a name is kept and sent again when the name comes back."""
        self._whole_pngs: OrderedDict[Hashable, bytes] = OrderedDict()

    def animate(self, *artists: Artist) -> None:
        """Mark artists that change on every update; they are drawn over the background."""
        for artist in artists:
            artist.set_animated(True)
            self._animated.append(artist)
        self._moved = True

    def frame_marks(self, *artists: Artist) -> None:
        """Mark artists that change only when the frame does (after ``invalidate``), such as a curve picked
        from a menu with its y axis and title: they are left out of the background and drawn as an SVG of
        their own (``frame_svg``), once per named frame. Their text is drawn as outlines, so it looks the same
        as in the background whatever fonts the browser has."""
        for artist in artists:
            artist.set_animated(True)
            self._frame_marks.append(artist)
        self._frame_svg = None
        self._moved = True

    @property
    def has_frame_marks(self) -> bool:
        return bool(self._frame_marks)

    def replace(self, old: Artist | None, new: Artist) -> None:
        """Swap an animated artist for a new one (e.g. a rebuilt legend), keeping its drawing order."""
        new.set_animated(True)
        if old in self._animated:
            self._animated[self._animated.index(old)] = new
        else:
            self._animated.append(new)
        self._moved = True

    def invalidate(self, frame: Hashable | None = None, background: Hashable | None = None) -> None:
        """Ask for a full redraw next time, after anything outside the animated artists changed.

        ``frame`` names everything that is not animated (limits, titles, fixed curves): the
        background drawn for that name before is reused. Without a name it is always drawn anew.
        ``background`` names only what the background PNG shows, for frames that differ in their
        frame marks alone (the same axes under another curve): they share that one background.
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
                artist.stale = False  # seen as it is now (an animated artist's staleness stays its own)
        return self._version

    @property
    def needs_background(self) -> bool:
        """True when the next picture needs a full draw (not a background restored from before)."""
        return self._background is None

    def _draw_background(self) -> _Background:
        if self._background is None:
            self.canvas.draw()  # animated artists are left out of a full draw
            self._background = _Background(self.canvas.copy_from_bbox(self.figure.bbox))
            if self._background_name is not None:
                self._backgrounds[self._background_name] = self._background
                while len(self._backgrounds) > KEPT_BACKGROUNDS:
                    self._backgrounds.popitem(last=False)
        else:
            self.canvas.restore_region(self._background.region)
        return self._background

    def render(self) -> None:
        """Bring the canvas up to date: the background, then the moving artists over it."""
        self.version  # noqa: B018 -- take note of what moved before drawing clears the artists' stale flags
        self._draw_background()
        for artist in (*self._frame_marks, *self._animated):
            if artist.get_visible():
                self.figure.draw_artist(artist)

    def pixels(self) -> np.ndarray:
        """The whole figure as it looks now, as a copy of its RGBA pixels."""
        self.render()
        return np.array(self.canvas.buffer_rgba())

    def png(self) -> bytes:
        """The whole figure as it looks now, as PNG bytes (cached while nothing changed, and by ``state``)."""
        version = self.version
        if self._png is None or self._png[0] != version:
            known = self._whole_pngs.get(self.state) if self.state is not None else None
            self._png = (version, known if known is not None else encode_png(self.pixels()))
            self._remember_whole(self._png[1])
        return self._png[1]

    def warm(self) -> None:
        """Draw and encode what a named frame or state needs if it is not cached yet (an explorer does
        this while idle for the states one step away, so those steps send a cached PNG)."""
        if not self.marks_as_svg:
            if self.state is not None and self.state not in self._whole_pngs:
                self.png()
        else:
            if self._background_name is not None and self._background is None:
                self.background_png()
            if self._frame_marks:
                self.frame_svg()

    def background_pixels(self) -> np.ndarray | None:
        """The background's RGBA pixels when its PNG is still to be made, else None."""
        if self._background is not None and self._background.png is not None:
            return None  # made already: no need to put its pixels back on the canvas (0.7 ms a time)
        background = self._draw_background()
        return None if background.png is not None else np.array(self.canvas.buffer_rgba())

    def background_png(self) -> bytes:
        """Everything but the moving artists, as PNG bytes (made once per background)."""
        pixels = self.background_pixels()
        if pixels is not None:
            self._background.png = encode_png(pixels)
        return self._background.png

    def overlay_svg(self) -> str:
        """The moving artists alone, as an SVG the size of the figure that scales to its box (cached)."""
        version = self.version  # before drawing, which clears the artists' stale flags
        if self._svg is None or self._svg[0] != version:
            self._svg = (version, self._draw_svg() if self._animated else "")
        return self._svg[1]

    def frame_svg(self) -> str:
        """The frame marks alone, as an SVG like ``overlay_svg`` ("" without any), drawn once per named frame."""
        if not self._frame_marks:
            return ""
        if self._frame_svg is None:
            self._frame_svg = self._draw_svg(self._frame_marks, fonttype="path")
            if self._frame_name is not None:
                self._frame_svgs[self._frame_name] = self._frame_svg
                self._frame_svgs.move_to_end(self._frame_name)
                while len(self._frame_svgs) > KEPT_FRAME_SVGS:
                    self._frame_svgs.popitem(last=False)
        return self._frame_svg

    def _draw_svg(self, artists: Sequence[Artist] | None = None, fonttype: str = "none") -> str:
        """Draw the animated artists (or ``artists``) with matplotlib's SVG renderer, which works in points
        (72 per inch). Text is SVG text (``fonttype="none"``), or outlines (``"path"``)."""
        figure, buffer = self.figure, io.StringIO()
        dpi, settings = figure.dpi, {"svg.fonttype": fonttype, "svg.hashsalt": "nnlesson"}
        saved = {key: matplotlib.rcParams[key] for key in settings}
        matplotlib.rcParams.update(settings)  # text as <text>, ids the same on every run
        figure.dpi = SVG_POINTS_PER_INCH
        try:
            renderer = svg_renderer(figure.bbox.width, figure.bbox.height, buffer)
            for artist in self._animated if artists is None else artists:
                if artist.get_visible():
                    artist.draw(renderer)
            renderer.finalize()
        finally:
            figure.dpi = dpi
            matplotlib.rcParams.update(saved)
        svg = buffer.getvalue()
        return _SVG_SIZE.sub(r'<svg\1 width="100%"', svg[svg.index("<svg"):], count=1)

    def shown(self) -> tuple[bytes, str]:
        """What an explorer shows: the background PNG and the moving marks as SVG, or, for a figure
        whose moving marks are too many to send as SVG (``marks_as_svg=False``), the whole figure as
        a PNG and no SVG."""
        if self.marks_as_svg:
            return self.background_png(), self.overlay_svg()
        return self.png(), ""

    def _pixels_to_encode(self) -> np.ndarray | None:
        """The pixels of the PNG ``shown`` would encode now, or None if that PNG is already made."""
        if self.marks_as_svg:
            return self.background_pixels()
        version = self.version
        if self._png is not None and self._png[0] == version:
            return None
        if self.state is not None and self.state in self._whole_pngs:
            self._png = (version, self._whole_pngs[self.state])
            return None
        return self.pixels()

    def _keep_encoded(self, png: bytes) -> None:
        if self.marks_as_svg:
            self._background.png = png
            return
        self._png = (self.version, png)
        self._remember_whole(png)

    def _remember_whole(self, png: bytes) -> None:
        """Keep the whole figure's PNG under its ``state`` name (the most recent KEPT_BACKGROUNDS of them)."""
        if self.state is None or self.marks_as_svg:
            return
        self._whole_pngs[self.state] = png
        self._whole_pngs.move_to_end(self.state)
        while len(self._whole_pngs) > KEPT_BACKGROUNDS:
            self._whole_pngs.popitem(last=False)


def shown_all(figures: Sequence[LiveFigure]) -> list[tuple[bytes, str]]:
    """What every figure shows (``LiveFigure.shown``), the PNGs still to make drawn one after another
    (matplotlib is not thread-safe) and then encoded side by side."""
    waiting = [(figure, pixels) for figure in figures if (pixels := figure._pixels_to_encode()) is not None]
    for (figure, _), png in zip(waiting, encode_all([pixels for _, pixels in waiting])):
        figure._keep_encoded(png)
    return [figure.shown() for figure in figures]
