"""Turn a matplotlib figure into PNG bytes fast enough for a slider.

Redrawing a whole figure takes tens of milliseconds; most slider moves change only a
few artists. Artists marked ``animated`` are drawn over a cached background, and the
whole figure is redrawn only after ``invalidate()`` (new limits, titles or curves).
When nothing changed since the last PNG, ``png()`` hands back the same bytes at no cost.
A panel may name the look of its background (its limits, its title) when it invalidates:
a background drawn before under that name is restored instead of drawn again, so a slider
that moves an axis back and forth between a few limits pays for each full redraw once.

The PNG is a 256-colour palette image: these figures are flat colours with smooth edges,
which a palette keeps to the eye, and it skips the per-row filter search that made an
RGBA PNG cost 9 ms here (the encoding then takes about 2 ms, and the file is 2-3 times
smaller to send and decode). ``png_all`` encodes several figures on two threads.
"""
from __future__ import annotations

import io
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import Hashable, Sequence

import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

_encoders: ThreadPoolExecutor | None = None
KEPT_BACKGROUNDS = 12
"""Named backgrounds kept per figure (about 0.7 MB each for a 480 x 340 figure)."""


def encode_png(rgba: np.ndarray) -> bytes:
    """An RGBA pixel array (height x width x 4) as a palette PNG, quickly and without dithering."""
    image = Image.fromarray(rgba, "RGBA").convert("RGB")
    palette = image.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


class LiveFigure:
    """A figure redrawn in place: a cached background plus the artists that move."""

    def __init__(self, figure: Figure):
        self.figure = figure
        self.canvas = FigureCanvasAgg(figure)
        self._background = None
        self._frame: Hashable | None = None
        self._backgrounds: OrderedDict = OrderedDict()
        self._redrawn = True
        self._animated: list[Artist] = []
        self._png: bytes | None = None

    def animate(self, *artists: Artist) -> None:
        """Mark artists that change on every update; they are drawn over the background."""
        for artist in artists:
            artist.set_animated(True)
            self._animated.append(artist)

    def replace(self, old: Artist | None, new: Artist) -> None:
        """Swap an animated artist for a new one (e.g. a rebuilt legend), keeping its drawing order."""
        new.set_animated(True)
        if old in self._animated:
            self._animated[self._animated.index(old)] = new
        else:
            self._animated.append(new)

    def invalidate(self, frame: Hashable | None = None) -> None:
        """Ask for a full redraw next time, after anything outside the animated artists changed.

        ``frame`` names everything that is not animated (limits, titles, fixed curves): the
        background drawn for that name before is reused. Without a name it is always drawn anew.
        """
        self._frame = frame
        self._background = self._backgrounds.get(frame) if frame is not None else None
        self._redrawn = True

    def render(self) -> None:
        """Bring the canvas up to date, redrawing the background only when invalidated."""
        if self._background is None:
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            if self._frame is not None:
                self._backgrounds[self._frame] = self._background
                while len(self._backgrounds) > KEPT_BACKGROUNDS:
                    self._backgrounds.popitem(last=False)
        else:
            self.canvas.restore_region(self._background)
        self._redrawn = False
        for artist in self._animated:
            if artist.get_visible():
                self.figure.draw_artist(artist)
            artist.stale = False  # drawn as it is now (an animated artist's staleness stays its own)

    @property
    def changed(self) -> bool:
        """True when the next PNG would differ from the last: a full redraw is due or a moving artist moved."""
        return self._png is None or self._redrawn or any(artist.stale for artist in self._animated)

    def pixels(self) -> np.ndarray:
        """The figure as it looks now, as a copy of its RGBA pixels (rendered first if needed)."""
        self.render()
        return np.array(self.canvas.buffer_rgba())

    def png(self) -> bytes:
        """The figure as it looks now, as PNG bytes (cached while nothing changed)."""
        if self.changed:
            self._png = encode_png(self.pixels())
        return self._png


def png_all(figures: Sequence[LiveFigure]) -> list[bytes]:
    """Every figure's PNG: the changed ones drawn one after another (matplotlib is not thread-safe),
    then encoded side by side on two threads; one thread where threads cannot start (Pyodide)."""
    global _encoders
    stale = [figure for figure in figures if figure.changed]
    pixels = [figure.pixels() for figure in stale]
    if len(pixels) > 1:
        try:
            _encoders = _encoders or ThreadPoolExecutor(max_workers=2, thread_name_prefix="nnlesson-png")
            encoded = list(_encoders.map(encode_png, pixels))
        except RuntimeError:
            encoded = [encode_png(p) for p in pixels]
    else:
        encoded = [encode_png(p) for p in pixels]
    for figure, png in zip(stale, encoded):
        figure._png = png
    return [figure.png() for figure in figures]
