"""Time one training run of notebook 06's convnet in nnlesson's NumPy trainer and, when installed, in PyTorch.

Same network (Conv2D 8 'same' + ReLU, 2x2 max pool, Conv2D 16 'same' + ReLU, 2x2 max pool, Flatten,
Dense 10), same 500 training and 597 validation digits, Adam at 0.01, batches of 32, 30 epochs,
and in both the same measurements after every epoch (loss and accuracy on both sets, no dropout).
PyTorch runs in float32 with its default threads and again with one thread; nnlesson in float64
(its default, for the same digits on every processor) and in float32.

    python benchmarks/convnet_speed.py [--repeats 5] [--n-train 500] [--batch-size 32]

PyTorch is not a dependency: install it in a separate environment to get the comparison.
"""
from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from nnlesson import digits
from nnlesson.train import ConvNet, fit
from nnlesson.train.budget import EPOCHS, LEARNING_RATE, convnet_spec


def numpy_run(data, batch_size: int, dtype: str) -> tuple[float, float]:
    model = ConvNet(convnet_spec(8), seed=0, dtype=dtype)
    start = time.perf_counter()
    history = fit(model, data, epochs=EPOCHS, lr=LEARNING_RATE, batch_size=batch_size, seed=0)
    return time.perf_counter() - start, history.final_val_accuracy


def torch_run(data, batch_size: int, threads: int) -> tuple[float, float]:
    import torch
    from torch import nn

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    net = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Flatten(), nn.Linear(64, 10))  # Flatten order differs from Keras's; the count does not
    optimizer = torch.optim.Adam(net.parameters(), lr=LEARNING_RATE)
    loss = nn.CrossEntropyLoss()
    X_train = torch.tensor(data.X_train.transpose(0, 3, 1, 2), dtype=torch.float32)  # PyTorch is channels-first
    X_both = torch.tensor(np.concatenate([data.X_train, data.X_val]).transpose(0, 3, 1, 2), dtype=torch.float32)
    y_train, y_val = torch.tensor(data.y_train), torch.tensor(data.y_val)
    order = torch.Generator().manual_seed(0)
    n = len(y_train)
    start = time.perf_counter()
    for _ in range(EPOCHS):
        for rows in torch.randperm(n, generator=order).split(batch_size):
            optimizer.zero_grad()
            loss(net(X_train[rows]), y_train[rows]).backward()
            optimizer.step()
        with torch.no_grad():  # the same measurements as nnlesson's fit makes after every epoch
            z = net(X_both)
            measured = [loss(z[:n], y_train).item(), loss(z[n:], y_val).item(),
                        (z[:n].argmax(1) == y_train).float().mean().item()]
            val_accuracy = (z[n:].argmax(1) == y_val).float().mean().item()
    return time.perf_counter() - start, val_accuracy


def report(name: str, runs: list[tuple[float, float]]) -> float:
    times = [t for t, _ in runs]
    median = statistics.median(times)
    print(f"{name:<34} median {median:6.3f} s   min {min(times):6.3f} s   max {max(times):6.3f} s   "
          f"validation accuracy {runs[-1][1]:.1%}")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--n-train", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    data = digits.split(args.n_train)
    print(f"{args.n_train} training images, {EPOCHS} epochs, batches of {args.batch_size}, {args.repeats} runs each")
    ours = report("nnlesson NumPy, float64 (default)",
                  [numpy_run(data, args.batch_size, "float64") for _ in range(args.repeats)])
    report("nnlesson NumPy, float32", [numpy_run(data, args.batch_size, "float32") for _ in range(args.repeats)])
    try:
        import torch
    except ImportError:
        print("PyTorch is not installed: no comparison (pip install torch in a separate environment)")
        return
    default_threads = torch.get_num_threads()
    theirs = report(f"PyTorch {torch.__version__}, {default_threads} threads",
                    [torch_run(data, args.batch_size, default_threads) for _ in range(args.repeats)])
    single = report(f"PyTorch {torch.__version__}, 1 thread",
                    [torch_run(data, args.batch_size, 1) for _ in range(args.repeats)])
    print(f"nnlesson float64 / PyTorch: {ours / theirs:.2f} ({default_threads} threads), {ours / single:.2f} (1 thread)")


if __name__ == "__main__":
    main()
