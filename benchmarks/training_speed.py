"""How fast does the NumPy network of lesson 05 train, and how does it compare with PyTorch?

    python benchmarks/training_speed.py            # everything, median of 7 runs
    python benchmarks/training_speed.py --runs 3   # quicker

Measures, each as the median of several runs:

* **retrain + redraw**: the overfitting explorer at its defaults (moons, 100 training and
  200 validation points, a 2-64-64-1 ReLU network, 300 epochs of full-batch Adam) trains a
  fresh network and redraws both pictures, as it does after every slider move.
  Goal: under 0.5 s.
* **capacity sweep**: the capacity explorer at its defaults trains its 15 widths (5 to 2,049
  parameters, 1,000 epochs each) and redraws. Goal: under 5 s.
* **float32 against float64**: the same training with the model's numbers in either type.
* **PyTorch on the CPU** (only if ``torch`` can be imported; it is not a dependency of the
  project): the same network, started from the same weights, on the same data, with the same
  optimiser and the same per-epoch measuring of training and validation loss, on one thread
  like the NumPy version. Prints the time per epoch of each and their ratio.

A measurement, not a test: it always exits 0. Timings on a busy machine vary; rerun if a
number looks odd.
"""
from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from nnlesson import data, train
from nnlesson.widgets import capacity_explorer, overfitting_explorer

EPOCHS = 300
GOALS = {"retrain + redraw": 0.5, "capacity sweep": 5.0}


def median_seconds(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def explorer_times(runs: int) -> dict[str, float]:
    explorer = overfitting_explorer()
    sweep = capacity_explorer()

    def sweep_again():
        sweep._sweep_key = None  # forget the cached sweep, so refresh trains all widths again
        sweep.refresh()

    return {"retrain + redraw": median_seconds(explorer.refresh, runs),
            "capacity sweep": median_seconds(sweep_again, max(1, runs // 2))}


def default_data() -> data.Dataset:
    return data.make_split("moons", 100, 200, noise=0.2, seed=0)


def numpy_epoch_seconds(runs: int, dtype: str = "float32") -> float:
    d = default_data()

    def run():
        train.fit(train.MLP([2, 64, 64, 1], seed=0, dtype=dtype), d, epochs=EPOCHS, lr=0.01)

    return median_seconds(run, runs) / EPOCHS


def torch_epoch_seconds(runs: int) -> tuple[float, float, float] | str:
    """(seconds per epoch, final training loss, NumPy's final training loss), or why it was skipped."""
    try:
        import torch
    except ImportError:
        return "torch is not installed (it is not a dependency; install a CPU build to compare)"
    torch.set_num_threads(1)  # the NumPy version trains on one BLAS thread too
    d = default_data()
    reference = train.MLP([2, 64, 64, 1], seed=0)
    X_train = torch.tensor(d.X_train, dtype=torch.float32)
    y_train = torch.tensor(d.y_train, dtype=torch.float32)[:, None]
    X_both = torch.tensor(np.vstack([d.X_train, d.X_val]), dtype=torch.float32)
    y_val = torch.tensor(d.y_val, dtype=torch.float32)[:, None]
    loss_fn = torch.nn.BCEWithLogitsLoss()

    def build():
        net = torch.nn.Sequential(torch.nn.Linear(2, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64),
                                  torch.nn.ReLU(), torch.nn.Linear(64, 1))
        with torch.no_grad():  # start from exactly the NumPy network's weights (PyTorch stores W transposed)
            for layer, W, b in zip(net[::2], reference.weights, reference.biases):
                layer.weight.copy_(torch.from_numpy(W.T.copy()))
                layer.bias.copy_(torch.from_numpy(b.copy()))
        return net

    final = []

    def run():
        net = build()
        optimizer = torch.optim.Adam(net.parameters(), lr=0.01)
        for _ in range(EPOCHS):
            optimizer.zero_grad()
            loss_fn(net(X_train), y_train).backward()
            optimizer.step()
            with torch.no_grad():  # measure both sets after the epoch, as nnlesson's fit does
                z = net(X_both)
                train_loss = loss_fn(z[:len(y_train)], y_train).item()
                loss_fn(z[len(y_train):], y_val).item()
        final.append(train_loss)

    seconds = median_seconds(run, runs) / EPOCHS
    numpy_history = train.fit(train.MLP([2, 64, 64, 1], seed=0), d, epochs=EPOCHS, lr=0.01)
    return seconds, final[-1], numpy_history.final_train_loss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (median is reported)")
    args = parser.parse_args()

    print("explorers (median of", args.runs, "runs; the sweep of", max(1, args.runs // 2), ")")
    for name, seconds in explorer_times(args.runs).items():
        verdict = "PASS" if seconds <= GOALS[name] else "FAIL"
        print(f"  {name:<18} {seconds:6.3f} s   goal < {GOALS[name]:g} s   {verdict}")

    f32, f64 = numpy_epoch_seconds(args.runs, "float32"), numpy_epoch_seconds(args.runs, "float64")
    print(f"\n2-64-64-1, {EPOCHS} epochs of full-batch Adam on 100 points (+200 validation), per epoch:")
    print(f"  NumPy float32  {f32 * 1e6:7.1f} us")
    print(f"  NumPy float64  {f64 * 1e6:7.1f} us   (float32 is {f64 / f32:.2f}x as fast)")
    result = torch_epoch_seconds(args.runs)
    if isinstance(result, str):
        print(f"  PyTorch        skipped: {result}")
        return
    seconds, torch_loss, numpy_loss = result
    print(f"  PyTorch (CPU)  {seconds * 1e6:7.1f} us   one thread, same start, same optimiser")
    print(f"  time per epoch, PyTorch / NumPy float32: {seconds / f32:.2f}  "
          f"({'NumPy faster' if seconds > f32 else 'PyTorch faster'})")
    print(f"  final training loss: PyTorch {torch_loss:.4f}, NumPy {numpy_loss:.4f} (same computation, "
          "so these should be close)")


if __name__ == "__main__":
    main()
