"""Every notebook gives its saved outputs on another CPU's arithmetic and on the oldest versions we claim.

NumPy's BLAS picks its kernels per processor, and each rounds a little differently; a
learner's laptop is not the machine that saved the notebooks. OpenBLAS can be told to use
another processor's kernels (OPENBLAS_CORETYPE), so the whole nbval run is repeated here
under a generic x86 kernel, and again in a fresh virtual environment with Python 3.10 and the
lowest version of every dependency pyproject.toml allows (tests/project/oldest.txt).
These are slow (about 30 s and 70 s) and need the package registry for the second.
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OLDEST = Path(__file__).with_name("oldest.txt")
OLDEST_PYTHON = "3.10"
OTHER_CORE = "Prescott"  # a generic x86-64 kernel; the main run uses this processor's own
NBVAL = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "notebooks", "-o", "testpaths=notebooks",
         "--nbval-sanitize-with", "tests/nbval_sanitize.cfg"]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def skip_or_fail(reason: str):
    """A check that cannot run is skipped on a laptop and fails under CI=true."""
    if in_ci():
        pytest.fail(f"cannot run under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


def run_notebooks(python: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([python, *NBVAL], cwd=ROOT, capture_output=True, text=True, timeout=900,
                          env={**os.environ, **env})


def uses_openblas() -> bool:
    from threadpoolctl import threadpool_info

    return any(pool.get("internal_api") == "openblas" for pool in threadpool_info())


def test_notebooks_give_their_saved_outputs_under_another_cpus_blas_kernel():
    if not uses_openblas():
        skip_or_fail("NumPy here does not use OpenBLAS, whose kernels OPENBLAS_CORETYPE chooses")
    result = run_notebooks(sys.executable, OPENBLAS_CORETYPE=OTHER_CORE)
    assert result.returncode == 0, result.stdout[-4000:]
    assert re.search(r"\b1\d\d passed\b", result.stdout), result.stdout[-500:]


def oldest_python() -> str | None:
    """A working Python 3.10 interpreter: one pyenv installed, or one on PATH (not a shim that refuses)."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates = sorted(glob.glob(str(pyenv / "versions" / f"{OLDEST_PYTHON}.*" / "bin" / "python")), reverse=True)
    candidates += [found for found in [shutil.which(f"python{OLDEST_PYTHON}")] if found]
    for candidate in candidates:
        probe = subprocess.run([candidate, "-c", "import sys, venv; print(sys.version_info[:2])"],
                               capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip() == f"(3, {OLDEST_PYTHON.split('.')[1]})":
            return candidate
    return None


def test_the_oldest_versions_claimed_are_the_ones_tested():
    claimed = re.findall(r'"(numpy|matplotlib|ipywidgets|pillow|threadpoolctl)>=([\d.]+)',
                         (ROOT / "pyproject.toml").read_text())
    tested = dict(re.findall(r"^([\w-]+)==([\d.]+)$", OLDEST.read_text(), re.M))
    assert len(claimed) == 5 and all(tested[name].startswith(low) for name, low in claimed), (claimed, tested)
    assert f'requires-python = ">={OLDEST_PYTHON}"' in (ROOT / "pyproject.toml").read_text()


def test_notebooks_give_their_saved_outputs_on_the_oldest_python_and_dependencies():
    python = oldest_python()
    if python is None:
        skip_or_fail(f"no Python {OLDEST_PYTHON} here (install it with pyenv or your package manager)")
    with tempfile.TemporaryDirectory(prefix="nnlesson-oldest-") as folder:
        venv = Path(folder) / "venv"
        subprocess.run([python, "-m", "venv", str(venv)], check=True, timeout=120)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        installed = subprocess.run([*pip, "-r", str(OLDEST), "pytest", "nbval", "ipykernel"],
                                   capture_output=True, text=True, timeout=900)
        assert installed.returncode == 0, installed.stderr[-3000:]
        subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True, capture_output=True, timeout=300)
        versions = subprocess.run([str(venv / "bin" / "python"), "-c", "import sys, numpy, matplotlib; "
                                   "print(sys.version_info[:2], numpy.__version__, matplotlib.__version__)"],
                                  capture_output=True, text=True, check=True).stdout
        assert f"(3, {OLDEST_PYTHON.split('.')[1]}) 1.23.0 3.8.0" in versions
        result = run_notebooks(str(venv / "bin" / "python"))
    assert result.returncode == 0, result.stdout[-4000:]
    assert re.search(r"\b1\d\d passed\b", result.stdout), result.stdout[-500:]
