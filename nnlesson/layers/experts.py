"""A mixture of experts: many feed-forward blocks, of which a router picks a few for each token (Mixtral).

The model stores every expert but each token runs only ``experts_per_token`` of them, so the layer has two
counts: all its parameters (``params``, what memory must hold) and the parameters one token uses
(``active_params``, what its compute follows). Keras and PyTorch count it the same; ``convention`` changes nothing.
"""
from __future__ import annotations

from .._validate import MISSING, boolean, describe, given, positive_int
from .base import Counts, Layer, Shape, check_activation


class MixtureOfExperts(Layer):
    """On (T, d): a router, Dense(d -> num_experts) without bias, scores the experts for each token; the
    ``experts_per_token`` best each run a feed-forward block of ``intermediate_size`` units, and their outputs,
    weighted by the router, are added: (T, d) -> (T, d).

    An expert is gated (``gated=True``, SwiGLU with ``activation="silu"``: gate and up d -> f, down f -> d,
    3*d*f weights) or plain (two Dense layers, d -> f -> d, 2*d*f weights), with biases if ``use_bias``.
    Parameters: d*num_experts + num_experts*expert; active per token: d*num_experts + experts_per_token*expert.
    Mixtral-8x7B's layer, MixtureOfExperts(8, 2, 14336) on (T, 4096): 4096*8 + 8*3*4096*14336 = 1,409,318,912,
    of which 352,354,304 are active per token. Neurons and MACs are those of the router and the experts a token runs.
    """

    def __init__(self, num_experts: int = MISSING, experts_per_token: int = MISSING, intermediate_size: int = MISSING,
                 activation: str = "silu", gated: bool = True, use_bias: bool = False, *, name: str | None = None,
                 trainable: bool = True):
        super().__init__(name=name, trainable=trainable)
        example = "MixtureOfExperts(num_experts=8, experts_per_token=2, intermediate_size=14336)"
        self.num_experts = positive_int("MixtureOfExperts", "num_experts", given(
            "MixtureOfExperts", "num_experts", num_experts, example))
        self.experts_per_token = positive_int("MixtureOfExperts", "experts_per_token", given(
            "MixtureOfExperts", "experts_per_token", experts_per_token, example))
        if self.experts_per_token > self.num_experts:
            raise ValueError(f"{describe('MixtureOfExperts', 'experts_per_token', experts_per_token)}: "
                             f"experts_per_token must be at most num_experts={self.num_experts}, since the router "
                             "picks that many of the experts for each token")
        self.intermediate_size = positive_int("MixtureOfExperts", "intermediate_size", given(
            "MixtureOfExperts", "intermediate_size", intermediate_size, example))
        self.activation = check_activation("MixtureOfExperts", activation)
        self.gated = boolean("MixtureOfExperts", "gated", gated)
        self.use_bias = boolean("MixtureOfExperts", "use_bias", use_bias)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        self.require_rank(input_shape, 2, "(tokens, features)")
        return input_shape

    def expert_params(self, width: int) -> int:
        """One expert's parameters on ``width`` features."""
        f, matrices = self.intermediate_size, 3 if self.gated else 2
        biases = ((matrices - 1) * f + width) * self.use_bias
        return matrices * width * f + biases

    def count(self, input_shape: Shape, output_shape: Shape, convention: str) -> Counts:
        (tokens, d), f = input_shape, self.intermediate_size
        router, expert, picked = d * self.num_experts, self.expert_params(d), self.experts_per_token
        units = (2 * f if self.gated else f) + d  # the weighted sums one expert computes per token
        matrices = 3 if self.gated else 2
        return Counts(trainable=router + self.num_experts * expert, inactive=(self.num_experts - picked) * expert,
                      per_token=f"{picked} of {self.num_experts} experts",
                      neurons=tokens * (self.num_experts + picked * units),
                      macs=tokens * (router + picked * matrices * d * f))

    def formula(self, input_shape: Shape, output_shape: Shape, convention: str) -> str:
        d, f, n = input_shape[-1], self.intermediate_size, self.num_experts
        if self.gated:
            expert = f"2*({d} + 1)*{f} + ({f} + 1)*{d}" if self.use_bias else f"3*{d}*{f}"
        else:
            expert = f"({d} + 1)*{f} + ({f} + 1)*{d}" if self.use_bias else f"2*{d}*{f}"
        return f"{d}*{n} + {n}*({expert})" if self.use_bias else f"{d}*{n} + {n}*{expert}"
