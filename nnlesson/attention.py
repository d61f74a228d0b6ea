"""The attention explorer's math: softmax(Q K^T / sqrt(d_k)) for six tokens, head by head, and what it costs.

The example is tiny on purpose: six words, d_model = 12 numbers per token (so 1, 2, 3, 4, 6 and 12 heads
all divide it), embeddings and projection weights drawn once from ``numpy.random.default_rng(seed)``.
Every embedding and weight is rounded to a multiple of 1/8, so Q, K and Q K^T are exact in float64 on
any CPU: only the softmax's exponentials are rounded, far below the two decimals the explorer prints.
The biases are zero, as Keras and PyTorch start them; they are counted all the same.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ._validate import boolean, non_negative_int, positive_int, real_number
from .counting.llm_memory import KV_BYTES, kv_cache_bytes
from .layers import Dense, GroupQueryAttention, Layer, MultiHeadAttention
from .layers.summary import Row
from .zoo import CONFIGS, architecture
from .zoo.architecture import Architecture

TOKENS: tuple[str, ...] = ("the", "cat", "sat", "on", "a", "mat")
MODEL_WIDTH = 12
"""d_model: the numbers per token. 12 has six divisors, so the heads can be 1, 2, 3, 4, 6 or 12."""
HEAD_CHOICES: tuple[int, ...] = tuple(h for h in range(1, MODEL_WIDTH + 1) if MODEL_WIDTH % h == 0)
STEP = 1 / 8
"""Every embedding and weight is a multiple of this, so every product and sum before the softmax is exact."""
CACHE_DTYPE = "bfloat16"

LLAMA_3_8B = architecture(CONFIGS["Llama-3-8B"], "Llama-3-8B")
"""Meta's Llama-3-8B as the zoo reads its config.json: 32 layers, 32 query heads sharing 8 key/value heads of 128."""


@dataclass(frozen=True)
class Example:
    """The fixed numbers of the example: one embedding row per token and the three (d, d) projections."""

    tokens: tuple[str, ...]
    embeddings: np.ndarray
    w_query: np.ndarray
    w_key: np.ndarray
    w_value: np.ndarray


def _on_grid(values: np.ndarray) -> np.ndarray:
    return np.round(values / STEP) * STEP


def example(seed: int = 0) -> Example:
    """Embeddings with about unit spread and weights with spread 1/sqrt(d) (so Q and K have about unit spread
    too), drawn from ``default_rng(seed)`` and rounded to multiples of 1/8."""
    seed = non_negative_int("example", "seed", seed)
    rng = np.random.default_rng(seed)
    d = MODEL_WIDTH
    embeddings = _on_grid(rng.standard_normal((len(TOKENS), d)))
    w_query, w_key, w_value = (_on_grid(rng.standard_normal((d, d)) / np.sqrt(d)) for _ in range(3))
    return Example(TOKENS, embeddings, w_query, w_key, w_value)


@dataclass(frozen=True)
class Weights:
    """Attention weights of every head: ``weights[h, i, j]`` is how much query token i takes from key token j.

    ``allowed[i, j]`` is False where the causal mask hides key j from query i (a later token); there the
    weight is exactly 0 and ``scores`` is NaN: masked, not learned."""

    tokens: tuple[str, ...]
    heads: int
    kv_heads: int
    scaled: bool
    causal: bool
    scale: float
    scores: np.ndarray
    weights: np.ndarray
    allowed: np.ndarray

    @property
    def head_dim(self) -> int:
        """d_k: the numbers per head, d_model / heads."""
        return MODEL_WIDTH // self.heads

    @property
    def group(self) -> int:
        """How many query heads share one key/value head."""
        return self.heads // self.kv_heads

    def kv_head_of(self, head: int) -> int:
        """The key/value head (from 0) that query head ``head`` (from 0) reads."""
        return head // self.group

    def largest(self, head: int) -> np.ndarray:
        """Each query's largest weight in ``head``: near 1 when the softmax has saturated onto one key."""
        return self.weights[head].max(axis=1)

    def score_range(self, head: int) -> tuple[float, float]:
        """The lowest and highest score of ``head`` that the mask lets through: the wider, the more peaked."""
        seen = self.scores[head][self.allowed]
        return float(seen.min()), float(seen.max())


def check_heads(owner: str, heads: int, kv_heads: int) -> tuple[int, int]:
    """``heads`` must divide d_model and ``kv_heads`` must divide ``heads``; raise ValueError naming ``owner``."""
    heads = positive_int(owner, "heads", heads)
    kv_heads = positive_int(owner, "kv_heads", kv_heads)
    if heads not in HEAD_CHOICES:
        raise ValueError(f"{owner}(heads={heads}): the heads split d_model = {MODEL_WIDTH} evenly, so they "
                         f"must be one of {', '.join(map(str, HEAD_CHOICES))}")
    if heads % kv_heads:
        raise ValueError(f"{owner}(kv_heads={kv_heads}): each key/value head serves the same number of query "
                         f"heads, so kv_heads must divide heads = {heads}")
    return heads, kv_heads


def attention(heads: int, kv_heads: int | None = None, scaled: bool = True, causal: bool = False,
              scale: float = 1.0, seed: int = 0) -> Weights:
    """softmax(Q K^T / sqrt(d_k)) of the example, with ``heads`` query heads reading ``kv_heads`` key/value heads
    (None: as many as query heads). ``scaled=False`` leaves out the division by sqrt(d_k); ``scale`` multiplies
    the embeddings (so the scores by scale squared); ``causal`` hides every later token from each query."""
    heads, kv_heads = check_heads("attention", heads, heads if kv_heads is None else kv_heads)
    scaled, causal = boolean("attention", "scaled", scaled), boolean("attention", "causal", causal)
    scale = real_number("attention", "scale", scale)
    if scale <= 0:
        raise ValueError(f"attention(scale={scale:g}): the embeddings' scale must be positive")
    ex = example(seed)
    d_k, group, tokens = MODEL_WIDTH // heads, heads // kv_heads, len(ex.tokens)
    queries = (ex.embeddings @ ex.w_query).reshape(tokens, heads, d_k).transpose(1, 0, 2)
    keys = (ex.embeddings @ ex.w_key[:, :kv_heads * d_k]).reshape(tokens, kv_heads, d_k).transpose(1, 0, 2)
    keys = np.repeat(keys, group, axis=0)  # query head h reads key/value head h // group
    exact = queries @ keys.transpose(0, 2, 1)  # multiples of 1/4096 (Q and K are of 1/64): exact on every CPU
    scores = exact * (scale * scale / (np.sqrt(d_k) if scaled else 1.0))
    allowed = np.tril(np.ones((tokens, tokens), dtype=bool)) if causal else np.ones((tokens, tokens), dtype=bool)
    shifted = np.where(allowed, scores - np.where(allowed, scores, -np.inf).max(axis=2, keepdims=True), -np.inf)
    powers = np.exp(shifted)
    weights = powers / powers.sum(axis=2, keepdims=True)
    return Weights(ex.tokens, heads, kv_heads, scaled, causal, float(scale),
                   np.where(allowed, scores, np.nan), weights, allowed)


@dataclass(frozen=True)
class Costs:
    """What the attention layer of the example costs: its row (parameters and their arithmetic), the four
    projections one by one, the same layer with a key/value head per query head, and the KV cache per token."""

    layer: str
    row: Row
    projections: dict[str, Row]
    full_layer: str
    full_row: Row
    kv_bytes_per_token: int
    architecture: Architecture


def attention_layer(heads: int, kv_heads: int) -> tuple[str, Layer]:
    """The engine layer that builds this attention, and how it is written: Keras's MultiHeadAttention when every
    query head has its own key/value head, GroupQueryAttention when they share."""
    head_dim = MODEL_WIDTH // heads
    if kv_heads == heads:
        return f"MultiHeadAttention(num_heads={heads}, key_dim={head_dim})", MultiHeadAttention(heads, head_dim)
    return (f"GroupQueryAttention(head_dim={head_dim}, num_query_heads={heads}, num_key_value_heads={kv_heads})",
            GroupQueryAttention(head_dim, heads, kv_heads))


def costs(heads: int, kv_heads: int | None = None) -> Costs:
    """Parameters of the attention layer on the example's (6, 12) input, from the engine's layers, and its KV
    cache per token in bfloat16 (one layer, ``kv_heads`` heads of d_model / heads numbers)."""
    heads, kv_heads = check_heads("costs", heads, heads if kv_heads is None else kv_heads)
    head_dim, shape = MODEL_WIDTH // heads, (len(TOKENS), MODEL_WIDTH)
    projections = {"query": Dense(heads * head_dim, name="query").row(shape),
                   "key": Dense(kv_heads * head_dim, name="key").row(shape),
                   "value": Dense(kv_heads * head_dim, name="value").row(shape),
                   "output": Dense(MODEL_WIDTH, name="output").row((len(TOKENS), heads * head_dim))}
    tiny = Architecture(name="the example", model_type="attention", vocab_size=len(TOKENS), hidden_size=MODEL_WIDTH,
                        num_layers=1, num_heads=heads, num_kv_heads=kv_heads, head_dim=head_dim,
                        intermediate_size=0, max_positions=len(TOKENS), tied_embeddings=False)
    (written, layer), (full_written, full_layer) = attention_layer(heads, kv_heads), attention_layer(heads, heads)
    return Costs(written, layer.row(shape), projections, full_written, full_layer.row(shape),
                 kv_cache_bytes(tiny, tokens=1, dtype=CACHE_DTYPE), tiny)


def llama_kv_bytes_per_token(kv_heads: int | None = None) -> int:
    """Llama-3-8B's KV cache per token in bfloat16: 131,072 B with its 8 key/value heads; ``kv_heads`` asks what
    another number would cost (32, one per query head: 524,288 B)."""
    arch = LLAMA_3_8B if kv_heads is None else replace(
        LLAMA_3_8B, num_kv_heads=positive_int("llama_kv_bytes_per_token", "kv_heads", kv_heads))
    return kv_cache_bytes(arch, tokens=1, dtype=CACHE_DTYPE)


def kv_arithmetic(arch: Architecture) -> str:
    """The KV cache per token written out: '2 × 32 layers × 8 kv heads × 128 numbers × 2 B'."""
    return (f"2 × {arch.num_layers} layer{'s' if arch.num_layers > 1 else ''} × {arch.num_kv_heads} kv "
            f"head{'s' if arch.num_kv_heads > 1 else ''} × {arch.head_dim} number{'s' if arch.head_dim > 1 else ''}"
            f" × {KV_BYTES[CACHE_DTYPE]} B")


def full_params_rule(d: int = MODEL_WIDTH) -> str:
    """Multi-head attention's parameters at width d whatever the heads: '4·12² + 4·12 = 624' (four d x d
    projections and their biases)."""
    return f"4·{d}² + 4·{d} = {4 * d * d + 4 * d:,}"


@dataclass(frozen=True)
class Reading:
    """Everything the explorer shows: the weights, the head drawn large (from 0; ``asked_head`` is the one asked
    for, which may be past the last head) and the costs."""

    weights: Weights
    head: int
    asked_head: int
    costs: Costs
    llama_bytes: int
    llama_bytes_one_per_head: int


def explore(heads: int, kv_heads: int, head: int = 0, scaled: bool = True, causal: bool = False,
            scale: float = 1.0, seed: int = 0) -> Reading:
    """The weights of every head, the head to draw large (``head``, from 0, or the last head if there are not
    that many), the layer's costs and Llama-3-8B's KV cache for scale."""
    weights = attention(heads, kv_heads, scaled, causal, scale, seed)
    asked = non_negative_int("explore", "head", head)
    return Reading(weights, min(asked, heads - 1), asked, costs(heads, kv_heads), llama_kv_bytes_per_token(),
                   llama_kv_bytes_per_token(LLAMA_3_8B.num_heads))
