"""Shared pytest configuration for nnlesson's tests.

Browser tests (everything under tests/browser/) get the `browser` marker.
They skip when Chromium or Playwright is missing -- except when the
environment variable CI is "true": there a skipped browser test is reported
as a failure, so CI can never pass without having run them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

BROWSER_DIR = Path(__file__).resolve().parent / "browser"

try:  # figures in unit tests must not need a display (kernels are unaffected)
    import matplotlib

    matplotlib.use("Agg")
except ImportError:  # pragma: no cover
    pass


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "browser: drives JupyterLab in Chromium (skipped without Chromium/Playwright; "
        "a skip is a failure when CI=true)",
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    # Remember the call-phase report so fixtures can screenshot failures.
    setattr(item, f"rep_{report.when}", report)
    if (
        report.skipped
        and _in_ci()
        and item.get_closest_marker("browser") is not None
        and not hasattr(report, "wasxfail")
    ):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = (
            f"browser test skipped under CI=true, which counts as a failure: {reason}"
        )
