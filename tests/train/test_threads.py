"""Training runs BLAS on one thread; in Pyodide (JupyterLite) there is no pool and threadpoolctl stays unimported."""
import sys

import numpy as np

from nnlesson.train import threads


def test_in_the_browser_one_blas_thread_does_nothing_and_never_imports_threadpoolctl(monkeypatch):
    monkeypatch.setattr(threads, "IN_BROWSER", True)
    monkeypatch.setitem(sys.modules, "threadpoolctl", None)  # importing it now would raise ImportError
    threads._controller.cache_clear()
    with threads.one_blas_thread():
        product = np.ones((3, 4)) @ np.ones((4, 2))
    assert product.tolist() == [[4.0, 4.0]] * 3


def test_elsewhere_blas_runs_on_one_thread_inside_the_block():
    from threadpoolctl import threadpool_info

    threads._controller.cache_clear()
    with threads.one_blas_thread():
        inside = [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert inside and all(n == 1 for n in inside)
