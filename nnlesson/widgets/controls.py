"""The controls every explorer is built from: one factory per kind, one look for all.

``live=True`` updates while a slider is dragged (cheap explorers); ``live=False`` only when
it is released (explorers that retrain a network), while arrow keys still move it step by step.
"""
from __future__ import annotations

from typing import Any, Sequence

import ipywidgets as widgets

WIDTH = "300px"
STYLE = {"description_width": "initial"}  # the label takes the room it needs, never cut


def slider(description: str, value: float, low: float, high: float, step: float = 0.1, *,
           integer: bool = False, live: bool = True, width: str = WIDTH) -> widgets.ValueWidget:
    """A labelled slider from ``low`` to ``high``: an IntSlider with ``integer=True``, else a FloatSlider."""
    kind = widgets.IntSlider if integer else widgets.FloatSlider
    return kind(value=value, min=low, max=high, step=step, description=description, continuous_update=live,
                style=STYLE, layout=widgets.Layout(width=width))


def steps_slider(description: str, options: Sequence[Any], value: Any, *, live: bool = False,
                 width: str = WIDTH) -> widgets.SelectionSlider:
    """A slider over a few chosen values (powers of two, decades), labelled as the numbers read."""
    return widgets.SelectionSlider(options=[(f"{v:g}", v) for v in options], value=value, description=description,
                                   continuous_update=live, style=STYLE, layout=widgets.Layout(width=width))


def dropdown(description: str, options: Sequence[Any], value: Any, *, width: str = WIDTH) -> widgets.Dropdown:
    """A labelled list of choices; ``options`` may be values or (label, value) pairs."""
    return widgets.Dropdown(options=options, value=value, description=description, style=STYLE,
                            layout=widgets.Layout(width=width))


def checkbox(description: str, value: bool, *, width: str | None = None) -> widgets.Checkbox:
    """A checkbox with its label on the right, not indented."""
    layout = widgets.Layout(width=width) if width else widgets.Layout()
    return widgets.Checkbox(value=value, description=description, indent=False, layout=layout)


def column(title: str, *children: widgets.Widget) -> widgets.VBox:
    """A titled column of controls, with room to its right so neighbouring columns never touch."""
    return widgets.VBox([widgets.HTML(f"<b>{title}</b>"), *children], layout=widgets.Layout(margin="0 28px 8px 0"))


def wrap_row(children: Sequence[widgets.Widget], **layout: Any) -> widgets.HBox:
    """Widgets side by side that wrap onto the next line when the page is too narrow."""
    return widgets.HBox(list(children), layout=widgets.Layout(flex_flow="row wrap", **layout))


def figure_image() -> widgets.Image:
    """An Image widget that holds a rendered PNG figure and shrinks to the page width."""
    return widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto"))
