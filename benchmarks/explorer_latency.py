"""How long does an explorer take to answer a control change?

    python benchmarks/explorer_latency.py                    # every explorer
    python benchmarks/explorer_latency.py neuron_explorer    # just these
    python benchmarks/explorer_latency.py --moves 20 --json  # fewer moves, JSON out

Starts a real Jupyter kernel (ipykernel on this Python interpreter), and for
each explorer in ``nnlesson.widgets.EXPLORERS`` (name -> factory): builds it,
displays it (so widget comm messages flow as they would to a browser), then
moves every control generically:

* a control with ``.options`` (Dropdown, ToggleButtons, ...) cycles through
  its options, twice;
* a slider (``.min``/``.max``/``.step``) walks step by step up across part of
  its range and back down (``--moves`` changes in all);
* a boolean control (Checkbox, ToggleButton) flips a few times.

Each change is timed twice:

* **kernel** -- ``time.perf_counter`` around ``control.value = v`` inside the
  kernel; observers run synchronously, so this includes recomputing and
  re-rendering figures;
* **round trip** -- from the client: send an execute_request that sets the
  value, wait for its execute_reply and for the kernel to go idle (all iopub
  output, including widget updates, has been sent).

Goal: p95 round trip under 50 ms for ``neuron_explorer``, 80 ms for the other
figure explorers, and for those that retrain on every change the time their lesson
promises (``GOALS_MS``) (PASS/FAIL judged on the round trip; the kernel column shows how much of
it the explorer itself takes). This is a measurement, not a test: the script
always exits 0.

The explorer contract it relies on: an explorer is an ipywidgets container
with ``.controls`` (dict name -> control widget) and ``.result`` (what the
math tier answered for the current controls).
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
# Goals from the issues: 50 ms for the neuron explorer, 80 ms for the other figure
# explorers; the training explorers retrain a network per change (0.5 s), the budget
# explorer two (a dense network and a convnet: "a few seconds at the defaults", lesson 06
# says, so 3 s), and the capacity explorer trains a whole sweep of widths (5 s).
GOALS_MS = {"neuron_explorer": 50.0, "overfitting_explorer": 500.0, "budget_explorer": 3000.0,
            "capacity_explorer": 5000.0}
# Moves per slider for explorers whose every change trains networks (keeps the run short).
MOVES = {"overfitting_explorer": 6, "capacity_explorer": 2}
DEFAULT_GOAL_MS = 80.0
TIMEOUT = 600.0  # seconds for any one kernel request (a whole in-kernel sweep of the capacity explorer takes minutes)

# Code run once in the kernel: helpers that plan and apply control changes.
KERNEL_SETUP = r'''
import math as __nnl_math, json as __nnl_json, sys as __nnl_sys, time as __nnl_time, importlib as __nnl_importlib
try:
    __nnl_module = __nnl_importlib.import_module({module!r})
except ImportError:
    __nnl_sys.path.insert(0, {repo_root!r})
    __nnl_module = __nnl_importlib.import_module({module!r})
from IPython.display import display as __nnl_display
__nnl_state = {{}}

def __nnl_plan(control, moves):
    """Values to set, one change each, ending where the control started."""
    start = control.value
    if isinstance(start, tuple) and len(start) == 2 and getattr(control, "step", None):
        low, high = start  # a range slider: pull its upper end in and back out
        inward = [(low, round(high - k * control.step, 12)) for k in range(1, max(1, moves // 2) + 1)
                  if high - k * control.step > low]
        return inward + inward[-2::-1] + [start] if inward else []
    options = getattr(control, "options", None)
    if options is not None and not isinstance(options, str):
        values = [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in options]
        if len(values) < 2:
            return []
        i = values.index(start) if start in values else 0
        return [values[(i + k) % len(values)] for k in range(1, 2 * len(values) + 1)]
    if all(hasattr(control, a) for a in ("min", "max", "step")) and control.step:
        log_base = getattr(control, "base", None)  # FloatLogSlider works in exponents
        lo, hi, step = control.min, control.max, control.step
        pos = __nnl_math.log(start, log_base) if log_base else start
        integer = isinstance(start, int) and isinstance(step, int)
        path, direction = [], 1
        for _ in range(max(1, moves // 2)):
            nxt = pos + direction * step
            if nxt > hi + 1e-12 or nxt < lo - 1e-12:
                direction = -direction
                nxt = pos + direction * step
            if nxt > hi + 1e-12 or nxt < lo - 1e-12:
                break  # range narrower than one step
            pos = nxt if integer else round(nxt, 12)
            path.append(pos)
        path = path + path[-2::-1] + [start if not log_base else __nnl_math.log(start, log_base)]
        if log_base:
            path = [log_base ** p for p in path]
        values, last = [], start
        for v in path:
            if v != last:
                values.append(v)
                last = v
        return values
    if isinstance(start, bool):
        return [not start, start] * 3
    return []

def __nnl_build(name, moves):
    factory = __nnl_module.EXPLORERS[name]
    t0 = __nnl_time.perf_counter()
    explorer = factory()
    build_ms = (__nnl_time.perf_counter() - t0) * 1000
    __nnl_display(explorer)
    plan = [(c, v) for c, control in explorer.controls.items()
            for v in __nnl_plan(control, moves)]
    __nnl_state.clear()
    __nnl_state.update(explorer=explorer, plan=plan, start={{c: w.value for c, w in explorer.controls.items()}})
    return __nnl_json.dumps({{"build_ms": build_ms, "changes": len(plan),
                             "controls": list(explorer.controls),
                             "result": type(getattr(explorer, "result", None)).__name__}})

def __nnl_run_in_kernel():
    explorer, times = __nnl_state["explorer"], []
    for name, value in __nnl_state["plan"]:
        control = explorer.controls[name]
        t0 = __nnl_time.perf_counter()
        control.value = value
        times.append((__nnl_time.perf_counter() - t0) * 1000)
    return __nnl_json.dumps(times)

def __nnl_set(i):
    name, value = __nnl_state["plan"][i]
    __nnl_state["explorer"].controls[name].value = value
'''


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def summary(values: list[float]) -> dict:
    if not values:
        return {"median_ms": math.nan, "p95_ms": math.nan, "max_ms": math.nan}
    return {
        "median_ms": statistics.median(values),
        "p95_ms": percentile(values, 95),
        "max_ms": max(values),
    }


class Kernel:
    """A python3 kernel on this interpreter, driven through jupyter_client."""

    def __init__(self):
        from jupyter_client import KernelManager
        from jupyter_client.kernelspec import KernelSpec, KernelSpecManager

        self.resource_dir = resource_dir = tempfile.mkdtemp(prefix="nnlesson-bench-")

        class ThisPython(KernelSpecManager):
            def get_kernel_spec(self, kernel_name):
                return KernelSpec(
                    argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                    display_name="Python 3 (this interpreter)",
                    language="python",
                    resource_dir=resource_dir,
                )

        self.km = KernelManager(kernel_name="python3", kernel_spec_manager=ThisPython())
        self.km.start_kernel(cwd=str(REPO_ROOT))
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=TIMEOUT)

    def execute(self, code: str, expressions: dict | None = None) -> tuple[dict, int]:
        """Run code; wait for the reply and for idle. Returns (reply content,
        number of iopub messages belonging to it)."""
        msg_id = self.kc.execute(
            code, silent=False, store_history=False, user_expressions=expressions or {}
        )
        n_iopub, errors = 0, []
        deadline = time.monotonic() + TIMEOUT
        idle = False
        while not idle:  # every iopub message of this request, up to idle
            msg = self.kc.get_iopub_msg(timeout=self._remaining(deadline))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            n_iopub += 1
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
            elif msg["msg_type"] == "error":
                errors.append("\n".join(msg["content"].get("traceback", [])))
        reply = None
        while reply is None:
            msg = self.kc.get_shell_msg(timeout=self._remaining(deadline))
            if msg["parent_header"].get("msg_id") == msg_id:
                reply = msg["content"]
        if reply.get("status") != "ok":
            raise RuntimeError(
                f"{reply.get('ename')}: {reply.get('evalue')}\n" + "\n".join(errors)
            )
        return reply, n_iopub

    @staticmethod
    def _remaining(deadline: float) -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"kernel did not answer within {TIMEOUT:.0f} s")
        return remaining

    def evaluate(self, expression: str):
        """Value of a Python expression in the kernel (its repr is literal-evaluated)."""
        reply, _ = self.execute("", {"x": expression})
        result = reply["user_expressions"]["x"]
        if result.get("status") != "ok":
            raise RuntimeError(f"{result.get('ename')}: {result.get('evalue')}")
        return ast.literal_eval(result["data"]["text/plain"])

    def shutdown(self):
        try:
            self.kc.stop_channels()
        finally:
            self.km.shutdown_kernel(now=False)
            shutil.rmtree(self.resource_dir, ignore_errors=True)


def measure(kernel: Kernel, name: str, moves: int) -> dict:
    info = json.loads(kernel.evaluate(f"__nnl_build({name!r}, {moves})"))
    kernel_ms = json.loads(kernel.evaluate("__nnl_run_in_kernel()"))
    round_trip_ms, iopub_counts = [], []
    for i in range(info["changes"]):
        t0 = time.perf_counter()
        _, n_iopub = kernel.execute(f"__nnl_set({i})")
        round_trip_ms.append((time.perf_counter() - t0) * 1000)
        iopub_counts.append(n_iopub)
    goal = GOALS_MS.get(name, DEFAULT_GOAL_MS)
    rt = summary(round_trip_ms)
    return {
        "explorer": name,
        "controls": info["controls"],
        "changes": info["changes"],
        "build_ms": info["build_ms"],
        "kernel": summary(kernel_ms),
        "round_trip": rt,
        "iopub_messages_per_change": statistics.median(iopub_counts) if iopub_counts else 0,
        "goal_p95_ms": goal,
        "pass": bool(info["changes"]) and rt["p95_ms"] <= goal,
    }


def print_table(rows: list[dict]) -> None:
    header = (
        f"{'explorer':<24} {'changes':>7} | {'kernel ms: median':>17} {'p95':>7} {'max':>7} |"
        f" {'round trip ms: median':>21} {'p95':>7} {'max':>7} | {'goal p95':>8}  verdict"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        if "error" in row:
            print(f"{row['explorer']:<24} {'-':>7} | ERROR: {row['error']}")
            continue
        k, r = row["kernel"], row["round_trip"]
        verdict = "PASS" if row["pass"] else "FAIL"
        print(
            f"{row['explorer']:<24} {row['changes']:>7} | {k['median_ms']:>17.1f} {k['p95_ms']:>7.1f}"
            f" {k['max_ms']:>7.1f} | {r['median_ms']:>21.1f} {r['p95_ms']:>7.1f} {r['max_ms']:>7.1f} |"
            f" {row['goal_p95_ms']:>6.0f} ms  {verdict}"
        )
    print(
        "\nkernel: setting control.value until observers return (figures included);"
        "\nround trip: execute_request until execute_reply + kernel idle, seen by a client."
        "\nverdict: round-trip p95 against the goal."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("explorers", nargs="*", help="names in EXPLORERS (default: all)")
    parser.add_argument("--moves", type=int, default=40, help="changes per slider (default 40)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--module", default="nnlesson.widgets",
        help="module that provides EXPLORERS (default nnlesson.widgets)",
    )
    args = parser.parse_args(argv)

    rows: list[dict] = []
    kernel = None
    try:
        kernel = Kernel()
        kernel.execute(KERNEL_SETUP.format(module=args.module, repo_root=str(REPO_ROOT)))
        names = args.explorers or kernel.evaluate("list(__nnl_module.EXPLORERS)")
        for name in names:
            if not args.json:
                print(f"measuring {name} ...", file=sys.stderr, flush=True)
            try:
                rows.append(measure(kernel, name, min(args.moves, MOVES.get(name, args.moves))))
            except Exception as error:  # noqa: BLE001 - report and go on
                rows.append({"explorer": name, "error": f"{type(error).__name__}: {error}".strip()})
    except Exception as error:  # noqa: BLE001 - a measurement never fails the caller
        rows.append({"explorer": "(kernel)", "error": f"{type(error).__name__}: {error}"})
    finally:
        if kernel is not None:
            kernel.shutdown()

    if args.json:
        print(json.dumps(rows, indent=2, default=str))
    else:
        print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
