"""Where a model's parameters sit: one horizontal bar per layer, its share of the total.

Bars and labels are a fixed set of artists moved on every update over a cached background
(the percentage axis, the legend), so editing a model never redraws the whole figure.
"""
from __future__ import annotations

from typing import Sequence

import matplotlib
from matplotlib.patches import Patch

from ..layers.summary import Row, format_count
from .panel import Panel
from .style import PALETTE, RC, new_figure

LOOKS = {
    "conv": {"color": PALETTE["blue"], "hatch": "", "label": "convolution"},
    "dense": {"color": PALETTE["orange"], "hatch": "//", "label": "dense"},
    "other": {"color": PALETTE["grey"], "hatch": "xx", "label": "other (norms, blocks, ...)"},
}
"""Each family of layers: a colour and a hatch."""


NAME_CHARS = 26
INSIDE = 0.5
"""A bar longer than this share holds its label; a shorter one has room for it to its right: a label of 120 px
("102,764,544 (74.3%)") after half the axes still ends inside the figure."""


def percent(share: float) -> str:
    """A share as a percentage that never shows a non-zero share as 0.0%."""
    return f"{100 * share:.2f}%" if share < 0.001 else f"{100 * share:.1f}%"


def family(kind: str) -> str:
    """'conv', 'dense' or 'other' for a layer kind, to pick its look."""
    return "dense" if kind == "Dense" else "conv" if "Conv" in kind else "other"


class ParameterShares(Panel):
    """Bars of each layer's share of all parameters, for up to ``slots`` layers."""

    # The bars and their labels are sent as SVG over the background: 6 ms a change in the kernel, against 21 ms
    # to draw them into a PNG (text is the dear part). "xx" rather than dots marks the other layers: matplotlib
    # writes a dotted hatch as hundreds of circles, 67 kB of SVG, a crossed one in a few hundred bytes.

    def __init__(self, slots: int = 10, width: float = 4.4, height: float = 3.6):
        self.slots = slots
        with matplotlib.rc_context(RC):
            self.figure = new_figure(width, height)
            ax = self.axes = self.figure.add_axes((0.41, 0.22, 0.54, 0.66))  # names of 26 characters on the left
            ax.set_xlim(0, 100)
            ax.set_ylim(slots - 0.4, -0.6)
            ax.set_yticks([])
            ax.set_xlabel("share of all parameters (%)")
            ax.grid(axis="y", visible=False)
            self.bars = ax.barh(range(slots), [0] * slots, height=0.7, edgecolor="white", linewidth=0.5)
            names = ax.get_yaxis_transform()  # x in axes fractions, y in bar positions
            self.names = [ax.text(-0.02, i, "", transform=names, ha="right", va="center", fontsize=8)
                          for i in range(slots)]
            self.values = [ax.text(0, i, "", va="center", fontsize=8,
                                   bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 1})
                           for i in range(slots)]
            self.title = self.figure.text(0.5, 0.97, "", ha="center", va="top", fontsize=11)
            self.figure.legend(handles=[Patch(facecolor=look["color"], hatch=look["hatch"], edgecolor="white",
                                              label=look["label"]) for look in LOOKS.values()],
                               loc="lower center", ncol=3, fontsize=8, frameon=False)
        super().__init__(self.figure)
        self.live.animate(*self.bars, *self.names, *self.values, self.title)

    def update(self, shares: Sequence[tuple[Row, float]], title: str) -> None:
        """Show ``(row, share)`` pairs, share between 0 and 1, top to bottom in model order."""
        if len(shares) > self.slots:
            raise ValueError(f"ParameterShares(slots={self.slots}) cannot show {len(shares)} layers")
        for i, (bar, name, value) in enumerate(zip(self.bars, self.names, self.values)):
            shown = i < len(shares)
            for artist in (bar, name, value):
                artist.set_visible(shown)
            if not shown:
                continue
            row, share = shares[i]
            look = LOOKS[family(row.kind)]
            bar.set_width(100 * share)
            bar.set_facecolor(look["color"])
            bar.set_hatch(look["hatch"])
            name.set_text(row.name if len(row.name) <= NAME_CHARS else row.name[:NAME_CHARS - 1] + "…")
            inside = share > INSIDE  # a long bar carries its label inside, so it never runs off the figure
            value.set_position((100 * share - 1 if inside else 100 * share + 1, i))
            value.set_horizontalalignment("right" if inside else "left")
            value.set_text(f"{format_count(row.params)} ({percent(share)})" if row.params else "0")
        self.title.set_text(title)
