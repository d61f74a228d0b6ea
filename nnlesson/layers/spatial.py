"""Sliding-window arithmetic shared by convolutions and pooling, for 1-D and 2-D alike.

One formula rules them all: a window of size k, dilation d and stride s on n inputs padded
by p on each side takes ``floor((n + 2p - d*(k-1) - 1) / s) + 1`` positions. Padding 'valid'
means p = 0; 'same' means TensorFlow's rule, ceil(n / s) positions whatever k and d are.
"""
from __future__ import annotations

import numbers
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


def window_length(n: int, k: int, s: int, p: int, d: int = 1) -> int:
    """Positions of a window (size k, stride s, dilation d) on n inputs padded by p per side."""
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


def transposed_length(n: int, k: int, s: int, p: int, d: int = 1) -> int:
    """Output length of a transposed convolution with symmetric padding p (PyTorch, no output_padding)."""
    return (n - 1) * s - 2 * p + d * (k - 1) + 1


def sliding_output(layer: Layer, dims: Shape, arg: str, kernel: tuple[int, ...], strides: tuple[int, ...],
                   padding: Padding, dilation: tuple[int, ...], transposed: bool = False) -> Shape:
    """Output spatial dims of a window sliding over ``dims``; raises if it does not fit on some axis."""
    out = []
    for axis, (n, k, s, d) in enumerate(zip(dims, kernel, strides, dilation)):
        if padding == "same":
            out.append(n * s if transposed else -(-n // s))
            continue
        p = 0 if padding == "valid" else padding[axis]
        length = (transposed_length if transposed else window_length)(n, k, s, p, d)
        if length < 1:
            rule = TRANSPOSED_RULE if transposed else CONV_RULE
            shown = padding if padding == "valid" else compact(padding)
            raise layer.error(
                f"{layer.kind}({arg}={compact(kernel)}) does not fit input {'x'.join(map(str, dims))} "
                f"with padding={shown!r}: the output length {rule} must be at least 1, but with "
                f"n={n}, k={k}, s={s}, p={p}, d={d} it is {length}")
        out.append(length)
    return tuple(out)
