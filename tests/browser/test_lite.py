"""The JupyterLite site (`python tools/build_site.py lite`) as a reader's browser sees it.

Built into a temporary folder, served over HTTP from this machine, opened in Chromium with
every off-machine request blocked. What can be checked without the Pyodide CDN is checked:
the site holds every lesson, the nnlesson and widget wheels and the Pyodide runtime with the
kernel's start-up packages; it opens in Chromium from this machine alone and lists every
lesson; its kernel starts, a widget renders, and the bundled nnlesson wheel installs with
``%pip`` (without its dependencies: NumPy and matplotlib would come from the CDN).
NumPy and matplotlib come from the Pyodide CDN, which these machines cannot reach, so running
the lessons themselves in JupyterLite is not tested here (the README says so).
"""
from __future__ import annotations

import functools
import http.server
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from harness import click, screenshot, skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def site(tmp_path_factory, chromium_path) -> Path:
    try:
        import jupyterlite_core  # noqa: F401
        import jupyterlite_pyodide_kernel  # noqa: F401
    except ImportError:
        skip_or_fail("jupyterlite-core and jupyterlite-pyodide-kernel are not installed (the [site] extra)")
    output = tmp_path_factory.mktemp("lite") / "site"
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_site.py"), "lite", "--output", str(output)],
                            capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    print(f"\nJupyterLite site built in {time.perf_counter() - started:.1f} s")
    return output


@pytest.fixture(scope="module")
def server(site):
    """The site served over HTTP on a free local port (JupyterLite does not run from file://)."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="module")
def lab():
    """No JupyterLab: the site is static files. Stands in so the shared `page` fixture starts none."""
    return None


def test_the_site_holds_every_lesson_the_wheel_and_a_local_pyodide(site):
    assert sorted(p.name for p in (site / "files").glob("*.ipynb")) == LESSONS
    index = json.loads((site / "pypi" / "all.json").read_text())
    assert "nnlesson" in index and "ipywidgets" in index
    assert (site / "static" / "pyodide" / "pyodide.asm.wasm").is_file()
    settings = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]["litePluginSettings"]
    assert settings["@jupyterlite/pyodide-kernel-extension:kernel"]["pyodideUrl"] == "./static/pyodide/pyodide.mjs"
    assert (site / "extensions" / "@jupyter-widgets" / "jupyterlab-manager").is_dir()


def blocking_the_network(page, server: str) -> list[str]:
    """Let only this machine's server answer; the list fills with every other URL the page or its kernel tried."""
    attempted: list[str] = []

    def block(route):
        url = route.request.url
        if url.startswith((server, "data:", "blob:")):
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    page.context.route("**/*", block)  # the context's routes also see the kernel's worker
    return attempted


def test_the_site_opens_in_chromium_offline_and_lists_every_lesson(server, page):
    attempted = blocking_the_network(page, server)
    started = time.perf_counter()
    page.goto(f"{server}/lab/index.html")
    listing = page.locator(".jp-DirListing-itemName")
    listing.first.wait_for(state="visible", timeout=120_000)
    page.wait_for_function(f"document.querySelectorAll('.jp-DirListing-itemName').length >= {len(LESSONS)}",
                           timeout=60_000)
    print(f"\nJupyterLite: file browser shown {time.perf_counter() - started:.1f} s after opening")
    names = listing.all_inner_texts()
    assert all(lesson in names for lesson in LESSONS), names
    screenshot(page, "lite_lab", full_page=False)
    assert not attempted, f"the site reached for the network: {attempted[:5]}"


def run_in_console(page, code: str, expect: str, timeout_s: float = 120) -> None:
    """Type one cell into the JupyterLite console, run it, and wait until ``expect`` shows in its output."""
    click(page.locator(".jp-CodeConsole-input .cm-content").first, timeout_s)
    page.keyboard.insert_text(code)
    page.keyboard.press("Shift+Enter")
    page.locator(".jp-CodeConsole-content").get_by_text(expect).first.wait_for(state="visible",
                                                                               timeout=timeout_s * 1000)


def test_the_kernel_starts_offline_shows_a_widget_and_installs_the_bundled_wheel(server, page):
    attempted = blocking_the_network(page, server)
    started = time.perf_counter()
    page.goto(f"{server}/repl/index.html?kernel=python&toolbar=1")
    page.get_by_text("A WebAssembly-powered Python kernel").first.wait_for(state="visible", timeout=240_000)
    ready_s = time.perf_counter() - started
    run_in_console(page, "print(6 * 7)", "42")
    run_in_console(page, "%pip install -q ipywidgets\nimport ipywidgets\nipywidgets.IntSlider(value=3, "
                         "description='three')", "three")
    widget_s = time.perf_counter() - started
    run_in_console(page, "%pip install -q --no-deps nnlesson\nimport importlib.metadata\n"
                         "print('installed nnlesson', importlib.metadata.version('nnlesson'))", "installed nnlesson 0.1.0")
    print(f"\nJupyterLite: kernel ready {ready_s:.1f} s after opening, a widget shown at {widget_s:.1f} s")
    assert page.locator(".jp-CodeConsole .widget-slider").count() == 1
    screenshot(page, "lite_console", full_page=False)
    reached = [url for url in attempted if "jsdelivr" in url or "pypi.org" in url or "pythonhosted" in url]
    assert not reached, f"the kernel reached for the network: {reached[:5]}"
