"""pyproject.toml, environment.yml and binder/ must agree on the runtime
dependencies, Binder must install the package itself, and the README's two
commands must be the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# conda-only entries of environment.yml that are not runtime dependencies of
# the package: the interpreter, pip itself, and the `lab` extra (jupyterlab).
CONDA_NOT_RUNTIME = {"python", "pip", "jupyterlab"}

SETUP = 'python3 -m venv .venv && .venv/bin/pip install -e ".[lab]" && .venv/bin/jupyter lab notebooks/00_start_here.ipynb'
TEST = 'python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg'


def normalise(name: str) -> str:
    """PEP 503 name normalisation: case-insensitive, runs of -_. are one '-'."""
    return re.sub(r"[-_.]+", "-", name).lower()


_REQ = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*?)\s*$")


def parse_requirement(text: str) -> tuple[str, str]:
    """'NumPy >= 1.23' -> ('numpy', '>=1.23'); markers are not used here."""
    text = text.split(";", 1)[0].split("#", 1)[0].strip()
    match = _REQ.match(text)
    assert match, f"cannot parse requirement {text!r}"
    name, spec = match.groups()
    parts = sorted(p.replace(" ", "") for p in spec.split(",") if p.strip())
    return normalise(name), ",".join(parts)


def pyproject_dependencies() -> dict[str, str]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib  # Python 3.11+
    except ImportError:  # Python 3.10: tomli if present, else a small regex
        try:
            import tomli as tomllib
        except ImportError:
            tomllib = None
    if tomllib is not None:
        deps = tomllib.loads(text)["project"]["dependencies"]
    else:
        project = re.search(r"^\[project\]\s*$(.*?)(?=^\[)", text, re.S | re.M)
        assert project, "no [project] table in pyproject.toml"
        array = re.search(r"^dependencies\s*=\s*\[(.*?)\]", project.group(1), re.S | re.M)
        assert array, "no dependencies array in [project]"
        deps = re.findall(r"""["']([^"']+)["']""", array.group(1))
    return dict(parse_requirement(d) for d in deps)


def environment_yml() -> tuple[dict[str, str], list[str]]:
    """(conda dependencies, pip entries) from environment.yml, without PyYAML."""
    conda: dict[str, str] = {}
    pip: list[str] = []
    section = None
    in_pip = False
    for raw in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent == 0:
            section = line.split(":", 1)[0].strip()
            in_pip = False
            continue
        if section != "dependencies":
            continue
        item = line.strip()
        assert item.startswith("- "), f"unexpected line in environment.yml: {raw!r}"
        item = item[2:].strip()
        if item == "pip:":
            in_pip = True
            pip_indent = indent
            continue
        if in_pip and indent > pip_indent:
            pip.append(item)
            continue
        in_pip = False
        # conda MatchSpec: 'name>=1.0', 'name >=1.0', 'conda-forge::name>=1.0'
        item = item.split("::", 1)[-1]
        if item.count(" ") == 1 and not re.search(r"[<>=!]", item.split(" ")[0]):
            item = item.replace(" ", "")
        name, spec = parse_requirement(item)
        conda[name] = spec
    return conda, pip


def binder_requirements() -> dict[str, str]:
    deps = {}
    for raw in (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-") or line in {".", "./"}:
            continue
        name, spec = parse_requirement(line)
        deps[name] = spec
    return deps


def test_pyproject_has_runtime_dependencies():
    deps = pyproject_dependencies()
    assert {"numpy", "matplotlib", "ipywidgets"} <= set(deps), deps


def test_environment_yml_matches_pyproject():
    conda, _ = environment_yml()
    runtime = {k: v for k, v in conda.items() if k not in CONDA_NOT_RUNTIME}
    assert runtime == pyproject_dependencies()


def test_environment_yml_python_pip_and_package():
    conda, pip = environment_yml()
    assert conda.get("python") == ">=3.10"
    assert "pip" in conda
    assert "jupyterlab" in conda
    assert any(re.fullmatch(r"(-e|--editable)\s+\.", p) for p in pip), pip
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s*-\s*conda-forge\s*$", text, re.M), "conda-forge channel missing"


def test_binder_requirements_match_pyproject():
    assert binder_requirements() == pyproject_dependencies()


def test_binder_does_not_pin_widgets_or_lab_down():
    text = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8")
    assert not re.search(r"ipywidgets\s*(==|<|~=)\s*7", text)
    assert not re.search(r"jupyterlab\s*(==|<|~=)\s*[123]\b", text)


def test_binder_installs_the_package():
    """repo2docker ignores root config once binder/ exists and never runs
    `pip install .` by itself: postBuild (or a `.` line) must do it."""
    requirements = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8")
    local_line = re.search(r"^\s*(-e\s+)?\.(/)?\s*$", requirements, re.M)
    post_build = ROOT / "binder" / "postBuild"
    installs = False
    if post_build.is_file():
        script = post_build.read_text(encoding="utf-8")
        installs = bool(re.search(r"pip install\b[^\n]*\s\.(\s|$)", script))
        if installs:
            assert script.startswith("#!"), "postBuild needs a shebang line"
            assert re.search(r"^set -e", script, re.M), "postBuild must stop on errors"
            assert post_build.stat().st_mode & 0o111, "postBuild must be executable"
    assert installs or local_line, "binder/ does not install the nnlesson package"


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [SETUP, TEST], ids=["setup", "test"])
def test_readme_has_the_two_commands(command):
    lines = [line.strip() for line in _readme().splitlines()]
    assert command in lines, f"README is missing the one-line command:\n{command}"


def test_readme_commands_come_first():
    """The two commands come before the first section heading."""
    text = _readme()
    first_section = text.find("\n## ")
    assert 0 < text.find(SETUP) < text.find(TEST) < first_section


def test_ci_runs_the_readme_test_command_verbatim():
    readme_line = next(
        line.strip() for line in _readme().splitlines() if "-m pytest" in line and "--nbval" in line
    )
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_line in ci.splitlines(), ".ci/run does not run the README's test command"
    assert ci.startswith("#!") and "set -euo pipefail" in ci
    assert (ROOT / ".ci" / "run").stat().st_mode & 0o111, ".ci/run must be executable"


def test_readme_uses_strict_nbval():
    assert "--nbval-lax" not in TEST and "--nbval " in TEST + " "
    assert (ROOT / "tests" / "nbval_sanitize.cfg").is_file()


def test_pytest_collects_tests_and_notebooks():
    deps_text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r"^testpaths\s*=\s*\[([^\]]*)\]", deps_text, re.M)
    assert match, "pyproject.toml has no [tool.pytest.ini_options] testpaths"
    paths = set(re.findall(r"""["']([^"']+)["']""", match.group(1)))
    assert {"tests", "notebooks"} <= paths
