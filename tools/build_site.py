"""Build the lessons for readers without a Python kernel of their own.

    python tools/build_site.py static     # _site/static: HTML pages that work with no network at all
    python tools/build_site.py lite       # _site/lite: a JupyterLite site, Python in the reader's browser

Both fetch what they need from the package registries at build time (npm for the widget
renderer and MathJax; pip for the JupyterLite tools) and nothing at view time. ``_site/`` is
git-ignored. ``--output DIR`` builds somewhere else.

**static**: every notebook exported with nbconvert, with its saved outputs and widget state,
so each explorer shows the view it was saved with: figures, readouts, formulas. Nothing can
recompute without a kernel, so the controls are disabled and each explorer says so.

**lite**: JupyterLite with the Pyodide kernel, every lesson, the nnlesson wheel and the
widget extension. Pyodide downloads NumPy and matplotlib from its CDN when a notebook first
imports them, so the reader's browser needs the internet once (or a mirror of the CDN).
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ASSETS = "_assets"

# npm package -> (the files to keep: prefixes inside its package/ folder, the folder they go to,
# a leading part of their path to drop).
RENDERER = {
    "requirejs@2": (("require.js",), "", ""),
    "@jupyter-widgets/html-manager@1": (("dist/",), "html-manager/", "dist/"),
    # MathJax 2, as nbconvert's pages configure it; only what TeX in CommonHTML output needs.
    "mathjax@2.7.9": (("MathJax.js", "config/TeX-AMS_CHTML-full.js", "config/Safe.js", "extensions/",
                       "jax/input/TeX/", "jax/output/CommonHTML/", "jax/element/", "localization/en/",
                       "fonts/HTML-CSS/TeX/woff/"), "mathjax/", ""),
}
MATHJAX = f"{ASSETS}/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"

SAVED_VIEW_NOTE = "Saved view: run the notebook to explore."
SAVED_VIEW = """
<style>
.nnlesson-explorer::before { content: "%(note)s"; display: block; margin: 0 0 6px; padding: 3px 8px;
  background: #f2f2f2; color: #444; border-left: 4px solid #999; font: 13px sans-serif; }
.nnlesson-explorer .widget-slider, .nnlesson-explorer .widget-dropdown, .nnlesson-explorer .widget-checkbox,
.nnlesson-explorer .widget-button, .nnlesson-explorer .widget-toggle-buttons, .nnlesson-explorer .widget-play,
.nnlesson-explorer .widget-text { opacity: 0.55; pointer-events: none; }
</style>
<script>
// A saved view cannot recompute: switch its controls off so that moving one cannot show a
// readout that no longer matches the figures.
(function () {
  var CONTROLS = "input, select, button, textarea, .noUi-target, .noUi-handle, [contenteditable]";
  function disable(root) {
    root.querySelectorAll(".nnlesson-explorer").forEach(function (explorer) {
      explorer.querySelectorAll(CONTROLS).forEach(function (control) {
        if (control.hasAttribute("disabled") && control.getAttribute("contenteditable") !== "true") return;
        control.setAttribute("disabled", "");
        control.setAttribute("tabindex", "-1");
        control.setAttribute("aria-disabled", "true");
        if (control.hasAttribute("contenteditable")) control.setAttribute("contenteditable", "false");
      });
    });
  }
  new MutationObserver(function () { disable(document); })
    .observe(document.documentElement, {childList: true, subtree: true});
})();
</script>
""" % {"note": SAVED_VIEW_NOTE}


def npm_files(packages: dict, destination: Path) -> None:
    """Unpack the chosen files of each npm package into ``destination`` (``npm pack``, cached by npm)."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is needed to fetch the widget renderer and MathJax: install Node.js (apt-get install npm)")
    with tempfile.TemporaryDirectory() as packs:
        result = subprocess.run([npm, "pack", *packages, "--pack-destination", packs, "--prefer-offline",
                                 "--silent"], capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            sys.exit(f"npm pack failed: {result.stderr.strip()[-800:]}")
        tarballs = sorted(Path(packs).glob("*.tgz"))
        for (keep, folder, drop), tarball in zip(packages.values(), _in_order(packages, tarballs)):
            with tarfile.open(tarball) as archive:
                for member in archive.getmembers():
                    name = member.name.removeprefix("package/")
                    if not member.isfile() or not name.startswith(keep) or name.endswith(".map"):
                        continue
                    path = destination / folder / name.removeprefix(drop)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(archive.extractfile(member).read())


def _in_order(packages: dict, tarballs: list[Path]) -> list[Path]:
    """The tarball of each package, in the order of ``packages`` (npm names them scope-name-version.tgz)."""
    ordered = []
    for spec in packages:
        stem = spec.rsplit("@", 1)[0].lstrip("@").replace("/", "-")
        ordered.append(next(t for t in tarballs if re.fullmatch(rf"{re.escape(stem)}-\d[\w.\-]*\.tgz", t.name)))
    return ordered


def static_page(notebook: Path) -> str:
    """One lesson as an HTML page that needs nothing from the network."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", require_js_url=f"{ASSETS}/require.js",
                            widget_renderer_url=f"{ASSETS}/html-manager/embed-amd.js", mathjax_url=MATHJAX)
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    body = re.sub(r'href="(\d\d_[\w]+)\.ipynb', r'href="\1.html', body)  # links between lessons
    return body.replace("</head>", SAVED_VIEW + "</head>", 1)


def build_static(output: Path) -> list[Path]:
    """Every lesson as a static page in ``output``, with the renderer and MathJax beside them."""
    output.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(output / ASSETS, ignore_errors=True)
    npm_files(RENDERER, output / ASSETS)
    pages = []
    for notebook in NOTEBOOKS:
        page = output / f"{notebook.stem}.html"
        page.write_text(static_page(notebook), encoding="utf-8")
        pages.append(page)
    (output / "index.html").write_text(
        f'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url={pages[0].name}">'
        f'<a href="{pages[0].name}">{pages[0].stem}</a>\n', encoding="utf-8")
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=("static", "lite"))
    parser.add_argument("--output", type=Path, help="where to build (default _site/KIND)")
    args = parser.parse_args(argv)
    output = (args.output or ROOT / "_site" / args.kind).resolve()
    if args.kind == "static":
        pages = build_static(output)
        print(f"{len(pages)} lessons in {output}: open {output / 'index.html'}")
    else:
        from build_lite import build_lite  # noqa: PLC0415 -- the JupyterLite tools are needed only here

        build_lite(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
