"""Every colour the package uses: figures, explorer readouts and exercise feedback alike.

The colours are Okabe and Ito's (2008) colour-blind-safe set plus two greys. Wherever a
colour carries meaning, a second cue (hatching, line style, marker, a sign such as ✔)
says the same thing. ``tint`` makes the pale backgrounds of message boxes from them.
"""
from __future__ import annotations

PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#777777",
    "dark grey": "#555555",
}
"""Colour name -> hex code. "dark grey" is for secondary text: it keeps a 7:1 contrast on white."""


def tint(name: str, amount: float = 0.1) -> str:
    """A pale version of a palette colour: ``amount`` of the colour mixed into white, as a hex code."""
    code = PALETTE[name].lstrip("#")
    channels = (int(code[i:i + 2], 16) for i in (0, 2, 4))
    return "#" + "".join(f"{round(255 - amount * (255 - c)):02x}" for c in channels)


def box_style(name: str) -> str:
    """The CSS of a message box: a bar of the colour on the left, a pale tint of it behind black text."""
    return (f"border-left: 4px solid {PALETTE[name]}; background: {tint(name)}; padding: 6px 10px; "
            f"color: {PALETTE['black']}")
