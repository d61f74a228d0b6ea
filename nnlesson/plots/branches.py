"""The graph of a branching block: one box per chain of layers, arrows where tensors flow, counts in each box.

The data flows left to right; branches that run side by side stand one above the other, and an
arrow that skips boxes (DenseNet's concatenations, the gate's shortcut) bends over them.
"""
from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.collections import PatchCollection, PathCollection
from matplotlib.patches import Rectangle
from matplotlib.path import Path

from ..counting.branches import MERGES, Layout, Node
from ..layers.summary import format_count
from ..palette import PALETTE
from .panel import WholePanel
from .style import RC, new_figure

BOX_WIDTH, BOX_HEIGHT = 0.8, 0.7
RISE = 0.3
"""How high an arrow that jumps over boxes arches, per level it jumps."""
LOOKS = {"input": {"facecolor": "white", "edgecolor": PALETTE["black"], "linestyle": "--"},
         "merge": {"facecolor": PALETTE["orange"], "edgecolor": PALETTE["black"], "linestyle": "-"},
         "layers": {"facecolor": "#d7e8f3", "edgecolor": PALETTE["blue"], "linestyle": "-"}}
"""Inputs, merges and the layers that hold parameters look apart by fill and by outline style."""


MERGE_SIGNS = {"Multiply": "× ", "Add": "+ ", "Subtract": "− "}
"""How a merge box other than a concatenation says what it does."""


def look(node: Node) -> str:
    kind = node.rows[0].kind
    return "input" if kind == "InputLayer" else "merge" if kind in MERGES else "layers"


class GraphPanel(WholePanel):
    """A model's layout drawn as boxes and arrows; ``update(layout, title)`` redraws it (a title that stays the
    same while the boxes change keeps its background).

    The boxes, arrows and labels are a few collections and a fixed set of texts that move, over a
    background holding only the key: a DenseNet block of 8 layers has 17 boxes and 45 arrows, and
    drawn as separate patches it took 140 ms a change; as collections about a third of that.
    """

    MOST_BOXES = 24

    def __init__(self, width: float = 8.4, height: float = 3.4):
        with matplotlib.rc_context(RC):
            figure = new_figure(width, height)
            self.axes = axes = figure.add_axes((0.005, 0.1, 0.99, 0.78))
            axes.axis("off")
            self.title = figure.text(0.5, 0.97, "", ha="center", va="top", fontsize=11)
            figure.text(0.5, 0.04, "ch: channels out   p: parameters   dashed: input   orange: merge (× multiplies, + adds, else concatenates)",
                        fontsize=7.5, ha="center", va="bottom", color=PALETTE["black"])
            self.arrows = axes.add_collection(PathCollection([], facecolors="none", edgecolors=PALETTE["grey"],
                                                             linewidths=0.9, zorder=1))
            self.heads = axes.scatter([], [], marker=">", s=14, c=PALETTE["grey"], zorder=1.5)
            self.boxes = axes.add_collection(PatchCollection([], linewidths=1, zorder=2, match_original=False))
            self.labels = [axes.text(0, 0, "", ha="center", va="center", fontsize=7, linespacing=1.3, zorder=3)
                           for _ in range(self.MOST_BOXES)]
        super().__init__(figure)
        self.live.animate(self.arrows, self.heads, self.boxes, *self.labels)
        self._shown: tuple | None = None

    def update(self, layout: Layout, title: str) -> None:
        key = (tuple((n.label, n.level, n.slot, n.params, n.output_shape) for n in layout.nodes), layout.edges, title)
        if key == self._shown:
            return
        if len(layout.nodes) > self.MOST_BOXES:
            raise ValueError(f"GraphPanel draws at most {self.MOST_BOXES} boxes; this graph has {len(layout.nodes)}")
        self._shown = self.live.state = key  # the picture depends on nothing else: its PNG is kept by this name
        per_level = [sum(node.level == level for node in layout.nodes) for level in range(layout.levels)]
        spots = [(node.level, (per_level[node.level] - 1) / 2 - node.slot) for node in layout.nodes]
        rows = max(per_level)
        self.axes.set_xlim(-0.55, max(layout.levels - 1, 2) + 0.55)
        # one row of boxes leaves the room above them to the arrows that bend over
        jumps = [spots[end][0] - spots[start][0] for start, end in layout.edges]
        arches = BOX_HEIGHT / 2 + RISE * max(jumps, default=0) / 2 + 0.1  # a quadratic curve peaks at half its rise
        self.axes.set_ylim(-rows / 2 - 0.05, rows / 2 + 0.05 if rows > 1 else max(arches, 1.0))
        paths, heads = zip(*(arrow(spots[start], spots[end]) for start, end in layout.edges)) if layout.edges \
            else ((), ())
        self.arrows.set_paths(list(paths))
        self.heads.set_offsets(list(heads) or np.empty((0, 2)))
        looks = [LOOKS[look(node)] for node in layout.nodes]
        self.boxes.set_paths([Rectangle((x - BOX_WIDTH / 2, y - BOX_HEIGHT / 2), BOX_WIDTH, BOX_HEIGHT)
                              for x, y in spots])
        self.boxes.set_facecolors([style["facecolor"] for style in looks])
        self.boxes.set_edgecolors([style["edgecolor"] for style in looks])
        self.boxes.set_linestyles([style["linestyle"] for style in looks])
        for i, text in enumerate(self.labels):
            shown = i < len(layout.nodes)
            text.set_visible(shown)
            if shown:
                node = layout.nodes[i]
                channels = f"{format_count(node.output_shape[-1])} ch"
                # a merge's name says little (its colour says merge), so it shows only what it hands on
                sign = MERGE_SIGNS.get(node.rows[0].kind, "")
                lines = [f"{sign}{channels}"] if look(node) == "merge" else [shorten(node.label), channels]
                if look(node) == "layers":
                    lines.append(f"{format_count(node.params)} p")
                text.set_position(spots[i])
                text.set_text("\n".join(lines))
        if title != self.title.get_text():
            self.title.set_text(title)
            self.live.invalidate(frame=title)  # the title is part of the background: drawn once per title


def arrow(start: tuple[float, float], end: tuple[float, float]) -> tuple[Path, tuple[float, float]]:
    """The path of one arrow between two boxes and where its head goes. An arrow that passes over the boxes
    between (same row, more than one level apart) bends up and over them as a quadratic curve."""
    (x0, y0), (x1, y1) = start, end
    if x1 - x0 > 1 and y0 == y1:
        top = y0 + BOX_HEIGHT / 2
        rise = RISE * (x1 - x0)  # longer jumps arch higher, so they do not run into each other
        return (Path([(x0, top), ((x0 + x1) / 2, top + rise), (x1, top)], [Path.MOVETO, Path.CURVE3, Path.CURVE3]),
                (x1, top + 0.04))
    tip = (x1 - BOX_WIDTH / 2 - 0.03, y1)
    return Path([(x0 + BOX_WIDTH / 2, y0), tip]), tip


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
