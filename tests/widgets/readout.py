"""What a learner reads off an explorer: its readout as plain text, and which of its controls are shown."""
import re


def text(html: str) -> str:
    """The readout's words, tags removed and spaces collapsed; the folded summary table left out."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split("<details>")[0]))


def visible(explorer) -> set[str]:
    """The names of the controls the explorer shows."""
    return {name for name, control in explorer.controls.items() if control.layout.display != "none"}
