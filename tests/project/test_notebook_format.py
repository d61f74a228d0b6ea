"""Every lesson has the shape docs/AUTHORING.md promises: learners can rely on it."""
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("0[0-9]_*.ipynb"))
INSTALL_CELL = Path(__file__).with_name("install_cell.ipy").read_text().rstrip("\n")
"""The first code cell of every lesson, word for word (docs/AUTHORING.md shows it too)."""


def cells(path: Path, kind: str) -> list[str]:
    notebook = json.loads(path.read_text())
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == kind]


def test_the_nine_lessons_are_there():
    assert [p.name[:2] for p in LESSONS] == ["00", "01", "02", "03", "04", "05", "06", "07", "08"]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_shape(path):
    markdown, code = cells(path, "markdown"), cells(path, "code")
    opening = markdown[0]
    assert opening.startswith("# "), "the first cell is the title"
    for heading in ("What you will learn", "Time", "Prerequisites"):
        assert heading in opening, f"the title cell names {heading!r}"
    assert code[0] == INSTALL_CELL, "the first code cell installs nnlesson where it is missing (tests/project/install_cell.ipy)"
    answers = [c for c in code if re.search(r"^answer\w* = \.\.\.", c, re.M) and "checks." in c]
    solutions = [m for m in markdown if '<details class="solution">' in m]
    assert len(answers) >= 3 and len(solutions) >= len(answers), "at least three checked exercises, each solved"
    assert any(re.search(r"^#+ .*Recap", m, re.M) for m in markdown), "a recap section"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_links_point_to_lessons_that_exist(path):
    links = {name for m in cells(path, "markdown") for name in re.findall(r"\]\((\w+\.ipynb)\)", m)}
    assert links, "every lesson links onward"
    assert all((NOTEBOOKS / name).is_file() for name in links), links


def test_the_install_cell_is_a_pip_magic_in_ipython_and_does_nothing_where_nnlesson_is_installed():
    """IPython (a local kernel, Colab) turns each %pip line into the pip magic; JupyterLite's kernel turns
    the same lines into piplite installs before IPython sees them, so the package names are written out."""
    from IPython.core.inputtransformer2 import TransformerManager

    python = TransformerManager().transform_cell(INSTALL_CELL)
    assert "get_ipython().run_line_magic('pip', 'install -q nnlesson')" in python
    assert "get_ipython().run_line_magic('pip', 'install -q git+https://github.com/nnlesson/nnlesson')" in python
    calls = []
    namespace = {"get_ipython": lambda: type("Shell", (), {"run_line_magic": lambda self, *a: calls.append(a)})()}
    exec(compile(python, "install_cell", "exec"), namespace)  # nnlesson is installed here: nothing runs
    assert calls == []
    pip_lines = [line.strip() for line in INSTALL_CELL.splitlines() if line.strip().startswith("%pip")]
    assert pip_lines == ["%pip install -q nnlesson", "%pip install -q git+https://github.com/nnlesson/nnlesson"]


CONTROL_CHARACTER = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
"""Any ASCII control character but a newline, a TAB included: a stray one turned `$k \\times k$` into
'k<TAB>imes k' (a backslash-t written as a real TAB), which MathJax rendered as 'kimesk'."""


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_no_cell_holds_a_control_character(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found = [(i, repr(source[max(0, m.start() - 15):m.end() + 15]))
             for i, cell in enumerate(cells) for source in ["".join(cell["source"])]
             for m in CONTROL_CHARACTER.finditer(source)]
    assert not found, f"control characters in {path.name} (cell, context): {found}"


def test_the_control_character_check_finds_a_tab_in_a_formula():
    assert CONTROL_CHARACTER.search("over a $k \times k$ window")  # the TAB that \t in a plain string makes
    assert not CONTROL_CHARACTER.search("over a $k \\times k$ window\n")


def _bound_names(source: str) -> dict[str, str]:
    """Each name a code cell binds, with what it is bound to (the call's function name, or '' for anything else)."""
    import ast

    bound = {}
    magic = ("%", "!")  # IPython's own lines, inside an if block too: read as a statement that binds nothing
    tree = ast.parse("\n".join(line[:len(line) - len(line.lstrip())] + "pass" if line.lstrip().startswith(magic)
                               else line for line in source.splitlines()))
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, (ast.AugAssign, ast.AnnAssign, ast.For)) else []
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name):
                    value = getattr(node, "value", None)
                    called = value.func.id if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) else ""
                    bound.setdefault(name.id, called)
    return bound


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_an_explorer_the_text_sends_the_learner_back_to_keeps_its_name(path):
    """Lesson 04 told the learner to call builder.model() after Run All, but a later cell reused `builder` for a
    string: after Run All the instruction failed. A name bound to an explorer is never bound again."""
    cells = [cell for cell in json.loads(path.read_text(encoding="utf-8"))["cells"] if cell["cell_type"] == "code"]
    explorers, rebound = {}, []
    for number, cell in enumerate(cells):
        for name, called in _bound_names("".join(cell["source"])).items():
            if name in explorers:
                rebound.append((name, explorers[name], number))
            elif called.endswith("_explorer") or called == "model_builder":
                explorers[name] = number
    assert not rebound, f"{path.name}: (name, code cell that made the explorer, code cell that rebinds it) {rebound}"
