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

    # The filters and their labels stay while the learner picks digits: they are the background. The digit
    # and the 16 maps are the moving marks, 17 images of 8x8 pixels, small as SVG.

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
            self.digit = _blank(self.digit_axes)
            self.digit_title = self.digit_axes.set_title(" ", fontsize=9)
            self.maps = [[_blank(ax) for ax in self.cells[row]] for row in (1, 3)]
        super().__init__(figure)
        self.axes = self.digit_axes
        frames = [spine for ax in (self.digit_axes, *self.cells[1], *self.cells[3]) for spine in ax.spines.values()]
        self.live.animate(self.digit, self.digit_title, *self.maps[0], *self.maps[1], *frames)  # frames over images
        self._filters_of: tuple | None = None

    def update(self, digit: np.ndarray, trained: FirstLayer, untrained: FirstLayer, label: int) -> None:
        if (trained.kernels.tobytes(), untrained.kernels.tobytes()) != self._filters_of:  # new filters: new background
            self._filters_of = (trained.kernels.tobytes(), untrained.kernels.tobytes())
            self._draw_filters(trained, untrained)
        self.digit.set_data(digit[:, :, 0])
        self.digit_title.set_text(f"digit {label}")
        top = max(np.abs(trained.maps).max(), np.abs(untrained.maps).max(), 1e-9)  # one grey scale for all maps
        for images, layer in zip(self.maps, (trained, untrained)):
            for f, image in enumerate(images):
                image.set_data(layer.maps[:, :, f])
                image.set_clim(0, top)

    def _draw_filters(self, trained: FirstLayer, untrained: FirstLayer) -> None:
        with matplotlib.rc_context(RC):
            for row, layer in ((0, trained), (2, untrained)):
                for f in range(self.filters):
                    kernel = layer.kernels[:, :, f]
                    size = max(np.abs(kernel).max(), 1e-9)
                    _image(self.cells[row][f], kernel, WEIGHTS, -size, size)
                    score = layer.scores[f]
                    self.cells[row][f].set_title(score.label.replace("diagonal ", "diag. "), fontsize=8,
                                                 color=PALETTE["black" if score.is_edge else "dark grey"],
                                                 fontweight="bold" if score.is_edge else "normal")
            self.title.set_text(f"First layer: {trained.edges} of {self.filters} trained and {untrained.edges} "
                                f"of {self.filters} untrained filters pass the edge test")
        self.live.invalidate()


def _blank(ax):
    """An 8x8 grey image in ``ax``, to be filled by ``set_data``."""
    return ax.imshow(np.zeros((8, 8)), cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")


def _image(ax, values: np.ndarray, cmap, low: float, high: float) -> None:
    """Show ``values`` in ``ax``, reusing its image when there is one (a new digit moves no axes)."""
    if ax.images:
        ax.images[0].set_data(values)
        ax.images[0].set_clim(low, high)
    else:
        ax.imshow(values, cmap=cmap, vmin=low, vmax=high, interpolation="nearest")
