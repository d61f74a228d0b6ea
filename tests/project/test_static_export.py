"""Static reading: every notebook exported to HTML with nbconvert (in-process)
carries what a reader without a kernel needs to see its explorers' default
views -- the widget state with every displayed explorer's models, each
explorer's figures as PNG, and the lesson's key numbers."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LESSONS = [f"0{n}" for n in range(9)]  # 00_start_here ... 08_attention_and_language_models

PNG_BASE64 = "iVBORw0KGgo"  # the PNG signature, base64-encoded
INLINE_PNG = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"')
STATE_SCRIPT = re.compile(
    r'<script type="application/vnd\.jupyter\.widget-state\+json">(.*?)</script>', re.S
)
VIEW_SCRIPT = re.compile(
    r'<script type="application/vnd\.jupyter\.widget-view\+json">(.*?)</script>', re.S
)
MODEL_REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")

# Numbers a reader must find in each exported lesson (by number prefix):
# the worked examples' results and the counts the lesson is about.
KEY_NUMBERS = {
    "00": ["2.20", "z = ", "4 parameters"],  # worked example z, the explorer's readout
    "01": ["2.2", "0.78", "785 parameters"],
    "02": ["0.2500", "26 parameters"],  # sigmoid's largest slope; stacked linear layers
    "03": ["101,770"],  # 784-128-10 MLP
    "04": ["1,199,882", "18,496"],  # the MNIST convnet and its second conv layer
    "05": ["4,417", "132,609"],  # 2-64-64-1 on 100 points; 2-256-256-256-1 on 20
    "06": ["1,898", "1,885", "62.5%"],  # the equal budgets; the convnet on digits moved one pixel
    "07": ["163,696", "335,040", "6,464"],  # Inception (3a), DenseNet-121's first block, a shared Dense layer
    "08": ["124,439,808", "2,362,368", "1,073,741,824"],  # GPT-2 small; attention at d = 768; Llama-3-8B's KV cache
}

# Explorers that legitimately show no figure (tables only), by widget class name.
FIGURELESS: set[str] = set()


def export_html(notebook: Path, **exporter_options) -> str:
    """The notebook as nbconvert's HTMLExporter writes it (template `lab`),
    with its saved outputs and widget state; options go to the exporter."""
    import nbformat
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(**exporter_options).from_notebook_node(nbformat.read(notebook, as_version=4))
    return body


@lru_cache(maxsize=None)
def exported(name: str) -> str:
    """HTML of notebooks/NAME, exported once per test session."""
    return export_html(ROOT / "notebooks" / name)


def widget_state(html: str) -> dict:
    """{model id: model} from the page's embedded widget state."""
    scripts = STATE_SCRIPT.findall(html)
    assert len(scripts) == 1, f"expected one widget-state script, found {len(scripts)}"
    return json.loads(scripts[0])["state"]


def displayed_views(html: str) -> list[str]:
    """Model ids of the widgets displayed in output cells (the explorers)."""
    return [json.loads(script)["model_id"] for script in VIEW_SCRIPT.findall(html)]


def descendants(state: dict, model_id: str) -> set[str]:
    """`model_id` and every model it refers to (children, layout, style ...).
    Fails if a referenced model is missing from the state."""
    seen, todo = set(), [model_id]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        assert current in state, f"model {current} is referenced but not in the saved widget state"
        seen.add(current)
        todo.extend(MODEL_REF.findall(json.dumps(state[current]["state"])))
    return seen


def png_images(state: dict, model_ids: set[str]) -> list[str]:
    """Base64 data of the PNGs among `model_ids`: a figure's background (an HTML widget with an inline
    <img>) or an Image widget (a picture that never changes)."""
    images = []
    for model_id in model_ids:
        model = state[model_id]
        if model["model_name"] == "HTMLModel":
            images += INLINE_PNG.findall(model["state"].get("value", ""))
            continue
        if model["model_name"] != "ImageModel":
            continue
        assert model["state"].get("format") == "png", f"image {model_id} is not a PNG"
        data = [b["data"] for b in model.get("buffers", []) if b.get("path") == ["value"]]
        assert data and data[0].startswith(PNG_BASE64), f"image {model_id} carries no PNG data"
        images.append(data[0])
    assert all(image.startswith(PNG_BASE64) for image in images)
    return images


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_page_embeds_every_explorer_with_its_figures(notebook):
    html = exported(notebook.name)
    state = widget_state(html)
    views = displayed_views(html)
    assert views, f"{notebook.name} displays no explorer"
    for view in views:
        models = descendants(state, view)
        name = state[view]["state"].get("_view_name", state[view]["model_name"])
        if name in FIGURELESS:
            continue
        assert png_images(state, models), f"explorer {view} ({name}) in {notebook.name} has no PNG figure"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_page_shows_the_key_numbers(notebook):
    prefix = notebook.name[:2]
    numbers = KEY_NUMBERS.get(prefix)
    if numbers is None:
        pytest.fail(f"add the key numbers of {notebook.name} to KEY_NUMBERS in {Path(__file__).name}")
    html = exported(notebook.name)
    missing = [n for n in numbers if n not in html]
    assert not missing, f"{notebook.name}: the exported page lacks {missing}"


def test_start_here_readout_is_in_the_state():
    """The neuron explorer's readout (the HTML with class nnlesson-result) is
    saved with the worked example's z, so a reader sees it without a kernel."""
    state = widget_state(exported("00_start_here.ipynb"))
    readouts = [
        m["state"]["value"] for m in state.values()
        if m["model_name"] == "HTMLModel" and "nnlesson-result" in m["state"].get("_dom_classes", [])
    ]
    assert any("z =" in r and "2.20" in r for r in readouts), readouts


def test_every_lesson_is_there():
    """00_start_here and the seven lessons 01-07 all exist (so none is left
    out of the checks above)."""
    prefixes = {p.name[:2] for p in NOTEBOOKS}
    assert set(LESSONS) <= prefixes, f"missing lesson notebooks: {sorted(set(LESSONS) - prefixes)}"
