"""How a control's change reaches an explorer in a running kernel: on the right thread, merged while the
learner drags, and with Python's full garbage collections kept out of the way.

The one place that knows about kernels, threads and timing. An explorer only calls ``Explorer.listen``;
``Updates`` decides when what it computed is sent. Nothing here changes what an explorer shows: every
change is computed and drawn, in order, whatever the timing; only when the result is sent differs.
"""
from __future__ import annotations

import asyncio
import gc
import threading
import time
from typing import Any, Callable

DRAG_GAP = 0.06
"""Seconds: a change from the page this soon after the previous one is part of a drag. During a drag the readout
is sent at most once per DRAG_GAP, and the pictures when the drag pauses. Measured in Chromium with every
explorer on one page, each update the page must lay out made the slider's handle lag: pictures sent on every
step made a 30-step drag take 2.8 times as long as on a slider connected to nothing."""
TIDY_DELAY = 10.0
"""Seconds without a change before the kernel collects garbage in full (``Garbage``)."""
FREEZE_GARBAGE = True
"""Set to False to leave Python's garbage collector exactly as it is (``Garbage`` does nothing then)."""


def running_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop running this code (a Jupyter kernel's), or None (a test, a plain script)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def on_home_thread(handler: Callable[..., None]) -> Callable[..., None]:
    """A callback that calls ``handler(from_page, *args)`` on the thread, and in the event loop, that made it.

    JupyterLab 4.6 sends widget messages to a kernel subshell, so ipykernel calls observers on the subshell's
    thread; matplotlib must draw on one thread, and the two threads drawing side by side made a first change
    wait 230-650 ms. A call from another thread is handed to the home loop and counts as coming from the page
    (``from_page=True``); a call on the home thread (a cell setting ``.value``, or a front end that sends
    widget messages to the main thread) is handled at once as ``from_page=False``."""
    loop, home = running_loop(), threading.get_ident()

    def run(*args: Any) -> None:
        if loop is None or threading.get_ident() == home:
            handler(False, *args)
            return
        try:
            loop.call_soon_threadsafe(handler, True, *args)
        except RuntimeError:  # the loop has closed (the kernel is shutting down): run it here
            handler(True, *args)
    return run


class Garbage:
    """Keeps Python's full collections out of slider moves.

    With a notebook's explorers alive the kernel tracks about 200,000 objects; Python starts a full collection
    by itself after enough allocations, that is during some slider move, and walking them all took 106-141 ms.
    So at the first move after a quiet spell what is alive is frozen (``gc.freeze``: left out of automatic
    collections), and after TIDY_DELAY seconds without a move everything is unfrozen and collected once.
    Only in a running kernel, and not at all with ``FREEZE_GARBAGE = False``."""

    def __init__(self) -> None:
        self.handle: asyncio.TimerHandle | None = None

    def moved(self) -> None:
        loop = running_loop()
        if not FREEZE_GARBAGE or loop is None:
            return
        if self.handle is None:
            gc.freeze()
        else:
            self.handle.cancel()
        self.handle = loop.call_later(TIDY_DELAY, self.tidy)

    def tidy(self) -> None:
        self.handle = None
        gc.unfreeze()
        gc.collect()


GARBAGE = Garbage()
"""The kernel's one garbage policy, shared by every explorer."""


class Updates:
    """When an explorer's changes are sent: a change made in Python, or a single move in the page, at once;
    during a drag in the page, the readout at most once per DRAG_GAP and everything once the drag pauses.

    ``advance(values)`` computes and draws the controls' values as a change left them (every change, in order,
    so what is shown never depends on timing); ``send(figures)`` puts the readout, and with ``figures`` the
    pictures, on the page."""

    def __init__(self, advance: Callable[[dict], None], send: Callable[[bool], None]):
        self.advance, self.send = advance, send
        self.last_change = self.last_readout = 0.0
        self.pending: asyncio.TimerHandle | None = None

    def changed(self, from_page: bool, values: dict) -> None:
        now = time.perf_counter()
        loop = running_loop() if from_page and now - self.last_change < DRAG_GAP else None
        self.last_change = now
        GARBAGE.moved()
        if self.pending is not None:
            self.pending.cancel()
            self.pending = None
        self.advance(values)
        if loop is None or now - self.last_readout >= DRAG_GAP:
            self.send(loop is None)
            # the gaps count from the end of this work: changes that queued up while it ran are one drag
            self.last_readout = self.last_change = time.perf_counter()
        if loop is not None:
            self.pending = loop.call_later(DRAG_GAP, self.flush)

    def flush(self) -> None:
        """Send everything now (the drag paused)."""
        self.pending = None
        self.send(True)
