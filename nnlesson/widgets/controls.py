"""The controls every explorer is built from: one factory per kind, one look for all.

``live=True`` updates while a slider is dragged (cheap explorers); ``live=False`` only when
it is released (explorers that retrain a network), while arrow keys still move it step by step.

Everything reflows: a control fills its column up to ``MAX_WIDTH``; columns share a row while
there is room and stack on a narrow screen (a projector at 150% zoom with the file browser
open leaves an explorer about 420 px); figures sit side by side or one under the other.
"""
from __future__ import annotations

from typing import Any, Sequence

import ipywidgets as widgets

WIDTH = "100%"
MAX_WIDTH = "340px"
STYLE = {"description_width": "initial"}  # the label takes the room it needs, never cut


def slider(description: str, value: float, low: float, high: float, step: float = 0.1, *,
           integer: bool = False, live: bool = True, width: str = WIDTH) -> widgets.ValueWidget:
    """A labelled slider from ``low`` to ``high``: an IntSlider with ``integer=True``, else a FloatSlider."""
    kind = widgets.IntSlider if integer else widgets.FloatSlider
    return kind(value=value, min=low, max=high, step=step, description=description, continuous_update=live,
                style=STYLE, layout=_fill(width))


def steps_slider(description: str, options: Sequence[Any], value: Any, *, live: bool = False,
                 width: str = WIDTH) -> widgets.SelectionSlider:
    """A slider over a few chosen values (powers of two, decades), labelled as the numbers read."""
    return widgets.SelectionSlider(options=[(f"{v:g}", v) for v in options], value=value, description=description,
                                   continuous_update=live, style=STYLE, layout=_fill(width))


def dropdown(description: str, options: Sequence[Any], value: Any, *, width: str = WIDTH) -> widgets.Dropdown:
    """A labelled list of choices; ``options`` may be values or (label, value) pairs."""
    return widgets.Dropdown(options=options, value=value, description=description, style=STYLE,
                            layout=_fill(width))


def checkbox(description: str, value: bool, *, width: str | None = None) -> widgets.Checkbox:
    """A checkbox with its label on the right, not indented, as wide as its label (or ``width``)."""
    return widgets.Checkbox(value=value, description=description, indent=False,
                            layout=widgets.Layout(width=width or "auto", max_width="100%"))


def _fill(width: str) -> widgets.Layout:
    """A control as wide as ``width`` of its column, never wider than MAX_WIDTH."""
    return widgets.Layout(width=width, max_width=MAX_WIDTH)


def column(title: str, *children: widgets.Widget, basis: str = "240px") -> widgets.VBox:
    """A titled column of controls: about ``basis`` wide, growing to share a row, never touching its neighbour."""
    header = [widgets.HTML(f"<b>{title}</b>")] if title else []
    return widgets.VBox([*header, *children], layout=widgets.Layout(flex=f"1 1 {basis}", min_width="220px",
                                                                   max_width="360px", margin="0 20px 6px 0"))


def wrap_row(children: Sequence[widgets.Widget], **layout: Any) -> widgets.HBox:
    """Widgets side by side that wrap onto the next line when the page is too narrow."""
    return widgets.HBox(list(children), layout=widgets.Layout(flex_flow="row wrap", **layout))

