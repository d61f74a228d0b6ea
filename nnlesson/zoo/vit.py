"""The Vision Transformer (Dosovitskiy et al., 2020) as Hugging Face's ViTForImageClassification builds it.

The image is cut into patch x patch squares, each projected to d numbers by one strided convolution; a
learned [CLS] token goes in front and learned positions are added. Then ``num_hidden_layers`` pre-norm
blocks (12d^2 + 13d parameters each with ``qkv_bias``), a last LayerNorm, and a Dense classifier on the
[CLS] token (no pooler in this model). ViT-B/16 on 224x224 images, 1,000 classes: 86,567,656 parameters.
"""
from __future__ import annotations

from ..layers import (Add, ClassToken, Conv2D, Dense, Input, LayerNormalization, Model, MultiHeadAttention,
                      PositionEmbedding, Reshape)
from ..layers.graph import Tensor
from .architecture import Architecture
from .feed_forward import gelu_mlp
from .first_token import first_token


def vit_layer(x: Tensor, arch: Architecture, layer: str) -> Tensor:
    """One pre-norm block: x + attention(layernorm_before(x)), then x + MLP(layernorm_after(x))."""
    a = LayerNormalization(axis=-1, name=f"{layer}.layernorm_before")(x)
    a = MultiHeadAttention(arch.num_heads, arch.head_dim, use_bias=arch.qkv_bias, output_bias=arch.output_bias,
                           name=f"{layer}.attention")(a, a)
    x = Add(name=f"{layer}.attention.residual")([x, a])
    m = LayerNormalization(axis=-1, name=f"{layer}.layernorm_after")(x)
    m = gelu_mlp(m, arch.hidden_size, arch.intermediate_size, up=f"{layer}.intermediate.dense",
                 down=f"{layer}.output.dense")
    return Add(name=f"{layer}.output.residual")([x, m])


def build(arch: Architecture, name: str) -> Model:
    """ViTForImageClassification on one image of ``image_size`` x ``image_size`` x ``num_channels``."""
    patches = arch.max_positions - 1
    pixels = Input((arch.image_size, arch.image_size, arch.num_channels), name="pixel_values")
    x = Conv2D(arch.hidden_size, arch.patch_size, strides=arch.patch_size,
               name="embeddings.patch_embeddings.projection")(pixels)
    x = ClassToken(name="embeddings.cls_token")(Reshape((patches, arch.hidden_size),
                                                         name="embeddings.patch_embeddings.flatten")(x))
    x = Add(name="embeddings.sum")([x, PositionEmbedding(arch.max_positions, name="embeddings.position_embeddings")(x)])
    for i in range(arch.num_layers):
        x = vit_layer(x, arch, f"encoder.layer.{i}")
    x = LayerNormalization(axis=-1, name="layernorm")(x)
    cls = first_token(x, arch.max_positions, arch.hidden_size, name="cls")
    return Model(pixels, Dense(arch.num_labels, name="classifier")(cls), name=name)
