"""Fixtures for the browser tests: `lab` (JupyterLab server), `browser`
(Chromium via Playwright) and `page` (a fresh page per test).

Helpers live in harness.py next to this file (`from harness import ...`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of the Chromium executable; skips (fails under CI=true) if missing."""
    return harness.require_browser_stack()


@pytest.fixture(scope="session")
def lab(chromium_path):
    """A JupyterLab server rooted at the repository, shut down after the session."""
    server = harness.start_lab(harness.REPO_ROOT)
    try:
        yield server
    finally:
        harness.stop_lab(server)


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = harness.launch_chromium(playwright, chromium_path)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, lab, request):
    """A fresh browser page; on failure a screenshot is saved as
    tests/browser/screenshots/FAILED-<test name>.png. Kernels the test started in JupyterLab
    are shut down after it."""
    jupyterlab = isinstance(lab, harness.Lab) and bool(lab.token)  # not Voilà, not a static site
    before = harness.session_ids(lab) if jupyterlab else set()
    pg = harness.new_page(browser)
    try:
        yield pg
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            try:  # straight away: the failure may be a picture that never decodes
                harness.SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
                pg.screenshot(path=str(harness.SCREENSHOTS_DIR / f"FAILED-{request.node.name}.png"))
            except Exception:  # noqa: BLE001 - best effort
                pass
        pg.context.close()
        if jupyterlab:
            harness.shut_down_sessions(lab, keep=before)
