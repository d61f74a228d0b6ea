"""Writing Python source: a call with its arguments, and names that are valid, unique identifiers."""
from __future__ import annotations

import keyword
import re
from typing import Any


class Code(str):
    """Source text passed on as it is, not quoted: a layer written inside another layer's call."""


def literal(value: Any) -> str:
    """``value`` as Python source: strings in double quotes, as the Keras and PyTorch docs write them."""
    if isinstance(value, Code):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, tuple):
        inner = ", ".join(map(literal, value))
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return repr(value)


def call(function: str, *args: Any, **kwargs: Any) -> str:
    """``call("nn.Linear", 784, 128, bias=False)`` -> ``'nn.Linear(784, 128, bias=False)'``."""
    parts = [literal(value) for value in args] + [f"{key}={literal(value)}" for key, value in kwargs.items()]
    return f"{function}({', '.join(parts)})"


def compact(values: tuple[int, ...]) -> int | tuple[int, ...]:
    """(3, 3) as 3, the way a learner types it; (3, 5) stays a tuple."""
    return values[0] if len(set(values)) == 1 else tuple(values)


def identifier(name: str) -> str:
    """A layer name as a Python name: 'classifier.fc0' -> 'classifier_fc0', '1x1' -> 'layer_1x1'."""
    text = re.sub(r"\W", "_", name)
    if not text or text[0].isdigit() or keyword.iskeyword(text):
        text = f"layer_{text}"
    return text


class Names:
    """Hands out identifiers, each once: 'dense', then 'dense_2' if 'dense' is taken."""

    def __init__(self, taken: tuple[str, ...] = ()) -> None:
        self.taken = set(taken)

    def take(self, name: str) -> str:
        base = identifier(name)
        fresh, number = base, 1
        while fresh in self.taken:
            number += 1
            fresh = f"{base}_{number}"
        self.taken.add(fresh)
        return fresh
