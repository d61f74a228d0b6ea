"""Shape rules: how a window sliding over an input (convolution, pooling) sets the output size.

One formula rules them all: a window of size k, dilation d and stride s on n inputs padded
by p on each side takes ``floor((n + 2p - d*(k-1) - 1) / s) + 1`` positions. Padding 'valid'
means p = 0; 'same' means TensorFlow's rule, ceil(n / s) positions whatever k and d are.
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Any, Callable

from .._validate import describe, non_negative_int, positive_int
from .base import Layer, Shape

Padding = str | tuple[int, ...]
PADDING_RULE = "padding must be one of 'valid', 'same' or a whole number >= 0"
CONV_RULE = "floor((n + 2p - d*(k-1) - 1) / s) + 1"
TRANSPOSED_RULE = "(n-1)*s - 2p + d*(k-1) + 1"
AXES = {1: "(steps, channels)", 2: "(height, width, channels)"}  # what an input of each rank holds


def int_tuple(owner: str, arg: str, value: Any, rank: int,
              check: Callable[[str, str, Any], int] = positive_int) -> tuple[int, ...]:
    """Accept one int (used on every axis) or a tuple of ``rank`` ints, Keras style."""
    if isinstance(value, (tuple, list)):
        if len(value) != rank:
            raise ValueError(f"{describe(owner, arg, value)}: {arg} must be an int or a tuple of {rank} ints")
        return tuple(check(owner, f"{arg}[{i}]", v) for i, v in enumerate(value))
    return (check(owner, arg, value),) * rank


def parse_padding(owner: str, value: Any, rank: int) -> Padding:
    """'valid', 'same', or symmetric zero-padding per axis (an int or a tuple, PyTorch style)."""
    if isinstance(value, str):
        if value in ("valid", "same"):
            return value
        raise ValueError(f"{describe(owner, 'padding', value)}: {PADDING_RULE}")
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, tuple, list)):
        raise TypeError(f"{describe(owner, 'padding', value)}: {PADDING_RULE}, not {type(value).__name__}")
    return int_tuple(owner, "padding", value, rank, check=non_negative_int)


def compact(values: tuple[int, ...]) -> int | tuple[int, ...]:
    """Show (3, 3) as 3, as a learner would have typed it; keep (3, 5) as is."""
    return values[0] if len(set(values)) == 1 else values


@dataclass(frozen=True)
class Window:
    """A window sliding along one axis: ``size`` input cells, padding on each side, and its placements."""
    size: int
    kernel: int
    stride: int
    dilation: int
    pad_before: int
    pad_after: int
    positions: int

    @property
    def span(self) -> int:
        """Cells one placement stretches over: d*(k-1) + 1 (the kernel's taps are d cells apart)."""
        return self.dilation * (self.kernel - 1) + 1

    @property
    def padded(self) -> int:
        """Cells after padding: n + the padding on both sides."""
        return self.size + self.pad_before + self.pad_after

    @property
    def covered(self) -> int:
        """Padded cells from the first placement's start to the last placement's end."""
        return (self.positions - 1) * self.stride + self.span

    @property
    def left_out(self) -> int:
        """Cells at the end that no placement reaches: the remainder the floor division drops."""
        return max(self.padded - self.covered, 0)


def slide(n: int, k: int, s: int, padding: str | int, d: int = 1) -> Window:
    """Where a window of size k, stride s and dilation d lands on n cells; the one rule for every layer.

    ``padding`` is 'valid' (none), 'same' (TensorFlow's rule: ceil(n / s) positions, the
    padding split evenly with any odd cell after) or p zero cells on each side. The number of
    positions is ``floor((n + 2p - d*(k-1) - 1) / s) + 1``; it may come out below 1.
    """
    span = d * (k - 1) + 1
    if padding == "same":
        positions = -(-n // s)
        total = max((positions - 1) * s + span - n, 0)
        return Window(n, k, s, d, total // 2, total - total // 2, positions)
    p = 0 if padding == "valid" else padding
    return Window(n, k, s, d, p, p, (n + 2 * p - span) // s + 1)


def transposed_length(n: int, k: int, s: int, p: int, d: int = 1) -> int:
    """Output length of a transposed convolution with symmetric padding p (PyTorch, no output_padding)."""
    return (n - 1) * s - 2 * p + d * (k - 1) + 1


def windows(dims: Shape, kernel: tuple[int, ...], strides: tuple[int, ...], padding: Padding,
            dilation: tuple[int, ...]) -> tuple[Window, ...]:
    """One ``Window`` per spatial axis of ``dims``; ``padding`` is 'valid', 'same' or a tuple of ints."""
    return tuple(slide(n, k, s, padding if isinstance(padding, str) else padding[axis], d)
                 for axis, (n, k, s, d) in enumerate(zip(dims, kernel, strides, dilation)))


def sliding_output(layer: Layer, dims: Shape, arg: str, kernel: tuple[int, ...], strides: tuple[int, ...],
                   padding: Padding, dilation: tuple[int, ...], transposed: bool = False) -> Shape:
    """Output spatial dims of a window sliding over ``dims``; raises if it does not fit on some axis."""
    if transposed:
        lengths = [n * s if padding == "same" else
                   transposed_length(n, k, s, 0 if padding == "valid" else padding[axis], d)
                   for axis, (n, k, s, d) in enumerate(zip(dims, kernel, strides, dilation))]
    else:
        lengths = [w.positions for w in windows(dims, kernel, strides, padding, dilation)]
    for axis, length in enumerate(lengths):
        if length < 1:
            n, k, s, d = dims[axis], kernel[axis], strides[axis], dilation[axis]
            p = 0 if padding == "valid" else padding[axis]
            rule = TRANSPOSED_RULE if transposed else CONV_RULE
            shown = padding if padding == "valid" else compact(padding)
            raise layer.error(
                f"{layer.kind}({arg}={compact(kernel)}) does not fit input {'x'.join(map(str, dims))} "
                f"with padding={shown!r}: the output length {rule} must be at least 1, but with "
                f"n={n}, k={k}, s={s}, p={p}, d={d} it is {length}")
    return tuple(lengths)
