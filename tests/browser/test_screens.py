"""Every explorer fits the screens learners use: a laptop and a projector.

One scratch notebook per screen size, written into a temporary folder under
tests/browser/screenshots/ (git-ignored) and deleted afterwards, displays every explorer of
``nnlesson.widgets.EXPLORERS`` (the training ones with small settings). It is opened in its
own browser context per size and run once; then each explorer is checked:

* nothing inside it (``.nnlesson-explorer *``) reaches more than 1 px past its right edge;
* no label, slider readout, readout (``.nnlesson-result``) or table cell clips its text
  (``scrollWidth > clientWidth + 1``);
* on the laptop, its first slider or dropdown, its readout and its first figure fit in the
  visible notebook area together (checked with the explorer scrolled to the top).

Sizes: laptop, a 1366x768 viewport with the file browser open; projector, 1280x720 at 150 %
zoom, i.e. 853x480 CSS px at device scale 1.5, with the left sidebar collapsed as a presenter
would. A screenshot per explorer and size goes to tests/browser/screenshots/, e.g.
``screen_laptop_neuron_explorer.png``. A failure lists every offending element with its
class, text and widths.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness import (KERNEL_TIMEOUT, REPLY_TIMEOUT, SCREENSHOTS_DIR, Lab, dismiss_dialogs, forget_open_tabs,
                     run_all_cells, screenshot, wait_for_kernel_idle)

from nnlesson.widgets import EXPLORERS


@dataclass(frozen=True)
class Screen:
    """A screen size: CSS viewport, device scale and whether the file browser is open."""

    name: str
    width: int
    height: int
    scale: float
    file_browser: bool
    check_fit: bool


SCREENS = (Screen("laptop", 1366, 768, 1.0, file_browser=True, check_fit=True),
           Screen("projector", 853, 480, 1.5, file_browser=False, check_fit=False))
# The training explorers retrain on every change: small settings keep the notebook quick.
SETTINGS = {"overfitting_explorer": "epochs=20", "capacity_explorer": "widths=(1, 4), epochs=20, width=4"}
TOLERANCE = 1  # px
CLIPPABLE = ".widget-label, .widget-readout, .nnlesson-result, td, th"
CONTROL = ".widget-slider, .widget-dropdown"

# Elements that reach past the explorer's right edge (outermost only, with how many inside them
# also do) and text that is clipped. Positions are relative to the explorer's left edge.
LAYOUT_JS = r"""
([selector, clippable, tolerance]) => {
  const root = document.querySelector(selector);
  const box = root.getBoundingClientRect();
  const shown = el => el.getClientRects().length > 0;
  const describe = el => {
    const cls = typeof el.className === 'string' ? el.className : (el.className && el.className.baseVal) || '';
    const text = (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ');
    return {tag: el.tagName.toLowerCase(), cls: cls.trim(), text: text.length > 70 ? text.slice(0, 67) + '...' : text};
  };
  const wide = new Set();
  for (const el of root.querySelectorAll('*')) {
    if (shown(el) && el.getBoundingClientRect().right > box.right + tolerance) wide.add(el);
  }
  const outermost = el => {
    for (let p = el.parentElement; p && p !== root; p = p.parentElement) if (wide.has(p)) return false;
    return true;
  };
  const overflow = [...wide].filter(outermost).map(el => {
    const r = el.getBoundingClientRect();
    const inner = [...wide].filter(o => o !== el && el.contains(o)).length;
    return {...describe(el), left: r.left - box.left, right: r.right - box.left, width: r.width, inner: inner};
  });
  const clipped = [...root.querySelectorAll(clippable)]
    .filter(el => shown(el) && el.scrollWidth > el.clientWidth + tolerance)
    .map(el => ({...describe(el), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth}));
  return {explorerWidth: box.width, overflow: overflow, clipped: clipped};
}
"""

# Scrolls the notebook so that the explorer's top is at the top of the notebook area.
SCROLL_JS = r"""
(selector) => {
  const root = document.querySelector(selector);
  let scroller = root.parentElement;
  const scrolls = el => /(auto|scroll)/.test(getComputedStyle(el).overflowY) && el.scrollHeight > el.clientHeight + 1;
  while (scroller && !scrolls(scroller)) scroller = scroller.parentElement;
  if (!scroller) return false;
  scroller.scrollTop += root.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
  return true;
}
"""

# The visible notebook area and the boxes of the first control, the readout and the first figure.
FIT_JS = r"""
([selector, control]) => {
  const root = document.querySelector(selector);
  const shown = el => el && el.getClientRects().length > 0;
  let scroller = root.parentElement;
  const scrolls = el => /(auto|scroll)/.test(getComputedStyle(el).overflowY) && el.scrollHeight > el.clientHeight + 1;
  while (scroller && !scrolls(scroller)) scroller = scroller.parentElement;
  const s = (scroller || document.documentElement).getBoundingClientRect();
  const area = {top: Math.max(s.top, 0), bottom: Math.min(s.bottom, window.innerHeight),
                left: Math.max(s.left, 0), right: Math.min(s.right, window.innerWidth)};
  const rect = el => { if (!shown(el)) return null;
    const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  return {area: area,
          control: rect([...root.querySelectorAll(control)].find(shown)),
          readout: rect([...root.querySelectorAll('.nnlesson-result')].find(shown)),
          figure: rect([...root.querySelectorAll('img')].find(shown))};
}
"""

IMAGES_READY_JS = r"""
(selector) => [...document.querySelectorAll(selector + ' img')]
  .every(img => img.getClientRects().length === 0 || (img.complete && img.naturalWidth > 0))
"""


# --------------------------------------------------------------------------
# The scratch notebook
# --------------------------------------------------------------------------

def marker(name: str) -> str:
    """The CSS class the scratch notebook adds to the explorer `name`."""
    return f"nnls-{name}"


def notebook_text(names: list[str]) -> str:
    """A notebook with one cell per explorer, each explorer marked with its own CSS class."""
    import nbformat

    cells = [nbformat.v4.new_code_cell("from nnlesson.widgets import EXPLORERS")]
    for name in names:
        code = f"explorer = EXPLORERS[{name!r}]({SETTINGS.get(name, '')})\n" \
               f"explorer.add_class({marker(name)!r})\nexplorer"
        cells.append(nbformat.v4.new_code_cell(code))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nbformat.writes(notebook)


def delete_sessions(lab: Lab, folder: Path) -> None:
    """Shut down the kernels of notebooks inside `folder` (best effort)."""
    prefix = folder.relative_to(lab.root_dir).as_posix()
    for session in lab.api("api/sessions"):
        if session.get("path", "").startswith(prefix):
            request = urllib.request.Request(f"{lab.base_url}api/sessions/{session['id']}", method="DELETE",
                                             headers={"Authorization": f"token {lab.token}"})
            try:
                urllib.request.urlopen(request, timeout=10).close()
            except OSError:
                pass


@pytest.fixture(scope="module")
def scratch(lab: Lab):
    """A temporary folder under the lab root holding one scratch notebook per screen size."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="_screens-", dir=SCREENSHOTS_DIR))
    text = notebook_text(list(EXPLORERS))
    for screen in SCREENS:
        (folder / f"{screen.name}.ipynb").write_text(text)
    try:
        yield folder
    finally:
        try:
            delete_sessions(lab, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------
# One page per screen size
# --------------------------------------------------------------------------

def set_file_browser(page, open_: bool) -> None:
    """Open or collapse the left sidebar on the file browser."""
    stack = page.locator("#jp-left-stack")
    if stack.is_visible() == open_:
        return
    page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id='filebrowser']").first.click()
    page.wait_for_timeout(500)
    assert stack.is_visible() == open_, f"could not {'open' if open_ else 'collapse'} the left sidebar"


def open_screen(browser, lab: Lab, folder: Path, screen: Screen):
    """A new browser context of this size with the scratch notebook opened and run."""
    context = browser.new_context(viewport={"width": screen.width, "height": screen.height},
                                  device_scale_factor=screen.scale)
    page = context.new_page()
    page.set_default_timeout(REPLY_TIMEOUT * 1000)
    path = (folder / f"{screen.name}.ipynb").relative_to(lab.root_dir).as_posix()
    forget_open_tabs(page, lab)
    page.goto(lab.url(f"lab/tree/{path}"), wait_until="domcontentloaded")
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(state="attached", timeout=KERNEL_TIMEOUT * 1000)
    dismiss_dialogs(page)
    wait_for_kernel_idle(page, lab, timeout=KERNEL_TIMEOUT)
    set_file_browser(page, screen.file_browser)
    run_all_cells(page, lab)
    return page


@pytest.fixture(scope="module")
def screens(browser, lab: Lab, scratch: Path):
    """Pages by screen name, opened on first use; the previous size is closed when the next opens."""
    pages: dict[str, object] = {}

    def get(screen: Screen):
        """The page of this screen size, opening it (and closing the other) if needed."""
        if screen.name not in pages:
            for old in pages.values():
                old.context.close()
            pages.clear()
            pages[screen.name] = open_screen(browser, lab, scratch, screen)
        return pages[screen.name]

    try:
        yield get
    finally:
        for page in pages.values():
            page.context.close()


# --------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------

def describe(item: dict) -> str:
    """One offending element: tag, class and text."""
    return f"<{item['tag']} class=\"{item['cls']}\"> {json.dumps(item['text'], ensure_ascii=False)}"


def overflow_problems(layout: dict) -> list[str]:
    """Lines for elements that reach past the explorer's right edge."""
    width, lines = layout["explorerWidth"], []
    for item in layout["overflow"]:
        inside = f", {item['inner']} elements inside it too" if item["inner"] else ""
        lines.append(f"wider than the explorer ({width:.0f} px): {describe(item)} spans "
                     f"{item['left']:.0f}..{item['right']:.0f} px (width {item['width']:.0f} px, "
                     f"{item['right'] - width:.0f} px too far right{inside})")
    return lines


def clipped_problems(layout: dict) -> list[str]:
    """Lines for elements whose text is cut off."""
    return [f"text clipped: {describe(i)} needs {i['scrollWidth']} px, has {i['clientWidth']} px"
            for i in layout["clipped"]]


def fit_problems(fit: dict) -> list[str]:
    """Lines for the parts that do not fit in the visible notebook area together."""
    area, parts = fit["area"], {k: fit[k] for k in ("control", "readout", "figure")}
    missing = [k for k, r in parts.items() if r is None]
    if missing:
        return [f"no visible {', '.join(missing)} to check the fit with"]
    top, bottom = min(r["top"] for r in parts.values()), max(r["bottom"] for r in parts.values())
    left, right = min(r["left"] for r in parts.values()), max(r["right"] for r in parts.values())
    problems = []
    height, room = bottom - top, area["bottom"] - area["top"]
    if height > room + TOLERANCE:
        spans = ", ".join(f"{k} {r['top'] - top:.0f}..{r['bottom'] - top:.0f}" for k, r in parts.items())
        problems.append(f"first control, readout and first figure need {height:.0f} px of height together "
                        f"({spans} px), the visible notebook area has {room:.0f} px")
    if left < area["left"] - TOLERANCE or right > area["right"] + TOLERANCE:
        problems.append(f"first control, readout and first figure span x {left:.0f}..{right:.0f} px, the visible "
                        f"notebook area {area['left']:.0f}..{area['right']:.0f} px")
    return problems


def check_explorer(page, name: str, screen: Screen) -> list[str]:
    """Scroll the explorer to the top, save a screenshot and return every layout problem."""
    selector = f".{marker(name)}"
    page.locator(selector).first.wait_for(state="visible", timeout=REPLY_TIMEOUT * 1000)
    page.wait_for_function(IMAGES_READY_JS, arg=selector, timeout=REPLY_TIMEOUT * 1000)
    assert page.evaluate(SCROLL_JS, selector), "no scrolling notebook area around the explorer"
    page.wait_for_timeout(300)
    screenshot(page, f"screen_{screen.name}_{name}", full_page=False)
    layout = page.evaluate(LAYOUT_JS, [selector, CLIPPABLE, TOLERANCE])
    problems = overflow_problems(layout) + clipped_problems(layout)
    if screen.check_fit:
        problems += fit_problems(page.evaluate(FIT_JS, [selector, CONTROL]))
    return problems


CASES = [(screen, name) for screen in SCREENS for name in EXPLORERS]


@pytest.mark.parametrize("screen, name", CASES, ids=[f"{s.name}-{n}" for s, n in CASES])
def test_explorer_fits_the_screen(screens, screen: Screen, name: str) -> None:
    """Nothing sticks out, no text is clipped, and (laptop) control, readout and figure fit in view together."""
    page = screens(screen)
    problems = check_explorer(page, name, screen)
    assert not problems, (
        f"{name} on the {screen.name} screen ({screen.width}x{screen.height} CSS px, scale {screen.scale}; "
        f"screenshot tests/browser/screenshots/screen_{screen.name}_{name}.png):\n  " + "\n  ".join(problems))
