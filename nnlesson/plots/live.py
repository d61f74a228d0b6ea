"""Turn a matplotlib figure into PNG bytes fast enough for a slider.

Redrawing a whole figure takes tens of milliseconds; most slider moves change only a
few artists. Artists marked ``animated`` are drawn over a cached background, and the
whole figure is redrawn only after ``invalidate()`` (new limits, titles or curves).
When nothing changed since the last PNG, ``png()`` hands back the same bytes at no cost.
"""
from __future__ import annotations

import io

import matplotlib.image
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


class LiveFigure:
    """A figure redrawn in place: a cached background plus the artists that move."""

    def __init__(self, figure: Figure):
        self.figure = figure
        self.canvas = FigureCanvasAgg(figure)
        self._background = None
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

    def invalidate(self) -> None:
        """Ask for a full redraw next time, after anything outside the animated artists changed."""
        self._background = None

    def render(self) -> None:
        """Bring the canvas up to date, redrawing the background only when invalidated."""
        if self._background is None:
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        else:
            self.canvas.restore_region(self._background)
        for artist in self._animated:
            if artist.get_visible():
                self.figure.draw_artist(artist)
            artist.stale = False  # drawn as it is now (an animated artist's staleness stays its own)

    @property
    def changed(self) -> bool:
        """True when the next PNG would differ from the last: a full redraw is due or a moving artist moved."""
        return self._background is None or any(artist.stale for artist in self._animated)

    def png(self) -> bytes:
        """The figure as it looks now, as PNG bytes (fast, lightly compressed; cached while unchanged)."""
        if self._png is not None and not self.changed:
            return self._png
        self.render()
        buffer = io.BytesIO()
        matplotlib.image.imsave(buffer, self.canvas.buffer_rgba(), format="png",
                                pil_kwargs={"compress_level": 1})
        self._png = buffer.getvalue()
        return self._png
