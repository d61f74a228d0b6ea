"""Train on one BLAS thread: the matrices here are small, and sharing them out costs more than it saves.

NumPy hands every matrix product to its BLAS library, which splits a product across all
cores. For the few-hundred-row products of these lessons the split saves microseconds,
but the threads then wait for each other; on a busy machine (a shared Binder server, a
laptop compiling something) the waiting made training ten times slower in our measurements.
threadpoolctl, the library made for this, limits BLAS to one thread while we train.
"""
from __future__ import annotations

import contextlib
import functools
import sys
from typing import Iterator

IN_BROWSER = sys.platform == "emscripten"
"""Pyodide (JupyterLite): one thread and no BLAS pool to limit. threadpoolctl is not installed
there, and importing it printed a deprecation warning into the learner's cell."""


@functools.lru_cache(maxsize=1)
def _controller():
    """Finding the loaded BLAS libraries takes about a millisecond: do it once."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the ``with`` block with BLAS on one thread, and restore the old setting after."""
    if IN_BROWSER:
        yield
        return
    with _controller().limit(limits=1, user_api="blas"):
        yield
