"""attention_explorer: six tokens attending to each other, head by head, and what the attention layer costs.

The picture shows softmax(Q K^T / sqrt(d_k)); the readout shows that the projections' parameters stay the same
whatever the number of heads, while fewer key/value heads shrink the K and V projections and the KV cache.
"""
from __future__ import annotations

import html

from ..attention import HEAD_CHOICES, LLAMA_3_8B, Reading, explore, full_params_rule, kv_arithmetic
from ..layers.summary import format_count
from ..plots.attention import AttentionPanel
from .controls import checkbox, column, slider, steps_slider, within, wrap_row
from .explorer import Explorer, learner_facing
from .html import lines, muted


class AttentionExplorer(Explorer):
    """Query heads, key/value heads (grouped-query attention), the sqrt(d_k) scaling, the causal mask, the
    embeddings' scale, and the head drawn large."""

    def __init__(self, heads: int = 4, kv_heads: int = 4, head: int = 1, scaled: bool = True, causal: bool = False,
                 scale: float = 1.0):
        within("head", head, 1, max(HEAD_CHOICES))
        within("scale", scale, 0.25, 4.0)
        controls = {
            "heads": steps_slider("query heads", HEAD_CHOICES, heads, live=True, argument="heads", others=False),
            "kv_heads": steps_slider("key/value heads", HEAD_CHOICES, kv_heads, live=True, argument="kv_heads",
                                     others=False),
            "head": slider("head drawn large", head, 1, max(HEAD_CHOICES), step=1, integer=True, argument="head"),
            "scaled": checkbox("divide the scores by √d_k", scaled, argument="scaled"),
            "causal": checkbox("causal mask (no looking ahead)", causal, argument="causal"),
            "scale": slider("embedding scale", scale, 0.25, 4.0, step=0.25, argument="scale"),
        }
        self.plot = AttentionPanel()
        view = wrap_row([column("heads", controls["heads"], controls["kv_heads"], controls["head"]),
                         column("scores", controls["scaled"], controls["causal"], controls["scale"])])
        super().__init__(controls, [self.plot], view)
        self.add_class("nnlesson-attention")

    def compute(self, heads: int, kv_heads: int, head: int, scaled: bool, causal: bool, scale: float) -> Reading:
        if kv_heads > heads:
            raise ValueError(f"There are more key/value heads ({kv_heads}) than query heads ({heads}): each key/value "
                             f"head serves one query head or more. Choose at most {heads} key/value heads.")
        if heads % kv_heads:
            fits = [k for k in HEAD_CHOICES if heads % k == 0]
            raise ValueError(f"{heads} query heads cannot share {kv_heads} key/value heads evenly: each key/value "
                             f"head serves the same number of query heads. Choose {_either(fits)} key/value heads.")
        return explore(heads, kv_heads, head - 1, scaled, causal, scale)

    def draw(self, result: Reading) -> str:
        self.plot.update(result.weights, result.head)
        return readout_html(result)


def _either(choices: list[int]) -> str:
    return ", ".join(map(str, choices[:-1])) + f" or {choices[-1]}" if len(choices) > 1 else str(choices[0])


def weights_line(r: Reading) -> str:
    """How peaked the drawn head's rows are: each query's largest weight, and the scores they come from."""
    w, head = r.weights, r.head
    largest = w.largest(head)
    each = ", ".join(f"{html.escape(token)} {value:.2f}" for token, value in zip(w.tokens, largest))
    divided = f"QKᵀ / √{w.head_dim}" if w.scaled else f"QKᵀ, not divided by √{w.head_dim},"
    low, high = w.score_range(head)
    note = " (√1 = 1: with one number per head the scaling changes nothing)" if w.head_dim == 1 else ""
    past = f" (there is no head {r.asked_head + 1})" if r.asked_head != head else ""
    return (f"<b>Head {head + 1}</b> of {w.heads}{past} reads key/value head {w.kv_head_of(head) + 1} of {w.kv_heads}. "
            f"Each query's largest weight: {each}; mean <b>{largest.mean():.2f}</b>. "
            f"Scores {divided} from {low:.2f} to {high:.2f}{note}.")


def params_line(r: Reading) -> str:
    """The layer's parameters with its arithmetic, projection by projection, and the rule that the number of heads
    does not change them: only fewer key/value heads do."""
    c = r.costs
    parts = ", ".join(f"{name} {format_count(row.params)}" for name, row in c.projections.items())
    counted = (f"Parameters of {html.escape(c.layer)}: {html.escape(c.row.formula)} = "
               f"<b>{format_count(c.row.params)}</b> ({parts})")
    if c.layer == c.full_layer:
        return (f"{counted} = {full_params_rule()}, at 1, 2, 3, 4, 6 or 12 heads alike: heads × key_dim = 12 "
                "always.")
    return (f"{counted}: shared key/value heads shrink the key and value projections. With one per query head, "
            f"{html.escape(c.full_layer)} has {full_params_rule()}, at any number of heads.")


def cache_line(r: Reading) -> str:
    """The KV cache per token of the example and of Llama-3-8B, with their arithmetic."""
    c = r.costs
    return (f"KV cache per token in bfloat16: {kv_arithmetic(c.architecture)} = "
            f"<b>{format_count(c.kv_bytes_per_token)} B</b>. For scale, Llama-3-8B's 32 query heads share 8: "
            f"{kv_arithmetic(LLAMA_3_8B)} = <b>{format_count(r.llama_bytes)} B</b> per token "
            f"({format_count(r.llama_bytes_one_per_head)} B with 32 key/value heads).")


def readout_html(r: Reading) -> str:
    return lines(weights_line(r), params_line(r), cache_line(r)) + lines(muted(
        "Biases start at zero and are counted; the embeddings and weights are fixed random numbers."))


@learner_facing
def attention_explorer(**kwargs) -> AttentionExplorer:
    """Build the attention explorer; keyword arguments set the heads, key/value heads, head drawn, scaling,
    causal mask and embedding scale."""
    return AttentionExplorer(**kwargs)
