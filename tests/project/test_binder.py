"""What Binder builds from binder/: the Dockerfile that repo2docker generates
(`jupyter-repo2docker --no-build --debug` prints it without Docker) installs
binder/requirements.txt, copies the repository, then runs binder/postBuild,
which installs the package; the base image brings ipywidgets 8 and JupyterLab 4,
and the README's badge opens JupyterLab at the first notebook."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

from tests.project.test_dependencies import ROOT, binder_requirements, parse_requirement, pyproject_dependencies

BINDER = ROOT / "binder"
BADGE_URL = re.compile(
    r"https://mybinder\.org/v2/gh/[\w.-]+/[\w.-]+/HEAD\?urlpath=lab/tree/(notebooks/[\w.-]+\.ipynb)"
)


@pytest.fixture(scope="module")
def dockerfile(tmp_path_factory) -> str:
    """The Dockerfile repo2docker would build for the repository's work tree."""
    pytest.importorskip("repo2docker", reason="jupyter-repo2docker is not installed (the [test] extra has it)")
    # repo2docker reads a repo2docker_config.py from its working directory: use an empty one.
    workdir = tmp_path_factory.mktemp("repo2docker")
    result = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug", str(ROOT)],
        cwd=workdir, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, f"repo2docker failed:\n{result.stderr[-3000:]}"
    assert "FROM " in result.stdout, f"no Dockerfile in repo2docker's output:\n{result.stdout[:2000]}"
    return result.stdout


def line_index(lines: list[str], pattern: str) -> int:
    """Index of the first line matching the regular expression `pattern`."""
    for index, line in enumerate(lines):
        if re.search(pattern, line):
            return index
    raise AssertionError(f"no line of the Dockerfile matches {pattern!r}")


def test_dockerfile_installs_requirements_copies_repo_then_runs_postbuild(dockerfile):
    lines = dockerfile.splitlines()
    requirements = line_index(lines, r'^RUN .*pip install .*-r "?binder/requirements\.txt"?')
    copy_repo = line_index(lines, r"^COPY .*\bsrc/ \$\{REPO_DIR\}/")
    post_build = line_index(lines, r"^RUN \./binder/postBuild\b")
    assert requirements < copy_repo < post_build, (
        "postBuild must run after the requirements are installed and the repository is copied"
    )


def test_postbuild_installs_the_package_without_its_dependencies():
    """postBuild installs nnlesson itself; its dependencies come from
    requirements.txt (so `--no-deps` keeps the build from reaching for others)."""
    installs = [
        line for line in (BINDER / "postBuild").read_text(encoding="utf-8").splitlines()
        if re.match(r"\s*(python3? -m )?pip install\b", line)
    ]
    assert any(re.search(r"\s\.$", line.strip()) and "--no-deps" in line for line in installs), installs


def test_requirements_hold_the_runtime_dependencies():
    requirements = binder_requirements()
    missing = {name: spec for name, spec in pyproject_dependencies().items() if requirements.get(name) != spec}
    assert not missing, f"binder/requirements.txt lacks (or pins differently) {missing}"


def allows_major(spec: str, major: int) -> bool:
    """Whether a pip version spec such as '>=8.0' or '<8,>=7' admits some `major`.x."""
    specifier = SpecifierSet(spec)
    return any(specifier.contains(f"{major}.{minor}.{patch}") for minor in range(30) for patch in range(3))


@pytest.mark.parametrize("name, major", [("ipywidgets", 8), ("jupyterlab", 4)])
def test_binder_pins_no_old_widgets_or_lab(name, major):
    lines = (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines()
    specs = [parse_requirement(line)[1] for line in lines if re.match(rf"\s*{name}\b", line, re.I)]
    assert all(allows_major(spec, major) for spec in specs), f"{name} pinned below {major}: {specs}"


def test_allows_major():
    assert allows_major(">=8.0", 8) and allows_major("", 8) and allows_major("<8.1", 8)
    assert not allows_major("<8", 8) and not allows_major("==7.7.1", 8) and not allows_major("~=7.6", 8)


def base_image_packages(dockerfile: str) -> dict[str, str]:
    """{conda package: version} of the base environment repo2docker installs:
    the lock file its Dockerfile copies, read from the repo2docker package."""
    import repo2docker

    match = re.search(r"environment-2epy-2d(\d+)-2e(\d+)-2dlinux-2d64-2elock", dockerfile)
    assert match, "cannot find the base environment's lock file in the Dockerfile"
    lock = Path(repo2docker.__file__).parent / "buildpacks" / "conda" / (
        f"environment.py-{match[1]}.{match[2]}-linux-64.lock"
    )
    return dict(re.findall(r"/([a-z0-9_-]+?)-(\d[\w.]*)-[\w.]+\.conda\b", lock.read_text(encoding="utf-8")))


def test_base_image_has_widgets_8_lab_4_and_the_pinned_python(dockerfile):
    packages = base_image_packages(dockerfile)
    assert packages["ipywidgets"].startswith("8."), packages["ipywidgets"]
    assert packages["jupyterlab"].split(".")[0] == "4", packages["jupyterlab"]
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"python-3\.\d+", runtime), runtime
    assert packages["python"].startswith(runtime.removeprefix("python-") + "."), (runtime, packages["python"])


def test_readme_badge_opens_lab_at_start_here():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    urls = BADGE_URL.findall(readme)
    assert urls, "README has no Binder badge that opens JupyterLab (urlpath=lab/tree/...)"
    assert set(urls) == {"notebooks/00_start_here.ipynb"}, urls
    assert (ROOT / urls[0]).is_file()
