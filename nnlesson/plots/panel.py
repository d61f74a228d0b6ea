"""``Panel``: one figure that an explorer shows as one image. Every figure class in ``plots`` is one.

A panel owns a matplotlib ``figure`` and a ``LiveFigure`` that turns it into PNG bytes. Panels
whose picture moves with a slider mark their moving artists ``animated`` once and only move
them in ``update``; panels whose picture changes whole (a retrained network) call ``redraw``.
The figure is made by the base (one axes, fixed margins) or handed over by the subclass.
"""
from __future__ import annotations

from typing import Callable

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .live import LiveFigure
from .style import RC, panel


class Panel:
    """A figure plus its ``LiveFigure``; subclasses set ``size``, ``margins`` and ``rc`` or pass a figure."""

    size = (4.6, 4.0)  # two side by side fit a notebook next to JupyterLab's file browser, in one screen
    margins = {"left": 0.15, "right": 0.97, "bottom": 0.285, "top": 0.9}
    rc = RC
    marks_as_svg = True
    """Send the moving marks as SVG over a PNG background; False for panels whose marks are dense
    (many lines or a shaded region), where one PNG of the whole figure is smaller and quicker."""

    def __init__(self, figure: Figure | None = None):
        if figure is None:
            with matplotlib.rc_context(self.rc):
                figure, self.axes = panel(*self.size, self.margins)
        self.figure = figure
        self.live = LiveFigure(figure, self.marks_as_svg)

    def redraw(self, draw: Callable[[Axes], None], title: str) -> None:
        """Clear the axes, call ``draw(axes)`` under the package style, title it, and ask for a full render.

        The title gets a fixed height: left to itself, matplotlib measures every tick label
        on every draw to place it, which was a third of the time of a redraw.
        """
        with matplotlib.rc_context(self.rc):
            self.axes.clear()
            draw(self.axes)
            self.axes.set_title(title, y=1.02)
        self.live.invalidate()

    def png(self) -> bytes:
        """The figure as PNG bytes, for the background layer of its view (the same bytes again while nothing changed)."""
        return self.live.png()
