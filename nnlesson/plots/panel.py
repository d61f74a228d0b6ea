"""A redrawable one-axes figure, the base of the training pictures.

Each update clears the axes and draws again (a retrained network changes everything in the
picture), inside the package style and with fixed margins, so the figure keeps its size
and nothing jumps while a learner moves a slider.
"""
from __future__ import annotations

from typing import Callable

import matplotlib
from matplotlib.axes import Axes

from .live import LiveFigure
from .style import RC, panel


class Panel:
    """A figure with one axes; subclasses set ``size``, ``margins`` and ``rc`` and call ``redraw``."""

    size = (4.6, 4.4)  # two side by side fit a notebook next to JupyterLab's file browser
    margins = {"left": 0.15, "right": 0.97, "bottom": 0.26, "top": 0.91}
    rc = RC

    def __init__(self):
        with matplotlib.rc_context(self.rc):
            self.figure, self.axes = panel(*self.size, self.margins)
        self.live = LiveFigure(self.figure)

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
        """The figure as PNG bytes, for an Image widget."""
        return self.live.png()
