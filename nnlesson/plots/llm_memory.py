"""The memory explorer's figure: one stacked bar of what running or training a language model keeps in memory,
against the memory of common graphics cards.

The axis is linear, in GB (10**9 bytes), and ends at the next 1-2-5 step above the bar, so a 0.5B model running
(about 1 GB) and a 7B model training in float32 (over 100 GB) both fill the width. Each part of the bar has its
colour and its hatch. Cards are quoted in GiB (``counting.llm_memory.GPU``): each dashed line stands where its
GiB fall in GB (an 80 GiB card at 85.9 GB); cards closer together than a label's width share one label, and
cards past the axis's end are named at its right edge.
"""
from __future__ import annotations

import matplotlib
from matplotlib.patches import Patch, Rectangle

from ..counting.llm_memory import GPUS, MemoryReport
from ..palette import PALETTE
from .panel import Panel
from .ticks import COUNT_STEPS

PARTS = ("weights", "KV cache", "gradients", "optimizer state", "activations")
"""The bar's parts, left to right."""
LOOKS = {"weights": (PALETTE["blue"], ""), "KV cache": (PALETTE["orange"], "//"),
         "gradients": (PALETTE["green"], "\\\\"), "optimizer state": (PALETTE["vermillion"], "xx"),
         "activations": (PALETTE["purple"], "..")}
"""Colour and hatch of each part: the hatch tells them apart without colour."""
GB = 10**9
LIMITS = tuple(step for step in COUNT_STEPS if step >= 1)
"""Where the axis may end, in GB: 1, 2, 5, 10, 20, 50, ..."""
LABEL_PT = 8.0
CHARACTER_PX = 6.2
"""About the width of one character of an 8 pt label, in pixels: card labels that would touch share one."""


def axis_limit(total_gb: float) -> float:
    """The next step of ``LIMITS`` that holds ``total_gb`` with 5% to spare."""
    return next((step for step in LIMITS if total_gb * 1.05 <= step), total_gb * 1.05)


class MemoryBarPanel(Panel):
    """``update(report)`` stacks the report's terms into one bar; the bar, its labels and the heading move, the axis
    and the card lines change only with the axis's end (a background kept per end)."""

    size = (8.4, 3.0)  # with controls and readout above, the laptop screen has room for 3 inches, not 3.4
    margins = {"left": 0.03, "right": 0.97, "bottom": 0.385, "top": 0.705}

    def __init__(self) -> None:
        super().__init__()
        ax, figure = self.axes, self.figure
        with matplotlib.rc_context(self.rc):
            ax.set_ylim(-0.5, 0.5)
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
            ax.grid(False)
            ax.set_xlabel("memory, GB (1 GB = 10⁹ bytes); dashed: cards, quoted in GiB (1 GiB = 2³⁰ bytes "
                          "= 1.074 GB)", fontsize=9)
            self.bars = {part: ax.add_patch(Rectangle((0, -0.35), 0, 0.7, facecolor=LOOKS[part][0],
                                                      hatch=LOOKS[part][1], edgecolor="white", linewidth=0.8))
                         for part in PARTS}
            self.labels = {part: ax.text(0, 0, "", ha="center", va="center", fontsize=LABEL_PT, color="white",
                                         fontweight="bold", linespacing=1.2,
                                         bbox={"facecolor": LOOKS[part][0], "edgecolor": "none", "pad": 1})
                           for part in PARTS}
            self.heading = figure.text(0.03, 0.955, "", ha="left", va="top", fontsize=11)
            self.cards = [ax.axvline(0, color=PALETTE["black"], linestyle="--", linewidth=1.1, zorder=3)
                          for _ in GPUS]
            self.card_labels = [ax.text(0, 1.03, "", transform=ax.get_xaxis_transform(), ha="center",
                                        va="bottom", fontsize=LABEL_PT) for _ in GPUS]
            self.beyond = figure.text(0.97, 0.853, "", ha="right", va="bottom", fontsize=LABEL_PT,
                                      color=PALETTE["dark grey"])
            figure.legend(handles=[Patch(facecolor=LOOKS[p][0], hatch=LOOKS[p][1], edgecolor="white", label=p)
                                   for p in PARTS], loc="lower center", ncol=len(PARTS), fontsize=9, bbox_to_anchor=(0.5, 0.034),
                          frameon=False, handlelength=2.2, handleheight=1.2)
        self.live.animate(*self.bars.values(), *self.labels.values(), self.heading)
        self.limit: float | None = None

    def update(self, report: MemoryReport, heading: str) -> None:
        """Stack ``report``'s terms, write ``heading`` above, and move the axis's end if the bar needs it."""
        limit = axis_limit(report.total / GB)
        if limit != self.limit:
            self._frame(limit)
        pixels_per_gb = self._axes_pixels() / limit
        left = 0.0
        for part in PARTS:
            term = report.term(part)
            width = term.value / GB if term else 0.0
            self.bars[part].set_x(left)
            self.bars[part].set_width(width)
            self.labels[part].set_text(segment_label(part, width, width * pixels_per_gb))
            self.labels[part].set_x(left + width / 2)
            left += width
        self.heading.set_text(heading)

    def _frame(self, limit: float) -> None:
        """The axis ending at ``limit`` GB and each card's line: drawn once per end, then restored."""
        self.limit = limit
        self.axes.set_xlim(0, limit)
        pixels_per_gb = self._axes_pixels() / limit
        shown = [gpu for gpu in GPUS if gpu.bytes / GB <= limit]
        groups: list[list] = []
        for gpu in shown:
            if groups and _touch(groups[-1], [gpu], pixels_per_gb):
                groups[-1].append(gpu)
                while len(groups) > 1 and _touch(groups[-2], groups[-1], pixels_per_gb):
                    groups[-2:] = [groups[-2] + groups[-1]]
            else:
                groups.append([gpu])
        labels = iter(self.card_labels)
        for line, gpu in zip(self.cards, GPUS):
            line.set_xdata([gpu.bytes / GB] * 2)
            line.set_visible(gpu in shown)
        for group in groups:
            label = next(labels)
            label.set_text(card_label(group))
            half = len(card_label(group)) * CHARACTER_PX / 2 / pixels_per_gb  # kept inside the axes' width
            label.set_x(min(max(_centre(group), half), limit - half))
            label.set_visible(True)
        for label in labels:
            label.set_visible(False)
        further = [gpu for gpu in GPUS if gpu not in shown]
        self.beyond.set_text(f"further right: {', '.join(str(gpu.gib) for gpu in further)} GiB cards →"
                             if further else "")
        self.live.invalidate(frame=limit)

    def _axes_pixels(self) -> float:
        return self.axes.get_position().width * self.figure.bbox.width


def card_label(cards) -> str:
    """The label of one or more card lines: '16 GiB', '8 · 16 GiB'."""
    return " · ".join(str(gpu.gib) for gpu in cards) + " GiB"


def _centre(cards) -> float:
    """Where a label of ``cards`` stands, in GB: the middle of their lines."""
    return (cards[0].bytes + cards[-1].bytes) / 2 / GB


def _touch(left, right, pixels_per_gb: float) -> bool:
    """True if the labels of two groups of cards would come closer than a space."""
    half_widths = (len(card_label(left)) + len(card_label(right))) * CHARACTER_PX / 2
    return (_centre(right) - _centre(left)) * pixels_per_gb < half_widths + CHARACTER_PX


def segment_label(part: str, width_gb: float, pixels: float) -> str:
    """What a part of the bar says inside it: its name and size when there is room, its size alone, or nothing."""
    size = f"{width_gb:.3g} GB" if width_gb < 100 else f"{width_gb:,.0f} GB"
    if pixels >= 8 * len(part):
        return f"{part}\n{size}"
    return size if pixels >= 7 * len(size) else ""
