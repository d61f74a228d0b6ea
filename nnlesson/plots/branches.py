"""The graph of a branching block: one box per chain of layers, arrows where tensors flow, counts in each box.

The data flows left to right; branches that run side by side stand one above the other, and an
arrow that skips boxes (DenseNet's concatenations, the gate's shortcut) bends over them.
"""
from __future__ import annotations

import re

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

BOX_HEIGHT = 0.7
"""A box's height in rows; its width, in pixels, is what its label needs (``GraphPanel._columns``)."""
LABEL_PT = 8.0
"""Box labels and the key: the package's smallest text (``style.SMALLEST_TEXT_PT``), never less."""
PAD, MIN_BOX, MIN_GAP, MAX_GAP = 4, 34, 9, 90
"""Pixels: room around a label inside its box, the narrowest box, and the least and most room between levels."""
RISE = 0.3
"""How high an arrow that jumps over boxes arches, per level it jumps."""
LOOKS = {"input": {"facecolor": "white", "edgecolor": PALETTE["black"], "linestyle": "--"},
         "merge": {"facecolor": PALETTE["orange"], "edgecolor": PALETTE["black"], "linestyle": "-"},
         "layers": {"facecolor": "#d7e8f3", "edgecolor": PALETTE["blue"], "linestyle": "-"},
         "several": {"facecolor": "#eef4f9", "edgecolor": PALETTE["blue"], "linestyle": ":"}}
"""Inputs, merges, the layers that hold parameters and a box that stands for many look apart by fill and outline."""
MOST_LEVELS, HEAD, TAIL = 17, 6, 5
"""A graph of more than 17 levels (a DenseNet block of more than 8 layers) keeps its first 6 levels and its last 5
and draws those between as one box: for a dense block, its first three layers and its last two stay."""


MERGE_SIGNS = {"Multiply": "× ", "Add": "+ ", "Subtract": "− "}
"""How a merge box other than a concatenation says what it does."""


def look(node: Node) -> str:
    kind = node.rows[0].kind
    if node.stands_for > 1:
        return "several"
    return "input" if kind == "InputLayer" else "merge" if kind in MERGES else "layers"


def compact(layout: Layout, most: int = MOST_LEVELS, head: int = HEAD, tail: int = TAIL) -> Layout:
    """``layout`` as drawn: unchanged up to ``most`` levels; a longer one keeps its first ``head`` levels and its
    last ``tail``, and the levels between become one box that holds their layers (so its count is theirs) and
    takes every arrow that went into or out of them."""
    if layout.levels <= most:
        return layout
    first, last = head, layout.levels - tail - 1  # the levels drawn as one box, both included
    hidden = [i for i, node in enumerate(layout.nodes) if first <= node.level <= last]
    counted = [layout.nodes[i] for i in hidden if layout.nodes[i].params] or [layout.nodes[i] for i in hidden]
    name = re.sub(r"^layer (\d+) … layer (\d+)$", r"layers \1–\2",
                  f"{shorten(counted[0].label)} … {shorten(counted[-1].label)}")
    several = Node(tuple(row for i in hidden for row in layout.nodes[i].rows), first, 0, name, len(hidden))
    nodes, index = [], {}
    for i, node in enumerate(layout.nodes):
        if i in hidden:
            if i == hidden[0]:
                nodes.append(several)
            index[i] = nodes.index(several)
            continue
        shift = last - first if node.level > last else 0
        index[i] = len(nodes)
        nodes.append(Node(node.rows, node.level - shift, node.slot, node.name, node.stands_for))
    edges = sorted({(index[a], index[b]) for a, b in layout.edges if index[a] != index[b]})
    return Layout(tuple(nodes), tuple(edges))


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
            self.axes = axes = figure.add_axes((0.005, 0.13, 0.99, 0.75))
            axes.axis("off")
            self.title = figure.text(0.5, 0.97, "", ha="center", va="top", fontsize=11)
            figure.text(0.5, 0.03, "ch: channels out   p: parameters   dashed: input   orange: merge "
                        "(× multiplies, + adds, else concatenates)   dotted: several layers",
                        fontsize=LABEL_PT, ha="center", va="bottom", color=PALETTE["black"])
            self.arrows = axes.add_collection(PathCollection([], facecolors="none", edgecolors=PALETTE["grey"],
                                                             linewidths=0.9, zorder=1))
            self.heads = axes.scatter([], [], marker=">", s=14, c=PALETTE["grey"], zorder=1.5)
            self.boxes = axes.add_collection(PatchCollection([], linewidths=1, zorder=2, match_original=False))
            self.labels = [axes.text(0, 0, "", ha="center", va="center", fontsize=LABEL_PT, linespacing=1.25,
                                     zorder=3) for _ in range(self.MOST_BOXES)]
        super().__init__(figure)
        self.live.animate(self.arrows, self.heads, self.boxes, *self.labels)
        self._shown: tuple | None = None
        self.box_widths: list[float] = []
        """Each box's width in pixels of the figure (the x axis counts pixels), as wide as its label needs."""

    def update(self, layout: Layout, title: str) -> None:
        key = (tuple((n.label, n.level, n.slot, n.params, n.output_shape) for n in layout.nodes), layout.edges, title)
        if key == self._shown:
            return
        layout = compact(layout)
        if len(layout.nodes) > self.MOST_BOXES:
            raise ValueError(f"GraphPanel draws at most {self.MOST_BOXES} boxes; this graph has {len(layout.nodes)}")
        self._shown = self.live.state = key  # the picture depends on nothing else: its PNG is kept by this name
        per_level = [sum(node.level == level for node in layout.nodes) for level in range(layout.levels)]
        rows = max(per_level)
        for i, text in enumerate(self.labels):
            text.set_visible(i < len(layout.nodes))
            if i < len(layout.nodes):
                text.set_text("\n".join(box_lines(layout.nodes[i])))
                text.set_rotation(0)
        centres, self.box_widths = self._columns(layout)
        ys = [(per_level[node.level] - 1) / 2 - node.slot for node in layout.nodes]
        spots = [(centres[node.level], y) for node, y in zip(layout.nodes, ys)]
        self.axes.set_xlim(0, self._axes_pixels())
        # one row of boxes leaves the room above them to the arrows that bend over
        jumps = [node.level - layout.nodes[start].level for start, end in layout.edges
                 for node in (layout.nodes[end],)]
        arches = BOX_HEIGHT / 2 + RISE * max(jumps, default=0) / 2 + 0.1  # a quadratic curve peaks at half its rise
        self.axes.set_ylim(-rows / 2 - 0.05, rows / 2 + 0.05 if rows > 1 else max(arches, 1.0))
        halves = [w / 2 for w in self.box_widths]
        paths, heads = zip(*(arrow(spots[a], spots[b], halves[a], halves[b], layout.nodes[b].level -
                                   layout.nodes[a].level) for a, b in layout.edges)) if layout.edges else ((), ())
        self.arrows.set_paths(list(paths))
        self.heads.set_offsets(list(heads) or np.empty((0, 2)))
        looks = [LOOKS[look(node)] for node in layout.nodes]
        self.boxes.set_paths([Rectangle((x - w / 2, y - BOX_HEIGHT / 2), w, BOX_HEIGHT)
                              for (x, y), w in zip(spots, self.box_widths)])
        self.boxes.set_facecolors([style["facecolor"] for style in looks])
        self.boxes.set_edgecolors([style["edgecolor"] for style in looks])
        self.boxes.set_linestyles([style["linestyle"] for style in looks])
        for text, spot in zip(self.labels, spots):
            text.set_position(spot)
        if title != self.title.get_text():
            self.title.set_text(title)
            self.live.invalidate(frame=title)  # the title is part of the background: drawn once per title

    def _axes_pixels(self) -> float:
        return self.axes.get_position().width * self.figure.bbox.width

    def _columns(self, layout: Layout) -> tuple[list[float], list[float]]:
        """The x centre of every level and the width of every box, in pixels: each box as wide as its label
        (merge labels turn upright when the row would not fit otherwise), the room left shared out between levels."""
        renderer = self.figure.canvas.get_renderer()
        room = self._axes_pixels()
        for upright in (False, True):
            widths = []
            for node, text in zip(layout.nodes, self.labels):
                text.set_rotation(90 if upright and look(node) == "merge" else 0)
                widths.append(max(text.get_window_extent(renderer).width + 2 * PAD, MIN_BOX))
            levels = [max(w for node, w in zip(layout.nodes, widths) if node.level == level)
                      for level in range(layout.levels)]
            gap = (room - 2 * PAD - sum(levels)) / max(layout.levels - 1, 1)
            if gap >= MIN_GAP:
                break
        gap = min(gap, MAX_GAP)
        start = (room - sum(levels) - gap * (layout.levels - 1)) / 2
        centres = [start + sum(levels[:level]) + gap * level + levels[level] / 2 for level in range(layout.levels)]
        return centres, widths


def box_lines(node: Node) -> list[str]:
    """What a box says: its name (cut to fit), its channels and, for layers with parameters, their count."""
    channels = f"{format_count(node.output_shape[-1])} ch"
    # a merge's name says little (its colour says merge), so it shows only what it hands on
    if look(node) == "merge":
        return [f"{MERGE_SIGNS.get(node.rows[0].kind, '')}{channels}"]
    if look(node) == "several":  # many layers, each with its own channels: the box says which, and their count
        return [node.label, "…", f"{format_count(node.params)} p"]
    lines = [shorten(node.label), channels]
    if look(node) == "layers":
        lines.append(f"{format_count(node.params)} p")
    return lines


def arrow(start: tuple[float, float], end: tuple[float, float], start_half: float, end_half: float,
          levels: int) -> tuple[Path, tuple[float, float]]:
    """The path of one arrow between two boxes (half widths ``start_half`` and ``end_half``, in pixels) and where
    its head goes. An arrow that passes over the boxes between (same row, more than one level apart) bends up and
    over them as a quadratic curve, higher the more levels it jumps, so that arches do not run into each other."""
    (x0, y0), (x1, y1) = start, end
    if levels > 1 and y0 == y1:
        top = y0 + BOX_HEIGHT / 2
        rise = RISE * levels
        return (Path([(x0, top), ((x0 + x1) / 2, top + rise), (x1, top)], [Path.MOVETO, Path.CURVE3, Path.CURVE3]),
                (x1, top + 0.04))
    tip = (x1 - end_half - 3, y1)
    return Path([(x0 + start_half, y0), tip]), tip


def shorten(label: str, most: int = 16) -> str:
    """A box's name, cut to fit its box: '3x3_reduce → 3x3' stays, longer chains keep their ends; a DenseNet
    layer ('denselayer3') is 'layer 3'."""
    label = re.sub(r"\bdenselayer(\d+)\b", r"layer \1", label)
    if len(label) <= most:
        return label
    parts = label.split(" → ")
    return f"{parts[0]} … {parts[-1]}" if len(parts) > 2 else label[: most - 1] + "…"


def graph_png(layout: Layout, title: str) -> bytes:
    """A layout drawn once, as PNG bytes, for a notebook cell (``IPython.display.Image``)."""
    panel = GraphPanel()
    panel.update(layout, title)
    return panel.png()
