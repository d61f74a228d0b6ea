"""Reading a Hugging Face ``config.json``: a dict or a file, each key checked, with its aliases and defaults.

The learner gives the config; nothing is downloaded. A message for a bad config names the function, the
``model_type``, the key and the rule, so "from_config: the llama config has no 'hidden_size'" says what to add.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Mapping

from .._validate import MISSING, boolean, positive_int

MODEL_TYPES = ("gpt2", "bert", "vit", "llama", "mistral", "mixtral", "qwen2")
"""The ``model_type`` values the zoo builds."""


def load_config(owner: str, config: Any) -> dict[str, Any]:
    """``config`` as a dict: a mapping as it is, or a path to a ``config.json`` (or to the folder holding one)."""
    if isinstance(config, Mapping):
        return dict(config)
    if not isinstance(config, (str, os.PathLike)):
        raise TypeError(f"{owner}(config=...): config must be a dict or the path to a config.json, "
                        f"not {type(config).__name__}")
    path = Path(config)
    if path.is_dir():
        path = path / "config.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{owner}(config={str(config)!r}): there is no file {str(path)!r}; give the path "
                         "to a config.json, or the config as a dict") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"{owner}(config={str(config)!r}): the file is not valid JSON ({error})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{owner}(config={str(config)!r}): a config.json holds one JSON object {{...}}, "
                         f"not a {type(data).__name__}")
    return data


class ConfigKeys:
    """One config's keys, read for ``owner`` (the public function), every message naming its ``model_type``."""

    def __init__(self, owner: str, config: dict[str, Any]):
        self.owner = owner
        self.config = config
        known = ", ".join(map(repr, MODEL_TYPES))
        if "model_type" not in config:
            raise ValueError(f"{owner}: the config has no 'model_type'; it says which family the model is, "
                             f"one of {known}")
        self.model_type = config["model_type"]
        if self.model_type not in MODEL_TYPES:
            raise ValueError(f"{owner}: model_type {self.model_type!r} is not one the zoo builds; "
                             f"the known ones are {known}")

    def _find(self, names: tuple[str, ...]) -> tuple[str, Any]:
        """The first of ``names`` (a key and its aliases) the config gives a value (not null), else (first, None)."""
        for name in names:
            if self.config.get(name) is not None:
                return name, self.config[name]
        return names[0], None

    def size(self, *names: str, default: Any = MISSING) -> int:
        """A positive whole number under the first of ``names``; ``default`` when the config has none of them."""
        name, value = self._find(names)
        if value is None:
            if default is MISSING:
                aliases = f" (or {', '.join(map(repr, names[1:]))})" if len(names) > 1 else ""
                raise ValueError(f"{self.owner}: the {self.model_type} config has no {name!r}{aliases}; "
                                 f"a {self.model_type} config.json needs it to count the parameters")
            return default
        return positive_int(self.owner, f"config[{name!r}]", value)

    def flag(self, name: str, default: bool) -> bool:
        """True or False under ``name``; ``default`` (the family's in ``transformers``) when absent."""
        value = self.config.get(name)
        return default if value is None else boolean(self.owner, f"config[{name!r}]", value)

    def labels(self) -> int:
        """How many classes the classifier has: the length of ``id2label``, or ``num_labels``, or 2 as in
        ``transformers`` when the config gives neither."""
        id2label = self.config.get("id2label")
        if id2label is not None:
            if not isinstance(id2label, Mapping) or not id2label:
                raise ValueError(f"{self.owner}: the {self.model_type} config's 'id2label' must map class "
                                 f"numbers to names, e.g. {{'0': 'cat', '1': 'dog'}}, not {id2label!r}")
            return len(id2label)
        return self.size("num_labels", default=2)

    def divides(self, part: str, whole: str, part_value: int, whole_value: int) -> int:
        """``whole_value // part_value``, refusing a remainder (heads must split the width evenly)."""
        if whole_value % part_value:
            raise ValueError(f"{self.owner}: the {self.model_type} config's {whole} ({whole_value:,}) must be a "
                             f"multiple of its {part} ({part_value:,})")
        return whole_value // part_value
