"""What an explorer shows depends on the learner's changes alone: not on whether the kernel was idle between
them, nor on whether they came one by one from Python or merged into drags from the page.

For every registered explorer, a seeded random sequence of control changes is applied twice: once from Python,
each change computed and sent at once; once as a page would send it in JupyterLab, from a subshell thread, in
bursts that the runtime merges into drags, with idle spells (and the idle garbage collection) between them. Both
must end with the same readout, the same pictures and the same error state.
"""
import asyncio
import random
import threading

import ipywidgets as widgets
import pytest

from nnlesson.widgets import EXPLORERS, runtime

from .test_explorer import run_in_own_loop

BUILD = {"overfitting_explorer": {"epochs": 20, "n_train": 40},
         "capacity_explorer": {"widths": (1, 4), "epochs": 20, "width": 4}}
"""Short training runs, so every sequence takes seconds."""
MOVED = {"overfitting_explorer": ("hidden_layers", "width", "activation", "early_stopping"),
         "capacity_explorer": ("width", "activation"),
         "budget_explorer": ("shift",),
         "filters_explorer": ("digit",)}
"""The controls moved in the training explorers: those that retrain quickly at the settings above, or not at all."""
STEPS = 10


def random_value(control: widgets.Widget, rng: random.Random):
    """A value the learner could give ``control``: a slider position on its grid, a menu choice, a tick."""
    if isinstance(control, widgets.Checkbox):
        return rng.random() < 0.5
    if isinstance(control, (widgets.Dropdown, widgets.SelectionSlider)):
        return rng.choice(list(control.options if not isinstance(control.options[0], tuple)
                                else [value for _, value in control.options]))
    if isinstance(control, (widgets.IntRangeSlider, widgets.FloatRangeSlider)):
        return tuple(sorted(random_value(widgets.FloatSlider(min=control.min, max=control.max, step=control.step),
                                         rng) for _ in range(2)))
    steps = round((control.max - control.min) / control.step)
    value = control.min + rng.randint(0, steps) * control.step
    return int(value) if isinstance(control, widgets.IntSlider) else round(value, 10)


def changes(name: str, explorer, seed: int) -> list[tuple[str, object]]:
    rng = random.Random(seed)
    names = MOVED.get(name, tuple(explorer.controls))
    return [(control, random_value(explorer.controls[control], rng)) for control in rng.choices(names, k=STEPS)]


def seen(explorer) -> tuple:
    """Everything the learner sees: the error (or none), the readout and every picture's layers."""
    return explorer.error, explorer.message.layout.display, explorer.readout.value, [f.shown() for f in explorer.figures]


def one_by_one_from_python(name: str, sequence) -> tuple:
    explorer = EXPLORERS[name](**BUILD.get(name, {}))
    for control, value in sequence:
        explorer.controls[control].value = value
    return seen(explorer)


def as_the_page_sends_them(name: str, sequence, seed: int) -> tuple:
    """The same changes from a subshell thread, in bursts (drags) with idle spells between them."""
    rng = random.Random(seed)

    async def session():
        explorer = EXPLORERS[name](**BUILD.get(name, {}))
        remaining = list(sequence)
        while remaining:
            burst, remaining = remaining[:rng.randint(1, 4)], remaining
            remaining = remaining[len(burst):]
            thread = threading.Thread(target=lambda: [setattr(explorer.controls[c], "value", v) for c, v in burst])
            thread.start()
            thread.join()
            for _ in range(3 * len(burst)):
                await asyncio.sleep(0)  # the home loop computes the changes handed to it
            if rng.random() < 0.5:
                await asyncio.sleep(runtime.DRAG_GAP * 2)  # the drag pauses: everything is sent
                runtime.GARBAGE.tidy()  # what an idle kernel does
        await asyncio.sleep(runtime.DRAG_GAP * 3)
        return seen(explorer)

    return run_in_own_loop(session())


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_what_an_explorer_shows_depends_on_the_changes_alone(name):
    probe = EXPLORERS[name](**BUILD.get(name, {}))
    for seed in (1, 2) if name not in MOVED else (1,):
        sequence = changes(name, probe, seed)
        assert as_the_page_sends_them(name, sequence, seed) == one_by_one_from_python(name, sequence), sequence


def test_an_idle_kernel_leaves_the_neuron_waterfall_as_the_learner_left_it():
    """Once, drawing ahead while idle drew the neighbours of z = 2.3 and left the waterfall's axis at +-5 where the
    learner's own moves had it at +-10: choosing relu (which moves no bar) then sent a new background."""
    async def session():
        explorer = EXPLORERS["neuron_explorer"]()
        explorer.controls["x1"].value, explorer.controls["w1"].value = 3.0, 2.0  # z = 8: the axis grows to +-10
        explorer.controls["b"].value = 0.4                                        # z = 8.3
        explorer.controls["x1"].value = 0.0                                       # z = 2.3: the axis stays at +-10
        assert explorer.plot.contributions.axes.get_ylim() == (-10, 10)
        before = explorer.figures[0].shown()
        await asyncio.sleep(1.5)  # idle: longer than the old drawing ahead waited
        runtime.GARBAGE.tidy()
        explorer.controls["activation"].value = "relu"
        return explorer, before

    explorer, before = run_in_own_loop(session())
    assert round(explorer.result.z, 6) == 2.3 and explorer.plot.contributions.axes.get_ylim() == (-10, 10)
    assert explorer.figures[0].shown() == before  # the sum did not move: nothing was redrawn or sent
