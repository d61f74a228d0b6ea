"""Transformers from their Hugging Face ``config.json``: ``architecture(config)`` reads the numbers that
change a count, ``from_config(config)`` builds the model, both without a weight or a download.

    from_config("path/to/config.json").summary()     # or a dict, such as CONFIGS["Llama-3-8B"]

``config_readers`` reads each family's keys; each family's graph is in its own module: ``gpt2``, ``bert``,
``vit`` and ``llama`` (which also builds mistral, mixtral and qwen2).
"""
from __future__ import annotations

from .._validate import boolean, positive_int
from ..layers import Model
from . import bert, gpt2, llama, vit
from .config_readers import Config, architecture, read_architecture

__all__ = ["architecture", "from_config"]


def from_config(config: Config, name: str | None = None, *, pooler: bool = True,
                sequence_length: int | None = None) -> Model:
    """The model ``config`` describes, as ``transformers`` builds it, to count: GPT2LMHeadModel, BertModel,
    ViTForImageClassification, or LlamaForCausalLM and its relatives.

    ``sequence_length`` is the tokens of one example (default: the longest the model takes; a ViT reads its
    image instead). ``pooler=False`` leaves out BertModel's pooler (only BERT has one here).
    """
    arch = read_architecture("from_config", config, name)
    pooler = boolean("from_config", "pooler", pooler)
    if not pooler and arch.model_type != "bert":
        raise ValueError(f"from_config(pooler=False): only a bert model has a pooler to leave out, "
                         f"not this {arch.model_type} model")
    if arch.model_type == "vit":
        if sequence_length is not None:
            raise ValueError(f"from_config(sequence_length={sequence_length!r}): a vit model reads an image; its "
                             "length follows from image_size and patch_size")
        return vit.build(arch, arch.name)
    length = arch.max_positions if sequence_length is None else positive_int("from_config", "sequence_length",
                                                                             sequence_length)
    if arch.model_type in ("gpt2", "bert") and length > arch.max_positions:
        raise ValueError(f"from_config(sequence_length={length}): this {arch.model_type} model learned "
                         f"{arch.max_positions:,} positions, so it reads at most that many tokens")
    if arch.model_type == "gpt2":
        return gpt2.build(arch, length, arch.name)
    if arch.model_type == "bert":
        return bert.build(arch, length, arch.name, pooler=pooler)
    return llama.build(arch, length, arch.name)
