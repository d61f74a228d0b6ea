"""The layers a convnet trains, each with its forward and its backward pass written out.

Every layer here is the working twin of a counting layer in ``nnlesson.layers``: ``Conv2D``
becomes ``ConvStep``, ``MaxPooling2D`` becomes ``MaxPoolStep``, and so on. A step keeps what
its backward pass needs from its forward pass, and its backward pass does two things:

* it writes the gradients of its own parameters (kernel, then bias) into ``grads``;
* it returns dL/d(input), which the layer before it receives as its dL/d(output).

Images are channels-last, (batch, height, width, channels), as Keras stores them, and a
kernel is (kh, kw, channels in, filters), Keras's layout, so a flattened model is the same
list of numbers in both.
"""
from __future__ import annotations

import functools

import numpy as np

from .. import activations


class Step:
    """Base: a step without parameters. ``shapes`` lists its parameter arrays (kernel, bias)."""

    shapes: tuple[tuple[int, ...], ...] = ()
    params: list[np.ndarray] = []
    grads: list[np.ndarray] = []

    def bind(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        """Take windows onto the network's flat parameter and gradient vectors, one per shape."""
        self.params, self.grads = params, grads

    def forward(self, x: np.ndarray, rng: np.random.Generator | None) -> np.ndarray:
        """The output for a batch; ``rng`` is given only while training (dropout draws from it)."""
        raise NotImplementedError

    def backward(self, dy: np.ndarray) -> np.ndarray:
        """dL/d(input) from dL/d(output); parameter gradients go into ``self.grads``."""
        raise NotImplementedError


class ConvStep(Step):
    """Conv2D with stride 1: every output value is a weighted sum of one kh x kw x C window, plus a bias.

    The windows are laid out as the rows of one matrix ("im2col"), so the whole layer is one
    matrix product: (positions, kh*kw*C) @ (kh*kw*C, filters). Backward reads it in reverse:
    dW = windows.T @ dy, and dL/dx is again a convolution, of dy (padded by k - 1 minus the
    forward padding) with the kernel turned 180 degrees and its in and out channels swapped:
    input pixel (r, c) was seen by kernel cell (i, j) from output position (r - i, c - j).
    """

    def __init__(self, kernel_size: tuple[int, int], channels: int, filters: int, padding: str,
                 input_gradient: bool = True):
        self.kh, self.kw = kernel_size
        self.shapes = ((self.kh, self.kw, channels, filters), (filters,))
        self.filters = filters
        # 'same' pads k - 1 cells per axis, the odd one after the image (as Keras and TensorFlow do)
        self.pad = ((0, 0), (0, 0)) if padding == "valid" else tuple(
            ((k - 1) // 2, k - 1 - (k - 1) // 2) for k in kernel_size)
        self.back_pad = tuple((k - 1 - before, k - 1 - after) for k, (before, after) in zip(kernel_size, self.pad))
        self.input_gradient = input_gradient  # the first layer needs no gradient for the image itself

    def forward(self, x, rng=None):
        self.columns = windows(padded(x, self.pad), self.kh, self.kw)
        kernel, bias = self.params
        out = self.columns @ kernel.reshape(-1, self.filters)
        out += bias
        return out.reshape(*x.shape[:1], x.shape[1] + sum(self.pad[0]) - self.kh + 1,
                           x.shape[2] + sum(self.pad[1]) - self.kw + 1, self.filters)

    def backward(self, dy):
        kernel, _ = self.params
        dkernel, dbias = self.grads
        dy2 = dy.reshape(-1, self.filters)
        dbias[...] = dy2.sum(axis=0)
        dkernel[...] = (self.columns.T @ dy2).reshape(dkernel.shape)
        if not self.input_gradient:
            return dy  # nobody reads it
        turned = kernel[::-1, ::-1].transpose(0, 1, 3, 2).reshape(-1, kernel.shape[2])  # (kh*kw*F, C)
        batch, height, width, _ = dy.shape
        dx = windows(padded(dy, self.back_pad), self.kh, self.kw) @ turned
        return dx.reshape(batch, height + sum(self.back_pad[0]) - self.kh + 1,
                          width + sum(self.back_pad[1]) - self.kw + 1, -1)


def padded(x: np.ndarray, pad: tuple[tuple[int, int], tuple[int, int]]) -> np.ndarray:
    """``x`` with ``pad`` = ((top, bottom), (left, right)) rows and columns of zeros around each image."""
    (top, bottom), (left, right) = pad
    if not (top or bottom or left or right):
        return x
    batch, height, width, channels = x.shape
    out = np.zeros((batch, height + top + bottom, width + left + right, channels), dtype=x.dtype)
    out[:, top:top + height, left:left + width, :] = x  # np.pad does the same, ten times slower on small images
    return out


def windows(x: np.ndarray, kh: int, kw: int) -> np.ndarray:
    """Every kh x kw window of every image as one row, (batch*positions, kh*kw*channels), cells in
    the kernel's (i, j, channel) order ("im2col")."""
    batch, height, width, channels = x.shape
    cells = window_cells(height, width, kh, kw)
    # One gather along the pixel axis copies each cell's channels as a block: three times as fast as
    # copying numpy's sliding_window_view of the same windows, whose innermost axis is one channel.
    return np.take(x.reshape(batch, height * width, channels), cells, axis=1).reshape(-1, kh * kw * channels)


@functools.lru_cache(maxsize=64)
def window_cells(height: int, width: int, kh: int, kw: int) -> np.ndarray:
    """Where every cell of every window sits in a flattened height x width image, window by window."""
    rows = np.arange(height - kh + 1)[:, None, None, None] + np.arange(kh)[None, None, :, None]
    cols = np.arange(width - kw + 1)[None, :, None, None] + np.arange(kw)[None, None, None, :]
    return (rows * width + cols).ravel()


class DenseStep(Step):
    """Dense on a flat input: ``y = x @ W + b``; backward ``dW = x.T @ dy``, ``db = sum(dy)``, ``dx = dy @ W.T``."""

    def __init__(self, inputs: int, units: int, input_gradient: bool = True):
        self.shapes = ((inputs, units), (units,))
        self.input_gradient = input_gradient

    def forward(self, x, rng=None):
        self.x = x
        kernel, bias = self.params
        return x @ kernel + bias

    def backward(self, dy):
        kernel, _ = self.params
        dkernel, dbias = self.grads
        dbias[...] = dy.sum(axis=0)
        dkernel[...] = self.x.T @ dy
        return dy @ kernel.T if self.input_gradient else dy


class ActivationStep(Step):
    """a = f(z) value by value; backward multiplies by f'(z) (the catalogue's derivative; ReLU as a mask)."""

    def __init__(self, name: str):
        self.name = name
        self.f = activations.get(name)

    def forward(self, x, rng=None):
        self.z = x
        if self.name == "relu":
            return np.maximum(x, 0)
        return self.f.function(x).astype(x.dtype, copy=False)

    def backward(self, dy):
        if self.name == "relu":
            return dy * (self.z > 0)
        return dy * self.f.derivative(self.z).astype(dy.dtype, copy=False)


class MaxPoolStep(Step):
    """Keeps the largest value of each p x q window (windows side by side, as MaxPooling2D's default).

    The window's cells are visited as p*q strided views of the input (cell (i, j) of every window
    at once), so the maximum is p*q - 1 element-wise comparisons; while training, each comparison
    also notes which cell won. Backward sends each window's gradient to that one pixel (the first,
    on a tie, as PyTorch does); every other pixel gets 0, as do rows or columns left over at the edge.
    """

    def __init__(self, pool_size: tuple[int, int]):
        self.p, self.q = pool_size
        self.cell_number = np.arange(self.p * self.q).reshape(1, 1, self.p, 1, self.q, 1)  # (i, j) -> i*q + j

    def _cells(self, x: np.ndarray) -> list[np.ndarray]:
        rows, cols = x.shape[1] // self.p, x.shape[2] // self.q
        return [x[:, i:rows * self.p:self.p, j:cols * self.q:self.q, :] for i in range(self.p) for j in range(self.q)]

    def forward(self, x, rng=None):
        self.x = x
        cells = self._cells(x)
        out = cells[0].copy()
        self.winner = np.zeros(out.shape, dtype=np.int8) if rng is not None else None
        for k, cell in enumerate(cells[1:], start=1):
            if self.winner is not None:  # strictly greater: the first of equal values keeps the win
                np.copyto(self.winner, k, where=cell > out)
            np.maximum(out, cell, out=out)
        return out

    def backward(self, dy):
        winner = self.winner if self.winner is not None else self._winner()
        batch, rows, cols, channels = dy.shape
        if self.x.shape[1:3] == (rows * self.p, cols * self.q):  # no leftover edge: one broadcast does it
            won = winner[:, :, None, :, None, :] == self.cell_number
            dx = dy[:, :, None, :, None, :] * won  # (batch, rows, p, cols, q, channels)
            return dx.reshape(self.x.shape)
        dx = np.zeros(self.x.shape, dtype=dy.dtype)
        for k, dcell in enumerate(self._cells(dx)):
            np.multiply(dy, winner == k, out=dcell)
        return dx

    def _winner(self) -> np.ndarray:
        """Which cell of each window won, for a forward pass made without noting it (not training)."""
        cells = self._cells(self.x)
        best, winner = cells[0], np.zeros(cells[0].shape, dtype=np.int8)
        for k, cell in enumerate(cells[1:], start=1):
            np.copyto(winner, k, where=cell > best)
            best = np.maximum(best, cell)
        return winner


class FlattenStep(Step):
    """(batch, height, width, channels) -> (batch, height*width*channels), channels-last like Keras."""

    def forward(self, x, rng=None):
        self.input_shape = x.shape
        return x.reshape(len(x), -1)

    def backward(self, dy):
        return dy.reshape(self.input_shape)


class GlobalAveragePoolStep(Step):
    """Each channel's average over the image; backward shares dy equally among its h*w pixels."""

    def forward(self, x, rng=None):
        self.input_shape = x.shape
        return x.mean(axis=(1, 2))

    def backward(self, dy):
        _, height, width, _ = self.input_shape
        return np.broadcast_to(dy[:, None, None, :] / (height * width), self.input_shape)


class DropoutStep(Step):
    """While training, zeroes each value with probability ``rate`` and scales the rest by 1 / (1 - rate)."""

    def __init__(self, rate: float):
        self.rate = rate

    def forward(self, x, rng=None):
        if rng is None or not self.rate:
            self.mask = None
            return x
        keep = 1.0 - self.rate
        self.mask = ((rng.random(x.shape) < keep) / keep).astype(x.dtype)
        return x * self.mask

    def backward(self, dy):
        return dy if self.mask is None else dy * self.mask
