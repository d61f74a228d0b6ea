"""The explorer contract: controls in, one result out, a readout and pictures shown, errors in place.

An explorer is an ipywidgets box with ``.controls`` (name -> widget), ``.result`` (what the math tier
answered for the current controls), ``.readout`` (the numbers, as HTML) and ``.figures`` (one
``FigureView`` per panel). A change of any control goes one way:

    control -> ``compute(**values)`` -> result -> ``draw(result)`` -> the panels' artists and the readout's
    HTML -> ``update_view(result)`` -> every panel's ``Picture`` -> the page

``compute`` asks the math tier (no formulas here) and raises ``ValueError`` in the learner's words for
input it cannot take: the message then shows at the top and the last valid view is dimmed. ``draw``
touches only the panels and returns the readout's HTML (None leaves it as it is). ``update_view`` sets any
other widget (a hidden slider, a table, a progress bar's end). When a change is sent (at once, or merged
during a drag) is decided in ``runtime.py``; docs/AUTHORING.md has the recipe.
"""
from __future__ import annotations

import functools
import html
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Mapping, Sequence

import ipywidgets as widgets

from ..plots.live import pictures
from ..plots.panel import Panel
from .controls import ArgumentError, wrap_row
from .figure_view import STYLE as FIGURE_STYLE
from .figure_view import FigureView
from .html import STALE_STYLE, error_box
from .runtime import Updates, on_home_thread

STALE = "nnlesson-stale"
"""CSS class of the parts that show the last valid state while an input is invalid (dimmed)."""


class Explorer(widgets.VBox):
    """Base class: subclasses define ``compute(**values)``, ``draw(result) -> readout HTML`` and, if they have
    widgets besides the panels to set, ``update_view(result)``."""

    def __init__(self, controls: Mapping[str, widgets.ValueWidget], panels: Sequence[Panel] = (),
                 view: widgets.Widget | None = None):
        self.controls = dict(controls)
        self.panels = tuple(panels)
        self.result: Any = None
        self.error: str | None = None
        self.last_update_seconds = 0.0
        self.readout = widgets.HTML()
        self.readout.add_class("nnlesson-result")
        self.figures = [FigureView(panel) for panel in self.panels]
        self.message = widgets.HTML(layout=widgets.Layout(display="none"))
        self.message.add_class("nnlesson-error")
        self.updates = Updates(self._compute_and_draw, self._put_on_page)
        self._readout: str | None = None  # drawn, not sent yet
        self._valid: Any = None  # the last result computed without an error: what the page shows, dimmed or not
        self._built = self._holding = self._updating = False
        parts = self.arrange(view or wrap_row(list(self.controls.values())))
        super().__init__([widgets.HTML(f"<style>{STALE_STYLE}{FIGURE_STYLE}</style>"), self.message, *parts])
        self.add_class("nnlesson-explorer")
        for control in self.controls.values():
            self.listen(control)
        self.refresh()
        self._built = True

    # --- what a subclass writes --------------------------------------------------------------------
    def compute(self, **values: Any) -> Any:
        """The math tier's answer for the controls' ``values``; ``ValueError`` in the learner's words if none."""
        raise NotImplementedError

    def draw(self, result: Any) -> str | None:
        """Move the panels' artists to show ``result``; return the readout's HTML (None leaves it as it is)."""
        raise NotImplementedError

    def update_view(self, result: Any) -> None:
        """Set the widgets besides the panels and the readout (none by default)."""

    def arrange(self, view: widgets.Widget) -> list[widgets.Widget]:
        """The parts top to bottom: controls, readout, figures. Override to place them otherwise."""
        return [view, self.readout, wrap_row(self.figures)]

    def stale_parts(self) -> list[widgets.Widget]:
        """What is dimmed while an input is invalid: the readout and the figures (override to add more)."""
        return [self.readout, *self.figures]

    # --- what a subclass may call ------------------------------------------------------------------
    def listen(self, widget: widgets.Widget, handler: Callable[[], None] | None = None) -> None:
        """Call ``handler()`` on every change of ``widget``'s value (a click, for a button), on the kernel's
        main thread; without a handler, the explorer updates. The controls are listened to already."""
        if handler is None:
            changed = on_home_thread(self._changed)
            callback = lambda *_: changed(self.values())  # noqa: E731 -- read where the change arrived, in order
        else:
            callback = on_home_thread(lambda from_page, *_: handler())
        if isinstance(widget, widgets.Button):
            widget.on_click(callback)
        else:
            widget.observe(callback, names="value")

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Change several controls inside this block, then update once."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
        self.refresh()

    def dim(self) -> None:
        """Dim the readout and the figures while a long computation (a retraining) runs: they show the last result
        until the new one is sent, which undims them."""
        self._mark_stale(True)

    def refresh(self) -> None:
        """Compute and draw from the controls as they are, and send it all now."""
        self._compute_and_draw(self.values())
        self._put_on_page(True)

    def values(self) -> dict[str, Any]:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    @property
    def images(self):
        """Each figure's background layer (its ``png`` holds the picture's bytes)."""
        return [figure.image for figure in self.figures]

    @property
    def overlays(self):
        """Each figure's layer of moving marks."""
        return [figure.overlay for figure in self.figures]

    # --- the one path from a change to the page --------------------------------------------------
    def _changed(self, from_page: bool, values: dict) -> None:
        if not (self._holding or self._updating):  # a control that update_view set is not the learner's change
            self.updates.changed(from_page, values)

    def _compute_and_draw(self, values: dict) -> None:
        """Compute and draw the controls' ``values`` (nothing is sent)."""
        start = time.perf_counter()
        try:
            result = self.compute(**values)
            readout = self.draw(result)
        except (ValueError, TypeError) as error:
            self._failed(str(error))
        except AttributeError as error:
            if not self._built:  # a new explorer set an attribute too late: say how to fix it
                raise AttributeError(f"{type(self).__name__}: {error}. Set every attribute that compute() "
                                     "and draw() use before calling super().__init__(), which draws the "
                                     "first view.") from error
            self._failed(_bug_message(error))
        except Exception as error:  # a bug must not leave a learner with a frozen widget
            self._failed(_bug_message(error))
        else:
            self.result = self._valid = result
            self.error = None
            if readout is not None:
                self._readout = readout
        self.last_update_seconds = time.perf_counter() - start

    def _put_on_page(self, figures: bool) -> None:
        """Put what ``_compute_and_draw`` made on the page: the other widgets, the readout and (with ``figures``) the
        pictures of the last valid result, then the error over them, dimmed, if the controls' last values failed.
        Every picture is drawn before anything is sent, so the messages leave back to back and the numbers never
        show ahead of the picture under them."""
        drawn = []
        if self._valid is not None:
            try:
                drawn = pictures([panel.live for panel in self.panels]) if figures else []
                self._updating = True
                self.update_view(self._valid)
            except Exception as error:  # noqa: BLE001 -- a bug: shown, never raised at the learner
                self._failed(_bug_message(error))
                drawn = []
            finally:
                self._updating = False
        if self._readout is not None:
            self.readout.value, self._readout = self._readout, None
        for view, picture in zip(self.figures, drawn):
            view.put(picture)
        if self.error is not None:
            self.message.value = error_box(f"&#9888; {html.escape(self.error)}")
            self.message.layout.display = ""
            self._mark_stale(True)
        else:
            self.message.layout.display = "none"
            self._mark_stale(False)

    def _failed(self, message: str) -> None:
        self.result, self.error = None, message

    def _mark_stale(self, stale: bool) -> None:
        for part in self.stale_parts():
            (part.add_class if stale else part.remove_class)(STALE)


def _bug_message(error: Exception) -> str:
    return (f"Something went wrong inside the explorer ({type(error).__name__}: {error}). "
            "Move the control back or restart the kernel; please report this.")


def learner_facing(factory: Callable[..., Explorer]) -> Callable[..., Explorer]:
    """An explorer's factory as the learner calls it: a starting value the explorer cannot take is raised from
    here, named with the factory (``neuron_explorer(activation='Relu'): ...``), so the traceback is the
    learner's call and this line, not the explorer's insides."""
    @functools.wraps(factory)
    def build(*args: Any, **kwargs: Any) -> Explorer:
        try:
            return factory(*args, **kwargs)
        except ArgumentError as error:
            refused: Exception = ValueError(f"{factory.__name__}({error.argument}={error.value!r}): {error.rule}")
        except (ValueError, TypeError) as error:
            refused = (TypeError if isinstance(error, TypeError) else ValueError)(f"{factory.__name__}: {error}")
        raise refused from None
    return build
