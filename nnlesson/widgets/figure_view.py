"""``FigureView``: one panel's ``Picture`` on the page, its layers stacked in one grid cell.

Bottom to top: the background PNG (``image``), the frame marks' SVG (``layer``, only for a panel that
has frame marks) and the moving marks' SVG (``overlay``). Each layer is an <img> with its picture inline
(a ``data:`` URL) in an HTML widget, and a layer whose picture did not change sends nothing. Inline,
a new background finished decoding 1-6 ms after it arrived in Chromium (median of paired runs); as the
blob URL that ``widgets.Image`` makes, 9-13 ms. All layers scale together to the width they are given
and never grow past the figure's own pixels. The CSS that stacks them is ``STYLE`` below.
"""
from __future__ import annotations

import base64

import ipywidgets as widgets

from ..plots.live import Picture
from ..plots.panel import Panel

CLASS = "nnlesson-figure"
BACKGROUND_CLASS = "nnlesson-background"
OVERLAY_CLASS = "nnlesson-overlay"
STACKED = "1 / 1 / 2 / 2"  # every layer in the grid's one cell
STYLE = (f".{CLASS} > .{BACKGROUND_CLASS}, .{CLASS} > .{OVERLAY_CLASS} {{ margin: 0; height: auto; }}"
         f".{OVERLAY_CLASS} {{ pointer-events: none; align-self: stretch; }}"
         f".{CLASS} .widget-html-content {{ height: auto; line-height: 0; width: 100%; }}"
         f".{CLASS} img {{ display: block; width: 100%; height: auto; }}"
         f".widget-vbox > .{CLASS} {{ flex: 0 0 auto !important; overflow: visible; }}")
"""The figure's layers laid exactly over each other: no margins, every layer as wide as the picture. A figure
stacked in a column is as tall as its picture: its flex basis, meant as a width beside another figure, would
otherwise be its height there, and the picture scrolled in a box too short for it."""


def image_html(data: bytes | str, kind: str) -> str:
    """An <img> with its picture inline ("" for no picture): ``kind`` is "png" or "svg+xml"."""
    if not data:
        return ""
    raw = data.encode() if isinstance(data, str) else data
    return f'<img alt="" src="data:image/{kind};base64,{base64.b64encode(raw).decode()}">'


class PngLayer(widgets.HTML):
    """A PNG shown as an inline <img>; ``png`` holds its bytes (setting other bytes sends the picture)."""

    def __init__(self, png: bytes = b"") -> None:
        super().__init__(layout=_layer_layout())
        self.add_class(BACKGROUND_CLASS)
        self._png = b""
        self.png = png

    @property
    def png(self) -> bytes:
        return self._png

    @png.setter
    def png(self, data: bytes) -> None:
        if data != self._png:
            self._png = bytes(data)
            self.value = image_html(self._png, "png")


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

    def put(self, picture: Picture) -> None:
        """Show ``picture``; only the layers whose picture changed send a message."""
        if self.layer is not None:
            self.layer.value = image_html(picture.frame, "svg+xml")
        self.image.png = picture.background
        self.overlay.value = image_html(picture.marks, "svg+xml")

    def shown(self) -> tuple[bytes, str]:
        """What the learner sees: the background PNG and the HTML of the SVG layers over it, bottom first."""
        frame = self.layer.value if self.layer is not None else ""
        return self.image.png, frame + self.overlay.value


def _layer_layout() -> widgets.Layout:
    return widgets.Layout(grid_area=STACKED, width="100%", min_width="0")


def _svg_layer() -> widgets.HTML:
    layer = widgets.HTML(layout=_layer_layout())
    layer.add_class(OVERLAY_CLASS)
    return layer


def still_figure(png: bytes, basis: str = "330px") -> widgets.HTML:
    """A picture that never changes (a PNG made once), inline like a panel's layers: about ``basis`` wide or more,
    beside another figure when the row has room, and never wider than its own pixels or the page."""
    width = int.from_bytes(png[16:20], "big")  # the PNG header's IHDR chunk holds the width
    view = widgets.HTML(image_html(png, "png"), layout=widgets.Layout(
        flex=f"1 1 {basis}", min_width="0", max_width=f"min(100%, {width}px)"))
    view.add_class(CLASS)
    return view
