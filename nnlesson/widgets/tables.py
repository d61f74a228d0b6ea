"""Small HTML building blocks for explorer readouts: a numbers table and a line of notes."""
from __future__ import annotations

import html
from typing import Sequence

READOUT_STYLE = "font-size: 13px; line-height: 1.5"
CELL = "padding: 2px 10px"


def html_table(header: Sequence[str], rows: Sequence[Sequence[str]], foot: Sequence[str] | None = None) -> str:
    """A compact table; the first column is left-aligned, the others (numbers) right-aligned."""
    def cells(values: Sequence[str], tag: str) -> str:
        return "".join(f'<{tag} style="{CELL}; text-align: {"left" if i == 0 else "right"}">{html.escape(v)}</{tag}>'
                       for i, v in enumerate(values))

    body = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in rows)
    total = f'<tr style="border-top: 1px solid #999; font-weight: bold">{cells(foot, "td")}</tr>' if foot else ""
    return (f'<table style="border-collapse: collapse"><thead><tr>{cells(header, "th")}</tr></thead>'
            f"<tbody>{body}{total}</tbody></table>")


def plural(count: int, word: str) -> str:
    """'1 input', '784 inputs': a count with thousands separators and its noun."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def lines(*texts: str) -> str:
    """Lines of already-escaped HTML, one per paragraph, in the readout's font."""
    return "".join(f'<div style="{READOUT_STYLE}">{text}</div>' for text in texts)
