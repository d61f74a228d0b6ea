"""A transformer block's feed-forward part, written with plain layers: GPT-2's GELU MLP and Llama's SwiGLU.

Both act on every token alone, so on a sequence (T, d) each Dense works on the last axis.
GELU MLP: d -> f -> d, (d + 1)*f + (f + 1)*d parameters with biases. SwiGLU: a gate and an "up"
projection to f, multiplied value by value, then down to d: 3*d*f parameters without biases.
"""
from __future__ import annotations

from ..layers import Dense, Multiply
from ..layers.graph import Tensor


def gelu_mlp(x: Tensor, hidden_size: int, intermediate_size: int, up: str, down: str,
             use_bias: bool = True) -> Tensor:
    """Dense(intermediate_size, gelu) then Dense(hidden_size), named ``up`` and ``down`` (GPT-2: mlp.c_fc,
    mlp.c_proj; BERT and ViT: intermediate.dense, output.dense)."""
    x = Dense(intermediate_size, activation="gelu", use_bias=use_bias, name=up)(x)
    return Dense(hidden_size, use_bias=use_bias, name=down)(x)


def swiglu(x: Tensor, hidden_size: int, intermediate_size: int, prefix: str, use_bias: bool = False) -> Tensor:
    """Llama's MLP: SiLU(gate_proj(x)) * up_proj(x), then down_proj back to ``hidden_size`` (Shazeer 2020).
    The layers are named ``prefix.gate_proj``, ``prefix.up_proj``, ``prefix.mul`` and ``prefix.down_proj``."""
    gate = Dense(intermediate_size, activation="silu", use_bias=use_bias, name=f"{prefix}.gate_proj")(x)
    up = Dense(intermediate_size, use_bias=use_bias, name=f"{prefix}.up_proj")(x)
    both = Multiply(name=f"{prefix}.mul")([gate, up])
    return Dense(hidden_size, use_bias=use_bias, name=f"{prefix}.down_proj")(both)
