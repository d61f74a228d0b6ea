"""The first layer of a convnet, trained and untrained: each 3x3 filter above the map it makes of one digit.

Filters use a diverging map (blue negative, white zero, vermillion positive, each filter scaled to
its own largest weight); maps are grey ink on white, as the digit itself. Each filter is labelled
with what ``edge_score`` calls it, so the picture and the count in the text agree.
"""
from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.colors import LinearSegmentedColormap

from ..train.filters import FirstLayer
from .panel import Panel
from .style import PALETTE, RC, new_figure

WEIGHTS = LinearSegmentedColormap.from_list("weights", [PALETTE["blue"], "#ffffff", PALETTE["vermillion"]])
ROWS = ("trained filters", "their maps", "untrained filters", "their maps")


class FiltersPanel(Panel):
    """A grid: the digit on the left; filters and maps of the trained, then the untrained, network."""

    marks_as_svg = False  # every cell changes with the digit: one PNG of the whole grid

    def __init__(self, filters: int):
        self.filters = filters
        with matplotlib.rc_context(RC):
            figure = new_figure(1.9 + 0.78 * filters, 4.3)
            grid = figure.add_gridspec(4, filters + 2, left=0.01, right=0.99, bottom=0.02, top=0.88, hspace=0.55,
                                       wspace=0.12, width_ratios=[1.3, 1.3] + [1] * filters)
            self.digit_axes = figure.add_subplot(grid[1:3, 0])
            self.cells = [[figure.add_subplot(grid[row, column + 2]) for column in range(filters)] for row in range(4)]
            for ax in [self.digit_axes, *np.ravel(self.cells)]:
                ax.set_xticks([])
                ax.set_yticks([])
                ax.spines[:].set_visible(True)  # a full frame: blank (zero) cells at an edge still show
            for row, name in enumerate(ROWS):  # row names in their own column, between the digit and the grid
                label = figure.add_subplot(grid[row, 1])
                label.axis("off")
                label.text(1.0, 0.5, name.replace(" ", "\n"), ha="right", va="center", fontsize=8,
                           transform=label.transAxes)
            self.title = figure.suptitle("", fontsize=11)
        super().__init__(figure)
        self.axes = self.digit_axes

    def update(self, digit: np.ndarray, trained: FirstLayer, untrained: FirstLayer, label: int) -> None:
        with matplotlib.rc_context(RC):
            _image(self.digit_axes, digit[:, :, 0], "gray_r", 0, 1)
            self.digit_axes.set_title(f"digit {label}", fontsize=9)
            top = max(np.abs(trained.maps).max(), np.abs(untrained.maps).max(), 1e-9)
            for first, layer in ((0, trained), (2, untrained)):
                for f in range(self.filters):
                    kernel = layer.kernels[:, :, f]
                    size = max(np.abs(kernel).max(), 1e-9)
                    _image(self.cells[first][f], kernel, WEIGHTS, -size, size)
                    score = layer.scores[f]
                    self.cells[first][f].set_title(score.label.replace("diagonal ", "diag. "), fontsize=7,
                                                   color=PALETTE["black" if score.is_edge else "dark grey"],
                                                   fontweight="bold" if score.is_edge else "normal")
                    _image(self.cells[first + 1][f], layer.maps[:, :, f], "gray_r", 0, top)
            self.title.set_text(f"First layer: {trained.edges} of {self.filters} trained and {untrained.edges} "
                                f"of {self.filters} untrained filters pass the edge test")
        self.live.invalidate()


def _image(ax, values: np.ndarray, cmap, low: float, high: float) -> None:
    """Show ``values`` in ``ax``, reusing its image when there is one (a new digit moves no axes)."""
    if ax.images:
        ax.images[0].set_data(values)
        ax.images[0].set_clim(low, high)
    else:
        ax.imshow(values, cmap=cmap, vmin=low, vmax=high, interpolation="nearest")
