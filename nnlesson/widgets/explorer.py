"""The explorer contract: controls in, one result out, a readout and figures shown, errors in place.

Every explorer is an ipywidgets box with ``.controls`` (name -> widget), ``.result`` (what the
math tier answered for the current controls), ``.readout`` (the numbers, as HTML) and
``.figures`` (one ``FigureView`` per panel: ``.images`` holds their backgrounds, each ``.png`` the
picture's bytes, and ``.overlays`` the SVG of their moving marks). Moving any control recomputes; a combination the math
rejects shows its message at the top of the explorer, where the learner is looking, and
dims the readout and figures, which still show the last valid state.

Writing one (docs/AUTHORING.md has the recipe): in ``__init__``, build the controls, the
figures (``plots`` panels) and any attribute ``compute`` or ``show`` use, then call
``super().__init__(controls, panels, view)`` **last**, because it draws the first view. Then:

* ``compute(**values)`` asks the math tier and returns its result (no formulas here); input it
  cannot take raises ``ValueError`` with advice about the controls, in the learner's words;
* ``show(result)`` updates the panels and returns the readout's HTML;
* one line in ``widgets/__init__.py`` registers the factory in ``EXPLORERS``.
"""
from __future__ import annotations

import asyncio
import contextlib
import gc
import html
import io
import threading
import time
import warnings
import weakref
from collections import deque
from typing import Any, Callable, Mapping, Sequence

import ipywidgets as widgets

from ..plots.live import shown_all
from ..plots.panel import Panel
from .controls import wrap_row
from .figure_view import FigureView
from .html import STYLE_SHEET, error_box

STALE = "nnlesson-stale"
"""CSS class of the parts that show the last valid state while an input is invalid (dimmed)."""
DRAG_GAP = 0.06
"""Seconds: a change from the browser this soon after the previous one is part of a drag. During a
drag the readout is updated at most once per DRAG_GAP and everything (readout and figures, for the
last value) when the drag pauses. Measured in Chromium with every explorer on one page, each update
the page must lay out makes the slider's handle lag: the small SVG of the moving marks sent on every
change made a 30-step drag take 2.8 times as long as on a slider connected to nothing."""
WARM_DELAY = 1.0
"""Seconds without a change to any explorer before explorers draw, in the background, the pictures
their controls' next positions need (``Explorer.warms_up``)."""
OTHERS_DELAY = 3.0
"""Seconds without a change before drawing ahead moves on from the explorer the learner is using to the
others. A learner who paused for a second is likely to come back to the same controls, and a drawing
for another explorer (up to 100 ms) would only delay their next move."""
TIDY_DELAY = 10.0
"""Seconds without a change, and nothing left to draw ahead, before the kernel collects garbage in full
(``collect_garbage``)."""


class WarmUp:
    """One queue for every explorer in the kernel: (explorer, values) to draw ahead, one per turn of the
    event loop and only after WARM_DELAY seconds without a change, so a learner's move waits for at most
    one drawing (30-100 ms), never for a backlog. The explorer used last goes first, and the others wait
    for OTHERS_DELAY; a new one joins at the back, so after "Run All" the explorers are drawn ahead from the
    top of the notebook, where the learner starts. Explorers are held weakly, so one whose cell was run
    again (and is gone) is skipped, not kept alive."""

    def __init__(self) -> None:
        self.queue: deque[tuple[weakref.ref, dict]] = deque()
        self.active: weakref.ref | None = None  # the explorer the learner changed last (None after a cell ran)
        self.last_change = 0.0
        self.handle: asyncio.TimerHandle | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.watching = False
        self.untidy = False  # something ran since garbage was last collected in full

    def plan(self, explorer: "Explorer", neighbours: list[dict], first: bool = True) -> None:
        """Replace ``explorer``'s waiting work with its new neighbours: at the front (it was just used), or
        with ``first=False`` at the back (it was just built)."""
        self._watch_cells()
        others = [item for item in self.queue if item[0]() not in (explorer, None)]
        mine = [(weakref.ref(explorer), values) for values in neighbours]
        self.queue = deque([*mine, *others] if first else [*others, *mine])
        self._wake()

    def touch(self, *_: Any) -> None:
        """Something ran (a cell, a change): drawing ahead waits."""
        self.active = None
        self._touched()

    def used(self, explorer: "Explorer") -> None:
        """The learner changed ``explorer``: drawing ahead waits, then serves it before the others."""
        self.active = weakref.ref(explorer)
        self._touched()

    def _touched(self) -> None:
        self.last_change = time.perf_counter()
        self.untidy = True
        self._wake()

    def _delay(self) -> float:
        """How long the kernel must have been idle before the next step: the front of the queue, or tidying."""
        if not self.queue:
            return TIDY_DELAY
        explorer, active = self.queue[0][0](), self.active() if self.active is not None else None
        return WARM_DELAY if active is None or explorer in (None, active) else OTHERS_DELAY

    def _watch_cells(self) -> None:
        """Count running a cell as activity too, so "Run All" is never slowed by drawing ahead."""
        if self.watching:
            return
        self.watching = True
        try:
            from IPython import get_ipython
        except ImportError:
            return
        shell = get_ipython()
        if shell is not None:
            shell.events.register("pre_run_cell", self.touch)
            shell.events.register("post_run_cell", self.touch)

    def _wake(self) -> None:
        loop = _running_loop()
        if loop is not self.loop:  # a new event loop (a restarted one, or a test's): start afresh there
            self.handle, self.loop = None, loop
        if self.handle is not None:  # set again from now: new work may be due sooner than tidying
            self.handle.cancel()
            self.handle = None
        if (self.queue or self.untidy) and loop is not None:
            wait = max(0.0, self.last_change + self._delay() - time.perf_counter())
            self.handle = loop.call_later(max(wait, 0.01), self._step)

    def _step(self) -> None:
        self.handle = None
        idle = time.perf_counter() - self.last_change
        if self.queue and idle >= self._delay():
            explorer, values = self.queue.popleft()
            if explorer() is not None:
                explorer().warm(values)
        elif not self.queue and idle >= TIDY_DELAY and self.untidy:
            self.untidy = False
            collect_garbage()
        self._wake()


def collect_garbage() -> None:
    """Collect all garbage now, then freeze the survivors (``gc.freeze``), so that Python's own full
    collections skip them.

    With a notebook's explorers alive the kernel tracks about 200,000 objects (figures, widgets, kept
    pictures). Python starts a full collection by itself after enough allocations, that is during some
    slider move, and walking them all took 106-141 ms (JupyterLab, all 13 explorers on one page): that
    move then took twice its time. Every explorer freezes what is alive once it is built, and the kernel
    calls this after TIDY_DELAY idle seconds, so a frozen object that became garbage since (a figure that
    a cell drew and dropped) is still freed, only later."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


WARM_UP = WarmUp()


def _running_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop running this code (a Jupyter kernel's), or None (a test, a plain script)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def on_home_thread(handler: Callable[..., None]) -> Callable[..., None]:
    """``handler`` as a widget callback that always runs on the thread, and in the event loop, that made it.

    JupyterLab 4.6 sends widget messages to a kernel subshell (its setting "Kernel Comms over subshells",
    on by default), so ipykernel 7 calls observers on the subshell's thread. An explorer's drawing would then
    run beside the main thread's drawing ahead: matplotlib and the shared SVG renderer are not safe for that,
    and the two threads slowed each other so that a learner's first change of an explorer waited 230-650 ms
    behind drawings of other explorers. Handed to the main loop, every change waits for one drawing at most.
    A change's origin (the page, or Python) is read here, while ipywidgets still marks it."""
    loop, home = _running_loop(), threading.get_ident()

    def run(*args: Any) -> None:
        if loop is None or threading.get_ident() == home:
            handler(*args)
            return
        args = tuple({**arg, "from_browser": _from_browser(arg)} if _is_change(arg) else arg for arg in args)
        try:
            loop.call_soon_threadsafe(handler, *args)
        except RuntimeError:  # the loop has closed (the kernel is shutting down): run it here
            handler(*args)
    return run


def _is_change(arg: Any) -> bool:
    return isinstance(arg, dict) and "owner" in arg


def _from_browser(change: dict) -> bool:
    """True if the page sent this change (ipywidgets holds a property lock while it applies one)."""
    if "from_browser" in change:
        return change["from_browser"]
    return bool(getattr(change["owner"], "_property_lock", None))


class Explorer(widgets.VBox):
    """Base class: subclasses define ``compute(**values)`` and ``show(result) -> readout HTML``."""

    warms_up = True
    """While the kernel is idle, draw the backgrounds one step away (every slider one step either way,
    every other dropdown choice), so that step shows a cached picture. The first visit to a new
    background (a new activation's curve, new axis limits) cost a full draw and a new PNG, 50-100 ms
    more than a step over a known one, and set the explorers' 95th percentiles in the browser.
    Explorers whose ``show`` sets widgets besides the figures, or that train, turn it off."""

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
        self.images = [figure.image for figure in self.figures]
        self.overlays = [figure.overlay for figure in self.figures]
        self.message = widgets.HTML(layout=widgets.Layout(display="none"))
        self.message.add_class("nnlesson-error")
        self._built = False
        self._last_change = 0.0
        self._last_readout = 0.0
        self._pending_figures: asyncio.TimerHandle | None = None
        self.warming = False  # True while ``show`` draws a neighbour in the background: leave other widgets alone
        parts = self.arrange(view or wrap_row(list(self.controls.values())))
        super().__init__([widgets.HTML(STYLE_SHEET), self.message, *parts])
        self.add_class("nnlesson-explorer")
        for control in self.controls.values():
            control.observe(on_home_thread(self._on_change), names="value")
        self.refresh()
        self._built = True
        gc.freeze()  # long-lived from here on: left out of Python's own full collections (``collect_garbage``)
        WARM_UP.touch()

    def arrange(self, view: widgets.Widget) -> list[widgets.Widget]:
        """The parts top to bottom: controls, readout, figures. Override to place them otherwise."""
        return [view, self.readout, wrap_row(self.figures)]

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

    def stale_parts(self) -> list[widgets.Widget]:
        """What is dimmed while an input is invalid: the readout and the figures (override to add more)."""
        return [self.readout, *self.figures]

    def _mark_stale(self, stale: bool) -> None:
        for part in self.stale_parts():
            (part.add_class if stale else part.remove_class)(STALE)

    def refresh(self, figures: bool = True) -> None:
        """Recompute from the controls and redraw; on bad input, show the message instead.

        ``figures=False`` updates the result and the readout only (the figures' artists move,
        but they are sent later by ``draw_figures``).
        """
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
            if figures:
                self.draw_figures(readout)
            elif readout is not None:
                self.readout.value = readout
            self.result = result
            self.error = None
            self.message.layout.display = "none"
            self._mark_stale(False)
            if figures:
                self._schedule_warm_up()
        self.last_update_seconds = time.perf_counter() - start

    def draw_figures(self, readout: str | None = None) -> None:
        """Send every figure's background and moving marks (an unchanged one costs nothing and sends nothing),
        and the readout with them if one is given.

        Everything is drawn before anything is sent, so the messages leave the kernel back to back and the
        browser shows the new numbers and the new picture together. Sent as each was drawn, the readout
        arrived up to 20 ms before the marks and a new curve's frame: for that long the numbers on screen
        disagreed with the picture under them."""
        self._pending_figures = None
        shown_all([panel.live for panel in self.panels])  # PNGs still to make are encoded side by side
        drawn = [figure.drawn() for figure in self.figures]
        if readout is not None:
            self.readout.value = readout
        for figure, picture in zip(self.figures, drawn):
            figure.put(picture)

    @staticmethod
    def _bug_message(error: Exception) -> str:
        return (f"Something went wrong inside the explorer ({type(error).__name__}: {error}). "
                "Move the control back or restart the kernel; please report this.")

    def _fail(self, message: str) -> None:
        self.result = None
        self.error = message
        self.message.value = error_box(f"&#9888; {html.escape(message)}")
        self.message.layout.display = ""
        self._mark_stale(True)
        self.show_error(message)

    # --- drawing ahead while idle ------------------------------------------------------------
    def neighbours(self) -> list[dict[str, Any]]:
        """The controls' values one step away from now: each slider (each handle of a range slider) a step
        down and up, each other choice of a dropdown or a selection slider."""
        now, found = self.values(), []
        for name, control in self.controls.items():
            if isinstance(control, (widgets.Dropdown, widgets.SelectionSlider)):
                values = [value for _, value in control.options] if control.options and isinstance(
                    control.options[0], tuple) else list(control.options)
                index = values.index(now[name]) if now[name] in values else 0
                steps = values if isinstance(control, widgets.Dropdown) else values[max(index - 1, 0):index + 2]
                found += [{**now, name: value} for value in steps if value != now[name]]
            elif isinstance(control, (widgets.IntSlider, widgets.FloatSlider)):
                for sign in (-1, 1):
                    value = round(now[name] + sign * control.step, 10)
                    if control.min <= value <= control.max:
                        found.append({**now, name: type(now[name])(value)})
            elif isinstance(control, (widgets.IntRangeSlider, widgets.FloatRangeSlider)):
                for end in (0, 1):  # either handle, a step either way
                    for sign in (-1, 1):
                        ends = list(now[name])
                        ends[end] = type(ends[end])(round(ends[end] + sign * control.step, 10))
                        if control.min <= ends[end] <= control.max and ends[0] <= ends[1]:
                            found.append({**now, name: tuple(ends)})
        return found

    def _schedule_warm_up(self) -> None:
        if self.warms_up and _running_loop() is not None:
            WARM_UP.plan(self, self.neighbours(), first=self._built)

    def warm(self, values: dict[str, Any]) -> None:
        """Draw (into the figures' caches, sending nothing) what ``values`` would show, then put the
        artists back as the current controls have them."""
        if self.result is None:
            return
        self.warming = True
        try:  # silently: whatever it printed would land under the learner's last cell
            with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), \
                    contextlib.redirect_stderr(io.StringIO()):
                warnings.simplefilter("ignore")
                self.show(self.compute(**values))
                for panel in self.panels:
                    panel.live.warm()
        except Exception:  # noqa: BLE001 -- a neighbour the math rejects has nothing to draw
            pass
        finally:
            try:
                self.show(self.result)
            except Exception:  # noqa: BLE001
                pass
            self.warming = False

    def _on_change(self, change: dict) -> None:
        """Refresh; during a drag in the browser, the readout at most once per DRAG_GAP, all of it at the pause."""
        WARM_UP.used(self)  # the learner comes first: drawing ahead waits until they pause
        now = time.perf_counter()
        dragging = now - self._last_change < DRAG_GAP and _from_browser(change)
        self._last_change = now
        loop = _running_loop() if dragging else None
        if self._pending_figures is not None:
            self._pending_figures.cancel()
            self._pending_figures = None
        if loop is None or now - self._last_readout >= DRAG_GAP:
            self.refresh(figures=loop is None)
            # the gaps count from the end of this work: changes that queued up while it ran are one drag
            self._last_readout = self._last_change = time.perf_counter()
        if loop is not None:
            self._pending_figures = loop.call_later(DRAG_GAP, self.refresh)
