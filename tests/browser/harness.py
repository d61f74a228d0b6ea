"""Shared JupyterLab + Playwright harness for the browser tests.

One JupyterLab server per test session (fixture ``lab``), one Chromium per
session (fixture ``browser``) and a fresh page per test (fixture ``page``).
The fixtures are registered in ``tests/browser/conftest.py``; a test only asks
for them and calls the helpers below::

    from harness import open_notebook, run_all_cells, press_slider, ...

    def test_something(lab, page):
        open_notebook(page, lab, "00_start_here.ipynb")
        run_all_cells(page, lab)
        press_slider(page, lab, "x₁", "ArrowRight", 3)     # x₁: 1.0 -> 1.3
        after = wait_for_text(page, ".nnlesson-result", "2.26")
        screenshot(page, "00_start_here")

Every wait is a wait for a state, never a fixed pause: the server answering, the
JupyterLab application restored, a kernel idle with no message of the page's left
unanswered, every cell of a Run All answered, an element visible and scrolled into view,
a readout showing what the test expects (``wait_for_text``), every picture decoded. A
state that does not come within a generous deadline fails with a message saying what was
awaited, so a slow or busy machine only makes the tests slower.

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
REPLY_TIMEOUT = 120
"""Seconds for one answer in the page (a readout, a picture, an element): generous, as a busy
machine may take long; a test that passes waits only as long as the answer takes."""
POLL_INTERVAL = 0.1
"""Seconds between two looks at a state that cannot be awaited directly (the server's REST API)."""
PAGE_POLL_MS = 50
"""Milliseconds between two looks at a state inside the page."""


def poll_until(condition, what: str, timeout: float, interval: float = POLL_INTERVAL, details=None):
    """Call `condition()` until it returns something truthy and return that; TimeoutError saying
    `what` was awaited (and `details()`, if given) after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            extra = details() if details is not None else ""
            raise TimeoutError(f"waited {timeout:.0f} s for {what}" + (f"\n{extra}" if extra else ""))
        time.sleep(interval)


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
        # window.jupyterapp: the harness asks the application itself whether it has restored its
        # layout and whether the notebook's kernel is idle, instead of waiting a fixed time.
        "--LabApp.expose_app_in_browser=True",
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
    try:
        poll_until(lambda: _lab_answers(lab), f"JupyterLab to answer on {lab.base_url}", timeout)
    except (TimeoutError, RuntimeError) as error:
        log = lab.log_tail()
        stop_lab(lab)
        raise RuntimeError(f"{error}:\n{log}") from None
    return lab


def _lab_answers(lab: Lab) -> bool:
    """True once the server answers its status API and serves the lab page (extensions loaded);
    RuntimeError if the server has exited."""
    if lab.process.poll() is not None:
        raise RuntimeError(f"JupyterLab exited with code {lab.process.returncode}")
    try:
        lab.api("api/status")
        with urllib.request.urlopen(lab.url("lab"), timeout=10) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, OSError, ValueError):
        return False


def session_ids(lab: Lab) -> set[str]:
    """Ids of the server's sessions (one per open notebook with its kernel)."""
    return {session["id"] for session in lab.api("api/sessions")}


def shut_down_sessions(lab: Lab, keep: set[str] = frozenset()) -> None:
    """Shut down every session (and its kernel) except those in `keep`: a lesson's kernel left
    running keeps drawing ahead in the background and slows the tests after it (best effort)."""
    for session_id in session_ids(lab) - set(keep):
        request = urllib.request.Request(f"{lab.base_url}api/sessions/{session_id}", method="DELETE",
                                         headers={"Authorization": f"token {lab.token}"})
        try:
            urllib.request.urlopen(request, timeout=30).close()
        except OSError:
            pass


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


def wait_in_page(page, js: str, what: str, timeout: float, arg=None) -> None:
    """Wait until the page function `js` (given `arg`) returns something truthy, checked inside the
    page every PAGE_POLL_MS. On timeout, TimeoutError saying `what` was awaited and the
    last reason the function left in ``window.__nnlWhy``."""
    try:
        page.wait_for_function(js, arg=arg, timeout=timeout * 1000, polling=PAGE_POLL_MS)
    except Exception as error:  # noqa: BLE001 - Playwright's TimeoutError and Error alike
        try:
            why = page.evaluate("() => window.__nnlWhy || ''")
        except Exception:  # noqa: BLE001 - the page itself may be gone
            why = ""
        raise TimeoutError(f"waited {timeout:.0f} s for {what}" + (f" ({why})" if why else "")
                           + f"\n{type(error).__name__}: {str(error)[:500]}") from None


# Is the JupyterLab application (window.jupyterapp, exposed by start_lab) started and its layout restored?
APP_RESTORED_JS = """() => {
  const app = window.jupyterapp;
  if (!app || !app.restored) { window.__nnlWhy = 'no JupyterLab application on the page yet'; return false; }
  if (!app.__nnlRestored) { app.__nnlRestored = 'no'; app.restored.then(() => { app.__nnlRestored = 'yes'; }); }
  window.__nnlWhy = 'the application has not restored its layout yet';
  return app.__nnlRestored === 'yes';
}"""


def wait_for_app(page, timeout: float = KERNEL_TIMEOUT) -> None:
    """Wait until JupyterLab has started and restored its layout."""
    page.locator(".jp-LabShell").first.wait_for(state="attached", timeout=timeout * 1000)
    wait_in_page(page, APP_RESTORED_JS, "JupyterLab to start and restore its layout", timeout)


def forget_open_tabs(page, lab: Lab, timeout: float = KERNEL_TIMEOUT) -> None:
    """Reset the saved workspace (JupyterLab's ``?reset``): otherwise JupyterLab reopens the
    tabs an earlier test left open, and a hidden notebook panel may be the one clicked.

    JupyterLab clears its state, saves the empty workspace to the server and only then drops
    ``reset`` from the address: that, and a restored application, is what is awaited."""
    page.goto(lab.url("lab?reset"), wait_until="domcontentloaded")
    wait_for_app(page, timeout)
    wait_in_page(page, "() => !new URLSearchParams(location.search).has('reset')",
                 "JupyterLab to save the emptied workspace (the address to lose ?reset)", timeout)


# The notebook at `path` is the only document in the main area, its file loaded and its panel shown.
NOTEBOOK_SHOWN_JS = """(path) => {
  const app = window.jupyterapp;
  const docs = app ? [...app.shell.widgets('main')].filter(w => w.context) : [];
  const paths = docs.map(w => w.context.path);
  const panel = docs.find(w => w.context.path === path);
  if (!panel) { window.__nnlWhy = 'open documents: ' + JSON.stringify(paths); return false; }
  if (docs.length > 1) { window.__nnlWhy = 'other documents are open as well: ' + JSON.stringify(paths); return false; }
  if (!panel.context.isReady) { window.__nnlWhy = 'the file is still loading'; return false; }
  if (!panel.isVisible) { window.__nnlWhy = 'its tab is not the one shown'; return false; }
  return true;
}"""


def open_path(page, lab: Lab, path: str, timeout: float = KERNEL_TIMEOUT) -> None:
    """Open the notebook at `path` (relative to the server root) alone in a new JupyterLab
    workspace (one never used, so no tab of an earlier test comes back), and wait until it is
    shown and its kernel is idle."""
    workspace = f"test-{secrets.token_hex(6)}"
    page.goto(lab.url(f"lab/workspaces/{workspace}/tree/{path}"), wait_until="domcontentloaded")
    wait_for_app(page, timeout)
    wait_in_page(page, NOTEBOOK_SHOWN_JS, f"{path} to be open alone and shown", timeout, arg=path)
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(state="attached", timeout=timeout * 1000)
    dismiss_dialogs(page)
    wait_for_kernel_idle(page, lab, timeout=timeout)


def open_notebook(page, lab: Lab, name: str, timeout: float = KERNEL_TIMEOUT) -> None:
    """Open notebooks/NAME alone in a fresh JupyterLab workspace and wait until its kernel is idle."""
    assert (NOTEBOOKS_DIR / name).is_file(), f"notebooks/{name} is missing"
    open_path(page, lab, f"notebooks/{name}", timeout)


def open_and_run(page, lab: Lab, name: str) -> None:
    """Open notebooks/NAME in a fresh workspace and run all its cells."""
    open_notebook(page, lab, name)
    run_all_cells(page, lab)


def click(locator, timeout: float = REPLY_TIMEOUT) -> None:
    """Wait until `locator` is visible, scroll it into view, click it."""
    locator.wait_for(state="visible", timeout=timeout * 1000)
    locator.scroll_into_view_if_needed(timeout=timeout * 1000)
    locator.click(timeout=timeout * 1000)


def focus(page, locator, timeout: float = REPLY_TIMEOUT) -> None:
    """Wait until `locator` is visible, scroll it into view, focus it and wait until it has the focus."""
    locator.wait_for(state="visible", timeout=timeout * 1000)
    locator.scroll_into_view_if_needed(timeout=timeout * 1000)
    locator.focus(timeout=timeout * 1000)
    wait_in_page(page, "(el) => document.activeElement === el", "the element to have the keyboard focus",
                 timeout, arg=locator.element_handle(timeout=timeout * 1000))


def dismiss_dialogs(page, timeout: float = REPLY_TIMEOUT) -> None:
    """Close any modal dialog (e.g. a kernel chooser) that JupyterLab shows, waiting until it is gone."""
    for _ in range(3):
        dialogs = page.locator(".jp-Dialog")
        count = dialogs.count()
        if count == 0:
            return
        accept = dialogs.first.locator(".jp-Dialog-button.jp-mod-accept")
        if accept.count():
            click(accept.first, timeout)
        else:
            page.keyboard.press("Escape")
        wait_in_page(page, "(n) => document.querySelectorAll('.jp-Dialog').length < n",
                     "a dialog to close", timeout, arg=count)


# Defines kernels(): every notebook's kernel in the main area, each with a message tracker that
# counts what the page sent on the shell channel and which of those the kernel has answered (its
# "idle" status with that message as parent), and execute replies received. ipywidgets sends a
# widget's next change from inside the handler of the previous one's idle, so "nothing unanswered"
# holds only once the last change of a burst (a slider's key presses) has been handled.
KERNELS_JS = """
const kernels = () => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return {why: 'no JupyterLab application on the page yet'};
  const panels = [...app.shell.widgets('main')].filter(w => w.sessionContext && w.context);
  if (!panels.length) return {why: 'no notebook is open'};
  const found = [];
  for (const panel of panels) {
    const session = panel.sessionContext.session;
    const kernel = session ? session.kernel : null;
    if (!kernel) return {why: panel.context.path + ': no kernel yet'};
    if (!kernel.__nnl) {
      const t = {pending: new Set(), sent: 0, replies: 0};
      kernel.anyMessage.connect((_, args) => {
        const msg = args.msg;
        if (args.direction === 'send') {
          if (msg.channel === 'shell') { t.pending.add(msg.header.msg_id); t.sent += 1; }
        } else if (msg.channel === 'iopub' && msg.header.msg_type === 'status') {
          if (msg.content.execution_state === 'idle' && msg.parent_header) t.pending.delete(msg.parent_header.msg_id);
        } else if (msg.channel === 'shell' && msg.header.msg_type === 'execute_reply') {
          t.replies += 1;
        }
      });
      kernel.__nnl = t;
    }
    found.push({panel: panel, kernel: kernel, t: kernel.__nnl});
  }
  return {kernels: found};
};
const totals = (found) => ({sent: found.reduce((s, k) => s + k.t.sent, 0),
                            replies: found.reduce((s, k) => s + k.t.replies, 0)});
"""

# Every notebook's kernel connected and idle, nothing the page sent unanswered, and (if sentAfter is
# a number) more messages sent in all than sentAfter: the change awaited has left the page.
KERNEL_IDLE_JS = "(sentAfter) => {" + KERNELS_JS + """
  const found = kernels();
  if (found.why) { window.__nnlWhy = found.why; return false; }
  for (const k of found.kernels) {
    const where = k.panel.context.path + ': ';
    if (k.kernel.connectionStatus !== 'connected') {
      window.__nnlWhy = where + 'kernel ' + k.kernel.connectionStatus; return false; }
    if (k.kernel.status !== 'idle') { window.__nnlWhy = where + 'kernel ' + k.kernel.status; return false; }
    if (k.t.pending.size) {
      window.__nnlWhy = where + k.t.pending.size + ' message(s) of the page not answered by the kernel yet';
      return false; }
  }
  if (sentAfter !== null && totals(found.kernels).sent <= sentAfter) {
    window.__nnlWhy = 'the change has not been sent to the kernel yet'; return false; }
  return true;
}"""

KERNEL_COUNTS_JS = "() => {" + KERNELS_JS + """
  const found = kernels();
  if (found.why) throw new Error(found.why);
  return totals(found.kernels);
}"""


def kernel_messages(page) -> dict:
    """{"sent": messages the page sent its kernels, "replies": execute replies it received}, counted
    from when the harness first looked at each kernel."""
    return page.evaluate(KERNEL_COUNTS_JS)


def _kernel_states(lab: Lab) -> list[str]:
    sessions = lab.api("api/sessions")
    return [s.get("kernel", {}).get("execution_state", "unknown") for s in sessions]


def wait_for_kernel_idle(page, lab: Lab, timeout: float = KERNEL_TIMEOUT, sent_after: int | None = None) -> None:
    """Wait until every open notebook's kernel is idle as the page sees it, with no message of the
    page left unanswered (and, given `sent_after`, with more messages sent than that), then until the
    server reports every kernel idle too."""
    wait_in_page(page, KERNEL_IDLE_JS, "the kernel to be idle with every message of the page answered",
                 timeout, arg=sent_after)
    states: list[str] = []

    def all_idle() -> bool:
        states[:] = _kernel_states(lab)
        return bool(states) and all(s == "idle" for s in states)

    poll_until(all_idle, "the server to report every kernel idle", timeout,
               details=lambda: f"states: {states}\n{lab.log_tail(20)}")


_CELLS_DONE_JS = """
() => {
  const cells = document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell');
  if (cells.length === 0) { window.__nnlWhy = 'no code cell'; return false; }
  for (const cell of cells) {
    const prompt = cell.querySelector('.jp-InputArea-prompt');
    const text = prompt ? prompt.textContent : '';
    window.__nnlWhy = 'a cell is queued, running or not run';
    if (text.includes('*')) return false;            // queued or running
    const source = cell.querySelector('.jp-InputArea-editor');
    const empty = source ? source.textContent.trim() === '' : true;
    if (!empty && !/\\[\\d+\\]/.test(text)) return false;  // not executed yet
  }
  return true;
}
"""

# Counts the current notebook's non-empty code cells (those Run All sends to the kernel) and takes
# the execute replies received so far; makes the notebook the active tab.
ARM_RUN_ALL_JS = "() => {" + KERNELS_JS + """
  const found = kernels();
  if (found.why) throw new Error(found.why);
  const panel = found.kernels[0].panel;
  jupyterapp.shell.activateById(panel.id);
  const code = panel.content.widgets.filter(c => c.model.type === 'code' && c.model.sharedModel.getSource().trim());
  return {cells: code.length, ...totals(found.kernels)};
}"""

RUN_ALL_DONE_JS = "(armed) => {" + KERNELS_JS + """
  const found = kernels();
  if (found.why) { window.__nnlWhy = found.why; return false; }
  const replies = totals(found.kernels).replies - armed.replies;
  if (replies < armed.cells) {
    window.__nnlWhy = replies + ' of ' + armed.cells + ' code cells answered'; return false; }
  return true;
}"""


def wait_for_all_cells(page, lab: Lab, timeout: float = RUN_ALL_TIMEOUT) -> None:
    """Wait until every non-empty code cell shows an execution count `[n]:` (none `[*]:`) and the
    kernel is idle with nothing unanswered. (Saved notebooks show counts before they run: after a Run
    All, `run_all_cells` first waits for the kernel's answer to every cell.)"""
    wait_in_page(page, _CELLS_DONE_JS, "every code cell to show its execution count", timeout)
    wait_for_kernel_idle(page, lab, timeout=timeout)


def run_all_cells(page, lab: Lab, timeout: float = RUN_ALL_TIMEOUT) -> None:
    """Run > Run All Cells, then wait until the kernel has answered every code cell, every cell shows
    its count, the kernel is idle and every picture is decoded. Fails if any cell produced an error.

    Uses the main menu; runs the command itself if the menu item cannot be clicked."""
    armed = page.evaluate(ARM_RUN_ALL_JS)
    try:
        click(page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).first, timeout=15)
        label = page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$"))
        click(page.locator(".lm-Menu .lm-Menu-item", has=label).first, timeout=15)
    except Exception:  # noqa: BLE001 - the menu did not open or close as expected: run the command
        page.keyboard.press("Escape")
        if kernel_messages(page)["sent"] == armed["sent"]:  # nothing sent: the run has not started
            page.evaluate("() => { jupyterapp.commands.execute('notebook:run-all-cells'); }")
    wait_in_page(page, RUN_ALL_DONE_JS, "the kernel to answer every code cell of Run All", timeout, arg=armed)
    wait_for_all_cells(page, lab, timeout=timeout)
    wait_for_images(page, ".jp-NotebookPanel", timeout=timeout)
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


# Every picture inside the elements matching the selector decoded (img.decode() resolves).
IMAGES_DECODED_JS = """async (scope) => {
  const images = [...document.querySelectorAll(scope)].flatMap(root => [...root.querySelectorAll('img')])
    .filter(img => img.getAttribute('src'));
  const decoded = await Promise.all(images.map(img => img.decode().then(() => true, () => false)));
  const missing = decoded.filter(ok => !ok).length;
  window.__nnlWhy = missing + ' of ' + images.length + ' pictures not decoded';
  return missing === 0;
}"""


def wait_for_images(page, scope: str = "[class*='nnlesson']", timeout: float = REPLY_TIMEOUT) -> None:
    """Wait until every picture (<img>) inside the elements matching `scope` is decoded."""
    wait_in_page(page, IMAGES_DECODED_JS, f"every picture in {scope} to be decoded", timeout, arg=scope)


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
    """Focus the handle of the slider labelled `label` (scrolled into view), press `key` `times`
    times (ArrowRight/ArrowLeft/Home/End/PageUp/PageDown), then wait until the kernel has handled
    every change the slider sent."""
    handle = find_slider(page, label).locator(".noUi-handle").first
    focus(page, handle, timeout)
    before = handle.get_attribute("aria-valuenow")
    sent = kernel_messages(page)["sent"]
    for _ in range(times):
        page.keyboard.press(key)
    moved = handle.get_attribute("aria-valuenow") != before
    wait_for_kernel_idle(page, lab, timeout=timeout, sent_after=sent if moved else None)


def slider_readout(page, label: str) -> str:
    """Text of the slider's value readout (e.g. "0.50")."""
    return find_slider(page, label).locator(".widget-readout").first.inner_text().strip()


def select_dropdown(page, lab: Lab, label: str, option: str, timeout: float = REPLY_TIMEOUT) -> None:
    """Choose `option` in the ipywidgets Dropdown described `label`, then wait until the kernel has
    handled the change."""
    exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
    select = page.locator(".widget-dropdown").filter(
        has=page.locator(".widget-label", has_text=exact)
    ).first.locator("select")
    select.wait_for(state="visible", timeout=timeout * 1000)
    select.scroll_into_view_if_needed(timeout=timeout * 1000)
    before = select.input_value()
    sent = kernel_messages(page)["sent"]
    select.select_option(label=option)
    changed = select.input_value() != before
    wait_for_kernel_idle(page, lab, timeout=timeout, sent_after=sent if changed else None)


def text_of(page, selector: str, index: int = 0) -> str:
    """inner_text of the index-th element matching `selector`."""
    element = page.locator(selector).nth(index)
    element.wait_for(state="attached", timeout=REPLY_TIMEOUT * 1000)
    return element.inner_text()


TEXT_CHANGED_JS = """([selector, index, old]) => {
  const element = document.querySelectorAll(selector)[index];
  return element !== undefined && element.innerText !== old;
}"""


def wait_for_text_change(
    page, selector: str, old_text: str, index: int = 0, timeout: float = REPLY_TIMEOUT
) -> str:
    """Wait until the element's text differs from `old_text`; return the new text. TimeoutError
    if it still reads `old_text` after `timeout` seconds."""
    wait_in_page(page, TEXT_CHANGED_JS, f"the text of {selector} (#{index}) to change from {old_text!r}",
                 timeout, arg=[selector, index, old_text])
    return text_of(page, selector, index)


TEXT_CONTAINS_JS = """([selector, index, expected]) => {
  const element = document.querySelectorAll(selector)[index];
  window.__nnlWhy = element === undefined ? 'no such element' : 'it reads ' + JSON.stringify(element.innerText);
  return element !== undefined && element.innerText.includes(expected);
}"""


def wait_for_text(page, selector: str, expected: str, index: int = 0, timeout: float = REPLY_TIMEOUT) -> str:
    """Wait until the element's text contains `expected`; return the text. TimeoutError (with the
    text last seen) if it does not within `timeout` seconds.

    The state to wait for after moving a control: an explorer may answer a quick series of changes
    (key presses) with a readout for a value on the way, and the last value's readout some tens of
    milliseconds after its kernel went idle."""
    wait_in_page(page, TEXT_CONTAINS_JS, f"the text of {selector} (#{index}) to contain {expected!r}",
                 timeout, arg=[selector, index, expected])
    return text_of(page, selector, index)


def screenshot(page, name: str, full_page: bool = True) -> Path:
    """Save a PNG to tests/browser/screenshots/NAME.png (git-ignored), once every picture of the
    explorers is decoded."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS_DIR / (name if name.endswith(".png") else f"{name}.png")
    wait_for_images(page)
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
    def answers() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status == 200
        except (urllib.error.URLError, ConnectionError, OSError, ValueError):
            return False

    try:
        poll_until(answers, f"{url} to answer", timeout)
    except TimeoutError as error:
        raise RuntimeError(str(error)) from None


def press_keys(page, locator, key: str, times: int = 1, timeout: float = REPLY_TIMEOUT) -> None:
    """Focus `locator` (e.g. a slider handle; scrolled into view) and press `key` `times` times;
    for pages without a JupyterLab kernel to wait for (Voilà): wait for what the keys change."""
    focus(page, locator, timeout)
    for _ in range(times):
        page.keyboard.press(key)
