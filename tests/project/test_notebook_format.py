"""Every lesson has the shape docs/AUTHORING.md promises: learners can rely on it."""
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("0[0-9]_*.ipynb"))
SETUP_LINE = 'if importlib.util.find_spec("nnlesson") is None:'


def cells(path: Path, kind: str) -> list[str]:
    notebook = json.loads(path.read_text())
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == kind]


def test_the_six_lessons_are_there():
    assert [p.name[:2] for p in LESSONS] == ["00", "01", "02", "03", "04", "05"]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_shape(path):
    markdown, code = cells(path, "markdown"), cells(path, "code")
    opening = markdown[0]
    assert opening.startswith("# "), "the first cell is the title"
    for heading in ("What you will learn", "Time", "Prerequisites"):
        assert heading in opening, f"the title cell names {heading!r}"
    assert SETUP_LINE in code[0], "the first code cell installs nnlesson where it is missing (Colab)"
    answers = [c for c in code if re.search(r"^answer\w* = \.\.\.", c, re.M) and "checks." in c]
    solutions = [m for m in markdown if '<details class="solution">' in m]
    assert len(answers) >= 3 and len(solutions) >= len(answers), "at least three checked exercises, each solved"
    assert any(re.search(r"^#+ .*Recap", m, re.M) for m in markdown), "a recap section"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_links_point_to_lessons_that_exist(path):
    links = {name for m in cells(path, "markdown") for name in re.findall(r"\]\((\w+\.ipynb)\)", m)}
    assert links, "every lesson links onward"
    assert all((NOTEBOOKS / name).is_file() for name in links), links
