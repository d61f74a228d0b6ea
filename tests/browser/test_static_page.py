"""Static reading without a kernel and without internet: 00_start_here
exported to HTML, opened from a file:// URL, shows the neuron explorer's
saved view -- sliders, readout and both figures.

nbconvert's page loads require.js and @jupyter-widgets/html-manager's
embed-amd.js from a CDN by default. This test fetches both from the npm
registry (`npm pack`, cached by npm after the first run), puts them next to
the page and points the exporter at them (`require_js_url`,
`widget_renderer_url`), so the page renders with no network at all.
Only MathJax still comes from the CDN: offline, formulas show as TeX source.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from harness import screenshot, skip_or_fail
from tests.project.test_static_export import export_html

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "00_start_here.ipynb"
RESULT = ".nnlesson-result"
# npm package -> (file inside its tarball, where it goes next to the page)
WIDGET_JS = {
    "@jupyter-widgets/html-manager@1": ("package/dist/", "html-manager/"),
    "requirejs@2": ("package/require.js", "require.js"),
}


def fetch_widget_js(destination: Path) -> None:
    """Unpack html-manager's dist/ and require.js into `destination` with `npm pack`."""
    npm = shutil.which("npm")
    if npm is None:
        skip_or_fail("npm is not on PATH: it fetches the widget renderer for the offline page")
    packs = destination / "packs"
    packs.mkdir(parents=True)
    result = subprocess.run(
        [npm, "pack", *WIDGET_JS, "--pack-destination", str(packs), "--prefer-offline", "--silent"],
        capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        skip_or_fail(f"npm pack failed: {result.stderr.strip()[-500:]}")
    for tarball in packs.glob("*.tgz"):
        with tarfile.open(tarball) as archive:
            for source, target in WIDGET_JS.values():
                for member in archive.getmembers():
                    if member.isfile() and member.name.startswith(source) and not member.name.endswith(".map"):
                        data = archive.extractfile(member).read()
                        path = destination / (target + member.name[len(source):])
                        path.parent.mkdir(parents=True, exist_ok=True)
                        path.write_bytes(data)
    shutil.rmtree(packs)


@pytest.fixture(scope="module")
def offline_page(tmp_path_factory, chromium_path) -> Path:
    """00_start_here.html with require.js and the widget renderer beside it."""
    site = tmp_path_factory.mktemp("static-site")
    fetch_widget_js(site)
    assert (site / "require.js").is_file() and (site / "html-manager" / "embed-amd.js").is_file()
    html = export_html(
        NOTEBOOK, require_js_url="require.js", widget_renderer_url="html-manager/embed-amd.js"
    )
    path = site / "00_start_here.html"
    path.write_text(html, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def lab():
    """No server: the page is a file. Stands in for JupyterLab so that the
    shared `page` fixture (fresh page, screenshot on failure) starts none."""
    return None


def test_exported_page_shows_the_explorer_offline(offline_page, page):
    remote_scripts = []
    page.on("request", lambda r: r.resource_type == "script" and not r.url.startswith("file:")
            and remote_scripts.append(r.url))
    page.goto(offline_page.as_uri(), wait_until="load")

    readout = page.locator(RESULT).first
    readout.wait_for(state="visible", timeout=60_000)
    readout.scroll_into_view_if_needed()
    text = readout.inner_text()
    assert "z =" in text and "2.20" in text, f"saved readout not shown: {text!r}"

    figures = page.locator("img.widget-image")
    assert figures.count() == 2, "the explorer's two figures are not on the page"
    for index in range(2):
        figure = figures.nth(index)
        assert figure.is_visible()
        assert figure.evaluate("img => img.complete && img.naturalWidth > 100"), "a figure did not decode"
    assert page.locator(".widget-slider").count() == 7
    screenshot(page, "static_00_start_here", full_page=False)

    widget_scripts = [url for url in remote_scripts if "mathjax" not in url.lower()]
    assert not widget_scripts, f"the page fetched scripts from the network: {widget_scripts}"
