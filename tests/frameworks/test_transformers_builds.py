"""The zoo's transformers against Hugging Face transformers: the same config.json built by both, the totals compared.

transformers builds each model on PyTorch's meta device, where a parameter has a shape and no memory, so
Mixtral-8x7B's 46.7 billion parameters are counted in milliseconds and nothing is downloaded. Its count is
PyTorch's: ``model.parameters()`` gives a tied tensor once, as nnlesson's total does; ``remove_duplicate=False``
gives it twice, as nnlesson's total plus ``tied_params``. Skipped where transformers or torch is missing.
"""
from __future__ import annotations

import pytest

from nnlesson.zoo import CONFIGS, from_config

CLASSES = {"BERT-base": "BertModel"}
"""The class each config is built with where it is not the config's own ``architectures`` (BERT: the bare
encoder with its pooler, as its published 109,482,240 counts it)."""

PUBLISHED = {  # what transformers counts (worked out with it once and checked against the model cards)
    "GPT-2 small": 124_439_808, "BERT-base": 109_482_240, "ViT-B/16": 86_567_656, "Llama-3-8B": 8_030_261_248,
    "Mistral-7B": 7_241_732_096, "Mixtral-8x7B": 46_702_792_704, "Qwen2-0.5B": 494_032_768,
    "Qwen2-7B": 7_615_616_512,
}


def built(name: str, config: dict | None = None, **options):
    """transformers' own model for ``CONFIGS[name]`` (or ``config``), on the meta device."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    config = dict(CONFIGS[name] if config is None else config)
    kind = CLASSES.get(name, config["architectures"][0])
    with torch.device("meta"):
        return getattr(transformers, kind)(transformers.AutoConfig.for_model(**config), **options)


def unique(model) -> int:
    return sum(parameter.numel() for parameter in model.parameters())


def every(model) -> int:
    """Every parameter tensor the model names, a tied one as often as it is named."""
    return sum(parameter.numel() for _, parameter in model.named_parameters(remove_duplicate=False))


@pytest.mark.parametrize("name", PUBLISHED)
def test_transformers_builds_the_zoo_s_total(name):
    framework = built(name)
    assert unique(framework) == PUBLISHED[name] == from_config(CONFIGS[name]).count_params("pytorch")


def test_the_qwen2_totals_transformers_gives():
    """Qwen2 counted by transformers alone, while the zoo's Qwen2 waits for the output projection's option."""
    assert unique(built("Qwen2-0.5B")) == 494_032_768
    assert every(built("Qwen2-0.5B")) == 494_032_768 + 151_936 * 896 == 630_167_424  # the head counted twice
    assert unique(built("Qwen2-7B")) == 7_615_616_512


def test_gpt2_s_tied_head_is_counted_once_and_twice_alike():
    framework, summary = built("GPT-2 small"), from_config(CONFIGS["GPT-2 small"]).summary("pytorch")
    assert summary.total_params == unique(framework) == 124_439_808
    assert summary.total_params + summary.tied_params == every(framework) == 163_037_184  # + 50257*768


def test_untied_gpt2():
    config = {**CONFIGS["GPT-2 small"], "tie_word_embeddings": False}
    assert unique(built("GPT-2 small", config)) == from_config(config).count_params("pytorch") == 163_037_184


def test_bert_without_its_pooler():
    framework = built("BERT-base", add_pooling_layer=False)
    assert unique(framework) == from_config(CONFIGS["BERT-base"], pooler=False).count_params("pytorch")
    assert unique(framework) == 109_482_240 - (768 * 768 + 768) == 108_891_648


def test_mixtral_s_active_parameters_by_hand():
    """Per token a router picks 2 of the 8 experts of each of the 32 layers: the other 6 are idle.
    One expert is a SwiGLU of 3*4096*14336 weights; transformers keeps a layer's experts in one tensor."""
    framework = built("Mixtral-8x7B")
    experts = framework.model.layers[0].mlp.experts
    one_expert = sum(parameter.numel() for parameter in experts.parameters()) // 8
    assert one_expert == 3 * 4096 * 14336 == 176_160_768
    active = unique(framework) - 32 * (8 - 2) * one_expert
    assert active == 12_879_925_248 == from_config(CONFIGS["Mixtral-8x7B"]).summary("pytorch").active_params


@pytest.mark.parametrize("name", ["ViT-B/16", "Llama-3-8B"])
def test_a_smaller_variant_matches_too(name):
    """Keys the zoo reads, changed: fewer labels for ViT; fewer layers, a tied head and biases for Llama."""
    changes = {"ViT-B/16": {"num_labels": 10},
               "Llama-3-8B": {"num_hidden_layers": 2, "tie_word_embeddings": True, "attention_bias": True,
                              "mlp_bias": True}}[name]
    config = {**CONFIGS[name], **changes}
    assert unique(built(name, config)) == from_config(config).count_params("pytorch")
