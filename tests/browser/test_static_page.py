"""The static site (`python tools/build_site.py static`) read with no network at all.

The site is built into a temporary folder the way the README says, then every lesson is
opened from a file:// URL with every request that would leave the machine blocked and
recorded. Each page must ask for nothing off the machine, show every explorer's saved view
(the figures decoded, the moving marks drawn over them, the saved numbers), typeset its
formulas with the bundled MathJax, and show the explorers' controls switched off with the
"saved view" note. One page is screenshot.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from harness import screenshot, skip_or_fail
from tests.project.test_static_export import KEY_NUMBERS

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
sys.path.insert(0, str(ROOT / "tools"))
from build_site import SAVED_VIEW_NOTE  # noqa: E402


def saved_marks(lesson: str) -> int:
    """How many moving-mark layers the executed notebook saved with a picture in them (the branch graph of
    lesson 07 has none: its boxes are all in the background)."""
    state = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text())["metadata"]["widgets"]
    models = state["application/vnd.jupyter.widget-state+json"]["state"].values()
    return sum("nnlesson-overlay" in m["state"].get("_dom_classes", ()) and "<img" in m["state"].get("value", "")
               for m in models)


@pytest.fixture(scope="module")
def site(tmp_path_factory, chromium_path) -> Path:
    """The static site, built by the documented command into a temporary folder."""
    output = tmp_path_factory.mktemp("static-site")
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_site.py"), "static", "--output", str(output)],
                            capture_output=True, text=True, timeout=900)
    if result.returncode != 0 and "npm" in (result.stderr + result.stdout):
        skip_or_fail(f"the site needs npm to fetch its assets: {result.stderr.strip()[-500:]}")
    assert result.returncode == 0, result.stderr[-3000:]
    return output


@pytest.fixture(scope="module")
def lab():
    """No server: the pages are files. Stands in for JupyterLab so the shared `page` fixture starts none."""
    return None


def open_offline(page, path: Path) -> list[str]:
    """Open a page with every off-machine request blocked; the list fills with what it tried to fetch."""
    attempted: list[str] = []

    def block(route):
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    page.route("**/*", block)
    page.goto(path.as_uri(), wait_until="load")
    return attempted


EXPLORERS_JS = """() => [...document.querySelectorAll('.nnlesson-explorer')].map(e => ({
    note: getComputedStyle(e, '::before').content,
    readout: (e.querySelector('.nnlesson-result') || {}).innerText || '',
    figures: [...e.querySelectorAll('.nnlesson-figure img')].map(i => i.complete && i.naturalWidth > 100),
    marks: [...e.querySelectorAll('.nnlesson-overlay img')].map(i => i.complete && i.naturalWidth > 100),
    controls: [...e.querySelectorAll('input, select, .noUi-target')].length,
    enabled: [...e.querySelectorAll('input, select, .noUi-target')].filter(c => !c.hasAttribute('disabled')).length
             + [...e.querySelectorAll('[contenteditable="true"]')].length,
}))"""


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_lesson_reads_offline_with_its_saved_views_and_formulas(site, page, lesson):
    attempted = open_offline(page, site / f"{lesson}.html")
    page.wait_for_function("document.querySelectorAll('.nnlesson-explorer .nnlesson-result').length > 0",
                           timeout=60_000)
    page.wait_for_function("window.MathJax && MathJax.Hub && MathJax.Hub.queue.pending === 0 "
                           "&& document.querySelectorAll('.MathJax_CHTML').length > 0", timeout=60_000)
    explorers = page.evaluate(EXPLORERS_JS)
    assert explorers, "no explorer rendered"
    for number, explorer in enumerate(explorers, start=1):
        where = f"{lesson}, explorer {number}"
        assert explorer["readout"].strip(), f"{where}: no saved readout"
        assert explorer["figures"] and all(explorer["figures"]), f"{where}: a saved figure did not decode"
        assert explorer["controls"] >= 1 and explorer["enabled"] == 0, f"{where}: controls still work: {explorer}"
        assert SAVED_VIEW_NOTE in explorer["note"], f"{where}: no 'saved view' note"
        assert all(explorer["marks"]), f"{where}: saved moving marks did not decode"
    assert sum(len(explorer["marks"]) for explorer in explorers) == saved_marks(lesson), \
        f"{lesson}: the page does not draw every saved layer of moving marks"
    text = page.locator("body").inner_text()
    for number in KEY_NUMBERS[lesson[:2]]:
        assert number in text, f"{lesson}: the saved number {number!r} is not on the page"
    assert page.locator(".MathJax_Error, .MathJax_CHTML merror").count() == 0, "a formula failed to typeset"
    assert not attempted, f"{lesson} tried to reach the network: {attempted[:5]}"
    if lesson.startswith("01"):
        page.locator(".nnlesson-explorer").first.scroll_into_view_if_needed()
        screenshot(page, "static_01_the_neuron", full_page=False)


def test_moving_a_saved_views_slider_changes_nothing(site, page):
    open_offline(page, site / f"{LESSONS[0]}.html")
    page.wait_for_selector(".nnlesson-explorer .nnlesson-result", timeout=60_000)
    explorer = page.locator(".nnlesson-explorer").first
    before = explorer.inner_text()
    handle = explorer.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 120, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    page.keyboard.press("ArrowRight")
    assert explorer.inner_text() == before


def test_the_site_links_lessons_to_each_other_and_opens_on_the_first(site):
    index = (site / "index.html").read_text()
    assert f"{LESSONS[0]}.html" in index
    first = (site / f"{LESSONS[0]}.html").read_text()
    assert f'href="{LESSONS[1]}.html' in first and not re.search(r'href="[^"#]*\.ipynb', first)
