"""How long does building and counting each zoo model take (the goal: under 50 ms each)?

    python benchmarks/zoo_speed.py

For every ``PUBLISHED`` entry, vision models and the transformers of ``PUBLISHED_TRANSFORMERS``
(built by ``from_config`` from their config.json): build the model and take its summary under the entry's
convention, seven times; prints the median and the slowest run in milliseconds. A measurement,
not a test: it always exits 0.
"""
from __future__ import annotations

import statistics
import time

from nnlesson.zoo import PUBLISHED, PUBLISHED_TRANSFORMERS

GOAL_MS = 50.0
REPEATS = 7


def main() -> None:
    print(f"{'model':<32} {'layers':>7} {'median ms':>10} {'max ms':>8}  verdict")
    for entry in PUBLISHED + PUBLISHED_TRANSFORMERS:
        times = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            summary = entry.build().summary(entry.convention)
            times.append(1000 * (time.perf_counter() - start))
        median = statistics.median(times)
        verdict = "PASS" if median <= GOAL_MS else "FAIL"
        print(f"{entry.name:<32} {len(summary.rows):>7} {median:>10.1f} {max(times):>8.1f}  {verdict}")


if __name__ == "__main__":
    main()
