"""Every explorer fits the screens learners use: a laptop and a projector.

One scratch notebook per screen size, written into a temporary folder under
tests/browser/screenshots/ (git-ignored) and deleted afterwards, displays every explorer of
``nnlesson.widgets.EXPLORERS`` (the training ones with small settings). It is opened in its
own browser context per size and run once; then each explorer is checked:

* nothing inside it (``.nnlesson-explorer *``) reaches more than 1 px past its right edge;
* no label, slider readout, readout (``.nnlesson-result``) or table cell clips its text
  (``scrollWidth > clientWidth + 1``);
* on the laptop, its first slider or dropdown, its readout and its first figure fit in the
  visible notebook area together (checked with the explorer scrolled to the top);
* no box holding a figure, a table or text output scrolls or cuts off what it holds (a picture taller
  than its box, a table wider than its wrapper), and no picture reaches past a box that clips it;
* no number breaks over two lines (``3`` / ``6.9%``), no column title wraps, and in every table the texts
  of neighbouring columns stay ``MIN_COLUMN_GAP`` apart (``4 squeeze[0][0]`` ran together);
* on the laptop, no figure is shown below ``SMALLEST_SCALE`` of its own pixel width, so its text, never
  smaller than ``SMALLEST_TEXT_PT`` (tests/plots/test_text_size.py), stays at 9 CSS px or more.

Collapsed ``<details>`` (the branches explorer's summary table) are opened before the checks, and a few
explorers are shown a second time in another state (``VARIANTS``: the model builder with its arithmetic,
the squeeze-and-excite block). ``test_lesson_fits_the_screen`` opens every lesson notebook as saved (no
kernel needed for its outputs) and checks each output's tables, figures and text the same way.

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

from harness import (KERNEL_TIMEOUT, NOTEBOOKS_DIR, REPLY_TIMEOUT, SCREENSHOTS_DIR, Lab, dismiss_dialogs, forget_open_tabs,
                     run_all_cells, screenshot, wait_for_kernel_idle)

from nnlesson.plots.style import SMALLEST_SCALE, SMALLEST_TEXT_PT
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
VARIANTS = {"model_builder_arithmetic": ("model_builder", "arithmetic=True"),
            "branches_explorer_squeeze_excite": ("branches_explorer", "block='squeeze-excite'")}
"""More states to check: name -> (explorer, its arguments)."""
SHOWN = {**{name: (name, SETTINGS.get(name, "")) for name in EXPLORERS}, **VARIANTS}
TOLERANCE = 1  # px
MIN_COLUMN_GAP = 8  # px between the texts of neighbouring table columns
LESSONS = sorted(path.name for path in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
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

# Boxes that scroll or clip a figure, a table or text output; pictures cut by a clipping box; numbers broken over
# two lines; column titles that wrap; table columns whose texts touch; and how far each picture is scaled down.
CONTENT_JS = r"""
([selector, tolerance, minGap]) => {
  const shown = el => el.getClientRects().length > 0;
  const describe = el => {
    const cls = typeof el.className === 'string' ? el.className : (el.className && el.className.baseVal) || '';
    const text = (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ');
    return {tag: el.tagName.toLowerCase(), cls: cls.trim(), text: text.length > 70 ? text.slice(0, 67) + '...' : text};
  };
  const clips = el => { const cs = getComputedStyle(el); return [cs.overflowX !== 'visible', cs.overflowY !== 'visible']; };
  const lineTops = range => new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
  const out = {scrolling: [], cut: [], broken: [], wrapped: [], touching: [], scaled: []};
  for (const root of document.querySelectorAll(selector)) {
    if (!shown(root)) continue;
    const all = [root, ...root.querySelectorAll('*')].filter(shown);
    for (const el of all) {
      const [x, y] = clips(el);
      const dx = el.scrollWidth - el.clientWidth, dy = el.scrollHeight - el.clientHeight;
      if (((x && dx > tolerance) || (y && dy > tolerance)) && (el.matches('pre, table') || el.querySelector('img, table, pre')))
        out.scrolling.push({...describe(el), dx: dx, dy: dy, width: el.clientWidth, height: el.clientHeight});
    }
    for (const img of root.querySelectorAll('img')) {
      if (!shown(img)) continue;
      const r = img.getBoundingClientRect();
      for (let box = img.parentElement; box && box !== root.parentElement; box = box.parentElement) {
        const [x, y] = clips(box), b = box.getBoundingClientRect();
        if ((x && (r.left < b.left - tolerance || r.right > b.right + tolerance)) ||
            (y && (r.top < b.top - tolerance || r.bottom > b.bottom + tolerance))) {
          out.cut.push({...describe(box), image: [Math.round(r.width), Math.round(r.height)],
                        box: [Math.round(b.width), Math.round(b.height)]});
          break;
        }
      }
      if (img.naturalWidth > 0 && !img.src.startsWith('data:image/svg'))
        out.scaled.push({width: r.width, natural: img.naturalWidth, height: img.naturalHeight});
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement || !shown(node.parentElement)) continue;
      for (const m of node.data.matchAll(/[-−]?\d[\d,.]*\d%?|\d%/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        if (lineTops(range).size > 1) out.broken.push({...describe(node.parentElement), number: m[0]});
      }
    }
    for (const title of root.querySelectorAll('.widget-html-content')) {
      const only = title.children.length === 1 && title.children[0].tagName === 'B'
                   && title.textContent.trim() === title.children[0].textContent.trim();
      if (!only || !shown(title)) continue;
      const range = document.createRange();
      range.selectNodeContents(title);
      const lines = lineTops(range).size;
      if (lines > 1) out.wrapped.push({...describe(title), lines: lines});
    }
    const extent = cell => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      return rects.length ? {left: Math.min(...rects.map(r => r.left)), right: Math.max(...rects.map(r => r.right))} : null;
    };
    for (const row of root.querySelectorAll('tr')) {
      if (!shown(row)) continue;
      const cells = [...row.children].map(cell => [cell, extent(cell)]).filter(([cell, e]) => e);
      for (let i = 1; i < cells.length; i++) {
        const gap = cells[i][1].left - cells[i - 1][1].right;
        if (gap < minGap) out.touching.push({left: cells[i - 1][0].innerText.trim(), right: cells[i][0].innerText.trim(),
                                              gap: gap});
      }
    }
  }
  return out;
}
"""

OPEN_DETAILS_JS = r"""
(selector) => { for (const d of document.querySelectorAll(selector + ' details')) d.open = true; }
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


def notebook_text(shown: dict[str, tuple[str, str]]) -> str:
    """A notebook with one cell per explorer (or variant), each marked with its own CSS class."""
    import nbformat

    cells = [nbformat.v4.new_code_cell("from nnlesson.widgets import EXPLORERS")]
    for name, (explorer, arguments) in shown.items():
        code = f"explorer = EXPLORERS[{explorer!r}]({arguments})\n" \
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
    text = notebook_text(SHOWN)
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


def one_page_per_screen(open_page):
    """A function from a screen to its page, opened by ``open_page(screen)`` on first use; only one screen size is
    open at a time (the previous one closes when the next opens). Yields it, then closes what is open."""
    pages: dict[str, object] = {}

    def get(screen: Screen):
        if screen.name not in pages:
            for old in pages.values():
                old.context.close()
            pages.clear()
            pages[screen.name] = open_page(screen)
        return pages[screen.name]

    try:
        yield get
    finally:
        for page in pages.values():
            page.context.close()


@pytest.fixture(scope="module")
def screens(browser, lab: Lab, scratch: Path):
    """Pages by screen name, opened on first use; the previous size is closed when the next opens."""
    yield from one_page_per_screen(lambda screen: open_screen(browser, lab, scratch, screen))


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


def content_problems(content: dict, screen: Screen) -> list[str]:
    """Lines for scrolling or cut boxes, broken numbers, wrapped titles, touching columns and (laptop) pictures
    shown too small."""
    lines = [f"scrolls: {describe(i)} holds {i['width'] + i['dx']}x{i['height'] + i['dy']} px in "
             f"{i['width']}x{i['height']} px" for i in content["scrolling"]]
    lines += [f"picture cut: {i['image'][0]}x{i['image'][1]} px in {describe(i)} of {i['box'][0]}x{i['box'][1]} px"
              for i in content["cut"]]
    lines += [f"number broken over two lines: {i['number']!r} in {describe(i)}" for i in content["broken"]]
    lines += [f"title wraps onto {i['lines']} lines: {describe(i)}" for i in content["wrapped"]]
    lines += [f"table columns {i['left']!r} and {i['right']!r} only {i['gap']:.0f} px apart (at least {MIN_COLUMN_GAP})"
              for i in content["touching"]]
    if screen.check_fit:
        lines += [f"picture shown at {i['width']:.0f} px of its {i['natural']} px ({i['width'] / i['natural']:.0%}): "
                  f"its {SMALLEST_TEXT_PT:g} pt text is under 9 CSS px below {SMALLEST_SCALE:.0%}"
                  for i in content["scaled"] if i["width"] < SMALLEST_SCALE * i["natural"] - TOLERANCE]
    return lines


def check_explorer(page, name: str, screen: Screen) -> list[str]:
    """Scroll the explorer to the top, save a screenshot and return every layout problem."""
    selector = f".{marker(name)}"
    page.locator(selector).first.wait_for(state="visible", timeout=REPLY_TIMEOUT * 1000)
    page.wait_for_function(IMAGES_READY_JS, arg=selector, timeout=REPLY_TIMEOUT * 1000)
    assert page.evaluate(SCROLL_JS, selector), "no scrolling notebook area around the explorer"
    page.wait_for_timeout(300)
    screenshot(page, f"screen_{screen.name}_{name}", full_page=False)
    problems = fit_problems(page.evaluate(FIT_JS, [selector, CONTROL])) if screen.check_fit else []
    page.evaluate(OPEN_DETAILS_JS, selector)  # opened after the fit check: what they hold waits below the figure
    page.wait_for_timeout(300)
    layout = page.evaluate(LAYOUT_JS, [selector, CLIPPABLE, TOLERANCE])
    problems += overflow_problems(layout) + clipped_problems(layout)
    problems += content_problems(page.evaluate(CONTENT_JS, [selector, TOLERANCE, MIN_COLUMN_GAP]), screen)
    return problems


CASES = [(screen, name) for screen in SCREENS for name in SHOWN]
@pytest.mark.parametrize("screen, name", CASES, ids=[f"{s.name}-{n}" for s, n in CASES])
def test_explorer_fits_the_screen(screens, screen: Screen, name: str) -> None:
    """Nothing sticks out, no text is clipped, and (laptop) control, readout and figure fit in view together."""
    page = screens(screen)
    problems = check_explorer(page, name, screen)
    assert not problems, (
        f"{name} on the {screen.name} screen ({screen.width}x{screen.height} CSS px, scale {screen.scale}; "
        f"screenshot tests/browser/screenshots/screen_{screen.name}_{name}.png):\n  " + "\n  ".join(problems))


# --------------------------------------------------------------------------
# The lessons as saved
# --------------------------------------------------------------------------

OUTPUTS_READY_JS = r"""
() => [...document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output img')]
  .every(img => img.complete && img.naturalWidth > 0)
"""


@pytest.fixture(scope="module")
def lesson_pages(browser, lab: Lab):
    """A page per screen size, reused for every lesson (one open at a time)."""
    def open_page(screen: Screen):
        page = browser.new_context(viewport={"width": screen.width, "height": screen.height},
                                   device_scale_factor=screen.scale).new_page()
        page.set_default_timeout(REPLY_TIMEOUT * 1000)
        return page

    yield from one_page_per_screen(open_page)


OUTPUTS = ", ".join(f".jp-NotebookPanel .jp-OutputArea-output[data-mime-type='{mime}']" for mime in
                    ("application/vnd.jupyter.stdout", "text/html", "text/markdown", "image/png"))
"""Printed text, HTML tables and figures; an explorer (checked above) shows as its text repr in a page without
its widget state, which is not what a learner sees."""

LESSON_CASES = [(screen, lesson) for screen in SCREENS for lesson in LESSONS]


@pytest.mark.parametrize("screen, lesson", LESSON_CASES, ids=[f"{s.name}-{n[:2]}" for s, n in LESSON_CASES])
def test_lesson_fits_the_screen(lesson_pages, lab: Lab, screen: Screen, lesson: str) -> None:
    """Every saved output of a lesson (printed tables, HTML tables, figures) fits: nothing scrolls or is cut, no
    number breaks, columns keep apart, and (laptop) no figure is shrunk below SMALLEST_SCALE."""
    page = lesson_pages(screen)
    forget_open_tabs(page, lab)
    page.goto(lab.url(f"lab/tree/notebooks/{lesson}"), wait_until="domcontentloaded")
    page.locator(".jp-NotebookPanel .jp-OutputArea-output").first.wait_for(state="attached",
                                                                          timeout=KERNEL_TIMEOUT * 1000)
    dismiss_dialogs(page)
    set_file_browser(page, screen.file_browser)
    page.wait_for_function(OUTPUTS_READY_JS, timeout=REPLY_TIMEOUT * 1000)
    page.wait_for_timeout(500)
    screenshot(page, f"lesson_{screen.name}_{lesson[:2]}", full_page=False)
    content = page.evaluate(CONTENT_JS, [OUTPUTS, TOLERANCE, MIN_COLUMN_GAP])
    problems = content_problems(content, screen)
    assert not problems, (f"{lesson} on the {screen.name} screen ({screen.width}x{screen.height} CSS px, scale "
                          f"{screen.scale}):\n  " + "\n  ".join(problems))
