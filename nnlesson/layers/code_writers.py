"""``to_keras_code()`` and ``to_pytorch_code()`` for Sequential and Model, by code writers plugged in from outside.

The code writers (``nnlesson.export``) build on the layers, so the layers never import them. Instead
``nnlesson/__init__.py`` puts them into ``WRITERS`` once, and the two methods look them up there.
"""
from __future__ import annotations

from typing import Any, Callable

CodeWriter = Callable[[Any], str]
"""Takes a Sequential or a Model and returns Python source that builds it in one framework."""

WRITERS: dict[str, CodeWriter] = {}
"""The code writer of each framework, "keras" and "pytorch"; ``nnlesson/__init__.py`` fills it."""


def write_code(model: Any, framework: str) -> str:
    """Source that builds ``model`` in ``framework``, written by the code writer plugged in for it."""
    if framework not in WRITERS:
        raise RuntimeError(f"no code writer for {framework} is plugged in: `import nnlesson` plugs in "
                           "those of nnlesson.export")
    return WRITERS[framework](model)


class WritesCode:
    """What Sequential and Model share: the source that builds them in Keras or in PyTorch."""

    def to_keras_code(self) -> str:
        """Python source that builds this model in Keras as ``model``, ready to compile and fit."""
        return write_code(self, "keras")

    def to_pytorch_code(self) -> str:
        """Python source that builds this model in PyTorch as ``model`` (an nn.Sequential or an nn.Module)."""
        return write_code(self, "pytorch")
