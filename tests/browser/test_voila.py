"""Presenter mode: `voila notebooks/00_start_here.ipynb` shows the neuron
explorer as a clean page (no code), and its x₁ slider still drives the readout."""

from __future__ import annotations

import pytest

from harness import (
    NOTEBOOKS_DIR,
    RUN_ALL_TIMEOUT,
    find_slider,
    press_keys,
    screenshot,
    skip_or_fail,
    slider_readout,
    start_voila,
    stop_lab,
    text_of,
    wait_for_text,
)

NOTEBOOK = NOTEBOOKS_DIR / "00_start_here.ipynb"
RESULT = ".nnlesson-result"


@pytest.fixture(scope="module")
def lab(chromium_path):
    """Voilà serving 00_start_here on a free localhost port, stopped afterwards.

    Named `lab` to stand in for JupyterLab in this module: the shared `page`
    fixture (fresh page, screenshot on failure) asks for a server, and here
    that server is Voilà."""
    try:
        import voila  # noqa: F401
    except ImportError:
        skip_or_fail('voila is not installed (pip install -e ".[test]" or ".[present]")')
    server = start_voila(NOTEBOOK)
    try:
        yield server
    finally:
        stop_lab(server)


def test_presenter_mode_slider_moves_readout(lab, page):
    page.goto(lab.base_url, wait_until="domcontentloaded")
    # Voilà runs the whole notebook before it shows the widgets.
    page.locator(RESULT, has_text="z =").first.wait_for(state="visible", timeout=RUN_ALL_TIMEOUT * 1000)

    before = text_of(page, RESULT)
    assert "2.20" in before, f"the worked example's z = 2.20 is not in the readout: {before!r}"
    assert page.locator(".jp-InputArea-editor, .cm-editor").filter(visible=True).count() == 0, (
        "presenter mode shows code (strip_sources should hide it)"
    )
    x1_before = slider_readout(page, "x₁")
    assert page.locator(".nnlesson-background img").filter(visible=True).count() >= 2, "the explorer's figures are missing"

    press_keys(page, find_slider(page, "x₁").locator(".noUi-handle").first, "ArrowRight", times=3)

    after = wait_for_text(page, RESULT, "= 2.26")   # x₁: 1.0 -> 1.3, w₁ = 0.2: z = 2.20 + 0.06
    page.locator(".nnlesson-background img").last.scroll_into_view_if_needed()  # the whole explorer in view
    screenshot(page, "voila_00_start_here")
    assert slider_readout(page, "x₁") != x1_before, "the x₁ slider did not move"
    assert after != before, f"readout did not change after moving x₁: {after!r}"
    assert "z =" in after
