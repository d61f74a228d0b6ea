"""The explorer contract: controls in, one result out, a readout and figures shown, errors in place.

Every explorer is an ipywidgets box with ``.controls`` (name -> widget), ``.result`` (what the
math tier answered for the current controls), ``.readout`` (the numbers, as HTML) and
``.images`` (one PNG per figure). Moving any control recomputes; a combination the math
rejects shows its message instead of a traceback.

Writing one (docs/AUTHORING.md has the recipe): in ``__init__``, build the controls, the
figures (``plots`` panels) and any attribute ``compute`` or ``show`` use, then call
``super().__init__(controls, panels, view)`` **last**, because it draws the first view. Then:

* ``compute(**values)`` asks the math tier and returns its result (no formulas here);
* ``show(result)`` updates the panels and returns the readout's HTML;
* one line in ``widgets/__init__.py`` registers the factory in ``EXPLORERS``.
"""
from __future__ import annotations

import html
import time
from typing import Any, Mapping, Sequence

import ipywidgets as widgets

from ..plots.panel import Panel
from .html import error_box
from .controls import figure_image, wrap_row


class Explorer(widgets.VBox):
    """Base class: subclasses define ``compute(**values)`` and ``show(result) -> readout HTML``."""

    def __init__(self, controls: Mapping[str, widgets.ValueWidget], panels: Sequence[Panel] = (),
                 view: widgets.Widget | None = None):
        self.controls = dict(controls)
        self.panels = tuple(panels)
        self.result: Any = None
        self.error: str | None = None
        self.last_update_seconds = 0.0
        self.readout = widgets.HTML()
        self.readout.add_class("nnlesson-result")
        self.images = [figure_image() for _ in self.panels]
        self.message = widgets.HTML(layout=widgets.Layout(display="none"))
        self.message.add_class("nnlesson-error")
        self._built = False
        super().__init__([*self.arrange(view or wrap_row(list(self.controls.values()))), self.message])
        self.add_class("nnlesson-explorer")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.refresh()
        self._built = True

    def arrange(self, view: widgets.Widget) -> list[widgets.Widget]:
        """The parts top to bottom: controls, readout, figures. Override to place them otherwise."""
        return [view, self.readout, wrap_row(self.images)]

    def values(self) -> dict[str, Any]:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def compute(self, **values: Any) -> Any:
        raise NotImplementedError

    def show(self, result: Any) -> str | None:
        """Update the panels from ``result``; return the readout's HTML (None leaves it as it is)."""
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        """Hook for subclasses to dim or hide their view while an error is shown."""

    def set_figures_visible(self, visible: bool) -> None:
        """Show or hide every figure image (hidden images keep their place)."""
        for image in self.images:
            image.layout.visibility = "visible" if visible else "hidden"

    def refresh(self) -> None:
        """Recompute from the controls and redraw; on bad input, show the message instead."""
        start = time.perf_counter()
        try:
            result = self.compute(**self.values())
            readout = self.show(result)
        except (ValueError, TypeError) as error:
            self._fail(str(error))
        except AttributeError as error:
            if not self._built:  # a new explorer set an attribute too late: say how to fix it
                raise AttributeError(f"{type(self).__name__}: {error}. Set every attribute that compute() "
                                     "and show() use before calling super().__init__(), which draws the "
                                     "first view.") from error
            self._fail(self._bug_message(error))
        except Exception as error:  # a bug must not leave a learner with a frozen widget
            self._fail(self._bug_message(error))
        else:
            if readout is not None:
                self.readout.value = readout
            for image, panel in zip(self.images, self.panels):
                image.value = panel.png()  # an unchanged figure gives back the same bytes, and nothing is sent
            self.result = result
            self.error = None
            self.message.layout.display = "none"
        self.last_update_seconds = time.perf_counter() - start

    @staticmethod
    def _bug_message(error: Exception) -> str:
        return (f"Something went wrong inside the explorer ({type(error).__name__}: {error}). "
                "Move the control back or restart the kernel; please report this.")

    def _fail(self, message: str) -> None:
        self.result = None
        self.error = message
        self.message.value = error_box(f"&#9888; {html.escape(message)}")
        self.message.layout.display = ""
        self.show_error(message)

    def _on_change(self, change: dict) -> None:
        self.refresh()
