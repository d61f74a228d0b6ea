"""Shared JupyterLab + Playwright harness for the browser tests.

One JupyterLab server per test session (fixture ``lab``), one Chromium per
session (fixture ``browser``) and a fresh page per test (fixture ``page``).
The fixtures are registered in ``tests/browser/conftest.py``; a test only asks
for them and calls the helpers below::

    from harness import open_notebook, run_all_cells, press_slider, ...

    def test_something(lab, page):
        open_notebook(page, lab, "01_neuron.ipynb")
        run_all_cells(page, lab)
        before = text_of(page, ".nnlesson-result")
        press_slider(page, lab, "w₁", "ArrowRight", 3)
        after = wait_for_text_change(page, ".nnlesson-result", before)
        screenshot(page, "01_neuron")

Missing Chromium or Playwright skips the test with a reason; when the
environment variable ``CI`` is ``"true"`` that skip becomes a failure
(see ``skip_or_fail`` and the hook in ``tests/conftest.py``).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
SCREENSHOTS_DIR = Path(__file__).resolve().parent / "screenshots"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
]

# Default timeouts (seconds). Generous: CI machines are slow and the first
# kernel start imports numpy and matplotlib.
SERVER_START_TIMEOUT = 120
KERNEL_TIMEOUT = 120
RUN_ALL_TIMEOUT = 300
REPLY_TIMEOUT = 30


# --------------------------------------------------------------------------
# Skip (or, under CI, fail) when the browser stack is missing
# --------------------------------------------------------------------------

def in_ci() -> bool:
    """True when the environment variable CI is "true" (any case)."""
    return os.environ.get("CI", "").strip().lower() == "true"


def skip_or_fail(reason: str):
    """Skip the current test, except under CI=true, where a skip is a failure."""
    if in_ci():
        pytest.fail(f"browser test cannot run under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


def find_chromium() -> str | None:
    """Path of a Chromium executable: /usr/bin/chromium or `chromium` on PATH."""
    candidates = ["/usr/bin/chromium"]
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            candidates.append(found)
    for path in candidates:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def require_browser_stack() -> str:
    """Return the Chromium path, or skip/fail with a clear reason."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        skip_or_fail(
            "playwright is not installed (pip install -e \".[test]\")"
        )
    chromium = find_chromium()
    if chromium is None:
        skip_or_fail(
            "Chromium not found (/usr/bin/chromium or `chromium` on PATH); "
            "install it, e.g. apt-get install -y chromium chromium-driver"
        )
    return chromium


# --------------------------------------------------------------------------
# JupyterLab server
# --------------------------------------------------------------------------

# User settings written into a temporary JUPYTERLAB_SETTINGS_DIR: no news,
# no update checks, no toasts, no autosave, and every cell attached to the DOM (so a
# widget far down a long notebook can still be found).
LAB_USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": True,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "windowingMode": "none",
    },
    # Never write the repository's notebooks back to disk during a test.
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {
        "autosave": False,
    },
    "@jupyterlab/apputils-extension/themes.jupyterlab-settings": {
        "theme": "JupyterLab Light",
    },
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Lab:
    """A running JupyterLab server."""

    base_url: str  # e.g. http://127.0.0.1:8891/
    token: str
    root_dir: Path
    process: subprocess.Popen
    log_path: Path
    tmp_dir: Path
    _log_file: object = field(default=None, repr=False)

    def url(self, path: str) -> str:
        """Absolute URL for `path` (relative to the server root) with the token."""
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}{path.lstrip('/')}{sep}token={self.token}"

    def api(self, path: str):
        """GET a Jupyter REST endpoint (e.g. "api/sessions") and decode the JSON."""
        request = urllib.request.Request(
            f"{self.base_url}{path.lstrip('/')}",
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read().decode("utf-8"))

    def log_tail(self, n: int = 60) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(lines[-n:])


def start_lab(root_dir: Path = REPO_ROOT, timeout: float = SERVER_START_TIMEOUT) -> Lab:
    """Start `python -m jupyter lab` on a free localhost port and wait for it."""
    tmp_dir = Path(tempfile.mkdtemp(prefix="nnlesson-lab-"))
    settings_dir = tmp_dir / "user-settings"
    for rel, content in LAB_USER_SETTINGS.items():
        target = settings_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(content, indent=2))
    for sub in ("workspaces", "config", "runtime", "data"):
        (tmp_dir / sub).mkdir()

    port = free_port()
    token = secrets.token_hex(24)
    env = dict(os.environ)
    env.update(
        JUPYTERLAB_SETTINGS_DIR=str(settings_dir),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp_dir / "workspaces"),
        # Empty per-user dirs: a learner's own ~/.jupyter config or user-level
        # kernelspecs must not change what the test sees.
        JUPYTER_CONFIG_DIR=str(tmp_dir / "config"),
        JUPYTER_RUNTIME_DIR=str(tmp_dir / "runtime"),
        JUPYTER_DATA_DIR=str(tmp_dir / "data"),
        PYTHONUNBUFFERED="1",
    )
    env.pop("JUPYTER_TOKEN", None)
    cmd = [
        sys.executable, "-m", "jupyter", "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        "--ServerApp.open_browser=False",
        "--ServerApp.disable_check_xsrf=False",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        # Checkpoints go to the temporary dir, not .ipynb_checkpoints/ in the repo.
        f"--FileCheckpoints.checkpoint_dir={tmp_dir / 'checkpoints'}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # CI containers run as root
        cmd.append("--allow-root")
    log_path = tmp_dir / "jupyterlab.log"
    log_file = open(log_path, "wb")  # noqa: SIM115 - closed in stop_lab
    process = subprocess.Popen(
        cmd,
        cwd=str(root_dir),
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    lab = Lab(
        base_url=f"http://127.0.0.1:{port}/",
        token=token,
        root_dir=Path(root_dir),
        process=process,
        log_path=log_path,
        tmp_dir=tmp_dir,
        _log_file=log_file,
    )
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            log = lab.log_tail()
            stop_lab(lab)
            raise RuntimeError(f"JupyterLab exited with code {process.returncode}:\n{log}")
        try:
            lab.api("api/status")
            # The lab page itself must render too (extensions loaded).
            with urllib.request.urlopen(lab.url("lab"), timeout=10) as response:
                if response.status == 200:
                    return lab
        except (urllib.error.URLError, ConnectionError, OSError, ValueError):
            pass
        if time.monotonic() > deadline:
            log = lab.log_tail()
            stop_lab(lab)
            raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s:\n{log}")
        time.sleep(0.5)


def stop_lab(lab: Lab, timeout: float = 15) -> None:
    """Terminate the server (and its kernels), then kill if it does not exit."""
    proc = lab.process
    if proc.poll() is None:
        try:
            proc.terminate()
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    # Kernels are in the server's own session (start_new_session=True); make
    # sure nothing survives.
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            proc.kill()
        proc.wait(timeout=timeout)
    else:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            pass
    if lab._log_file is not None:
        lab._log_file.close()
    shutil.rmtree(lab.tmp_dir, ignore_errors=True)


# --------------------------------------------------------------------------
# Chromium via Playwright (sync API)
# --------------------------------------------------------------------------

def launch_chromium(playwright, executable_path: str):
    return playwright.chromium.launch(
        executable_path=executable_path, headless=True, args=CHROMIUM_ARGS
    )


def new_page(browser, width: int = 1400, height: int = 1000):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(REPLY_TIMEOUT * 1000)
    return page


# --------------------------------------------------------------------------
# Helpers for notebook tests
# --------------------------------------------------------------------------

def notebook_url(lab: Lab, name: str) -> str:
    """URL of notebooks/NAME in JupyterLab (name with or without .ipynb)."""
    if not name.endswith(".ipynb"):
        name += ".ipynb"
    return lab.url(f"lab/tree/notebooks/{name}")


def forget_open_tabs(page, lab: Lab) -> None:
    """Reset the saved workspace (JupyterLab's ``?reset``): otherwise JupyterLab reopens the
    tabs an earlier test left open, and a hidden notebook panel may be the one clicked."""
    page.goto(lab.url("lab?reset"), wait_until="domcontentloaded")
    page.locator(".jp-LabShell").first.wait_for(state="attached")
    page.wait_for_timeout(1000)


def open_notebook(page, lab: Lab, name: str, timeout: float = KERNEL_TIMEOUT) -> None:
    """Open notebooks/NAME alone in a fresh JupyterLab workspace and wait until its kernel is idle."""
    assert (NOTEBOOKS_DIR / name).is_file(), f"notebooks/{name} is missing"
    forget_open_tabs(page, lab)
    page.goto(notebook_url(lab, name), wait_until="domcontentloaded")
    page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(
        state="visible", timeout=timeout * 1000
    )
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(
        state="attached", timeout=timeout * 1000
    )
    dismiss_dialogs(page)
    wait_for_kernel_idle(page, lab, timeout=timeout)


def open_and_run(page, lab: Lab, name: str) -> None:
    """Open notebooks/NAME in a fresh workspace and run all its cells."""
    open_notebook(page, lab, name)
    run_all_cells(page, lab)


def dismiss_dialogs(page) -> None:
    """Close any modal dialog (e.g. a kernel chooser) that JupyterLab shows."""
    for _ in range(3):
        dialog = page.locator(".jp-Dialog")
        if dialog.count() == 0:
            return
        accept = dialog.locator(".jp-Dialog-button.jp-mod-accept")
        if accept.count():
            accept.first.click()
        else:
            page.keyboard.press("Escape")
        page.wait_for_timeout(300)


def _kernel_states(lab: Lab) -> list[str]:
    sessions = lab.api("api/sessions")
    return [s.get("kernel", {}).get("execution_state", "unknown") for s in sessions]


def wait_for_kernel_idle(
    page, lab: Lab, timeout: float = KERNEL_TIMEOUT, settle: float = 0.3
) -> None:
    """Wait until a kernel is running and every kernel is idle (server side),
    and the notebook toolbar no longer shows a busy kernel (client side)."""
    deadline = time.monotonic() + timeout
    idle_since = None
    states: list[str] = []
    while time.monotonic() < deadline:
        states = _kernel_states(lab)
        busy_dom = page.locator(
            ".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='busy']"
        ).count()
        if states and all(s == "idle" for s in states) and not busy_dom:
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since >= settle:
                return
        else:
            idle_since = None
        time.sleep(0.1)
    raise TimeoutError(f"kernel not idle after {timeout:.0f} s (states: {states})\n{lab.log_tail(20)}")


_CELLS_DONE_JS = """
() => {
  const cells = document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell');
  if (cells.length === 0) return false;
  for (const cell of cells) {
    const prompt = cell.querySelector('.jp-InputArea-prompt');
    const text = prompt ? prompt.textContent : '';
    if (text.includes('*')) return false;            // queued or running
    const source = cell.querySelector('.jp-InputArea-editor');
    const empty = source ? source.textContent.trim() === '' : true;
    if (!empty && !/\\[\\d+\\]/.test(text)) return false;  // not executed yet
  }
  return true;
}
"""


def wait_for_all_cells(page, lab: Lab, timeout: float = RUN_ALL_TIMEOUT) -> None:
    """Wait until every non-empty code cell shows an execution count `[n]:`
    (none `[*]:`) and the kernel is idle."""
    page.wait_for_function(_CELLS_DONE_JS, timeout=timeout * 1000, polling=200)
    wait_for_kernel_idle(page, lab, timeout=timeout)


def run_all_cells(page, lab: Lab, timeout: float = RUN_ALL_TIMEOUT) -> None:
    """Run > Run All Cells, then wait for every cell and the kernel to finish.

    Uses the main menu; falls back to the command palette if the menu item
    cannot be found. Fails if any cell produced an error output."""
    page.locator(".jp-NotebookPanel .jp-Notebook").first.click(position={"x": 5, "y": 5})
    try:
        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).first.click(timeout=5000)
        item = page.locator(".lm-Menu-item[data-command='notebook:run-all-cells']")
        item.first.click(timeout=5000)
    except Exception:  # noqa: BLE001 - fall back to the command palette
        page.keyboard.press("Escape")
        page.keyboard.press("Control+Shift+C")
        palette = page.locator(".lm-CommandPalette-input")
        palette.first.fill("Run All Cells")
        page.locator(
            ".lm-CommandPalette-item[data-command='notebook:run-all-cells']"
        ).first.click()
    # Give the kernel a moment to go busy so we do not see the old idle state.
    page.wait_for_timeout(500)
    wait_for_all_cells(page, lab, timeout=timeout)
    errors = error_outputs(page)
    if errors:
        raise AssertionError("a cell raised an error:\n" + errors[0][:2000])


def error_outputs(page) -> list[str]:
    """Texts of outputs that look like exceptions (JupyterLab renders errors
    and stderr with the same MIME type; warnings on stderr are not errors)."""
    texts = page.locator(
        ".jp-NotebookPanel .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
    ).all_inner_texts()
    pattern = re.compile(r"Traceback \(most recent call last\)|^\w*(Error|Exception)\b", re.M)
    return [t for t in texts if pattern.search(t)]


def find_slider(page, label: str):
    """Locator of the ipywidgets slider whose description is exactly `label`."""
    exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
    slider = page.locator(".widget-slider").filter(
        has=page.locator(".widget-label", has_text=exact)
    )
    slider.first.wait_for(state="visible", timeout=REPLY_TIMEOUT * 1000)
    return slider.first


def press_slider(
    page, lab: Lab, label: str, key: str = "ArrowRight", times: int = 1,
    timeout: float = REPLY_TIMEOUT,
) -> None:
    """Focus the handle of the slider labelled `label`, press `key` `times`
    times (ArrowRight/ArrowLeft/Home/End/PageUp/PageDown), then wait for the
    kernel to process the changes."""
    handle = find_slider(page, label).locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(times):
        page.keyboard.press(key)
        page.wait_for_timeout(50)
    page.wait_for_timeout(300)
    wait_for_kernel_idle(page, lab, timeout=timeout)


def slider_readout(page, label: str) -> str:
    """Text of the slider's value readout (e.g. "0.50")."""
    return find_slider(page, label).locator(".widget-readout").first.inner_text().strip()


def select_dropdown(page, lab: Lab, label: str, option: str, timeout: float = REPLY_TIMEOUT) -> None:
    """Choose `option` in the ipywidgets Dropdown described `label`."""
    exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
    box = page.locator(".widget-dropdown").filter(
        has=page.locator(".widget-label", has_text=exact)
    ).first
    box.locator("select").select_option(label=option)
    page.wait_for_timeout(300)
    wait_for_kernel_idle(page, lab, timeout=timeout)


def text_of(page, selector: str, index: int = 0) -> str:
    """inner_text of the index-th element matching `selector`."""
    element = page.locator(selector).nth(index)
    element.wait_for(state="attached", timeout=REPLY_TIMEOUT * 1000)
    return element.inner_text()


def wait_for_text_change(
    page, selector: str, old_text: str, index: int = 0, timeout: float = REPLY_TIMEOUT
) -> str:
    """Wait until the element's text differs from `old_text`; return the new text."""
    deadline = time.monotonic() + timeout
    text = old_text
    while time.monotonic() < deadline:
        text = text_of(page, selector, index)
        if text != old_text:
            return text
        time.sleep(0.1)
    return text


def screenshot(page, name: str, full_page: bool = True) -> Path:
    """Save a PNG to tests/browser/screenshots/NAME.png (git-ignored)."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS_DIR / (name if name.endswith(".png") else f"{name}.png")
    page.screenshot(path=str(path), full_page=full_page)
    return path


# --------------------------------------------------------------------------
# Voilà (presenter mode)
# --------------------------------------------------------------------------

def start_voila(notebook: Path, timeout: float = SERVER_START_TIMEOUT) -> Lab:
    """Start `python -m voila NOTEBOOK` (the README's presenter command) on a
    free localhost port and wait until it serves the page. Returns a `Lab`
    record (empty token: Voilà needs none); stop it with `stop_lab`."""
    tmp_dir = Path(tempfile.mkdtemp(prefix="nnlesson-voila-"))
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    for sub in ("config", "runtime"):  # ignore a user's own Jupyter config
        (tmp_dir / sub).mkdir()
        env[f"JUPYTER_{sub.upper()}_DIR"] = str(tmp_dir / sub)
    port = free_port()
    log_path = tmp_dir / "voila.log"
    log_file = open(log_path, "wb")  # noqa: SIM115 - closed in stop_lab
    process = subprocess.Popen(
        [sys.executable, "-m", "voila", str(notebook), "--no-browser",
         f"--port={port}", "--Voila.ip=127.0.0.1", "--Voila.port_retries=0"],
        cwd=str(Path(notebook).parent), env=env, stdin=subprocess.DEVNULL,
        stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
    )
    server = Lab(
        base_url=f"http://127.0.0.1:{port}/", token="", root_dir=Path(notebook).parent,
        process=process, log_path=log_path, tmp_dir=tmp_dir, _log_file=log_file,
    )
    try:
        wait_for_url(server.base_url + "voila/static/voila.js", process, timeout)
    except RuntimeError as error:
        log = server.log_tail()
        stop_lab(server)
        raise RuntimeError(f"Voilà did not start: {error}\n{log}") from None
    return server


def wait_for_url(url: str, process: subprocess.Popen, timeout: float) -> None:
    """Poll `url` until it answers 200; RuntimeError if `process` exits first
    or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError, ValueError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


def press_keys(page, locator, key: str, times: int = 1) -> None:
    """Focus `locator` (e.g. a slider handle) and press `key` `times` times;
    for pages without a JupyterLab kernel to wait for (Voilà)."""
    locator.scroll_into_view_if_needed()
    locator.focus()
    for _ in range(times):
        page.keyboard.press(key)
        page.wait_for_timeout(50)
