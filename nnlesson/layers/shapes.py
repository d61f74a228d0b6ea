"""Shape rules: how a window sliding over an input (convolution, pooling) sets the output size.

One formula rules them all: a window of size k, dilation d and stride s on n inputs padded
by p on each side takes ``floor((n + 2p - d*(k-1) - 1) / s) + 1`` positions. Padding 'valid'
means p = 0; 'same' means TensorFlow's rule, ceil(n / s) positions whatever k and d are;
'causal' (Conv1D only) pads d*(k-1) cells before the sequence and none after, so no output
step sees a later input step. PyTorch's pooling ``ceil_mode=True`` rounds up instead of down,
but drops a last window that would start past the input and its left padding.
A transposed convolution runs the other way: see ``transposed_length``.
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Any, Callable

from .._validate import describe, non_negative_int, positive_int
from .base import Layer, Shape

Padding = str | tuple[int, ...]
PADDING_RULE = "padding must be one of 'valid', 'same' or a whole number >= 0"
CAUSAL_PADDING_RULE = "padding must be one of 'valid', 'same', 'causal' or a whole number >= 0"
CONV_RULE = "floor((n + 2p - d*(k-1) - 1) / s) + 1"
CEIL_RULE = "ceil((n + 2p - d*(k-1) - 1) / s) + 1"
TRANSPOSED_RULE = "(n-1)*s - 2p + d*(k-1) + output_padding + 1"
KERAS_TRANSPOSED_RULES = {  # (padding, output_padding left out?) -> Keras's Conv2DTranspose length
    ("valid", True): "n*s + max(d*(k-1) + 1 - s, 0)", ("same", True): "n*s",
    ("valid", False): "(n-1)*s + d*(k-1) + 1 + output_padding",
    ("same", False): "(n-1)*s + k_eff - 2*(k_eff//2) + output_padding with k_eff = d*(k-1) + 1"}
AXES = {1: "(steps, channels)", 2: "(height, width, channels)"}  # what an input of each rank holds


def int_tuple(owner: str, arg: str, value: Any, rank: int,
              check: Callable[[str, str, Any], int] = positive_int) -> tuple[int, ...]:
    """Accept one int (used on every axis) or a tuple of ``rank`` ints, Keras style."""
    if isinstance(value, (tuple, list)):
        if len(value) != rank:
            raise ValueError(f"{describe(owner, arg, value)}: {arg} must be an int or a tuple of {rank} ints")
        return tuple(check(owner, f"{arg}[{i}]", v) for i, v in enumerate(value))
    return (check(owner, arg, value),) * rank


def parse_padding(owner: str, value: Any, rank: int, causal: bool = False) -> Padding:
    """'valid', 'same', or symmetric zero-padding per axis (an int or a tuple, PyTorch style);
    'causal' too if ``causal`` (Conv1D: d*(k-1) zeros before the sequence, none after)."""
    rule = CAUSAL_PADDING_RULE if causal else PADDING_RULE
    if isinstance(value, str):
        if value in ("valid", "same") or (causal and value == "causal"):
            return value
        if value == "causal":
            raise ValueError(f"{describe(owner, 'padding', value)}: 'causal' padding is only for Conv1D, "
                             f"which slides along a sequence in time; for {owner} {PADDING_RULE}")
        raise ValueError(f"{describe(owner, 'padding', value)}: {rule}")
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, tuple, list)):
        raise TypeError(f"{describe(owner, 'padding', value)}: {rule}, not {type(value).__name__}")
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

    ceil_mode: bool = False
    """PyTorch pooling's ``ceil_mode``: the last placement may run past the padded input (``covered > padded``)."""

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


def slide(n: int, k: int, s: int, padding: str | int, d: int = 1, ceil_mode: bool = False) -> Window:
    """Where a window of size k, stride s and dilation d lands on n cells; the one rule for every layer.

    ``padding`` is 'valid' (none), 'same' (TensorFlow's rule: ceil(n / s) positions, the
    padding split evenly with any odd cell after), 'causal' (d*(k-1) zero cells before, none
    after) or p zero cells on each side. The number of positions is
    ``floor((n + 2p - d*(k-1) - 1) / s) + 1``; it may come out below 1.

    ``ceil_mode`` (PyTorch's pooling option, with 'valid' or p) rounds up instead,
    ``ceil((n + 2p - d*(k-1) - 1) / s) + 1``, then drops the last placement if it would start
    at or past n + p (beyond the input and its left padding: it would see only right padding).
    """
    span = d * (k - 1) + 1
    if padding == "same":
        positions = -(-n // s)
        total = max((positions - 1) * s + span - n, 0)
        return Window(n, k, s, d, total // 2, total - total // 2, positions)
    if padding == "causal":
        return Window(n, k, s, d, span - 1, 0, (n - 1) // s + 1)  # (n + d*(k-1) - span) // s + 1
    p = 0 if padding == "valid" else padding
    if not ceil_mode:
        return Window(n, k, s, d, p, p, (n + 2 * p - span) // s + 1)
    positions = -(-(n + 2 * p - span) // s) + 1  # -(-a // s) is ceil(a / s), negative a included
    if (positions - 1) * s >= n + p:
        positions -= 1
    return Window(n, k, s, d, p, p, positions, ceil_mode=True)


def transposed_length(n: int, k: int, s: int, p: int, d: int = 1, output_padding: int = 0) -> int:
    """Output length of a transposed convolution with symmetric padding p, as PyTorch's ConvTranspose:
    ``(n-1)*s - 2p + d*(k-1) + output_padding + 1``."""
    return (n - 1) * s - 2 * p + d * (k - 1) + output_padding + 1


def keras_transposed_length(n: int, k: int, s: int, padding: str, d: int = 1,
                            output_padding: int | None = None) -> int:
    """Output length of Keras's Conv2DTranspose with padding 'valid' or 'same'.

    Without ``output_padding``: 'valid' gives ``n*s + max(d*(k-1) + 1 - s, 0)`` (so a stride
    larger than the kernel leaves no input's patch overlapping the next, and no cell of the
    last patch is cut), 'same' gives ``n*s``. With it: ``(n-1)*s + k_eff - 2*pad + output_padding``,
    k_eff = d*(k-1) + 1, pad = 0 for 'valid' and k_eff // 2 for 'same'.
    """
    span = d * (k - 1) + 1
    if output_padding is None:
        return n * s + max(span - s, 0) if padding == "valid" else n * s
    pad = 0 if padding == "valid" else span // 2
    return (n - 1) * s + span - 2 * pad + output_padding


def windows(dims: Shape, kernel: tuple[int, ...], strides: tuple[int, ...], padding: Padding,
            dilation: tuple[int, ...], ceil_mode: bool = False) -> tuple[Window, ...]:
    """One ``Window`` per spatial axis of ``dims``; ``padding`` is 'valid', 'same', 'causal' or a tuple of ints."""
    return tuple(slide(n, k, s, padding if isinstance(padding, str) else padding[axis], d, ceil_mode)
                 for axis, (n, k, s, d) in enumerate(zip(dims, kernel, strides, dilation)))


def sliding_output(layer: Layer, dims: Shape, arg: str, kernel: tuple[int, ...], strides: tuple[int, ...],
                   padding: Padding, dilation: tuple[int, ...], ceil_mode: bool = False) -> Shape:
    """Output spatial dims of a window sliding over ``dims``; raises if it does not fit on some axis."""
    lengths = [w.positions for w in windows(dims, kernel, strides, padding, dilation, ceil_mode)]
    return _checked(layer, dims, arg, kernel, strides, padding, dilation, lengths,
                    CEIL_RULE if ceil_mode else CONV_RULE)


def transposed_output(layer: Layer, dims: Shape, kernel: tuple[int, ...], strides: tuple[int, ...],
                      padding: Padding, dilation: tuple[int, ...], output_padding: tuple[int, ...] | None,
                      convention: str) -> Shape:
    """Output spatial dims of a transposed convolution; raises if some axis comes out below 1.

    'valid' and 'same' follow Keras under convention="keras" (``keras_transposed_length``);
    under "pytorch" 'valid' is p = 0 (PyTorch's ConvTranspose has no 'same': Keras's rule stays).
    An integer padding p is PyTorch's, ``transposed_length``, under either convention.
    """
    extra = (None,) * len(dims) if output_padding is None else output_padding
    lengths, rules = [], []
    for axis, (n, k, s, d, op) in enumerate(zip(dims, kernel, strides, dilation, extra)):
        if isinstance(padding, str) and (convention == "keras" or padding == "same"):
            lengths.append(keras_transposed_length(n, k, s, padding, d, op))
            rules.append(KERAS_TRANSPOSED_RULES[padding, op is None])
        else:
            p = 0 if padding == "valid" else padding[axis]
            lengths.append(transposed_length(n, k, s, p, d, op or 0))
            rules.append(TRANSPOSED_RULE)
    return _checked(layer, dims, "kernel_size", kernel, strides, padding, dilation, lengths, rules,
                    [f", output_padding={op or 0}" for op in extra])


def _checked(layer: Layer, dims: Shape, arg: str, kernel: tuple[int, ...], strides: tuple[int, ...],
             padding: Padding, dilation: tuple[int, ...], lengths: list[int], rule: str | list[str],
             more: list[str] | None = None) -> Shape:
    """``lengths`` as a shape, or the layer's error naming the first axis below 1, its rule and its numbers
    (``rule`` and the ``more`` numbers may differ from axis to axis)."""
    for axis, length in enumerate(lengths):
        if length < 1:
            n, k, s, d = dims[axis], kernel[axis], strides[axis], dilation[axis]
            p = 0 if padding == "valid" else padding if isinstance(padding, str) else padding[axis]
            shown = padding if isinstance(padding, str) else compact(padding)
            raise layer.error(
                f"{layer.kind}({arg}={compact(kernel)}) does not fit input {'x'.join(map(str, dims))} "
                f"with padding={shown!r}: the output length {rule if isinstance(rule, str) else rule[axis]} "
                f"must be at least 1, but with n={n}, k={k}, s={s}, p={p!r}, d={d}{more[axis] if more else ''} "
                f"it is {length}")
    return tuple(lengths)
