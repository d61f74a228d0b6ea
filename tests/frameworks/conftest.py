"""Checks against real framework builds: Keras, PyTorch, Hugging Face transformers and keras_hub.

None of them is a dependency of nnlesson, so every test here skips where its framework is not
installed. To run them, give a virtual environment of its own the frameworks and nnlesson
(docs/AUTHORING.md, "Checking against the frameworks"). Keras runs on PyTorch there: when
torch is installed and no backend was chosen, KERAS_BACKEND is set to "torch" before Keras loads.
"""
from __future__ import annotations

import importlib.util
import os

if importlib.util.find_spec("torch") is not None:
    os.environ.setdefault("KERAS_BACKEND", "torch")
