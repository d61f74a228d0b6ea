"""The explorer contract, for every registered explorer and for a minimal one written here."""
import asyncio
import base64

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

    def draw(self, result):
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
        def draw(self, result):
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

    def draw(self, result):
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
    from nnlesson.widgets import explorer as explorer_module

    e = EXPLORERS[name]()
    events = []
    pictures = explorer_module.pictures
    monkeypatch.setattr(explorer_module, "pictures", lambda lives: (
        drawn := pictures(lives), events.extend("drawn" for _ in drawn))[0])
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
    ``values`` to x from such a thread, as the page would. Returns the explorer, the home thread, what it showed
    before the home loop ran, while the loop had run the changes, and after a pause."""
    import threading

    async def scenario():
        e = ThreadRecordingParabola()
        thread = threading.Thread(target=lambda: [setattr(e.controls["x"], "value", v) for v in values])
        thread.start()
        thread.join()
        at_once = e.readout.value
        for _ in range(len(values) + 2):
            await asyncio.sleep(0)  # the loop runs the changes handed to it
        during = e.readout.value, e.figures[0].shown()
        await asyncio.sleep(0.2)
        return e, threading.get_ident(), at_once, during

    return run_in_own_loop(scenario())


def picture_at(x):
    reference = Parabola()
    reference.controls["x"].value = x
    return reference.figures[0].shown()


def test_a_change_from_a_subshell_is_drawn_on_the_thread_that_built_the_explorer():
    e, home, at_once, during = changes_from_a_subshell([0.25])
    assert at_once == "x = 0.5"  # nothing was drawn on the subshell's thread
    assert during == ("x = 0.25", picture_at(0.25))  # a single move is sent at once
    assert e.result == 0.25 and set(e.threads) == {home}


def test_a_drag_sends_the_readout_sparingly_and_everything_when_it_pauses():
    e, home, _, during = changes_from_a_subshell([-0.1, -0.2, -0.3])
    assert during == ("x = -0.1", picture_at(-0.1))  # the drag's next changes came within DRAG_GAP: they wait
    assert e.threads.count(home) == len(e.threads) == 4  # yet every change was computed, in order, at home
    assert e.result == -0.3 and e.readout.value == "x = -0.3" and e.figures[0].shown() == picture_at(-0.3)


def test_changes_made_in_python_draw_at_once_even_in_quick_succession():
    async def quickly():
        e = Parabola()
        for value in (-0.1, -0.2, -0.3):
            e.controls["x"].value = value
            assert e.readout.value == f"x = {value:g}" and e.figures[0].shown() == picture_at(value)
        return e

    assert run_in_own_loop(quickly()).result == -0.3


def test_a_control_that_update_view_sets_is_not_taken_for_a_learners_change():
    class Follower(Parabola):
        def __init__(self):
            self.computed = 0
            super().__init__()

        def compute(self, x):
            self.computed += 1
            return x

        def update_view(self, result):
            self.controls["x"].value = round(result, 1)  # e.g. a replay slider put back to its run's start

    e = Follower()
    e.controls["x"].value = 0.26
    assert e.computed == 2 and e.controls["x"].value == 0.3 and e.result == 0.26


def test_hold_changes_several_controls_then_updates_once():
    class Two(Parabola):
        def __init__(self):
            self.computed = []
            Explorer.__init__(self, {"x": slider("x", 0.5, -1, 1), "y": slider("y", 0.0, -1, 1)}, [Square()])

        def compute(self, x, y):
            self.computed.append((x, y))
            return x + y

        def draw(self, result):
            return f"x + y = {result:g}"

    e = Two()
    with e.hold():
        e.controls["x"].value, e.controls["y"].value = 0.25, 0.5
    assert e.computed == [(0.5, 0.0), (0.25, 0.5)] and e.readout.value == "x + y = 0.75"


def test_garbage_is_frozen_while_the_learner_moves_and_collected_after_a_quiet_spell(monkeypatch):
    import gc

    from nnlesson.widgets import runtime

    monkeypatch.setattr(runtime, "TIDY_DELAY", 0.3)
    policy = runtime.Garbage()

    async def a_session():
        gc.unfreeze()
        policy.moved()                          # a change: what is alive is frozen
        frozen = gc.get_freeze_count()
        await asyncio.sleep(0.15)
        policy.moved()                          # another, before the spell is over
        await asyncio.sleep(0.2)
        assert frozen > 0 and gc.get_freeze_count() > 0  # 0.2 s after the last change: still frozen
        await asyncio.sleep(0.4)
        assert gc.get_freeze_count() == 0 and policy.handle is None  # collected, Python's own rules again

    run_in_own_loop(a_session())
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as thread:  # a thread without an event loop, as in a plain script
        thread.submit(policy.moved).result()
    assert policy.handle is None  # outside a kernel's loop nothing happens


def test_freeze_garbage_false_leaves_pythons_collector_alone(monkeypatch):
    import gc

    from nnlesson.widgets import runtime

    monkeypatch.setattr(runtime, "FREEZE_GARBAGE", False)
    gc.unfreeze()

    async def a_move():
        runtime.Garbage().moved()
        return gc.get_freeze_count()

    assert run_in_own_loop(a_move()) == 0
