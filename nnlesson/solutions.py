"""Write an instructor copy of the lessons with every exercise solution shown.

    python -m nnlesson.solutions OUTPUT_DIR                   # from the repository's notebooks/
    python -m nnlesson.solutions OUTPUT_DIR --source SOME_DIR  # from another folder

A solution in a lesson is a markdown cell holding
``<details class="solution"><summary>Show solution</summary> ... </details>``:
closed until a learner clicks it. The copy turns each of those tags into
``<details class="solution" open>``, so an instructor scrolls through the
answers without clicking. Nothing else changes: code cells, saved outputs,
widget state and metadata are written back exactly as they were (the
notebook JSON is re-encoded the way Jupyter saves it).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO_NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

# The opening tag of a solution that is still closed. Whitespace and quote
# style may vary; a tag that already has `open` (or any other attribute after
# the class) is left alone.
CLOSED_SOLUTION = re.compile(r"""<details\s+class\s*=\s*(["'])solution\1\s*>""")
OPEN_SOLUTION = '<details class="solution" open>'


def open_solutions(text: str) -> tuple[str, int]:
    """Return `text` with every closed solution tag opened, and how many were."""
    return CLOSED_SOLUTION.subn(OPEN_SOLUTION, text)


def open_notebook_solutions(notebook: dict) -> int:
    """Open the solutions in the markdown cells of a notebook (a dict, as
    loaded from JSON), in place. Returns the number of tags opened."""
    opened = 0
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        # A cell's source is a string or a list of lines; a tag never spans lines.
        if isinstance(source, str):
            cell["source"], count = open_solutions(source)
        else:
            lines = [open_solutions(line) for line in source]
            cell["source"] = [line for line, _ in lines]
            count = sum(n for _, n in lines)
        opened += count
    return opened


def dumps_notebook(notebook: dict) -> str:
    """Encode a notebook the way nbformat writes it, so unchanged parts stay
    byte for byte the same."""
    return json.dumps(
        notebook, indent=1, sort_keys=True, separators=(",", ": "), ensure_ascii=False
    ) + "\n"


def write_instructor_copy(source: Path, output: Path) -> dict[str, int]:
    """Copy every ``*.ipynb`` in `source` to `output` with solutions opened.

    Returns {notebook file name: number of solutions opened}."""
    source, output = Path(source), Path(output)
    notebooks = sorted(source.glob("*.ipynb"))
    if not notebooks:
        raise FileNotFoundError(f"no notebooks (*.ipynb) in {source}")
    if output.resolve() == source.resolve():
        raise ValueError("OUTPUT_DIR must differ from the source folder: the lessons stay as they are")
    output.mkdir(parents=True, exist_ok=True)
    opened = {}
    for path in notebooks:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        opened[path.name] = open_notebook_solutions(notebook)
        (output / path.name).write_text(dumps_notebook(notebook), encoding="utf-8")
    return opened


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m nnlesson.solutions",
        description="Copy the lesson notebooks to OUTPUT_DIR with every exercise solution shown.",
    )
    parser.add_argument("output", metavar="OUTPUT_DIR", type=Path, help="folder for the instructor copy")
    parser.add_argument(
        "--source", type=Path, default=REPO_NOTEBOOKS,
        help="folder of the lesson notebooks (default: the repository's notebooks/)",
    )
    args = parser.parse_args(argv)
    try:
        opened = write_instructor_copy(args.source, args.output)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for name, count in opened.items():
        print(f"{name}: {count} solution{'s' if count != 1 else ''} shown")
    print(f"wrote {len(opened)} notebooks to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
