"""Checks for lesson 07: channels after a concatenation, a dense block's growth, a gate's parameters, shared weights.

As in every check, the truth comes from the counting engine (a functional model built from the
exercise's own numbers), typical slips are recognised and named, and no hint gives the answer away.
"""
from __future__ import annotations

from typing import Any, Sequence

from .._validate import positive_int
from ..counting.branches import dense_block, se_gate
from ..layers import Concatenate, Dense, Input, Model
from .base import Feedback, integer_check


def concat_channels(answer: Any, branches: Sequence[int] = (160, 224, 64, 64), channels: int = 512,
                    size: int = 14) -> Feedback:
    """Is ``answer`` the channels out of an Inception module whose branches end with ``branches`` channels?"""
    shapes = [(size, size, positive_int("concat_channels", "branches", c)) for c in branches]
    truth = Concatenate().row(shapes).output_shape[-1]
    return integer_check(answer, truth, [(value, hint) for value, hint in [
        (max(branches), "Concatenate keeps every branch's channels, not only the widest branch's."),
        (channels, "The module's input is not what comes out: its branches' outputs are laid side by side."),
        (truth + channels, "The input itself is not passed through here, only what the four branches compute."),
        (len(branches), "Each branch brings many channels, not one: add up what the branches give."),
    ] if value != truth], fallback="Concatenate(axis=-1) lays the branches side by side along the channels: add up what each brings.",
        success=f"{' + '.join(map(str, branches))} = {truth} channels; the height and width stay {size} × {size}.")


def dense_block_channels(answer: Any, channels: int = 128, layers: int = 12, growth: int = 32) -> Feedback:
    """Is ``answer`` the channels out of a DenseNet block with ``layers`` layers of growth rate ``growth``?"""
    truth = dense_block(channels, 4, positive_int("dense_block_channels", "layers", layers),
                        positive_int("dense_block_channels", "growth", growth)).output_shape[-1]
    return integer_check(answer, truth, [
        (layers * growth, "The block's input is concatenated too: it is still there at the end."),
        (channels + growth, "Every one of the layers adds k channels, not just the last."),
        (growth, "k is what one layer adds; the block's output holds everything before it as well."),
        (channels * layers, "A layer adds k channels, whatever it sees: the growth does not depend on the input."),
        (4 * growth, "4k is the width inside a layer (its 1×1 bottleneck); what it hands on is k channels."),
    ], fallback="Start from the input's channels and add k for every layer of the block.",
        success=f"{channels} + {layers}·{growth} = {truth}: the channels grow by k at each layer.")


def se_params(answer: Any, channels: int = 256, ratio: int = 16) -> Feedback:
    """Is ``answer`` the parameters of a squeeze-and-excite gate on ``channels`` channels with reduction ``ratio``?"""
    channels = positive_int("se_params", "channels", channels)
    squeezed = channels // positive_int("se_params", "ratio", ratio)
    truth = se_gate(channels, 7, ratio).count_params()
    return integer_check(answer, truth, [
        (2 * channels * squeezed, "Both 1×1 convolutions have a bias for each of their filters."),
        ((channels + 1) * squeezed, "That is the squeeze to C/r only: the gate then expands back to C channels."),
        ((squeezed + 1) * channels, "That is the expansion only: first the gate squeezes C channels to C/r."),
        (2 * (channels + 1) * channels, "The gate squeezes to C/r channels in between: it never holds a C × C map."),
        (truth + 2 * channels, "Global average pooling and the multiplication have no parameters."),
    ], fallback="Two 1×1 convolutions: C → C/r, then C/r → C, each with one bias per filter.",
        success=f"({channels} + 1)·{squeezed} + ({squeezed} + 1)·{channels} = {truth:,}: under 10% of one 3×3 "
                f"convolution from {channels} to {channels} channels.")


def shared_params(answer: Any, features: int = 100, units: int = 64) -> Feedback:
    """Is ``answer`` the parameters of a model that calls one ``Dense(units)`` on two inputs of ``features``?"""
    left, right = Input((positive_int("shared_params", "features", features),)), Input((features,))
    dense = Dense(positive_int("shared_params", "units", units))
    truth = Model([left, right], [dense(left), dense(right)]).count_params()
    return integer_check(answer, truth, [
        (2 * truth, "One layer object holds one set of weights, however often it is called: count it once."),
        (features * units, "Each of the units also has a bias."),
        (2 * features * units, "Count the layer once; and each unit has a bias."),
    ], fallback="The shared layer is one Dense layer: (inputs + 1) × units.",
        success=f"({features} + 1)·{units} = {truth:,}, once: both calls use the same weights (and each call "
                "computes, so the neurons and MACs are counted twice).")
