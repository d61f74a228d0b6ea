"""HTML for explorer readouts: one table, one paragraph style, one muted note, one error box.

Styles are inline (they survive static HTML export and Voilà) and take their colours from
the palette, so every explorer reads the same.
"""
from __future__ import annotations

import html
from typing import Sequence

from ..palette import PALETTE, box_style

STALE_STYLE = ".nnlesson-stale { opacity: 0.3; filter: grayscale(1); transition: opacity 0.2s; }"
"""A part that shows the last valid state while an input is invalid: dimmed and grey."""
TEXT = "font-size: 13px; line-height: 1.5"
MONO = "font-family: monospace; font-size: 14px; line-height: 1.6"
CELL = "padding: 2px 5px; white-space: nowrap"
"""A cell never wraps: a number, a shape or a percentage stays on one line; the padding keeps columns apart."""


def table(header: Sequence[str], rows: Sequence[Sequence[str]], foot: Sequence[str] | None = None, *,
          escape: bool = True, mono: bool = False) -> str:
    """A compact table; the first column is left-aligned, the others (numbers) right-aligned.

    ``escape=False`` takes cells that are already HTML (bold, entities); ``mono`` sets them in monospace.
    """
    def cells(values: Sequence[str], tag: str) -> str:
        return "".join(f'<{tag} style="{CELL}; text-align: {"left" if i == 0 else "right"}">'
                       f"{html.escape(str(v)) if escape else v}</{tag}>" for i, v in enumerate(values))

    body = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in rows)
    total = (f'<tr style="border-top: 1px solid {PALETTE["grey"]}; font-weight: bold">{cells(foot, "td")}</tr>'
             if foot else "")
    font = "; font-family: monospace" if mono else ""
    return (f'<div style="overflow-x: auto; max-width: 100%"><table style="border-collapse: collapse{font}">'
            f'<thead><tr>{cells(header, "th")}</tr></thead><tbody>{body}{total}</tbody></table></div>')


def lines(*texts: str) -> str:
    """Paragraphs of already-escaped HTML, one per text, in the readout's font."""
    return "".join(f'<div style="{TEXT}">{text}</div>' for text in texts)


def mono_lines(*texts: str) -> str:
    """Lines of already-escaped HTML in monospace, for arithmetic that should line up."""
    return f'<div style="{MONO}">' + "<br>".join(texts) + "</div>"


def muted(text: str) -> str:
    """Secondary text (already-escaped HTML) in dark grey."""
    return f'<span style="color: {PALETTE["dark grey"]}">{text}</span>'


def error_box(text: str) -> str:
    """A message (already-escaped HTML) in the package's warning box."""
    return f'<div style="{box_style("vermillion")}; font-size: 13px">{text}</div>'


def plural(count: int, word: str) -> str:
    """'1 input', '784 inputs': a count with thousands separators and its noun."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"
