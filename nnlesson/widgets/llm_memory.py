"""llm_memory_explorer: the memory of running or training a language model, term by term, against common cards.

Every model's counts are made once (``preset_models`` caches them, a config is counted when the explorer is
built), so a control's move is a few multiplications and a bar that moves.
"""
from __future__ import annotations

import html
from typing import Any

from ..counting.llm_memory import (GPUS, MODES, PRECISIONS, RECOMPUTATION, WEIGHT_FORMATS, YOUR_CONFIG, MemoryReport,
                                   ModelCounts, cache_format, cards_needed, cards_that_fit, counts_from_config, memory_report,
                                   preset_models)
from ..layers.summary import format_bytes
from ..plots.llm_memory import MemoryBarPanel
from .controls import column, dropdown, steps_slider, wrap_row
from .explorer import Explorer, learner_facing
from .html import lines, muted, table

TOKENS = tuple(2**k for k in range(7, 18))
"""Context lengths offered: 128 to 131,072 tokens."""
BATCHES = tuple(2**k for k in range(0, 9))
"""Sequences at once: 1 to 256."""
MODE_NAMES = {"run": "run (generate text)", "train": "train (Adam)"}
PRECISION_NAMES = {"float32": "float32: 16 B a parameter", "mixed": "mixed: 16 B a parameter",
                   "mixed-fp32-grads": "mixed, float32 gradients: 18 B"}
RUN_ONLY, TRAIN_ONLY = ("dtype",), ("precision", "recomputation")
"""Controls shown only when running (training sets the weights' format by its precision) or only when training."""


class LLMMemoryExplorer(Explorer):
    """One language model's memory: weights and KV cache to run it; weights, gradients, Adam's state and
    activations to train it."""

    def __init__(self, model: str = "Llama-3-8B", dtype: str = "bfloat16", tokens: int = 8192, batch: int = 1,
                 mode: str = "run", precision: str = "mixed", recomputation: str = "selective",
                 config: Any = None):
        self.models: dict[str, ModelCounts] = dict(preset_models())
        if config is not None:
            self.models[YOUR_CONFIG] = counts_from_config(config)
            model = YOUR_CONFIG if model == "Llama-3-8B" else model
        controls = {
            "model": dropdown("model", list(self.models), model, argument="model"),
            "dtype": dropdown("weights as", list(WEIGHT_FORMATS), dtype, argument="dtype"),
            "tokens": steps_slider("context (tokens)", TOKENS, tokens, live=True, argument="tokens"),
            "batch": steps_slider("batch (sequences)", BATCHES, batch, live=True, argument="batch"),
            "mode": dropdown("", [(MODE_NAMES[m], m) for m in MODES], mode, argument="mode"),
            "precision": dropdown("precision", [(PRECISION_NAMES[p], p) for p in PRECISIONS], precision,
                                  argument="precision"),
            "recomputation": dropdown("recompute activations", list(RECOMPUTATION), recomputation,
                                      argument="recomputation"),
        }
        self.bar = MemoryBarPanel()
        c = controls
        view = wrap_row([column("the model", c["model"], c["dtype"], c["tokens"], c["batch"]),
                         column("run or train", c["mode"], c["precision"], c["recomputation"])])
        super().__init__(controls, [self.bar], view)
        self.add_class("nnlesson-llm-memory")

    def compute(self, model: str, dtype: str, tokens: int, batch: int, mode: str, precision: str,
                recomputation: str) -> MemoryReport:
        counts = self.models[model]
        arch = counts.arch
        if tokens > arch.max_positions:
            raise ValueError(f"{arch.name} reads at most {arch.max_positions:,} tokens at once: choose a context of "
                             f"{arch.max_positions:,} tokens or fewer.")
        return memory_report(arch, counts.params, counts.active_params, dtype, tokens, batch, mode, precision,
                             recomputation)

    def draw(self, result: MemoryReport) -> str:
        self.bar.update(result, heading(result))
        return readout_html(result)

    def update_view(self, result: MemoryReport) -> None:
        """Running shows the weights' format; training shows its precision and recomputation instead."""
        hidden = TRAIN_ONLY if result.mode == "run" else RUN_ONLY
        for name, control in self.controls.items():
            control.layout.display = "none" if name in hidden else ""


def heading(r: MemoryReport) -> str:
    """The figure's title: the model, what it does with how many tokens, and the total."""
    doing = "running" if r.mode == "run" else "training on"
    sequences = f"{r.batch} sequence{'s' if r.batch > 1 else ''}"
    return f"{r.name}, {doing} {sequences} of {r.tokens:,} tokens: {format_bytes(r.total)}"


def readout_html(r: MemoryReport) -> str:
    """Every term with its arithmetic, the total, the cards it fits on and the compute per token."""
    rows = [[html.escape(t.name), f"<code>{html.escape(t.arithmetic)}</code>", f"{t.value:,} B",
             format_bytes(t.value)] for t in r.terms]
    foot = ["total", "", f"{r.total:,} B", format_bytes(r.total)]
    fits = cards_that_fit(r.total)
    if fits:
        cards = f"✔ fits on a card of {', '.join(str(g.gib) for g in fits)} GiB"
        if len(fits) < len(GPUS):
            cards += f"; ✘ not on {', '.join(str(g.gib) for g in GPUS if g not in fits)} GiB"
    else:
        largest = GPUS[-1]
        cards = (f"✘ fits on none of these cards: at least {cards_needed(r.total, largest)} cards of {largest.gib} GiB, "
                 f"with the memory split between them")
    cards += muted(" (a card's GiB are 1.074 GB each: 80 GiB = 85.9 GB; the driver and the framework take a little)")
    if r.mode == "run":
        quantized = " (int weights keep a 16-bit cache)" if cache_format(r.dtype) != r.dtype else ""
        note = (f"The KV cache grows with every token and every sequence; weights stay as they are{quantized}.")
    else:
        state = r.term("optimizer state").value
        note = (f"Adam's optimizer state is {state / sum(t.value for t in r.terms[:3]):.0%} of weights, gradients and "
                f"state together: the term learners forget. No KV cache: training reads whole sequences at once.")
    moe = (f" ({r.active_params:,} of {r.params:,} parameters are active per token)"
           if r.active_params != r.params else "")
    compute = (f"Compute: <code>{html.escape(r.flops.arithmetic)}</code> = {r.flops.value:,} FLOPs per token{moe}.")
    legend = "".join(f"<div><b>{html.escape(t.name)}</b>: {html.escape(t.legend)}</div>" for t in (*r.terms, r.flops))
    return (lines(table(["part", "arithmetic", "bytes", "SI"], rows, foot, escape=False), cards, note, compute)
            + muted(f"<details><summary>What each factor is</summary>{legend}</details>"))


@learner_facing
def llm_memory_explorer(**kwargs) -> LLMMemoryExplorer:
    """Build the memory explorer; keyword arguments set the starting model, number format, context, batch, mode,
    precision and recomputation; ``config=`` adds your own Hugging Face config (a dict or a path) as 'your config'."""
    return LLMMemoryExplorer(**kwargs)
