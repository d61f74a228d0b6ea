"""``FigureView``: one panel on screen, matplotlib's background with the moving marks drawn over it.

The background is a PNG (sent only when the background changes); the marks that move with a
slider are an SVG stacked on top of it in the same grid cell. A panel with frame marks
(``LiveFigure.frame_marks``: a curve picked from a menu, its y axis) shows them as a second SVG
between the two, sent only when they change. Each layer is an <img> with its picture inline (a
``data:`` URL) in an HTML widget. ``widgets.Image`` hands the browser a blob URL instead, which
Chromium fetches before it decodes: in paired browser benchmark runs a new background finished
decoding a median of 9-13 ms after it arrived that way, and 1-6 ms after it arrived inline.
All layers scale together to the width they are given and never grow past the figure's own pixels.
A panel whose moving marks are dense (``marks_as_svg = False``) shows one PNG and no SVG.
"""
from __future__ import annotations

import base64

import ipywidgets as widgets

from ..plots.panel import Panel

CLASS = "nnlesson-figure"
BACKGROUND_CLASS = "nnlesson-background"
STACKED = "1 / 1 / 2 / 2"  # both layers in the grid's one cell


class PngLayer(widgets.HTML):
    """A PNG shown as an inline <img>; ``png`` holds its bytes (setting it sends the picture)."""

    def __init__(self) -> None:
        super().__init__(layout=widgets.Layout(grid_area=STACKED, width="100%", min_width="0"))
        self.add_class(BACKGROUND_CLASS)
        self._png = b""

    @property
    def png(self) -> bytes:
        return self._png

    @png.setter
    def png(self, data: bytes) -> None:
        if data != self._png:
            self._png = bytes(data)
            self.value = f'<img alt="" src="data:image/png;base64,{base64.b64encode(self._png).decode()}">'


class FigureView(widgets.GridBox):
    """A panel's picture: ``image`` (the background PNG) under ``layer`` (the frame marks, SVG; None for a
    panel without them) under ``overlay`` (the moving marks, SVG)."""

    def __init__(self, panel: Panel, basis: str = "330px"):
        self.panel = panel
        self.image = PngLayer()
        self.layer = _svg_layer() if panel.live.has_frame_marks else None
        self.overlay = _svg_layer()
        width = round(panel.figure.bbox.width)  # shown at most at its own size, never blown up
        layers = [self.image, self.overlay] if self.layer is None else [self.image, self.layer, self.overlay]
        super().__init__(layers, layout=widgets.Layout(
            flex=f"1 1 {basis}", min_width="0", max_width=f"min(100%, {width}px)",
            grid_template_columns="minmax(0, 1fr)"))
        self.add_class(CLASS)

    def shown(self) -> tuple[bytes, str]:
        """What the learner sees: the background PNG and the SVG layers drawn over it, bottom first."""
        if self.layer is None:
            return self.image.png, self.overlay.value
        return self.image.png, self.layer.value + self.overlay.value

    def drawn(self) -> tuple[str | None, bytes, str]:
        """The panel as it looks now, ready to send: frame marks (None without them), background, moving marks."""
        background, marks = self.panel.live.shown()
        frame = None if self.layer is None else marks_html(self.panel.live.frame_svg())
        return frame, background, marks_html(marks)

    def put(self, drawn: tuple[str | None, bytes, str]) -> None:
        """Send what ``drawn`` made; only the layers whose value changed send a message."""
        frame, background, marks = drawn
        if self.layer is not None:
            self.layer.value = frame
        self.image.png, self.overlay.value = background, marks


def _svg_layer() -> widgets.HTML:
    layer = widgets.HTML(layout=widgets.Layout(grid_area=STACKED, width="100%", min_width="0"))
    layer.add_class("nnlesson-overlay")
    return layer


def marks_html(svg: str) -> str:
    """The moving marks as an <img> of their SVG: the browser draws it as one picture, outside the page's
    layout. Inline, the SVG's elements took part in every relayout of the notebook, and with ten explorers
    on a page a 30-step drag took 2.7 times as long as on an idle slider (1.4 times with the marks as an image)."""
    if not svg:
        return ""
    return f'<img alt="" src="data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}">'
