"""How much memory does a lesson's kernel need at its peak?

    python benchmarks/kernel_memory.py                  # every notebook in notebooks/
    python benchmarks/kernel_memory.py 01_the_neuron    # just these (name, file or path)
    python benchmarks/kernel_memory.py --json           # machine-readable

Runs each notebook top to bottom in a fresh kernel (nbclient, the notebook's
own kernel, a python3 kernel on this interpreter in a virtual environment)
with one extra cell appended that reads the kernel's own peak resident set
size, ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` (kibibytes on Linux,
bytes on macOS). That is the high-water mark of the kernel process over the
whole run: imports, every explorer built and its figures rendered, any
training. The notebook files are not changed.

Goal: the heaviest notebook under 250 MB (1 MB = 10^6 bytes), comfortably
inside Binder's 1-2 GB per user. A measurement, not a test: it exits 0
whatever it measures (1 only for a notebook name it cannot find).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
GOAL_MB = 250.0
CELL_TIMEOUT = 600  # seconds for any one cell

PEAK_CELL = """\
import json as _json, resource as _resource, sys as _sys
_scale = 1 if _sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
print(_json.dumps({"peak_bytes": _resource.getrusage(_resource.RUSAGE_SELF).ru_maxrss * _scale,
                   "python": _sys.executable}))
"""


def find_notebooks(names: list[str]) -> list[Path]:
    """Paths of the notebooks named (stem, file name or path); all by default."""
    if not names:
        return sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    paths = []
    for name in names:
        candidates = [Path(name), NOTEBOOKS_DIR / name, NOTEBOOKS_DIR / f"{name}.ipynb"]
        found = next((p for p in candidates if p.is_file()), None)
        if found is None:
            raise SystemExit(f"no notebook {name!r} (looked in {NOTEBOOKS_DIR.name}/)")
        paths.append(found)
    return paths


def measure(path: Path) -> dict:
    """Run the notebook in a fresh kernel; return its peak memory and run time."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PEAK_CELL))
    client = NotebookClient(
        notebook, timeout=CELL_TIMEOUT, kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    output = next(o for o in notebook.cells[-1].outputs if o.get("name") == "stdout")
    peak = json.loads(output["text"].strip().splitlines()[-1])
    return {
        "notebook": path.name,
        "peak_mb": round(peak["peak_bytes"] / 1e6, 1),
        "seconds": round(seconds, 1),
        "python": peak["python"],
    }


def print_table(rows: list[dict], goal: float) -> None:
    width = max([len(r["notebook"]) for r in rows] + [8])
    print(f"{'notebook':<{width}}  {'peak RSS MB':>11}  {'run s':>6}")
    for row in rows:
        if "error" in row:
            print(f"{row['notebook']:<{width}}  {'error':>11}  {row['error']}")
        else:
            print(f"{row['notebook']:<{width}}  {row['peak_mb']:>11.1f}  {row['seconds']:>6.1f}")
    measured = [r for r in rows if "peak_mb" in r]
    if measured:
        heaviest = max(measured, key=lambda r: r["peak_mb"])
        verdict = "PASS" if heaviest["peak_mb"] < goal else "FAIL"
        print(
            f"\nheaviest: {heaviest['notebook']} at {heaviest['peak_mb']:.1f} MB; "
            f"goal under {goal:.0f} MB: {verdict}"
            f"\npeak RSS = ru_maxrss of the kernel process over the whole run (1 MB = 10^6 bytes);"
            f"\nkernel interpreter: {heaviest['python']}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebook names (default: all in notebooks/)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--goal", type=float, default=GOAL_MB, help=f"goal in MB (default {GOAL_MB:.0f})")
    args = parser.parse_args(argv)
    rows = []
    for path in find_notebooks(args.notebooks):
        try:
            rows.append(measure(path))
        except Exception as error:  # noqa: BLE001 - report and go on with the next notebook
            rows.append({"notebook": path.name, "error": f"{type(error).__name__}: {error}"[:300]})
    if args.json:
        print(json.dumps({"goal_mb": args.goal, "notebooks": rows}, indent=2))
    else:
        print_table(rows, args.goal)
    return 0


if __name__ == "__main__":
    sys.exit(main())
