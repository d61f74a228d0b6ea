"""From a Hugging Face ``config.json`` to an ``Architecture``: one reader per family, with its keys' names
and the defaults ``transformers`` gives a key the file leaves out.

Sizes are required (a config without ``hidden_size`` is refused, naming it); switches and the sizes every
family file has a documented default for (``n_inner``, ``num_key_value_heads``, ``head_dim``,
``type_vocab_size``, ``num_channels``, the number of labels) take that default.
"""
from __future__ import annotations

import os
from typing import Any, Callable, Mapping

from .architecture import Architecture
from .hf_config import ConfigKeys, load_config

Config = Mapping[str, Any] | str | os.PathLike
"""A config as the learner gives it: a dict, or the path to a config.json (or to its folder)."""


def read_gpt2(keys: ConfigKeys, name: str) -> Architecture:
    """GPT2Config's keys (``hidden_size`` and the other common names are its aliases)."""
    hidden = keys.size("n_embd", "hidden_size")
    heads = keys.size("n_head", "num_attention_heads")
    return Architecture(name=name, model_type="gpt2", vocab_size=keys.size("vocab_size"), hidden_size=hidden,
                        num_layers=keys.size("n_layer", "num_hidden_layers"), num_heads=heads, num_kv_heads=heads,
                        head_dim=keys.divides("n_head", "n_embd", heads, hidden),
                        intermediate_size=keys.size("n_inner", "intermediate_size", default=4 * hidden),
                        max_positions=keys.size("n_positions", "max_position_embeddings"),
                        tied_embeddings=keys.flag("tie_word_embeddings", True),
                        qkv_bias=True, output_bias=True, mlp_bias=True)


def read_bert(keys: ConfigKeys, name: str) -> Architecture:
    """BertConfig's keys; ``type_vocab_size`` is 2 when absent, as in ``transformers``."""
    hidden = keys.size("hidden_size")
    heads = keys.size("num_attention_heads")
    return Architecture(name=name, model_type="bert", vocab_size=keys.size("vocab_size"), hidden_size=hidden,
                        num_layers=keys.size("num_hidden_layers"), num_heads=heads, num_kv_heads=heads,
                        head_dim=keys.divides("num_attention_heads", "hidden_size", heads, hidden),
                        intermediate_size=keys.size("intermediate_size"),
                        max_positions=keys.size("max_position_embeddings"),
                        tied_embeddings=keys.flag("tie_word_embeddings", True),
                        qkv_bias=True, output_bias=True, mlp_bias=True,
                        type_vocab_size=keys.size("type_vocab_size", default=2))


def read_vit(keys: ConfigKeys, name: str) -> Architecture:
    """ViTConfig's keys; ``num_channels`` is 3 and ``qkv_bias`` True when absent, as in ``transformers``;
    the classes come from ``id2label`` or ``num_labels``. A ViT has no vocabulary; its sequence is the
    patches plus the [CLS] token."""
    hidden = keys.size("hidden_size")
    heads = keys.size("num_attention_heads")
    image, patch = keys.size("image_size"), keys.size("patch_size")
    side = keys.divides("patch_size", "image_size", patch, image)
    return Architecture(name=name, model_type="vit", vocab_size=0, hidden_size=hidden,
                        num_layers=keys.size("num_hidden_layers"), num_heads=heads, num_kv_heads=heads,
                        head_dim=keys.divides("num_attention_heads", "hidden_size", heads, hidden),
                        intermediate_size=keys.size("intermediate_size"), max_positions=side * side + 1,
                        tied_embeddings=False, qkv_bias=keys.flag("qkv_bias", True), output_bias=True,
                        mlp_bias=True, image_size=image, patch_size=patch,
                        num_channels=keys.size("num_channels", default=3), num_labels=keys.labels())


def _llama_biases(keys: ConfigKeys) -> dict[str, bool]:
    """Llama's biases follow ``attention_bias`` (q, k, v and o) and ``mlp_bias``; Mistral and Mixtral have none
    (their configs have no such keys, and ``transformers`` ignores them); Qwen2 has them on q, k, v only."""
    if keys.model_type == "llama":
        attention = keys.flag("attention_bias", False)
        return {"qkv_bias": attention, "output_bias": attention, "mlp_bias": keys.flag("mlp_bias", False)}
    return {"qkv_bias": keys.model_type == "qwen2", "output_bias": False, "mlp_bias": False}


def _experts(keys: ConfigKeys) -> dict[str, int]:
    """Mixtral's experts and how many of them each token uses; one for the dense families."""
    if keys.model_type != "mixtral":
        return {"experts": 1, "experts_per_token": 1}
    experts, per_token = keys.size("num_local_experts"), keys.size("num_experts_per_tok")
    if per_token > experts:
        raise ValueError(f"{keys.owner}: the mixtral config's num_experts_per_tok ({per_token}) cannot be more "
                         f"than its num_local_experts ({experts})")
    return {"experts": experts, "experts_per_token": per_token}


LLAMA_POSITIONS = {"llama": 2048, "mistral": 131072, "mixtral": 131072, "qwen2": 32768}
"""``max_position_embeddings`` when a config leaves it out, as ``transformers``'s config classes default it. These
families place tokens by rotation (RoPE), so the length changes no parameter, only the longest context."""


def read_llama(keys: ConfigKeys, name: str) -> Architecture:
    """LlamaConfig's keys, and Mistral's, Mixtral's and Qwen2's: ``num_key_value_heads`` defaults to the
    attention heads, ``head_dim`` to hidden_size / num_attention_heads, tied embeddings to False."""
    hidden = keys.size("hidden_size")
    heads = keys.size("num_attention_heads")
    kv_heads = keys.size("num_key_value_heads", default=heads)
    keys.divides("num_key_value_heads", "num_attention_heads", kv_heads, heads)
    head_dim = keys.size("head_dim", default=None) or keys.divides("num_attention_heads", "hidden_size", heads,
                                                                   hidden)
    return Architecture(name=name, model_type=keys.model_type, vocab_size=keys.size("vocab_size"),
                        hidden_size=hidden, num_layers=keys.size("num_hidden_layers"), num_heads=heads,
                        num_kv_heads=kv_heads, head_dim=head_dim, intermediate_size=keys.size("intermediate_size"),
                        max_positions=keys.size("max_position_embeddings",
                                                default=LLAMA_POSITIONS[keys.model_type]),
                        tied_embeddings=keys.flag("tie_word_embeddings", False), **_experts(keys),
                        **_llama_biases(keys))


READERS: dict[str, Callable[[ConfigKeys, str], Architecture]] = {
    "gpt2": read_gpt2, "bert": read_bert, "vit": read_vit, "llama": read_llama, "mistral": read_llama,
    "mixtral": read_llama, "qwen2": read_llama}
"""Which reader takes each ``model_type``."""


def read_architecture(owner: str, config: Config, name: str | None = None) -> Architecture:
    """``config``'s Architecture, errors naming ``owner``; named ``name``, else the config's ``_name_or_path``,
    else its model_type."""
    keys = ConfigKeys(owner, load_config(owner, config))
    return READERS[keys.model_type](keys, name or keys.config.get("_name_or_path") or keys.model_type)


def architecture(config: Config, name: str | None = None) -> Architecture:
    """The numbers of ``config`` (a dict, or the path to a config.json) that the model's counts depend on."""
    return read_architecture("architecture", config, name)
