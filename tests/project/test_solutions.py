"""`python -m nnlesson.solutions OUTPUT_DIR` writes an instructor copy of the
lessons with every solution open and nothing else changed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from nnlesson import solutions

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
LESSONS = sorted(p for p in NOTEBOOKS.glob("0[1-7]_*.ipynb"))

CLOSED = '<details class="solution">'
OPENED = '<details class="solution" open>'


def markdown(*lines: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": list(lines)}


def tiny_notebook() -> dict:
    """Two solutions (one as a list of lines, one as a string), a details
    block that is not a solution, and a code cell with a saved output."""
    return {
        "cells": [
            markdown("# A lesson\n", "<details><summary>Aside</summary>not a solution</details>"),
            {
                "cell_type": "code", "execution_count": 1, "metadata": {}, "id": "c1",
                "source": ['print("<details class=\\"solution\\">")'],
                "outputs": [{"name": "stdout", "output_type": "stream", "text": ["2.2\n"]}],
            },
            markdown('<details class="solution"><summary>Show solution</summary>\n', "\n", "**2.2**\n", "\n", "</details>"),
            {"cell_type": "markdown", "metadata": {}, "source": "<details class='solution'>\n\n42\n\n</details>"},
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def test_open_solutions_opens_only_closed_solution_tags():
    text = '<details class="solution"><summary>x</summary></details> <details>aside</details>'
    opened, count = solutions.open_solutions(text)
    assert count == 1
    assert opened == text.replace(CLOSED, OPENED)
    assert solutions.open_solutions(opened) == (opened, 0)  # idempotent


def test_tiny_notebook(tmp_path):
    source, output = tmp_path / "lessons", tmp_path / "instructor"
    source.mkdir()
    original = tiny_notebook()
    (source / "lesson.ipynb").write_text(solutions.dumps_notebook(original), encoding="utf-8")

    assert solutions.main([str(output), "--source", str(source)]) == 0

    copy = json.loads((output / "lesson.ipynb").read_text(encoding="utf-8"))
    cells, before = copy["cells"], original["cells"]
    assert cells[0] == before[0], "a <details> that is not a solution must stay closed"
    assert cells[1] == before[1], "code cells and their outputs must not change"
    assert cells[2]["source"][0].startswith(OPENED + "<summary>")
    assert cells[3]["source"].startswith(OPENED)
    assert {k: v for k, v in copy.items() if k != "cells"} == {
        k: v for k, v in original.items() if k != "cells"
    }
    # The source folder is untouched.
    assert json.loads((source / "lesson.ipynb").read_text(encoding="utf-8")) == original


def test_refuses_to_overwrite_the_source(tmp_path, capsys):
    (tmp_path / "lesson.ipynb").write_text(solutions.dumps_notebook(tiny_notebook()), encoding="utf-8")
    assert solutions.main([str(tmp_path), "--source", str(tmp_path)]) == 2
    assert "must differ" in capsys.readouterr().err


def test_empty_source_is_an_error(tmp_path, capsys):
    assert solutions.main([str(tmp_path / "out"), "--source", str(tmp_path)]) == 2
    assert "no notebooks" in capsys.readouterr().err


def solution_cells(notebook: dict) -> list[str]:
    return [
        "".join(c["source"]) for c in notebook["cells"]
        if c["cell_type"] == "markdown" and re.search(r'<details class="solution"', "".join(c["source"]))
    ]


@pytest.fixture(scope="module")
def instructor_copy(tmp_path_factory) -> Path:
    """The instructor copy of the real notebooks, made with the documented
    command in a subprocess (default source: the repository's notebooks/)."""
    output = tmp_path_factory.mktemp("instructor")
    subprocess.run([sys.executable, "-m", "nnlesson.solutions", str(output)], check=True, cwd=ROOT)
    return output


def test_copy_has_every_notebook(instructor_copy):
    assert sorted(p.name for p in instructor_copy.glob("*.ipynb")) == sorted(
        p.name for p in NOTEBOOKS.glob("*.ipynb")
    )


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_real_lesson_solutions_all_open_and_nothing_else_changes(lesson, instructor_copy):
    original = json.loads(lesson.read_text(encoding="utf-8"))
    copy = json.loads((instructor_copy / lesson.name).read_text(encoding="utf-8"))

    hidden = solution_cells(original)
    assert len(hidden) >= 3, f"{lesson.name} has {len(hidden)} solution cells, needs at least 3"
    assert all(CLOSED in s for s in hidden), "a lesson should save its solutions closed"

    shown = solution_cells(copy)
    assert len(shown) == len(hidden)
    assert not any(CLOSED in s for s in shown), "a solution was left closed"
    assert all(s.count(OPENED) == h.count(CLOSED) for s, h in zip(shown, hidden, strict=True))

    # Undo the one change: the notebooks must then be identical, outputs and
    # widget state included.
    undone = json.loads(json.dumps(copy).replace(OPENED.replace('"', '\\"'), CLOSED.replace('"', '\\"')))
    assert undone == original
