"""How long does building a transformer from its config and counting it take (the goal: under 50 ms each)?

    python benchmarks/transformer_speed.py

For every ``CONFIGS`` entry: ``from_config(config).summary()``, twenty times; prints the median and the
slowest run in milliseconds. A measurement, not a test: it always exits 0.
"""
from __future__ import annotations

import statistics
import time

from nnlesson.zoo import CONFIGS, from_config

GOAL_MS = 50.0
REPEATS = 20


def main() -> None:
    print(f"{'model':<16} {'layers':>7} {'median ms':>10} {'max ms':>8}  verdict")
    for name, config in CONFIGS.items():
        times = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            summary = from_config(config).summary()
            times.append(1000 * (time.perf_counter() - start))
        median = statistics.median(times)
        verdict = "PASS" if median <= GOAL_MS else "FAIL"
        print(f"{name:<16} {len(summary.rows):>7} {median:>10.1f} {max(times):>8.1f}  {verdict}")


if __name__ == "__main__":
    main()
