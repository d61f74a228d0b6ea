"""Checks for lesson 08: GPT-2's total, the LSTM's two conventions, a KV cache in GB, Mixtral's active parameters,
and the memory of training with Adam.

The truth comes from the package (the zoo's models built from their published configurations, the
recurrent layers' rows, the memory module); each hint names a known slip, such as a tied embedding
counted twice, the query heads used for the key/value heads, or GiB written for GB.
"""
from __future__ import annotations

from typing import Any

from .._validate import one_of, positive_int
from ..counting.llm_memory import KV_BYTES, OPTIMIZER_COPIES, PRECISIONS, kv_cache_bytes, training_state
from ..layers import LSTM
from ..zoo import CONFIGS, architecture, from_config
from .base import Feedback, integer_check, numeric_check

GB = 10**9
GIB = 2**30


def gb_check(answer: Any, truth_bytes: int, hints: list[tuple[float, str]], fallback: str, success: str) -> Feedback:
    """``numeric_check`` of an answer in GB (10⁹ bytes), which also names the two slips of units: GiB, and bytes."""
    return numeric_check(answer, truth_bytes / GB, [
        (truth_bytes / GIB, "That is in GiB (2³⁰ bytes). The question asks for GB: 10⁹ bytes."),
        (float(truth_bytes), "That is in bytes; give the answer in GB (10⁹ bytes)."), *hints], fallback, success)


def _known(owner: str, model: str) -> str:
    return one_of(owner, "model", model, CONFIGS)


def gpt2_params(answer: Any, model: str = "GPT-2 small") -> Feedback:
    """Is ``answer`` the parameters of GPT-2 (the language model with its output head), tied embedding counted once?"""
    summary = from_config(CONFIGS[_known("gpt2_params", model)]).summary()
    arch = architecture(CONFIGS[model])
    d, layers, vocab, positions = arch.hidden_size, arch.num_layers, arch.vocab_size, arch.max_positions
    truth = summary.total_params
    blocks = layers * (12 * d * d + 13 * d)
    return integer_check(answer, truth, [
        (truth + summary.tied_params, "The output head reuses the token embedding's matrix (the weights are tied): "
                                      "count those weights once."),
        (blocks, "That is the blocks alone: the embeddings and the last LayerNorm are parameters too."),
        (truth - positions * d, "GPT-2 also learns one vector for each position it can read."),
        (truth - 2 * d, "After the last block comes one more LayerNorm, with a scale and a shift per feature."),
        (truth - vocab * d, "The token embedding itself belongs to the model: it is counted once, not zero times."),
        (layers * 12 * d * d + vocab * d + positions * d + 2 * d,
         "Each block's linear layers have biases, and each block has two LayerNorms: 13d per block besides 12d²."),
    ], fallback="Add the token and position embeddings, 12 blocks of 12d² + 13d, and the final "
                                   "LayerNorm; the output head is tied to the token embedding.",
        success=f"{format(truth, ',')}: {vocab:,}·{d} + {positions:,}·{d} + {layers}·(12·{d}² + 13·{d}) + 2·{d}, "
                "with the output head tied to the token embedding.")


def lstm_difference(answer: Any, features: int = 32, units: int = 64) -> Feedback:
    """Is ``answer`` how many more parameters PyTorch's LSTM has than Keras's, for ``units`` units on ``features``?"""
    features = positive_int("lstm_difference", "features", features)
    layer = LSTM(positive_int("lstm_difference", "units", units))
    keras, pytorch = (layer.row((1, features), convention).params for convention in ("keras", "pytorch"))
    truth = pytorch - keras
    return integer_check(answer, truth, [
        (keras, "That is Keras's total; the question asks how many more PyTorch keeps."),
        (pytorch, "That is PyTorch's total; the question asks how many more it keeps than Keras."),
        (units, "An LSTM has four gates, and each has a bias for every unit."),
        (2 * truth, "Keras keeps one bias vector, PyTorch two: the difference is one vector, not both."),
        (0, "The weights agree, but the frameworks keep different numbers of bias vectors."),
        (-truth, "PyTorch keeps the extra bias vector, so its count is the larger one."),
    ], fallback="The weights are the same in both; count the bias vectors each framework keeps.",
        success=f"{pytorch:,} − {keras:,} = {truth}: PyTorch keeps b_ih and b_hh, two bias vectors of 4·{units}, "
                f"where Keras keeps one.")


def kv_cache_gb(answer: Any, model: str = "Llama-3-8B", tokens: int = 8192, batch: int = 1,
                dtype: str = "bfloat16") -> Feedback:
    """Is ``answer`` the KV cache of ``model`` for ``tokens`` tokens and ``batch`` sequences, in GB (10⁹ bytes)?"""
    arch = architecture(CONFIGS[_known("kv_cache_gb", model)])
    one_of("kv_cache_gb", "dtype", dtype, KV_BYTES)
    cache = kv_cache_bytes(arch, tokens, batch, dtype)
    per_token = cache // (tokens * batch)
    hints = [
        (cache * arch.num_heads // arch.num_kv_heads / GB,
         f"That uses the {arch.num_heads} query heads; the cache keeps only the {arch.num_kv_heads} key/value heads."),
        (cache / 2 / GB, f"The cache keeps a key and a value for every token, at {KV_BYTES[dtype]} bytes a number in "
                         f"{dtype}: twice what you have."),
        (per_token / GB, "That is one token's cache: every token of the context keeps its own."),
        (cache // arch.num_layers / GB, "Every layer keeps its own keys and values."),
    ]
    hints += [(cache * other // KV_BYTES[dtype] / GB, f"Check the bytes per number: {dtype} takes "
                                                       f"{KV_BYTES[dtype]}, {name} {other}.")
              for name, other in KV_BYTES.items() if other != KV_BYTES[dtype]]
    return gb_check(answer, cache, hints,
                    fallback="2 (key and value) × layers × key/value heads × head size × bytes per number, "
                             "times the tokens and the batch; then divide by 10⁹.",
                    success=f"2 × {arch.num_layers} × {arch.num_kv_heads} × {arch.head_dim} × {KV_BYTES[dtype]} = "
                            f"{per_token:,} bytes per token, × {tokens:,} tokens × {batch} = {cache:,} bytes "
                            f"= {cache / GB:.2f} GB ({cache / GIB:g} GiB).")


def mixtral_active(answer: Any, model: str = "Mixtral-8x7B") -> Feedback:
    """Is ``answer`` the parameters a mixture-of-experts model uses for one token?"""
    arch = architecture(CONFIGS[_known("mixtral_active", model)])
    summary = from_config(CONFIGS[model]).summary()
    total, truth = summary.total_params, summary.active_params
    d, f, layers = arch.hidden_size, arch.intermediate_size, arch.num_layers
    expert = 3 * d * f
    return integer_check(answer, truth, [
        (total, "That is every parameter; each token passes through only "
                f"{arch.experts_per_token} of the {arch.experts} experts in each layer."),
        (total * arch.experts_per_token // arch.experts,
         "Only the experts are chosen per token: attention, norms, router and embeddings run for every token."),
        (layers * arch.experts_per_token * expert, "That is the chosen experts only: every token also uses "
                                                   "attention, the norms, the router and the embeddings."),
        (truth - layers * d * arch.experts, "The router runs for every token too: its weights are active."),
        (arch.experts * 7 * 10**9, f"'{arch.experts}x7B' is a name, not a count: the experts share everything "
                                   "but their feed-forward layers."),
    ], fallback="Count what every token uses: embeddings, head, attention and norms of every "
                                   f"layer, the router, and {arch.experts_per_token} experts of 3·d·f each.",
        success=f"{truth:,} of {total:,}: each token uses {arch.experts_per_token} of {arch.experts} experts "
                f"({truth / total:.0%} of the weights), though all of them must sit in memory.")


def adam_training_gb(answer: Any, model: str = "Llama-3-8B", precision: str = "float32") -> Feedback:
    """Is ``answer`` the GB (10⁹ bytes) of weights, gradients and Adam's state to train ``model`` in ``precision``?"""
    params = from_config(CONFIGS[_known("adam_training_gb", model)]).count_params()
    one_of("adam_training_gb", "precision", precision, PRECISIONS)
    weights, gradients, state = training_state(params, precision)
    total = weights.value + gradients.value + state.value
    truth = total / GB
    hints = [(weights.value / GB, "That is the weights alone: training also keeps a gradient for every weight, and "
                                  "Adam keeps its own numbers for every weight too."),
             ((weights.value + gradients.value) / GB, "Weights and gradients, but Adam's optimizer state is missing: "
                                                      "two running averages per parameter, the largest part."),
             ((weights.value + state.value) / GB, "Backpropagation leaves a gradient for every weight: count those."),
             (params / GB, "That is the number of parameters in billions; each takes several bytes, several times.")]
    weight, gradient, copies = PRECISIONS[precision]
    return gb_check(answer, total, hints,
                    fallback="Per parameter: the weight, its gradient and Adam's two averages, each in its "
                             "number format; times the parameters; then divide by 10⁹.",
                    success=f"{params:,} parameters × {total // params} bytes ({weight} for the weight, {gradient} "
                            f"for its gradient, {sum(copies)} for the {OPTIMIZER_COPIES[precision]}) = "
                            f"{total:,} bytes = {truth:.1f} GB, before a single activation.")
