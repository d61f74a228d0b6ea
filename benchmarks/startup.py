"""How long until a learner can move a slider, in JupyterLab and in the JupyterLite site?

    python benchmarks/startup.py            # both
    python benchmarks/startup.py lab        # JupyterLab only
    python benchmarks/startup.py lite       # JupyterLite only (needs the [site] extra)

JupyterLab: the server started (tests/browser/harness.py), 00_start_here opened in headless
Chromium, then: page shown, kernel idle, and, after Run All, the first explorer visible.
JupyterLite: the site built (tools/build_site.py lite) and served from this machine, its console
opened with the network blocked, then: kernel ready, a widget shown (ipywidgets installed from the
site), the nnlesson wheel installed. The lessons' own first explorer in JupyterLite needs NumPy and
matplotlib from the Pyodide CDN, which these machines cannot reach, so it is not timed. A
measurement, not a test; other work on the machine makes it noisy (the load average is printed).
"""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
import harness  # noqa: E402


# Notes the page time when the first explorer's figure is in the page.
FIRST_EXPLORER_JS = """() => {
  window.__firstExplorer = null;
  const seen = () => document.querySelector('.nnlesson-explorer .nnlesson-figure img[src]');
  new MutationObserver((_, observer) => {
    if (window.__firstExplorer === null && seen()) { window.__firstExplorer = performance.now(); observer.disconnect(); }
  }).observe(document.body, {childList: true, subtree: true, attributes: true, attributeFilter: ['src']});
}"""


def lab_startup(playwright, chromium: str) -> dict[str, float]:
    started = time.perf_counter()
    lab = harness.start_lab(ROOT)
    times = {"server started": time.perf_counter() - started}
    browser = harness.launch_chromium(playwright, chromium)
    try:
        page = harness.new_page(browser)
        harness.forget_open_tabs(page, lab)  # a fresh workspace, as a new learner has
        opened = time.perf_counter()
        page.goto(harness.notebook_url(lab, "00_start_here"), wait_until="domcontentloaded")
        page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(state="visible", timeout=120_000)
        times["notebook shown"] = time.perf_counter() - opened
        harness.dismiss_dialogs(page)
        harness.wait_for_kernel_idle(page, lab, timeout=120)
        times["kernel idle"] = time.perf_counter() - opened
        page.evaluate(FIRST_EXPLORER_JS)
        run = page.evaluate("performance.now()")
        harness.run_all_cells(page, lab)
        shown = page.evaluate("window.__firstExplorer")
        times["first explorer shown after Run All"] = (shown - run) / 1000
        times["opening to first explorer"] = times["kernel idle"] + (shown - run) / 1000
    finally:
        browser.close()
        harness.stop_lab(lab)
    return times


def lite_startup(playwright, chromium: str) -> dict[str, float]:
    times = {}
    with tempfile.TemporaryDirectory(prefix="nnlesson-lite-") as folder:
        site = Path(folder) / "site"
        started = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "tools" / "build_site.py"), "lite", "--output", str(site)],
                       check=True, capture_output=True, timeout=1200)
        times["site built"] = time.perf_counter() - started

        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        server = f"http://127.0.0.1:{httpd.server_address[1]}"
        browser = harness.launch_chromium(playwright, chromium)
        try:
            page = harness.new_page(browser)
            page.context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
                (server, "data:", "blob:")) else route.abort())
            opened = time.perf_counter()
            page.goto(f"{server}/repl/index.html?kernel=python")
            page.get_by_text("A WebAssembly-powered Python kernel").first.wait_for(state="visible", timeout=300_000)
            times["kernel ready"] = time.perf_counter() - opened
            prompt = page.locator(".jp-CodeConsole-input .cm-content").first
            for code, expect, label in [
                ("%pip install -q ipywidgets\nimport ipywidgets\nipywidgets.IntSlider(description='ready')",
                 "ready", "a widget shown"),
                ("%pip install -q --no-deps nnlesson\nprint('installed', 'nnlesson')", "installed nnlesson",
                 "nnlesson wheel installed")]:
                prompt.click()
                page.keyboard.insert_text(code)
                page.keyboard.press("Shift+Enter")
                page.locator(".jp-CodeConsole-content").get_by_text(expect).first.wait_for(timeout=120_000)
                times[label] = time.perf_counter() - opened
        finally:
            browser.close()
            httpd.shutdown()
    return times


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    chromium = harness.find_chromium()
    if chromium is None:
        print("Chromium is missing (apt-get install chromium)")
        return 0
    which = argv or ["lab", "lite"]
    print(f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with sync_playwright() as playwright:
        for name, measure in (("JupyterLab", lab_startup), ("JupyterLite", lite_startup)):
            if name.lower().removeprefix("jupyter") not in which:
                continue
            for step, seconds in measure(playwright, chromium).items():
                print(f"{name:<12} {step:<38} {seconds:6.1f} s")
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
