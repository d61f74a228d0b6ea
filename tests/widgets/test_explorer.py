"""The explorer contract, for every registered explorer and for a minimal one written here."""
import asyncio
import base64
import time

import ipywidgets as widgets
import pytest

from nnlesson.plots.panel import Panel
from nnlesson.widgets import EXPLORERS
from nnlesson.widgets.controls import slider
from nnlesson.widgets.explorer import Explorer

PNG = b"\x89PNG"
QUICK = {"overfitting_explorer": {"epochs": 20}, "capacity_explorer": {"widths": (1, 4), "epochs": 20, "width": 4}}
"""Shorter training for the two training explorers; every other explorer opens on its defaults."""


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_registered_explorer_shows_a_readout_and_its_figures(name):
    explorer = EXPLORERS[name](**QUICK.get(name, {}))
    assert isinstance(explorer, Explorer) and explorer.error is None and explorer.result is not None
    assert explorer.readout.value.strip() and "nnlesson-result" in explorer.readout._dom_classes
    assert len(explorer.images) == len(explorer.panels) >= 1
    assert all(image.png.startswith(PNG) for image in explorer.images)
    assert explorer.message.layout.display == "none"
    assert all(control.value is not None for control in explorer.controls.values())


class Reciprocal(Explorer):
    """A minimal explorer whose math rejects x = 0, to test the error path of the contract."""

    def __init__(self):
        self.shown = None
        super().__init__({"x": slider("x", 1.0, -1, 1)})

    def compute(self, x):
        if x == 0:
            raise ValueError("reciprocal(x=0.0): x must not be zero")
        return 1 / x

    def show(self, result):
        self.shown = result
        return f"1/x = <b>{result:g}</b>"


def test_errors_show_in_place_and_clear_when_fixed():
    e = Reciprocal()
    assert e.result == 1.0 and e.message.layout.display == "none" and e.readout.value == "1/x = <b>1</b>"
    e.controls["x"].value = 0.0
    assert e.result is None and e.error == "reciprocal(x=0.0): x must not be zero"
    assert "x must not be zero" in e.message.value and e.message.layout.display == ""
    e.controls["x"].value = 0.5
    assert e.result == 2.0 and e.error is None and e.message.layout.display == "none"
    assert e.shown == 2.0 and e.readout.value == "1/x = <b>2</b>"


def test_an_unexpected_bug_is_reported_not_raised():
    class Broken(Reciprocal):
        def show(self, result):
            raise KeyError("oops")

    e = Broken()
    assert e.error.startswith("Something went wrong inside the explorer (KeyError")


def test_an_attribute_set_after_super_init_fails_loudly_with_the_fix():
    class Late(Reciprocal):
        def __init__(self):
            super().__init__()
            self.scale = 2.0

        def compute(self, x):
            return self.scale / x

    with pytest.raises(AttributeError, match="before calling super"):
        Late()


class Square(Panel):
    """A one-axes panel with one moving point, to test the figure images the base class keeps."""

    def __init__(self):
        super().__init__()
        self.point, = self.axes.plot([0.0], [0.0], "o")
        self.axes.set_xlim(-1, 1)
        self.axes.set_ylim(0, 1)
        self.live.animate(self.point)

    def update(self, x: float) -> None:
        side = "right" if x >= 0 else "left"
        if self.axes.get_title() != side:  # a change outside the moving point: a new background
            self.axes.set_title(side)
            self.live.invalidate(frame=side)
        self.point.set_data([x], [x * x])


class Parabola(Explorer):
    def __init__(self):
        self.square = Square()
        super().__init__({"x": slider("x", 0.5, -1, 1)}, [self.square])

    def compute(self, x):
        return x

    def show(self, result):
        self.square.update(result)
        return f"x = {result:g}"


def run_in_own_loop(coroutine):
    """Run ``coroutine`` to its end in an event loop of its own, on a thread of its own, as a kernel would:
    whatever loop the test's thread has (a browser test may leave one running) is left alone."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def test_a_move_sends_new_marks_over_the_same_background():
    e = Parabola()
    background, marks = e.figures[0].shown()
    assert background.startswith(PNG) and marks.startswith('<img alt="" src="data:image/svg+xml;base64,')
    svg = base64.b64decode(marks.split("base64,")[1].split('"')[0]).decode()
    assert svg.startswith("<svg") and 'viewBox="0 0 ' in svg and svg == e.square.live.overlay_svg()
    e.controls["x"].value = 0.25
    moved_background, moved_marks = e.figures[0].shown()
    assert moved_background == background and moved_marks != marks  # only the point moved
    live = e.square.live
    assert live.overlay_svg() is live.overlay_svg()  # nothing moved since: the same SVG, not drawn again


def test_the_background_goes_inline_and_only_when_it_changes(monkeypatch):
    """The PNG travels inside the layer's HTML (a data: URL, decoded where it lands), never as a blob URL."""
    e = Parabola()
    layer = e.figures[0].image
    assert layer.value == f'<img alt="" src="data:image/png;base64,{base64.b64encode(layer.png).decode()}">'
    assert base64.b64decode(layer.value.split("base64,")[1].split('"')[0]) == layer.png
    assert layer.png == e.square.live.background_png()
    sent = []
    send_state = widgets.Widget.send_state
    monkeypatch.setattr(widgets.Widget, "send_state", lambda self, key=None: (
        sent.append(self), send_state(self, key))[1])
    e.controls["x"].value = 0.25  # the point moves over the same background
    assert layer not in sent and e.overlays[0] in sent
    layer.png = bytes(layer.png)  # the same bytes again: nothing to send
    assert layer not in sent
    e.controls["x"].value = -0.5  # a new title: a new background goes
    assert layer in sent and layer.png == e.square.live.background_png() and layer.png.startswith(PNG)

@pytest.mark.parametrize("name", ["neuron_explorer", "mlp_explorer", "vanishing_gradient_explorer"])
def test_a_change_draws_every_figure_before_it_sends_the_readout(name, monkeypatch):
    """The readout and the pictures leave the kernel together: nothing is sent while a figure is still drawing."""
    from nnlesson.widgets.figure_view import FigureView

    e = EXPLORERS[name]()
    events = []
    drawn = FigureView.drawn
    monkeypatch.setattr(FigureView, "drawn", lambda self: (events.append("drawn"), drawn(self))[1])
    send_state = widgets.Widget.send_state
    monkeypatch.setattr(widgets.Widget, "send_state", lambda self, key=None: (
        events.append("readout" if self is e.readout else "figure" if any(
            self in figure.children for figure in e.figures) else "other"), send_state(self, key))[1])
    control = next(c for c in e.controls.values() if isinstance(c, (widgets.IntSlider, widgets.FloatSlider)))
    events.clear()
    control.value = control.value + control.step if control.value + control.step <= control.max \
        else control.value - control.step
    drawing = [i for i, event in enumerate(events) if event == "drawn"]
    assert len(drawing) == len(e.figures)
    sent = [i for i, event in enumerate(events) if event in ("readout", "figure")]
    assert "readout" in events and "figure" in events
    assert max(drawing) < min(sent)  # every picture was ready before the first message left
    assert events.index("readout") < events.index("figure")  # the numbers first, the pictures right after


def test_the_message_comes_first_then_controls_readout_and_figures():
    e = Parabola()
    style, message, view, readout, figures = e.children
    assert "nnlesson-stale" in style.value and message is e.message
    assert isinstance(view, widgets.Box) and readout is e.readout and list(figures.children) == e.figures


def test_an_error_dims_the_last_valid_view_and_a_fix_restores_it():
    e = Reciprocal()
    e.controls["x"].value = 0.0
    assert "nnlesson-stale" in e.readout._dom_classes and e.readout.value == "1/x = <b>1</b>"
    e.controls["x"].value = -0.5
    assert "nnlesson-stale" not in e.readout._dom_classes and e.readout.value == "1/x = <b>-2</b>"


def drag_from_the_browser(values):
    """Set x to each value as quickly as a drag in the page would; what the figure showed then, and after a pause."""
    def from_browser(control, value):
        with control._lock_property(value=value):  # how ipywidgets applies a change sent by the page
            control.value = value

    async def drag():
        e = Parabola()
        for value in values:
            from_browser(e.controls["x"], value)
        during, readout = e.figures[0].shown(), e.readout.value
        await asyncio.sleep(0.15)
        return e, readout, during, e.figures[0].shown()

    return run_in_own_loop(drag())


class ThreadRecordingParabola(Parabola):
    """A Parabola that notes which thread computed each change."""

    def __init__(self):
        self.threads = []
        super().__init__()

    def compute(self, x):
        import threading

        self.threads.append(threading.get_ident())
        return x


def changes_from_a_subshell(values):
    """JupyterLab 4.6 sends widget messages to a kernel subshell, whose thread calls the observers: apply
    `values` to x from such a thread, as the page would; what the explorer showed at once, and after a pause."""
    import threading

    async def scenario():
        e = ThreadRecordingParabola()

        def subshell():
            for value in values:
                with e.controls["x"]._lock_property(value=value):
                    e.controls["x"].value = value

        thread = threading.Thread(target=subshell)
        thread.start()
        thread.join()
        at_once = e.readout.value
        await asyncio.sleep(0.2)
        return e, threading.get_ident(), at_once

    return run_in_own_loop(scenario())


def test_a_change_from_a_subshell_is_drawn_on_the_thread_that_built_the_explorer():
    e, home, at_once = changes_from_a_subshell([0.25])
    assert at_once == "x = 0.5"  # nothing was drawn on the subshell's thread
    assert e.result == 0.25 and e.readout.value == "x = 0.25" and e.figures[0].shown() == picture_at(0.25)
    assert set(e.threads) == {home}


def test_a_drag_through_a_subshell_still_counts_as_a_drag():
    e, home, _ = changes_from_a_subshell([-0.1, -0.2, -0.3])
    assert e.threads.count(home) == len(e.threads) == 3  # the first view, the drag's first step, its end
    assert e.result == -0.3 and e.readout.value == "x = -0.3" and e.figures[0].shown() == picture_at(-0.3)


def picture_at(x):
    reference = Parabola()
    reference.controls["x"].value = x
    return reference.figures[0].shown()


def test_a_drag_from_the_browser_updates_the_readout_sparingly_and_everything_when_it_pauses():
    e, readout, during, after = drag_from_the_browser((-0.1, -0.2, -0.3))
    assert readout == "x = -0.1"       # the drag's next changes came within DRAG_GAP: the readout waited
    assert during == picture_at(-0.1)  # and so did the figures
    assert e.result == -0.3 and e.readout.value == "x = -0.3"  # the pause showed the last value
    assert after == picture_at(-0.3)


def test_changes_made_in_python_draw_at_once_even_in_quick_succession():
    e = Parabola()
    for value in (-0.1, -0.2, -0.3):
        e.controls["x"].value = value
    reference = Parabola()
    reference.controls["x"].value = -0.3
    assert e.figures[0].shown() == reference.figures[0].shown()


def in_a_kernel_loop(make, idle_seconds: float):
    """Build an explorer inside a running event loop (as in a kernel) and leave it idle for a while."""
    async def idle():
        e = make()
        sent = [figure.shown() for figure in e.figures]
        await asyncio.sleep(idle_seconds)
        return e, sent

    return run_in_own_loop(idle())


def test_an_idle_explorer_draws_the_next_backgrounds_without_sending_anything():
    from nnlesson.widgets import neuron_explorer
    from nnlesson.widgets.explorer import WARM_DELAY, WARM_UP
    from nnlesson.widgets.figure_view import marks_html

    WARM_UP.queue.clear()  # as in a fresh kernel (other tests' explorers may be waiting)
    e, sent = in_a_kernel_loop(neuron_explorer, WARM_DELAY + 2.5)
    assert [figure.shown() for figure in e.figures] == sent  # the learner's view did not move
    current = e.controls["activation"].value
    others = [value for value in e.controls["activation"].options if value != current]
    live = e.panels[1].live
    drawn = {key[0]: svg for key, svg in live._frame_svgs.items()}
    assert set(drawn) == set(e.controls["activation"].options)  # every choice's curve, drawn ahead
    assert all(svg.startswith("<svg") for svg in drawn.values())
    assert [background.png is not None for background in live._backgrounds.values()] == [True]  # one, encoded
    background = e.figures[1].image.png
    e.controls["activation"].value = others[0]  # a choice never shown before ...
    assert e.figures[1].layer.value == marks_html(drawn[others[0]])  # ... sends the curve drawn ahead
    assert e.figures[1].image.png == background             # over the same background
    fresh = neuron_explorer(activation=others[0])  # ... shows exactly what a fresh explorer draws
    assert e.figures[1].shown() == fresh.figures[1].shown() and e.readout.value == fresh.readout.value


def test_warming_up_stays_off_where_a_neighbour_would_retrain_or_touch_other_widgets():
    from nnlesson.widgets import EXPLORERS

    off = {name for name, make in EXPLORERS.items() if not getattr(make, "__self__", None) and
           not _explorer_class(make).warms_up}
    assert off == {"model_builder", "overfitting_explorer", "capacity_explorer", "budget_explorer",
                   "filters_explorer"}


def _explorer_class(make):
    import typing

    return typing.get_type_hints(make)["return"]


def test_drawing_ahead_serves_the_explorer_used_last_first_and_forgets_explorers_that_are_gone():
    import gc

    from nnlesson.widgets.explorer import WarmUp

    warmed = []

    class Stub:  # stands in for an explorer: the queue only calls warm(values)
        def __init__(self, label):
            self.label = label

        def warm(self, values):
            warmed.append((self.label, values["x"]))

    warm_up = WarmUp()
    first, second = Stub("first"), Stub("second")
    warm_up.plan(first, [{"x": 0.1}])
    warm_up.plan(second, [{"x": 0.2}, {"x": 0.3}])
    assert [ref().label for ref, _ in warm_up.queue] == ["second", "second", "first"]
    warm_up.plan(second, [{"x": 0.4}])  # new neighbours replace the old ones
    assert [values["x"] for _, values in warm_up.queue] == [0.4, 0.1]
    del first
    gc.collect()
    while warm_up.queue:
        warm_up._step()
    assert warmed == [("second", 0.4)]


def test_drawing_ahead_for_other_explorers_waits_while_the_learner_uses_one(monkeypatch):
    """After a change, only the changed explorer's neighbours are drawn at once; the others wait longer."""
    import nnlesson.widgets.explorer as explorer_module

    monkeypatch.setattr(explorer_module, "WARM_DELAY", 0.1)
    monkeypatch.setattr(explorer_module, "OTHERS_DELAY", 0.5)
    warmed = []

    class Stub:
        def __init__(self, label):
            self.label = label

        def warm(self, values):
            warmed.append((self.label, time.perf_counter()))

    warm_up = explorer_module.WarmUp()
    used, other = Stub("used"), Stub("other")

    async def a_session():
        warm_up.plan(other, [{"x": 1}], first=False)
        warm_up.plan(used, [{"x": 2}, {"x": 3}])
        warm_up.used(used)                   # the learner moved a control of `used`
        changed = time.perf_counter()
        await asyncio.sleep(0.3)
        assert [label for label, _ in warmed] == ["used", "used"]  # its neighbours, not the other's
        await asyncio.sleep(0.4)
        assert [label for label, _ in warmed] == ["used", "used", "other"]
        assert warmed[2][1] - changed >= 0.5
        warmed.clear()
        warm_up.plan(other, [{"x": 4}])
        warm_up.touch()                      # a cell ran: no explorer is in use, nobody waits longer
        await asyncio.sleep(0.3)
        assert [label for label, _ in warmed] == ["other"]

    run_in_own_loop(a_session())


def test_after_run_all_drawing_ahead_starts_with_the_explorer_at_the_top():
    from nnlesson.widgets.explorer import WARM_UP

    async def run_all():
        WARM_UP.queue.clear()
        top, below = Parabola(), Parabola()  # built in this order, as cells run top to bottom
        order = [ref() for ref, _ in WARM_UP.queue]
        assert order == [top, top, below, below]  # x one step down and up, for each
        below.controls["x"].value = 0.25  # the learner moves the lower one: it goes first
        assert [ref() for ref, _ in WARM_UP.queue] == [below, below, top, top]
        WARM_UP.queue.clear()

    run_in_own_loop(run_all())


def test_a_warning_while_drawing_ahead_reaches_nobody(capsys):
    import warnings

    class Noisy(Parabola):
        def compute(self, x):
            if x != self.controls["x"].value:
                warnings.warn("overflow in a neighbour", RuntimeWarning)
                print("something printed")
            return super().compute(x=x)

    e = Noisy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning that escaped would fail the test
        e.warm({"x": 0.2})
    assert capsys.readouterr() == ("", "") and e.warming is False


def test_a_built_explorer_is_left_out_of_pythons_own_full_collections():
    import gc

    e = Parabola()
    assert gc.get_freeze_count() > 0
    assert not any(o is e for o in gc.get_objects())  # frozen: an automatic collection does not walk it


def test_collecting_garbage_while_idle_frees_what_was_frozen_and_freezes_the_rest():
    import gc
    import weakref

    from nnlesson.widgets.explorer import collect_garbage

    class Cycle:
        def __init__(self):
            self.me = self

    dropped, kept = Cycle(), Cycle()
    gone = weakref.ref(dropped)
    gc.freeze()
    del dropped
    gc.collect()
    assert gone() is not None        # frozen garbage: a plain collection leaves it
    collect_garbage()
    assert gone() is None            # thawed and collected
    assert not any(o is kept for o in gc.get_objects())  # what survives is frozen again


def test_the_kernel_collects_garbage_only_after_a_quiet_spell(monkeypatch):
    import nnlesson.widgets.explorer as explorer_module

    collected = []
    monkeypatch.setattr(explorer_module, "TIDY_DELAY", 0.3)
    monkeypatch.setattr(explorer_module, "collect_garbage", lambda: collected.append(time.perf_counter()))
    warm_up = explorer_module.WarmUp()

    async def a_session():
        warm_up.touch()                      # a change
        await asyncio.sleep(0.15)
        warm_up.touch()                      # another, before the spell is over
        changed = time.perf_counter()
        await asyncio.sleep(0.2)
        assert collected == []               # 0.2 s after the last change: too soon
        await asyncio.sleep(0.4)
        assert len(collected) == 1 and collected[0] - changed >= 0.3
        await asyncio.sleep(0.5)
        assert len(collected) == 1           # once per quiet spell, not again and again

    run_in_own_loop(a_session())
