"""The graph of a branching block: one box per chain of layers, arrows where tensors flow, counts in each box.

The data flows left to right; branches that run side by side stand one above the other, and an
arrow that skips boxes (DenseNet's concatenations, the gate's shortcut) bends over them.
"""
from __future__ import annotations

import matplotlib
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from ..counting.branches import MERGES, Layout, Node
from ..layers.summary import format_count
from ..palette import PALETTE
from .panel import Panel
from .style import RC, new_figure

BOX_WIDTH, BOX_HEIGHT = 0.8, 0.7
LOOKS = {"input": {"facecolor": "white", "edgecolor": PALETTE["black"], "linestyle": "--"},
         "merge": {"facecolor": PALETTE["orange"], "edgecolor": PALETTE["black"], "linestyle": "-"},
         "layers": {"facecolor": "#d7e8f3", "edgecolor": PALETTE["blue"], "linestyle": "-"}}
"""Inputs, merges and the layers that hold parameters look apart by fill and by outline style."""


def look(node: Node) -> str:
    kind = node.rows[0].kind
    return "input" if kind == "InputLayer" else "merge" if kind in MERGES else "layers"


class GraphPanel(Panel):
    """A model's layout drawn as boxes and arrows; ``update(layout, title)`` redraws it."""

    marks_as_svg = False  # the whole picture changes at once: one PNG

    def __init__(self, width: float = 8.4, height: float = 3.4):
        with matplotlib.rc_context(RC):
            figure = new_figure(width, height)
            self.axes = figure.add_axes((0.005, 0.1, 0.99, 0.78))
            self.axes.axis("off")
        super().__init__(figure)
        self._shown: tuple | None = None

    def update(self, layout: Layout, title: str) -> None:
        key = (tuple((n.label, n.level, n.slot, n.params, n.output_shape) for n in layout.nodes), layout.edges, title)
        if key == self._shown:
            return
        self._shown = self.live.state = key  # the picture depends on nothing else: its PNG is kept by this name
        self.redraw(lambda axes: self._draw(axes, layout), title)

    def _draw(self, axes, layout: Layout) -> None:
        axes.axis("off")
        per_level = [sum(node.level == level for node in layout.nodes) for level in range(layout.levels)]
        spots = {i: (node.level, (per_level[node.level] - 1) / 2 - node.slot) for i, node in enumerate(layout.nodes)}
        for start, end in layout.edges:
            (x0, y0), (x1, y1) = spots[start], spots[end]
            skips = x1 - x0 > 1 and y0 == y1  # it passes over the boxes between: bend it up and over them
            start_at, end_at = ((x0, y0 + BOX_HEIGHT / 2), (x1, y1 + BOX_HEIGHT / 2)) if skips else \
                ((x0 + BOX_WIDTH / 2, y0), (x1 - BOX_WIDTH / 2, y1))
            bend = -0.3 if skips else 0.0
            axes.add_patch(FancyArrowPatch(start_at, end_at,
                                           connectionstyle=f"arc3,rad={bend}", arrowstyle="-|>", mutation_scale=9,
                                           color=PALETTE["grey"], linewidth=0.9, shrinkA=1, shrinkB=1, zorder=1))
        for i, node in enumerate(layout.nodes):
            x, y = spots[i]
            axes.add_patch(FancyBboxPatch((x - BOX_WIDTH / 2, y - BOX_HEIGHT / 2), BOX_WIDTH, BOX_HEIGHT,
                                          boxstyle="round,pad=0.02", linewidth=1, zorder=2, **LOOKS[look(node)]))
            lines = [shorten(node.label), f"{format_count(node.output_shape[-1])} ch"]
            if look(node) == "layers":
                lines.append(f"{format_count(node.params)} p")
            axes.text(x, y, "\n".join(lines), ha="center", va="center", fontsize=7, linespacing=1.3, zorder=3)
        rows = max(per_level)
        axes.set_xlim(-0.55, max(layout.levels - 1, 2) + 0.55)
        # one row of boxes leaves the room above them to the arrows that bend over
        axes.set_ylim(-rows / 2 - 0.05, rows / 2 + 0.05 if rows > 1 else 2.2)
        axes.text(0.5, -0.06, "ch: channels out   p: parameters   dashed: input   orange: merge", fontsize=7.5,
                  ha="center", va="top", transform=axes.transAxes, color=PALETTE["black"])


def shorten(label: str, most: int = 16) -> str:
    """A box's name, cut to fit its box: '3x3_reduce → 3x3' stays, longer chains keep their ends."""
    if len(label) <= most:
        return label
    parts = label.split(" → ")
    return f"{parts[0]} … {parts[-1]}" if len(parts) > 2 else label[: most - 1] + "…"


def graph_png(layout: Layout, title: str) -> bytes:
    """A layout drawn once, as PNG bytes, for a notebook cell (``IPython.display.Image``)."""
    panel = GraphPanel()
    panel.update(layout, title)
    return panel.png()
