"""Drive the decision-boundary explorer: move the line, count the points it gets right."""
import base64
import itertools

import numpy as np
import pytest

from nnlesson.decision_boundary import XOR_NETWORK, toy_set
from nnlesson.widgets import decision_boundary_explorer

PNG = b"\x89PNG"


@pytest.fixture
def explorer():
    return decision_boundary_explorer()


def set_line(explorer, w1, w2, b):
    explorer.controls["w1"].value, explorer.controls["w2"].value, explorer.controls["b"].value = w1, w2, b


def test_opens_on_and_with_the_or_line(explorer):
    assert explorer.error is None
    assert explorer.result.n_right == 2 and explorer.result.n_points == 4
    assert "<b>2 of 4 right</b> on AND" in explorer.readout.value
    assert explorer.result.params == 3 and explorer.result.neurons == 1
    assert explorer.images[0].png.startswith(PNG)


def test_and_is_solvable_and_the_readout_follows_the_bias(explorer):
    before = explorer.figures[0].shown()
    explorer.controls["b"].value = -1.5
    assert explorer.result.n_right == 4
    assert "<b>4 of 4 right</b>" in explorer.readout.value
    assert "x₂ = -1·x₁ + 1.5" in explorer.readout.value
    assert explorer.figures[0].shown() != before


@pytest.mark.parametrize("gate, line", [("OR", (1, 1, -0.5)), ("NAND", (-1, -1, 1.5))])
@pytest.mark.parametrize("activation", ["step", "sigmoid", "tanh", "linear"])
def test_other_gates_and_activations(explorer, gate, line, activation):
    explorer.controls["data"].value = gate
    explorer.controls["activation"].value = activation
    set_line(explorer, *line)
    assert explorer.error is None and explorer.result.n_right == 4


def test_xor_never_beats_three_of_four_on_the_slider_grid(explorer):
    explorer.controls["data"].value = "XOR"
    grid = np.arange(-3.0, 3.01, 1.0)   # 343 lines through the sliders (tests/test_decision_boundary.py goes finer)
    scores = set()
    for w1, w2, b in itertools.product(grid, grid, grid):
        set_line(explorer, w1, w2, b)
        scores.add(explorer.result.n_right)
    assert max(scores) == 3 and explorer.error is None


def test_the_network_gets_xor_four_of_four_and_its_view_toggles(explorer):
    xor = XOR_NETWORK.classify(*toy_set("XOR"))
    assert (xor.n_right, xor.n_points, XOR_NETWORK.n_params, XOR_NETWORK.n_neurons) == (4, 4, 9, 3)
    assert explorer.network_view.layout.display == "none"
    explorer.controls["network"].value = True
    assert explorer.network_view.layout.display == ""
    image, table = explorer.network_view.children[0].value, explorer.network_view.children[1].value
    assert "OR" in table and "NAND" in table and "9 parameters" in table
    assert base64.b64decode(image.split("base64,")[1].split('"')[0]).startswith(PNG)


@pytest.mark.parametrize("b, said", [(1.0, "positive"), (-1.0, "negative")])
def test_zero_weights_say_there_is_no_line(explorer, b, said):
    set_line(explorer, 0.0, 0.0, b)
    assert explorer.error is None
    assert explorer.result.has_line is False
    assert "no line" in explorer.readout.value
    assert said in explorer.panel.note.get_text()
    assert explorer.result.n_right == (1 if said == "positive" else 3)  # AND has one class-1 point


def test_sliders_at_their_extremes_and_the_blobs(explorer):
    explorer.controls["data"].value = "two blobs"
    set_line(explorer, 3.0, 3.0, 0.0)
    assert explorer.result.n_points == 40 and explorer.result.n_right >= 38
    set_line(explorer, -3.0, -3.0, -3.0)
    assert explorer.result.n_right <= 2
    set_line(explorer, 0.1, 0.0, 3.0)   # the line x1 = -30 lies far outside the view
    assert explorer.result.has_line is False and "outside this view" in explorer.panel.note.get_text()
    assert explorer.error is None

