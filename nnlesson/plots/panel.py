"""``Panel``: one figure that an explorer shows as one picture. Every figure class in ``plots`` is one.

A panel owns a matplotlib ``figure`` and its ``live`` figure, which turns it into a ``Picture``. A panel
marks its moving artists with ``live.animate`` once and only moves them in its ``update``; a panel whose
picture changes whole (a retrained network) calls ``redraw``. A ``WholePanel`` is shown as one PNG, for
moving marks too many for SVG. The figure is made by the base (one axes, fixed margins) or handed over.
"""
from __future__ import annotations

from typing import Callable

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .live import LiveFigure, Picture, WholeFigure
from .style import RC, panel


class Panel:
    """A figure plus its ``LiveFigure``; subclasses set ``size``, ``margins`` and ``rc`` or pass a figure."""

    size = (4.6, 4.0)  # two side by side fit a notebook next to JupyterLab's file browser, in one screen
    margins = {"left": 0.15, "right": 0.97, "bottom": 0.285, "top": 0.9}
    rc = RC

    def __init__(self, figure: Figure | None = None):
        if figure is None:
            with matplotlib.rc_context(self.rc):
                figure, self.axes = panel(*self.size, self.margins)
        self.figure = figure
        self.live = self._live(figure)

    def _live(self, figure: Figure) -> LiveFigure:
        return LiveFigure(figure)

    def redraw(self, draw: Callable[[Axes], None], title: str) -> None:
        """Clear the axes, call ``draw(axes)`` under the package style, title it, and ask for a full render."""
        with matplotlib.rc_context(self.rc):
            self.axes.clear()
            draw(self.axes)
            self.axes.set_title(title, y=1.02)
        self.live.invalidate()

    def picture(self) -> Picture:
        """What the page shows of this panel now."""
        return self.live.picture()

    def png(self) -> bytes:
        """The whole figure flattened into one PNG (the same bytes again while nothing moved)."""
        return self.live.png()


class WholePanel(Panel):
    """A panel shown whole as one PNG (``WholeFigure``): where the moving marks are dense (many lines, a shaded
    region), one PNG is smaller and quicker to make than their SVG. ``live.state`` may name what it shows."""

    live: WholeFigure

    def _live(self, figure: Figure) -> WholeFigure:
        return WholeFigure(figure)
