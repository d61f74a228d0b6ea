"""Checks for lessons 03 and 04: counting dense and convolutional layers, output sizes and memory.

Each check counts the truth with the package's own layers from the exercise's numbers, then
looks for the value a typical slip produces (weights without biases, one bias per position,
the input's height in a parameter count, an off-by-one in the output formula) and names it.
A hint points at the slip; it never contains the answer.
"""
from __future__ import annotations

import math
from typing import Any, Sequence

from .._validate import describe, non_negative_int, one_of, positive_int
from ..counting import check_sizes, mlp
from ..layers import Conv1D, Conv2D, Dense, SeparableConv2D
from ..layers.summary import BYTES_PER_VALUE
from .base import Feedback, integer_check


def _check(answer: Any, truth: int, hints: list[tuple[int, str]], fallback: str, success: str,
           not_whole: str | None = None) -> Feedback:
    """integer_check, minus any hint whose slip happens to give the true value for these numbers."""
    return integer_check(answer, truth, [(value, hint) for value, hint in hints if value != truth],
                         fallback, success, not_whole)


def dense_params(answer: Any, n_in: int, n_out: int) -> Feedback:
    """Is ``answer`` the parameter count of a Dense layer from ``n_in`` inputs to ``n_out`` neurons?"""
    n_in, n_out = positive_int("dense_params", "n_in", n_in), positive_int("dense_params", "n_out", n_out)
    truth = Dense(n_out).row((n_in,)).params
    weights = n_in * n_out
    return _check(answer, truth, [
        (weights, "You counted the weights only. Each neuron also has a bias, and a bias is a parameter."),
        (weights + n_in, "One bias per neuron (per output), not one per input."),
        ((n_in + 1) * (n_out + 1), "Only the neurons have biases: n_out of them, not n_out + 1."),
        (weights + 1, "Every neuron has its own bias, not one bias for the whole layer."),
        (n_out, "That is the number of neurons. Parameters are the weights and biases inside them."),
        (n_in + n_out, "Weights connect every input to every neuron: multiply, do not add."),
    ], fallback="Per neuron: one weight per input plus one bias. Then multiply by the number of neurons.",
        success=f"({n_in} + 1) × {n_out} = {truth:,}: {weights:,} weights and {n_out:,} biases.")


def mlp_params(answer: Any, sizes: Sequence[int]) -> Feedback:
    """Is ``answer`` the total parameter count of the MLP with layer widths ``sizes`` (input first)?"""
    sizes = check_sizes("mlp_params", sizes)
    truth = mlp(sizes).count_params()
    pairs = list(zip(sizes, sizes[1:]))
    weights = sum(a * b for a, b in pairs)
    return _check(answer, truth, [
        (weights, "You counted the weights only: add one bias per neuron in every layer after the input."),
        (truth + sizes[0], "The input layer has no biases: it holds data and computes nothing."),
        (Dense(sizes[1]).row((sizes[0],)).params, "That is the first layer alone: add every layer's count."),
        (sum(a + b for a, b in pairs), "Neighbouring widths multiply (every input meets every neuron), "
                                       "they do not add."),
        (sum(sizes[1:]), "That counts neurons. Parameters are (n_in + 1) × n_out for each layer."),
    ], fallback="Take each pair of neighbouring layers, compute (n_in + 1) × n_out, and add the results.",
        success=f"{' + '.join(f'{Dense(b).row((a,)).params:,}' for a, b in pairs)} = {truth:,} parameters.")


def mlp_neurons(answer: Any, sizes: Sequence[int]) -> Feedback:
    """Is ``answer`` the number of computing neurons of the MLP with widths ``sizes`` (input first)?"""
    sizes = check_sizes("mlp_neurons", sizes)
    truth = mlp(sizes).summary().neurons
    return _check(answer, truth, [
        (sum(sizes), "The input values hold data and compute nothing: leave the input layer out."),
        (sum(sizes[1:-1]), "The output layer computes too: its neurons count."),
        (mlp(sizes).count_params(), "That is the parameter count. Neurons are the units that compute: "
                                    "one per output of each layer."),
    ], fallback="Add the widths of every layer that computes: all hidden layers and the output layer.",
        success=f"{' + '.join(map(str, sizes[1:]))} = {truth:,} neurons (the {sizes[0]:,} inputs compute nothing).")


def frozen_trainable(answer: Any, sizes: Sequence[int], frozen_layers: int) -> Feedback:
    """Is ``answer`` the trainable count of ``mlp(sizes)`` with its first ``frozen_layers`` Dense layers frozen?"""
    sizes = check_sizes("frozen_trainable", sizes)
    frozen_layers = non_negative_int("frozen_trainable", "frozen_layers", frozen_layers)
    if frozen_layers > len(sizes) - 1:
        raise ValueError(f"frozen_trainable(frozen_layers={frozen_layers}): the model has only "
                         f"{len(sizes) - 1} Dense layers")
    summary = mlp(sizes, frozen=frozen_layers).summary()
    truth = summary.trainable_params
    return _check(answer, truth, [
        (summary.non_trainable_params, "That is the frozen part. Trainable are the parameters of the layers "
                                       "you did not freeze."),
        (summary.total_params, "Freezing keeps a layer's parameters in the model but stops training them: "
                               "leave the frozen layers out of the trainable count."),
        (0, "Only the first layers are frozen; the later ones still learn."),
    ], fallback="Add (n_in + 1) × n_out over the layers that are not frozen.",
        success=f"{truth:,} trainable, {summary.non_trainable_params:,} frozen (non-trainable).")


def param_memory(answer: Any, params: int, dtype: str = "float32") -> Feedback:
    """Is ``answer`` the number of bytes ``params`` parameters take stored as ``dtype``?"""
    params = non_negative_int("param_memory", "params", params)
    one_of("param_memory", "dtype", dtype, BYTES_PER_VALUE)
    size = BYTES_PER_VALUE[dtype]
    truth = params * size
    hints = [(params * 8 * size, "That is bits. A byte is 8 bits: count bytes.")]
    hints += [(params * other, f"Check the size of one value: that would be {name} ({other} byte"
                               f"{'s' if other > 1 else ''} each), not {dtype}.")
              for name, other in BYTES_PER_VALUE.items() if other != size]
    return _check(answer, truth, hints,
                  fallback="Multiply the number of parameters by the bytes one value takes "
                           "(float32 4, float16 2, int8 1).",
                  success=f"{params:,} × {size} byte{'s' if size > 1 else ''} = {truth:,} bytes.")


def _pair(owner: str, arg: str, value: Any, what: str) -> tuple[int, int]:
    """Two positive integers given as a tuple or list of two, else a ValueError naming ``arg``."""
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise ValueError(f"{describe(owner, arg, value)}: {arg} must be {what}")
    return positive_int(owner, f"{arg}[0]", value[0]), positive_int(owner, f"{arg}[1]", value[1])


def _kernel(owner: str, kernel_size: Any) -> tuple[int, int]:
    """A kernel's (height, width): one integer for a square kernel, or two."""
    if isinstance(kernel_size, (tuple, list)):
        return _pair(owner, "kernel_size", kernel_size, "one positive integer, or two: (height, width)")
    k = positive_int(owner, "kernel_size", kernel_size)
    return k, k


def conv_params(answer: Any, kernel_size: Any, channels: int, filters: int,
                input_shape: tuple[int, int] | None = None) -> Feedback:
    """Is ``answer`` the parameter count of Conv2D(filters, kernel_size) on ``channels`` input channels?

    ``input_shape`` (height, width), when the exercise gives one, lets the check recognise the
    slips that bring the image size in: one bias per position, or multiplying by height x width.
    """
    kh, kw = _kernel("conv_params", kernel_size)
    channels = positive_int("conv_params", "channels", channels)
    filters = positive_int("conv_params", "filters", filters)
    height, width = (_pair("conv_params", "input_shape", input_shape, "two positive integers: (height, width)")
                     if input_shape is not None else (kh, kw))
    row = Conv2D(filters, (kh, kw)).row((height, width, channels))
    truth = row.params
    weights = kh * kw * channels * filters
    hints = [
        (weights, "You counted the kernel weights only: each filter also has one bias."),
        ((kh * kw + 1) * filters, "Each kernel spans every input channel: multiply by the number of channels."),
        (kh * kw * channels + 1, "That is one filter. The layer has as many kernels (and biases) as filters."),
        (weights + kh * kw * channels, "One bias per filter, not one per kernel weight."),
    ]
    if input_shape:
        positions = row.output_shape[0] * row.output_shape[1]
        hints += [
            (weights + filters * positions, "One bias per filter, shared by every position: not one per "
                                            "output position."),
            (truth * height * width, "The input's height and width do not enter a parameter count: the same "
                                     "kernel is reused at every position."),
            (truth * positions, "The kernel is shared across positions: do not multiply by the output size."),
        ]
    return _check(answer, truth, hints,
                  fallback="Per filter: kernel height × kernel width × input channels weights, plus one bias. "
                           "Then multiply by the number of filters.",
                  success=f"({kh}·{kw}·{channels} + 1) × {filters} = {truth:,}.")


def conv_output_size(answer: Any, n: int, k: int, s: int = 1, p: int = 0, d: int = 1) -> Feedback:
    """Is ``answer`` the output length floor((n + 2p - d(k-1) - 1)/s) + 1 of a window on ``n`` inputs?"""
    owner = "conv_output_size"
    n, k, s, d = (positive_int(owner, name, value) for name, value in (("n", n), ("k", k), ("s", s), ("d", d)))
    p = non_negative_int(owner, "p", p)
    # PyTorch's rule: it accepts every stride with every dilation (Keras refuses strides > 1 with dilation > 1)
    truth = Conv1D(1, k, strides=s, padding=p, dilation_rate=d).row((n, 1), "pytorch").output_shape[0]
    reach = n + 2 * p - d * (k - 1) - 1
    return _check(answer, truth, [
        (reach // s, "Off by one: the first position counts too, so add 1 after rounding down."),
        (math.ceil(reach / s) + 1, "Round the division down (floor), not up."),
        ((n - d * (k - 1) - 1) // s + 1, "You left out the padding: it adds p cells on each side, 2p in all."),
        ((n + p - d * (k - 1) - 1) // s + 1, "Padding goes on both sides: add 2p, not p."),
        ((n + 2 * p - k) // s + 1, "With dilation d the kernel stretches over d·(k−1) + 1 cells."),
        (reach + 1, "You left out the stride: the window jumps s cells at a time, so divide by s."),
        (n, "Not every setting keeps the size: put the numbers into the formula."),
    ], fallback="Use floor((n + 2p − d·(k−1) − 1) / s) + 1.",
        success=f"floor(({n} + 2·{p} − {d}·({k}−1) − 1) / {s}) + 1 = {truth}.",
        not_whole="An output length is a whole number of positions: the division rounds down (floor).")


def conv_neurons(answer: Any, input_shape: tuple[int, int, int], filters: int, kernel_size: Any,
                 strides: int = 1, padding: Any = "valid") -> Feedback:
    """Is ``answer`` the neuron count (output height x width x filters) of this Conv2D layer?"""
    input_shape = tuple(positive_int("conv_neurons", f"input_shape[{i}]", v) for i, v in enumerate(input_shape))
    row = Conv2D(filters, kernel_size, strides=strides, padding=padding).row(input_shape)
    truth = row.neurons
    out_h, out_w, _ = row.output_shape
    return _check(answer, truth, [
        (out_h * out_w, "That is one feature map. Every filter makes its own map: multiply by the filters."),
        (input_shape[0] * input_shape[1] * filters, "Use the output's height and width, not the input's."),
        (row.params, "That is the parameter count. A conv layer has one neuron per output value."),
        (filters, "Each filter is not one neuron: it computes a value at every output position."),
    ], fallback="Neurons of a conv layer = output height × output width × filters.",
        success=f"{out_h} × {out_w} × {filters} = {truth:,} neurons.")


def separable_params(answer: Any, kernel_size: Any, channels: int, filters: int) -> Feedback:
    """Is ``answer`` the count of SeparableConv2D(filters, kernel_size) on ``channels`` channels (bias on)?"""
    kh, kw = _kernel("separable_params", kernel_size)
    channels = positive_int("separable_params", "channels", channels)
    filters = positive_int("separable_params", "filters", filters)
    shape = (kh, kw, channels)
    truth = SeparableConv2D(filters, (kh, kw)).row(shape).params
    depthwise, pointwise = kh * kw * channels, channels * filters + filters
    return _check(answer, truth, [
        (Conv2D(filters, (kh, kw)).row(shape).params, "That is a standard convolution. A separable one filters "
                                                      "each channel alone, then mixes channels with a 1x1 conv."),
        (depthwise, "That is the depthwise part only: add the 1x1 pointwise convolution."),
        (pointwise, "That is the pointwise part only: add the depthwise kernels, one per input channel."),
        (depthwise + pointwise - filters, "Add the pointwise layer's biases, one per filter."),
        (depthwise + channels + pointwise, "Only the pointwise step has biases here (Keras's default)."),
    ], fallback="Depthwise: kernel height × width × channels. Pointwise: channels × filters + filters. Add them.",
        success=f"{depthwise:,} depthwise + {pointwise:,} pointwise = {truth:,}.")
