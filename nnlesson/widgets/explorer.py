"""The explorer contract: controls in, a result dict and a view out, errors shown in place.

Every explorer is an ipywidgets box with ``.controls`` (name -> widget) and ``.result``
(the numbers it shows now). Moving any control recomputes through the package's math;
a combination the math rejects shows its message where the result was, never a traceback.
"""
from __future__ import annotations

import html
import time
from typing import Any, Mapping

import ipywidgets as widgets

ERROR_STYLE = ("border-left: 4px solid #D55E00; background: #fdf0e8; padding: 6px 10px; "
               "color: #000; font-size: 13px")


class Explorer(widgets.VBox):
    """Base class: subclasses define ``compute(**values) -> dict`` and ``show(result)``."""

    def __init__(self, controls: Mapping[str, widgets.ValueWidget], body: list[widgets.Widget]):
        self.controls = dict(controls)
        self.result: dict[str, Any] = {}
        self.error: str | None = None
        self.last_update_seconds = 0.0
        self.message = widgets.HTML(layout=widgets.Layout(display="none"))
        self.message.add_class("nnlesson-error")
        super().__init__([*body, self.message])
        self.add_class("nnlesson-explorer")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.refresh()

    def values(self) -> dict[str, Any]:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def compute(self, **values: Any) -> dict[str, Any]:
        raise NotImplementedError

    def show(self, result: dict[str, Any]) -> None:
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        """Hook for subclasses to dim or hide their view while an error is shown."""

    def refresh(self) -> None:
        """Recompute from the controls and redraw; on bad input, show the message instead."""
        start = time.perf_counter()
        try:
            result = self.compute(**self.values())
            self.show(result)
        except (ValueError, TypeError) as error:
            self._fail(str(error))
        except Exception as error:  # a bug must not leave a learner with a frozen widget
            self._fail(f"Something went wrong inside the explorer ({type(error).__name__}: {error}). "
                       "Move the control back or restart the kernel; please report this.")
        else:
            self.result = result
            self.error = None
            self.message.layout.display = "none"
        self.last_update_seconds = time.perf_counter() - start

    def _fail(self, message: str) -> None:
        self.result = {}
        self.error = message
        self.message.value = f'<div style="{ERROR_STYLE}">&#9888; {html.escape(message)}</div>'
        self.message.layout.display = ""
        self.show_error(message)

    def _on_change(self, change: dict) -> None:
        self.refresh()


def slider(description: str, value: float, low: float, high: float, step: float = 0.1,
           integer: bool = False, **kwargs: Any) -> widgets.ValueWidget:
    """A labelled slider with room for its label and continuous updates while dragging."""
    kind = widgets.IntSlider if integer else widgets.FloatSlider
    return kind(value=value, min=low, max=high, step=step, description=description,
                continuous_update=True, style={"description_width": "initial"},
                layout=widgets.Layout(width="300px"), **kwargs)


def figure_image() -> widgets.Image:
    """An Image widget that holds a rendered PNG figure and shrinks to the page width."""
    return widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto"))
