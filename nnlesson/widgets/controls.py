"""The controls every explorer is built from: one factory per kind, one look for all.

``live=True`` updates while a slider is dragged (cheap explorers); ``live=False`` only when
it is released (explorers that retrain a network), while arrow keys still move it step by step.

A starting value given to an explorer is taken as asked or refused, never changed: a slider widens to take a
number past its ends, a slider of chosen steps takes a new step (unless ``others=False``), and a value that is
not on a menu raises ``ArgumentError`` listing the choices.

Everything reflows: a control fills its column up to ``MAX_WIDTH``; columns share a row while
there is room and stack on a narrow screen (a projector at 150% zoom with the file browser
open leaves an explorer about 420 px); figures sit side by side or one under the other.
"""
from __future__ import annotations

import difflib
import math
import numbers
from typing import Any, Sequence

import ipywidgets as widgets

WIDTH = "100%"
MAX_WIDTH = "340px"
STYLE = {"description_width": "initial"}  # the label takes the room it needs, never cut


class ArgumentError(ValueError):
    """A starting value an explorer cannot take: names the ``argument``, its ``value`` and the ``rule``."""

    def __init__(self, argument: str, value: Any, rule: str):
        self.argument, self.value, self.rule = argument, value, rule
        super().__init__(f"{argument}={value!r}: {rule}")


def number(argument: str, value: Any, integer: bool = False) -> float:
    """``value`` as a plain int or float if it is a finite real number (a whole one with ``integer``), else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ArgumentError(argument, value, f"{argument} takes {'a whole number' if integer else 'a number'}")
    if not math.isfinite(value):
        raise ArgumentError(argument, value, f"{argument} takes a finite number")
    if integer:
        if value != int(value):
            raise ArgumentError(argument, value, f"{argument} takes a whole number")
        return int(value)
    return float(value)


def within(argument: str, value: Any, low: float, high: float = math.inf, rule: str | None = None) -> None:
    """Refuse a starting number outside ``low``..``high`` that the explorer's math cannot take (a slider would widen
    to it). Anything that is not a number passes on to its control, which says what is wrong with it."""
    if not isinstance(value, bool) and isinstance(value, numbers.Real) and not low <= value <= high:
        raise ArgumentError(argument, value, rule or (f"{argument} must be at least {low:,g}" if high == math.inf
                                                      else f"{argument} takes {low:,g} to {high:,g}"))


def slider(description: str, value: float, low: float, high: float, step: float = 0.1, *,
           integer: bool = False, live: bool = True, width: str = WIDTH, argument: str | None = None
           ) -> widgets.ValueWidget:
    """A labelled slider from ``low`` to ``high``: an IntSlider with ``integer=True``, else a FloatSlider. A starting
    ``value`` past either end widens the slider to take it; ``argument`` names the value in errors."""
    value = number(argument or description, value, integer)
    kind = widgets.IntSlider if integer else widgets.FloatSlider
    return kind(value=value, min=min(low, value), max=max(high, value), step=step, description=description,
                continuous_update=live, style=STYLE, layout=_fill(width))


def steps_slider(description: str, options: Sequence[Any], value: Any, *, live: bool = False,
                 width: str = WIDTH, argument: str | None = None, others: bool = True) -> widgets.SelectionSlider:
    """A slider over a few chosen values (powers of two, decades), labelled as the numbers read. A starting
    ``value`` between them becomes one more step, unless ``others=False`` (then it is refused)."""
    name = argument or description
    if value not in options:
        if not others:
            raise ArgumentError(name, value, f"{name} must be one of {_listing(options)}")
        value = number(name, value, integer=isinstance(value, numbers.Integral))
        if value < 0:
            raise ArgumentError(name, value, f"{name} must not be negative")
        options = sorted({*options, value})
    return widgets.SelectionSlider(options=[(f"{v:g}", v) for v in options], value=value, description=description,
                                   continuous_update=live, style=STYLE, layout=_fill(width))


def dropdown(description: str, options: Sequence[Any], value: Any, *, width: str = WIDTH,
             argument: str | None = None) -> widgets.Dropdown:
    """A labelled list of choices; ``options`` may be values or (label, value) pairs. A ``value`` that is not
    one of them is refused, listing them (and the nearest, for a name mistyped)."""
    values = [option[1] if isinstance(option, tuple) else option for option in options]
    if value not in values:
        name = argument or description
        names = {str(v).lower(): v for v in values}
        nearest = difflib.get_close_matches(str(value).lower(), list(names), n=1, cutoff=0.6)
        hint = f"; did you mean {names[nearest[0]]!r}?" if nearest and isinstance(value, str) else ""
        raise ArgumentError(name, value, f"{name} must be one of {_listing(values)}{hint}")
    return widgets.Dropdown(options=options, value=value, description=description, style=STYLE,
                            layout=_fill(width))


def _listing(values: Sequence[Any]) -> str:
    """'1, 2, 4, 8 or 16': choices as a learner would type them."""
    shown = [repr(v) if isinstance(v, str) else f"{v:g}" if isinstance(v, float) else str(v) for v in values]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def checkbox(description: str, value: bool, *, width: str | None = None, argument: str | None = None
             ) -> widgets.Checkbox:
    """A checkbox with its label on the right, not indented, as wide as its label (or ``width``)."""
    if not isinstance(value, (bool, numbers.Integral)) or value not in (0, 1):
        name = argument or description
        raise ArgumentError(name, value, f"{name} takes True or False")
    return widgets.Checkbox(value=bool(value), description=description, indent=False,
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

