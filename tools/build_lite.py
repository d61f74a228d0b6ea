"""A JupyterLite site of the lessons: Python runs in the reader's browser (Pyodide), no server.

Used by ``python tools/build_site.py lite``. The site holds every lesson, the nnlesson wheel
(each lesson's first cell installs it with ``%pip``), the ipywidgets extension and wheels, and
what the kernel needs to start with no network: the Pyodide runtime (from the npm registry)
and the pure-Python packages the kernel loads at start (IPython, micropip, ... from PyPI,
the same files Pyodide lists). Every other Pyodide package, NumPy and matplotlib among them,
is compiled for the browser and published only on the Pyodide CDN: the site's lock file points
there, and the kernel fetches them the first time a lesson imports them.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from build_site import NOTEBOOKS, ROOT, npm_files

PYODIDE = "314.0.6"  # the version jupyterlite-pyodide-kernel 0.8.6 is built for
PYODIDE_PACKAGES = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE}/full/"
RUNTIME_DIR = "static/pyodide/"
RUNTIME = {f"pyodide@{PYODIDE}": (("pyodide.mjs", "pyodide.asm.", "python_stdlib.zip", "pyodide-lock.json",
                                   "pyodide.js", "package.json"), RUNTIME_DIR, "")}
KERNEL_SETTINGS = {"pyodideUrl": "./static/pyodide/pyodide.mjs", "disablePyPIFallback": True}
KERNEL_STARTS_WITH = ("micropip", "ipython", "jedi")
"""What the Pyodide kernel loads from Pyodide's own packages as it starts (with their dependencies)."""


WIDGETS = ("ipywidgets", "jupyterlab_widgets", "comm")
"""Pure-Python wheels the site carries so that widgets work with no network (Pyodide has none of them)."""


def wheels(into: Path) -> list[Path]:
    """The nnlesson wheel, built from this checkout, and the widget wheels of the installed versions."""
    from importlib.metadata import version

    pip = [sys.executable, "-m", "pip"]
    subprocess.run([*pip, "wheel", "--no-deps", "-q", "-w", str(into), str(ROOT)], check=True, timeout=600)
    pinned = [f"{name}=={version(name)}" for name in WIDGETS]
    subprocess.run([*pip, "download", "--no-deps", "--only-binary", ":all:", "-q", "-d", str(into), *pinned],
                   check=True, timeout=600)
    nnlesson = next(into.glob("nnlesson-*.whl"))
    return [nnlesson, *sorted(p for p in into.glob("*.whl") if p != nnlesson)]


def build_lite(output: Path) -> Path:
    """Build the JupyterLite site into ``output`` and return the wheel it carries."""
    jupyter = Path(sys.executable).with_name("jupyter")
    if not shutil.which(str(jupyter)) and not shutil.which("jupyter"):
        sys.exit("jupyter is missing: pip install -e \".[site]\"")
    with tempfile.TemporaryDirectory(prefix="nnlesson-lite-") as scratch:
        scratch = Path(scratch)
        contents = scratch / "contents"
        contents.mkdir()
        for notebook in NOTEBOOKS:
            shutil.copy(notebook, contents / notebook.name)
        built, *others = wheels(scratch / "wheels")
        config = {"LiteBuildConfig": {"contents": [str(contents)], "output_dir": str(output)},
                  "PipliteAddon": {"piplite_urls": [str(built), *map(str, others)]}}
        (scratch / "jupyter_lite_config.json").write_text(json.dumps(config))
        overrides = {"@jupyterlite/pyodide-kernel-extension:kernel": KERNEL_SETTINGS}
        (scratch / "overrides.json").write_text(json.dumps(overrides))
        shutil.rmtree(output, ignore_errors=True)
        result = subprocess.run([str(jupyter) if jupyter.exists() else "jupyter", "lite", "build",
                                 "--lite-dir", str(scratch)], cwd=scratch, capture_output=True, text=True,
                                timeout=900)
        if result.returncode != 0:
            sys.exit(f"jupyter lite build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    npm_files(RUNTIME, output)
    _use_local_runtime(output)
    _bundle_startup_packages(output / RUNTIME_DIR)
    print(f"JupyterLite site with {len(NOTEBOOKS)} lessons and {built.name} in {output}\n"
          f"serve it with: python -m http.server -d {output} 8000  (then open http://localhost:8000/lab/)")
    return built


def _use_local_runtime(output: Path) -> None:
    """Point the kernel at the Pyodide runtime in the site (its packages still come from the CDN)."""
    path = output / "jupyter-lite.json"
    site = json.loads(path.read_text())
    settings = site["jupyter-config-data"].setdefault("litePluginSettings", {})
    settings.setdefault("@jupyterlite/pyodide-kernel-extension:kernel", {}).update(KERNEL_SETTINGS)
    path.write_text(json.dumps(site, indent=2))


def _bundle_startup_packages(runtime: Path) -> None:
    """Put the kernel's start-up packages beside the runtime; point every other package at the CDN."""
    import hashlib

    lock_path = runtime / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text())
    packages = lock["packages"]
    by_name = {name.replace("_", "-").lower(): name for name in packages}
    needed, waiting = set(), list(KERNEL_STARTS_WITH)
    while waiting:
        name = by_name[waiting.pop().replace("_", "-").lower()]
        if name not in needed:
            needed.add(name)
            waiting += packages[name]["depends"]
    pinned = [f"{packages[name]['name']}=={packages[name]['version']}" for name in sorted(needed)]
    if any(not packages[name]["file_name"].endswith("-none-any.whl") for name in needed):
        sys.exit(f"a start-up package is not pure Python any more: {pinned}")
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "-q",
                    "--python-version", lock["info"]["python"].rsplit(".", 1)[0], "-d", str(runtime), *pinned],
                   check=True, timeout=600)
    for name, package in packages.items():
        if name in needed:
            package["sha256"] = hashlib.sha256((runtime / package["file_name"]).read_bytes()).hexdigest()
        else:
            package["file_name"] = PYODIDE_PACKAGES + package["file_name"]
    lock_path.write_text(json.dumps(lock))
