"""The memory a language model needs to run and to train, term by term (SI units: 1 GB = 10**9 bytes).

Each term is a ``Term``: its bytes (or FLOPs), exact, and the arithmetic that makes them, so a readout can show how
every number comes about. Sources for the formulas are named beside each function. Left out everywhere: the
framework's own workspace, memory fragmentation and, when running, the short-lived activations of one layer.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from .._validate import one_of, positive_int
from ..zoo import CONFIGS, architecture, from_config
from ..zoo.architecture import Architecture

KV_BYTES = {"float32": 4, "bfloat16": 2, "float16": 2, "int8": 1}
"""Bytes per cached key or value number, by the cache's number format."""
WEIGHT_FORMATS = ("float32", "bfloat16", "float16", "int8", "int4")
"""Number formats of the weights: 4, 2, 2 and 1 bytes, and half a byte plus group-wise scales for int4."""
GROUP_SIZE = 128
"""Weights per 16-bit scale in int4 (the group size GPTQ and AWQ use by default)."""
PRECISIONS = {"float32": (4, 4, (4, 4)), "mixed": (2, 2, (4, 4, 4)), "mixed-fp32-grads": (2, 4, (4, 4, 4))}
"""Training with Adam: bytes per parameter of the weights, of the gradients, and of each optimizer copy.
float32: weights, gradients, momentum and variance, 16 B. Mixed precision (ZeRO, Rajbhandari et al. 2019,
arXiv 1910.02054): 16-bit weights and gradients, and float32 master weights, momentum and variance, 16 B; or
18 B when the gradients are kept in float32."""
OPTIMIZER_COPIES = {"float32": "momentum and variance",
                    "mixed": "float32 master weights, momentum and variance",
                    "mixed-fp32-grads": "float32 master weights, momentum and variance"}
RECOMPUTATION = ("none", "selective", "full")
MODES = ("run", "train")
YOUR_CONFIG = "your config"
"""The name a learner's own config goes by."""


@dataclass(frozen=True)
class Term:
    """One part of the bill: ``value`` bytes (FLOPs for a compute term), the ``arithmetic`` that makes it, with its
    numbers, and what each factor is (``legend``)."""
    name: str
    value: int
    arithmetic: str
    legend: str


def _n(value: int) -> str:
    return f"{value:,}"


def weight_bytes(params: int, dtype: str = "bfloat16", group_size: int = GROUP_SIZE) -> Term:
    """Bytes to store ``params`` weights: 4 in float32, 2 in bfloat16 or float16, 1 in int8; in int4 two weights a
    byte plus one 16-bit scale per group of ``group_size`` weights, N/2 + 2*ceil(N/group_size) (every weight
    quantized, embeddings too; real int4 files often keep the embeddings and the head in 16 bits)."""
    params = positive_int("weight_bytes", "params", params)
    one_of("weight_bytes", "dtype", dtype, WEIGHT_FORMATS)
    group_size = positive_int("weight_bytes", "group_size", group_size)
    if dtype != "int4":
        size = KV_BYTES[dtype]
        return Term("weights", params * size, f"{_n(params)} × {size}", f"parameters × {size} B ({dtype})")
    groups = -(-params // group_size)
    packed = -(-params // 2)
    half = f"{_n(params)} / 2" if params % 2 == 0 else f"({_n(params)} + 1) / 2"
    return Term("weights", packed + 2 * groups, f"{half} + 2 × {_n(groups)}",
                f"parameters / 2 (two 4-bit weights a byte) + 2 B × one scale per group of {group_size} weights "
                f"({_n(groups)} groups)")


def kv_cache_bytes(arch: Architecture, tokens: int, batch: int = 1, dtype: str = "bfloat16") -> int:
    """The key/value cache: every layer keeps a key and a value vector of ``head_dim`` numbers per key/value head
    for every token of every sequence, 2 x layers x kv_heads x head_dim x bytes x tokens x batch.
    Llama-3-8B in bfloat16: 131,072 bytes per token (Ainslie et al. 2023 on grouped-query attention)."""
    one_of("kv_cache_bytes", "dtype", dtype, KV_BYTES)
    tokens = positive_int("kv_cache_bytes", "tokens", tokens)
    batch = positive_int("kv_cache_bytes", "batch", batch)
    return 2 * arch.num_layers * arch.num_kv_heads * arch.head_dim * KV_BYTES[dtype] * tokens * batch


def kv_cache(arch: Architecture, tokens: int, batch: int = 1, dtype: str = "bfloat16") -> Term:
    """``kv_cache_bytes`` with its arithmetic. With grouped-query attention only ``num_kv_heads`` heads are cached:
    counting ``num_heads`` instead (Llama-3-8B: 32 for 8) makes the cache 4 times too large."""
    value = kv_cache_bytes(arch, tokens, batch, dtype)
    return Term("KV cache", value,
                f"2 × {arch.num_layers} × {arch.num_kv_heads} × {arch.head_dim} × {KV_BYTES[dtype]} × {_n(tokens)}"
                f" × {batch}",
                f"2 (a key and a value) × layers × key/value heads × head_dim × {KV_BYTES[dtype]} B ({dtype}) "
                f"× tokens × batch")


def training_state(params: int, precision: str = "mixed") -> tuple[Term, Term, Term]:
    """Weights, gradients and Adam's optimizer state for ``params`` trained parameters, in ``PRECISIONS``'s bytes:
    float32 16 B per parameter; mixed precision 16 B, or 18 B with float32 gradients (ZeRO, arXiv 1910.02054).
    The optimizer state is the term learners forget: with mixed precision it is 12 of the 16 bytes."""
    params = positive_int("training_state", "params", params)
    one_of("training_state", "precision", precision, PRECISIONS)
    weight, gradient, copies = PRECISIONS[precision]
    state = sum(copies)
    return (Term("weights", params * weight, f"{_n(params)} × {weight}", f"parameters × {weight} B"),
            Term("gradients", params * gradient, f"{_n(params)} × {gradient}",
                 f"one gradient per parameter × {gradient} B"),
            Term("optimizer state", params * state, f"{_n(params)} × ({' + '.join(map(str, copies))})",
                 f"Adam's {OPTIMIZER_COPIES[precision]}, 4 B each, per parameter"))


def activation_bytes(arch: Architecture, tokens: int, batch: int = 1, recomputation: str = "none") -> Term:
    """Activations kept for the backward pass (Korthikanti et al. 2022, arXiv 2205.05198, section 4): per layer
    s*b*h*(34 + 5*a*s/h) bytes with no recomputation, 34*s*b*h when attention's softmax and dropout are recomputed
    (selective), 2*s*b*h when only each layer's input is kept (full); times the layers. s tokens, b batch, h hidden
    size, a attention heads. It assumes a GPT-style layer (an MLP of 4h, LayerNorm, dropout masks of 1 byte),
    16-bit activations and no tensor or sequence parallelism: for other layers (SwiGLU, float32) an estimate.
    The embeddings' output and the logits are not in it."""
    tokens = positive_int("activation_bytes", "tokens", tokens)
    batch = positive_int("activation_bytes", "batch", batch)
    one_of("activation_bytes", "recomputation", recomputation, RECOMPUTATION)
    s, b, h, a, layers = tokens, batch, arch.hidden_size, arch.num_heads, arch.num_layers
    if recomputation == "none":
        value = layers * (34 * s * b * h + 5 * a * s * s * b)
        return Term("activations", value, f"{layers} × {_n(s)} × {b} × {_n(h)} × (34 + 5 × {a} × {_n(s)} / {_n(h)})",
                    "layers × tokens × batch × hidden × (34 + 5 × heads × tokens / hidden) B, no recomputation")
    kept, what = (34, "selective recomputation") if recomputation == "selective" else (2, "full recomputation")
    return Term("activations", layers * kept * s * b * h, f"{layers} × {kept} × {_n(s)} × {b} × {_n(h)}",
                f"layers × {kept} × tokens × batch × hidden B, {what}")


def flops_per_token(arch: Architecture, active_params: int, tokens: int, mode: str = "run") -> Term:
    """Floating-point operations per token: 2N to run and 6N to train (a multiply and an add per weight, forward;
    twice that again backward), N the parameters active per token (for a mixture of experts the active count), plus
    attention over a context of T tokens: 12*L*H*Q*T to train (PaLM, Chowdhery et al. 2022, appendix B; Q is
    head_dim), a third of it, 4*L*H*Q*T, to run."""
    active_params = positive_int("flops_per_token", "active_params", active_params)
    tokens = positive_int("flops_per_token", "tokens", tokens)
    one_of("flops_per_token", "mode", mode, MODES)
    weights, attention = (2, 4) if mode == "run" else (6, 12)
    layers, heads, head_dim = arch.num_layers, arch.num_heads, arch.head_dim
    value = weights * active_params + attention * layers * heads * head_dim * tokens
    return Term("FLOPs per token", value,
                f"{weights} × {_n(active_params)} + {attention} × {layers} × {heads} × {head_dim} × {_n(tokens)}",
                f"{weights} × active parameters + {attention} × layers × heads × head_dim × context tokens")


def lora_params(rank: int, d_in: int, d_out: int, matrices: int = 1) -> int:
    """Parameters a rank-``rank`` LoRA adapter adds (Hu et al. 2021, arXiv 2106.09685): A (d_in x r) and B (r x d_out)
    per adapted matrix, r*(d_in + d_out), for each of ``matrices`` matrices of that shape."""
    rank = positive_int("lora_params", "rank", rank)
    d_in, d_out = positive_int("lora_params", "d_in", d_in), positive_int("lora_params", "d_out", d_out)
    return positive_int("lora_params", "matrices", matrices) * rank * (d_in + d_out)


@dataclass(frozen=True)
class MemoryReport:
    """Every term of running or training one model, their total, and the compute per token."""
    name: str
    mode: str
    terms: tuple[Term, ...]
    flops: Term
    tokens: int
    batch: int
    params: int
    active_params: int
    dtype: str
    """The weights' number format when running; the training precision when training."""

    @property
    def total(self) -> int:
        return sum(term.value for term in self.terms)

    def term(self, name: str) -> Term | None:
        """The term called ``name``, or None if this mode has none ('KV cache' when training)."""
        return next((term for term in self.terms if term.name == name), None)


def cache_format(weights: str) -> str:
    """The KV cache's number format when the weights are in ``weights``: the same for float formats; bfloat16 for
    int8 and int4 weights, whose quantization (weight-only) keeps activations and the cache in 16 bits."""
    return weights if weights in ("float32", "bfloat16", "float16") else "bfloat16"


def memory_report(arch: Architecture, params: int, active_params: int | None = None, dtype: str = "bfloat16",
                  tokens: int = 2048, batch: int = 1, mode: str = "run", precision: str = "mixed",
                  recomputation: str = "selective", group_size: int = GROUP_SIZE) -> MemoryReport:
    """Running: the weights in ``dtype`` and the KV cache of ``batch`` sequences of ``tokens`` (``cache_format``).
    Training with Adam: weights, gradients and optimizer state for every parameter in ``precision`` (``dtype`` is
    then unused) and the activations of ``batch`` sequences of ``tokens`` (no KV cache: nothing is generated).
    ``params`` is the total (every expert is stored and trained), ``active_params`` the parameters one token uses
    (default ``params``), which set the FLOPs."""
    one_of("memory_report", "mode", mode, MODES)
    params = positive_int("memory_report", "params", params)
    active = params if active_params is None else positive_int("memory_report", "active_params", active_params)
    tokens = positive_int("memory_report", "tokens", tokens)
    batch = positive_int("memory_report", "batch", batch)
    if tokens > arch.max_positions:
        raise ValueError(f"memory_report(tokens={tokens}): {arch.name} takes at most {arch.max_positions:,} tokens "
                         f"(its max_position_embeddings)")
    if mode == "run":
        terms = (weight_bytes(params, dtype, group_size), kv_cache(arch, tokens, batch, cache_format(dtype)))
    else:
        terms = (*training_state(params, precision), activation_bytes(arch, tokens, batch, recomputation))
    return MemoryReport(arch.name, mode, terms, flops_per_token(arch, active, tokens, mode), tokens, batch, params,
                        active, dtype if mode == "run" else precision)


@dataclass(frozen=True)
class GPU:
    """A graphics card and its memory as its maker quotes it: ``gib`` binary gigabytes (2**30 bytes), which makers
    write "GB" (nvidia-smi shows an "80 GB" A100 as 81,920 MiB). A little of it goes to the driver and the
    framework, so a model needs some room to spare."""
    name: str
    gib: int

    @property
    def bytes(self) -> int:
        return self.gib * 2**30


GPUS = (GPU("8 GB laptop card", 8), GPU("T4, 16 GB", 16), GPU("RTX 4090, 24 GB", 24), GPU("A100, 40 GB", 40),
        GPU("A100 or H100, 80 GB", 80))
"""Common cards, smallest first."""


def cards_that_fit(total: int) -> tuple[GPU, ...]:
    """The cards of ``GPUS`` whose memory holds ``total`` bytes."""
    return tuple(gpu for gpu in GPUS if total <= gpu.bytes)


def cards_needed(total: int, gpu: GPU) -> int:
    """How many cards like ``gpu`` hold ``total`` bytes between them, at the least (the memory split evenly)."""
    return -(-total // gpu.bytes)


@dataclass(frozen=True)
class ModelCounts:
    """What the memory of a model depends on: its shape, its parameters, and those one token uses."""
    arch: Architecture
    params: int
    active_params: int


DECODERS = ("gpt2", "llama", "mistral", "mixtral", "qwen2")
"""The zoo's model types that generate text, and so have a KV cache: the explorer's menu."""


@functools.cache
def preset_models() -> dict[str, ModelCounts]:
    """The models the explorer offers, by name: the decoders of the zoo, counted once (counts never change)."""
    return {name: counts_from_config(config, name) for name, config in CONFIGS.items()
            if config["model_type"] in DECODERS}


def counts_from_config(config: Any, name: str = YOUR_CONFIG) -> ModelCounts:
    """A Hugging Face ``config.json`` (a dict or a path) counted by the zoo: its shape, total and active parameters."""
    summary = from_config(config, name).summary()
    return ModelCounts(architecture(config, name), summary.total_params, summary.active_params)
