"""Attention weights as pictures: one head large, with its numbers and its tokens on both axes, and every head small.

A row is a query, a column a key; a cell's colour is the weight (white 0 to dark blue 1) and every row sums
to 1. A cell the causal mask hides is grey and hatched, with no number: masked, not a weight that learned to be 0.
"""
from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.collections import PatchCollection
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.patches import Rectangle

from ..attention import HEAD_CHOICES, Weights
from ..palette import PALETTE
from .panel import Panel
from .style import RC, SMALLEST_TEXT_PT, new_figure

SIZE = (8.4, 3.4)
MASKED = "#d9d9d9"
WEIGHT_COLOURS = LinearSegmentedColormap.from_list(
    "weights", ["#ffffff", PALETTE["sky"], PALETTE["blue"], "#00304d"]).with_extremes(bad=MASKED)
"""White for 0 to a deep blue for 1, one hue: the shade alone reads as more or less; masked cells grey."""
DARK_FROM = 0.55
"""A cell's number is white on weights above this (a dark cell), black below."""
GRIDS = {1: (1, 1), 2: (1, 2), 3: (1, 3), 4: (2, 2), 6: (2, 3), 12: (3, 4)}
"""Rows and columns of the small pictures for each number of heads."""
SMALL = (0.535, 0.995, 0.17, 0.83)
"""Where the small pictures go (left, right, bottom, top), as fractions of the figure."""


class AttentionPanel(Panel):
    """``update(weights, head)``: head ``head`` (from 0) large on the left with its numbers, every head small on the
    right, the large one outlined in vermillion.

    The background (the large picture's axes, token labels and the key) is the same for every setting; the small
    pictures (frames, titles, weights), the numbers, the mask and the titles are moving marks, so no control draws
    a new background: a new number of heads costs what a new weight costs."""

    def __init__(self):
        tokens = 6
        with matplotlib.rc_context(RC):
            figure = new_figure(*SIZE)
            self.title = figure.text(0.5, 0.975, "", ha="center", va="top", fontsize=11)
            figure.text(0.5, 0.02, "colour: weight, white 0 to dark blue 1; every row sums to 1.   "
                        "grey, hatched: masked (a query may not look at later tokens)",
                        ha="center", va="bottom", fontsize=SMALLEST_TEXT_PT, color=PALETTE["black"])
            self.axes = axes = figure.add_axes((0.075, 0.2, 0.38, 0.62))
            self.image = _heatmap(axes, tokens)
            axes.grid(False)
            axes.set_xticks(range(tokens), [""] * tokens)
            axes.set_yticks(range(tokens), [""] * tokens)
            axes.set_xlabel("key (the token looked at)")
            axes.set_ylabel("query (the token looking)")
            axes.tick_params(length=0)
            _frame(axes)
            axes.set_title(" ", fontsize=10)
            self.masked = axes.add_collection(PatchCollection([], facecolor=MASKED, edgecolor=PALETTE["grey"],
                                                              hatch="//", linewidth=0))
            self.numbers = [[axes.text(j, i, "", ha="center", va="center", fontsize=SMALLEST_TEXT_PT + 1)
                             for j in range(tokens)] for i in range(tokens)]
            self.small = []
            for _ in range(max(HEAD_CHOICES)):
                ax = figure.add_axes((0, 0, 0.1, 0.1))
                ax.set_xticks([])
                ax.set_yticks([])
                ax.grid(False)
                ax.patch.set_visible(False)  # nothing of a small picture is background: heads change no frame
                _frame(ax)
                ax.set_title(" ", fontsize=SMALLEST_TEXT_PT, pad=4)
                self.small.append((ax, _heatmap(ax, tokens)))
            self.outline = figure.add_artist(Rectangle((0, 0), 0, 0, transform=figure.transFigure, fill=False,
                                                       edgecolor=PALETTE["vermillion"], linewidth=2.2))
        super().__init__(figure)
        self.live.animate(self.image, *(image for _, image in self.small), self.masked,
                          *(spine for ax in (self.axes, *(ax for ax, _ in self.small)) for spine in ax.spines.values()),
                          *(text for row in self.numbers for text in row), self.title, self.axes.title, self.outline,
                          *(ax.title for ax, _ in self.small))
        self._frame: tuple | None = None
        self._grid: tuple[int, int] | None = None

    def update(self, w: Weights, head: int) -> None:
        if w.tokens != self._frame:  # the tokens label the large picture's axes: the one part of the background
            self._frame = w.tokens
            self.axes.set_xticks(range(len(w.tokens)), w.tokens)
            self.axes.set_yticks(range(len(w.tokens)), w.tokens)
            self.live.invalidate(frame=w.tokens)
        if (w.heads, w.kv_heads) != self._grid:
            self._grid = (w.heads, w.kv_heads)
            self._place_small(w)
        self.title.set_text(f"Attention weights softmax(QKᵀ{' / √' + str(w.head_dim) if w.scaled else ''}) "
                            f"with {w.heads} head{'s' if w.heads > 1 else ''} of d_k = {w.head_dim}"
                            f"{'' if w.scaled else ', not scaled'}{', causal mask' if w.causal else ''}")
        self.axes.set_title(f"head {head + 1} (reads key/value head {w.kv_head_of(head) + 1} of {w.kv_heads})",
                            fontsize=10)
        shown = w.weights[head]
        self.image.set_data(np.ma.masked_where(~w.allowed, shown))
        self.masked.set_paths([Rectangle((j - 0.5, i - 0.5), 1, 1) for i, j in zip(*np.nonzero(~w.allowed))])
        for i, row in enumerate(self.numbers):
            for j, text in enumerate(row):
                text.set_text(f"{shown[i, j]:.2f}" if w.allowed[i, j] else "")
                text.set_color("white" if shown[i, j] > DARK_FROM else PALETTE["black"])
        for h, (ax, image) in enumerate(self.small[:w.heads]):
            image.set_data(np.ma.masked_where(~w.allowed, w.weights[h]))
        x, y, width, height = self.small[head][0].get_position().bounds
        self.outline.set_bounds(x - 0.003, y - 0.007, width + 0.006, height + 0.014)

    def _place_small(self, w: Weights) -> None:
        """One small picture per head in a grid of ``GRIDS[heads]``, titled with the key/value head it reads."""
        rows, columns = GRIDS[w.heads]
        left, right, bottom, top = SMALL
        width, height = (right - left) / columns, (top - bottom) / rows
        for h, (ax, image) in enumerate(self.small):
            for part in (ax, image, ax.title, *ax.spines.values()):  # moving marks, hidden one by one
                part.set_visible(h < w.heads)
            if h < w.heads:
                row, column = divmod(h, columns)
                ax.set_position((left + column * width + 0.012, top - (row + 1) * height + 0.005,
                                 width - 0.024, height - 0.075))
                ax.set_title(f"head {h + 1} · kv {w.kv_head_of(h) + 1}", fontsize=SMALLEST_TEXT_PT, pad=4)


def _frame(axes) -> None:
    """A thin grey frame on all four sides, so that white cells (weights near 0) keep their edge."""
    for spine in axes.spines.values():
        spine.set_visible(True)
        spine.set_color(PALETTE["grey"])
        spine.set_linewidth(0.6)


def _heatmap(axes, tokens: int):
    """A tokens x tokens picture of weights from 0 to 1, each cell one flat colour (drawn unsampled: tiny in SVG)."""
    return axes.imshow(np.zeros((tokens, tokens)), cmap=WEIGHT_COLOURS, vmin=0, vmax=1, interpolation="none",
                       aspect="auto")
