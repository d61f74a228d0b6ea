"""The famous transformers of ``CONFIGS``, one builder each, built by ``from_config`` from the published config."""
from __future__ import annotations

from ..layers import Model
from .configs import CONFIGS
from .transformers import from_config


def gpt2_small() -> Model:
    """GPT-2 small (GPT2LMHeadModel): 124,439,808 parameters, 163,037,184 with the tied head counted apart."""
    return from_config(CONFIGS["GPT-2 small"], name="GPT-2 small")


def bert_base(pooler: bool = True) -> Model:
    """BERT-base, uncased (BertModel): 109,482,240 parameters, 108,891,648 with ``pooler=False``."""
    return from_config(CONFIGS["BERT-base"], name="BERT-base", pooler=pooler)


def vit_b16() -> Model:
    """ViT-B/16 on 224x224 images, 1,000 classes (ViTForImageClassification): 86,567,656 parameters."""
    return from_config(CONFIGS["ViT-B/16"], name="ViT-B/16")


def llama3_8b() -> Model:
    """Llama-3-8B (LlamaForCausalLM): 8,030,261,248 parameters."""
    return from_config(CONFIGS["Llama-3-8B"], name="Llama-3-8B")


def mistral_7b() -> Model:
    """Mistral-7B v0.1 (MistralForCausalLM): 7,241,732,096 parameters."""
    return from_config(CONFIGS["Mistral-7B"], name="Mistral-7B")


def mixtral_8x7b() -> Model:
    """Mixtral-8x7B v0.1 (MixtralForCausalLM): 46,702,792,704 parameters, 12,879,925,248 used per token."""
    return from_config(CONFIGS["Mixtral-8x7B"], name="Mixtral-8x7B")


def qwen2_0_5b() -> Model:
    """Qwen2-0.5B (Qwen2ForCausalLM, tied embeddings): 494,032,768 parameters."""
    return from_config(CONFIGS["Qwen2-0.5B"], name="Qwen2-0.5B")


def qwen2_7b() -> Model:
    """Qwen2-7B (Qwen2ForCausalLM): 7,615,616,512 parameters."""
    return from_config(CONFIGS["Qwen2-7B"], name="Qwen2-7B")
