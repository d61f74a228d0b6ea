"""The layers never import nnlesson.export: the export builds on the layers, so the dependency runs one way.

Every module under nnlesson/layers is read with ``ast`` (nothing is run), and each import in it, at the
top of the module or inside a function, absolute or relative, is turned into the full names it reaches.
``model.to_keras_code()`` still works: ``nnlesson/__init__.py`` plugs the export's code writers in.
"""
from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

import nnlesson.export
import nnlesson.layers
from nnlesson.layers import Dense, Input, Model, Sequential, code_writers

LAYERS = Path(nnlesson.layers.__file__).parent
EXPORT = "nnlesson.export"


def module_name(path: Path) -> str:
    """``nnlesson.layers.graph`` for layers/graph.py, ``nnlesson.layers`` for layers/__init__.py."""
    parts = ("nnlesson", "layers", *path.relative_to(LAYERS).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def reached(source: str, module: str) -> list[str]:
    """Every module name the imports of ``source`` (the text of ``module``) can reach, relative ones resolved.

    ``from nnlesson import export`` reaches ``nnlesson`` and ``nnlesson.export``; an
    ``importlib.import_module("...")`` or ``__import__("...")`` with a written name counts too.
    """
    package = module if module == "nnlesson.layers" else module.rpartition(".")[0]
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
            names += [base, *(f"{base}.{alias.name}" for alias in node.names)]
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("import_module", "__import__")):
            names.append(importlib.util.resolve_name(node.args[0].value, package))
    return names


def imports_export(source: str, module: str) -> bool:
    return any(name == EXPORT or name.startswith(EXPORT + ".") for name in reached(source, module))


@pytest.mark.parametrize("path", sorted(LAYERS.rglob("*.py")), ids=lambda path: path.name)
def test_no_layer_module_imports_the_export(path):
    assert not imports_export(path.read_text(encoding="utf-8"), module_name(path)), (
        f"{path.name} imports nnlesson.export; the export builds on the layers, so a layer class that needs "
        "it gets it through layers/code_writers.py, which nnlesson/__init__.py fills")


@pytest.mark.parametrize("source", [
    "def to_keras_code(self):\n    from ..export import to_keras_code\n    return to_keras_code(self)\n",
    "from .. import export\n",
    "from ..export.plan import plan\n",
    "import nnlesson.export.keras_code\n",
    "from nnlesson import data, export\n",
    "import importlib\nexport = importlib.import_module('nnlesson.export')\n",
])
def test_the_check_sees_every_way_of_importing_the_export(source):
    assert imports_export(source, "nnlesson.layers.sequential")


@pytest.mark.parametrize("source", [
    "from .code_writers import WritesCode\n", "from .. import activations\n", "from .._validate import one_of\n",
    "from . import export\n",  # nnlesson.layers.export, a different module
])
def test_the_check_lets_other_imports_through(source):
    assert not imports_export(source, "nnlesson.layers.sequential")


def test_module_names_resolve_relative_imports_from_the_right_package():
    assert module_name(LAYERS / "__init__.py") == "nnlesson.layers"
    assert module_name(LAYERS / "graph.py") == "nnlesson.layers.graph"
    assert reached("from .base import Layer\n", "nnlesson.layers")[0] == "nnlesson.layers.base"
    assert reached("from ..export import plan\n", "nnlesson.layers.graph")[0] == EXPORT


def test_the_methods_write_what_the_export_writes():
    x = Input((4,))
    models = [Sequential([Input((4,)), Dense(3, activation="relu"), Dense(1)]), Model(x, Dense(2)(Dense(3)(x)))]
    for model in models:
        assert model.to_keras_code() == nnlesson.export.to_keras_code(model)
        assert model.to_pytorch_code() == nnlesson.export.to_pytorch_code(model)


def test_without_writers_plugged_in_the_error_says_what_plugs_them_in(monkeypatch):
    monkeypatch.setattr(code_writers, "WRITERS", {})
    with pytest.raises(RuntimeError, match=r"no code writer for keras is plugged in: `import nnlesson`"):
        Sequential([Input((4,)), Dense(1)]).to_keras_code()
