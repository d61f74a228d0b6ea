"""Famous transformers built from their configs: the published totals, exactly, and the parts by hand."""

import pytest

from nnlesson.layers import Input, Model
from nnlesson.zoo import CONFIGS, PUBLISHED_TRANSFORMERS, architecture, from_config
from nnlesson.zoo.gpt2 import gpt2_block

PUBLISHED_TOTALS = {
    "GPT-2 small": 124_439_808, "BERT-base": 109_482_240, "ViT-B/16": 86_567_656, "Llama-3-8B": 8_030_261_248,
    "Mistral-7B": 7_241_732_096, "Mixtral-8x7B": 46_702_792_704, "Qwen2-0.5B": 494_032_768,
    "Qwen2-7B": 7_615_616_512,
}


@pytest.mark.parametrize("preset", PUBLISHED_TOTALS)
@pytest.mark.parametrize("convention", ["keras", "pytorch"])
def test_every_preset_matches_its_published_total(preset, convention):
    assert from_config(CONFIGS[preset]).count_params(convention) == PUBLISHED_TOTALS[preset]


def test_gpt2_block_by_hand():
    d = 768
    x = Input((1024, d))
    block = Model(x, gpt2_block(x, architecture(CONFIGS["GPT-2 small"]), "h.0"))
    assert block.count_params() == 12 * d * d + 13 * d == 7_087_872
    rows = {row.name: row.params for row in block.summary().rows}
    assert rows["h.0.attn"] == 4 * d * d + 4 * d            # c_attn (d x 3d + 3d) and c_proj (d x d + d)
    assert rows["h.0.mlp.c_fc"] + rows["h.0.mlp.c_proj"] == 8 * d * d + 5 * d
    assert rows["h.0.ln_1"] == rows["h.0.ln_2"] == 2 * d


def test_gpt2_small_tied_embedding():
    summary = from_config(CONFIGS["GPT-2 small"]).summary()
    assert summary.total_params == 124_439_808
    assert summary.tied_params == 50257 * 768 == 38_597_376
    assert summary.total_params + summary.tied_params == 163_037_184
    assert summary.output_shape == (1024, 50257)
    untied = from_config({**CONFIGS["GPT-2 small"], "tie_word_embeddings": False}).summary()
    assert (untied.total_params, untied.tied_params) == (163_037_184, 0)


def test_gpt2_parts():
    rows = {row.name: row.params for row in from_config(CONFIGS["GPT-2 small"]).summary().rows}
    assert rows["wte"] == 50257 * 768 and rows["wpe"] == 1024 * 768 and rows["ln_f"] == 2 * 768
    assert sum(params for name, params in rows.items() if name.startswith("h.0.")) == 7_087_872


def test_bert_base_with_and_without_pooler():
    assert from_config(CONFIGS["BERT-base"]).count_params() == 109_482_240
    assert from_config(CONFIGS["BERT-base"], pooler=False).count_params() == 108_891_648
    assert 109_482_240 - 108_891_648 == 768 * 768 + 768                # the pooler's Dense(768, tanh)
    summary = from_config(CONFIGS["BERT-base"]).summary()
    assert summary.output_shapes == ((512, 768), (768,))
    rows = {row.name: row.params for row in summary.rows}
    embeddings = 30522 * 768 + 512 * 768 + 2 * 768 + 2 * 768          # words, positions, types, LayerNorm
    assert sum(params for name, params in rows.items() if name.startswith("embeddings.")) == embeddings


def test_vit_b16_classifies_the_cls_token():
    summary = from_config(CONFIGS["ViT-B/16"]).summary()
    assert summary.total_params == 86_567_656
    rows = {row.name: row for row in summary.rows}
    assert rows["embeddings.patch_embeddings.projection"].params == 16 * 16 * 3 * 768 + 768
    assert rows["embeddings.cls_token"].output_shape == (197, 768)
    assert rows["embeddings.position_embeddings"].params == 197 * 768
    assert rows["classifier"].params == 768 * 1000 + 1000
    assert summary.output_shape == (1000,)
    ten = from_config({**CONFIGS["ViT-B/16"], "num_labels": 10})
    assert ten.count_params() == 86_567_656 - 990 * 769


def test_llama3_8b_layer_by_hand():
    summary = from_config(CONFIGS["Llama-3-8B"]).summary()
    assert summary.total_params == 8_030_261_248 == summary.active_params
    rows = {row.name: row.params for row in summary.rows}
    d, f, kv = 4096, 14336, 8 * 128
    assert rows["layers.0.self_attn"] == 2 * d * d + 2 * d * kv == 41_943_040
    assert rows["layers.0.mlp.gate_proj"] + rows["layers.0.mlp.up_proj"] + rows["layers.0.mlp.down_proj"] == 3 * d * f
    assert rows["layers.0.input_layernorm"] == d                         # RMSNorm: a scale, no shift
    assert rows["embed_tokens"] == 128256 * d
    assert summary.tied_params == 0


def test_mixtral_total_and_active():
    summary = from_config(CONFIGS["Mixtral-8x7B"]).summary()
    assert summary.total_params == 46_702_792_704
    assert summary.active_params == 12_879_925_248
    expert = 3 * 4096 * 14336
    assert summary.total_params - summary.active_params == 32 * 6 * expert   # 6 of 8 experts idle per token


def test_qwen2_biases_on_q_k_v_only():
    d, kv = 896, 2 * 64
    summary = from_config(CONFIGS["Qwen2-0.5B"]).summary()
    rows = {row.name: row.params for row in summary.rows}
    assert rows["layers.0.self_attn"] == (d + 1) * d + 2 * (d + 1) * kv + d * d
    assert summary.tied_params == 151936 * d
    assert summary.total_params == 494_032_768


def test_keys_change_the_counts():
    llama = CONFIGS["Llama-3-8B"]
    biased = from_config({**llama, "attention_bias": True, "mlp_bias": True}).count_params()
    assert biased - 8_030_261_248 == 32 * ((4096 + 2 * 1024 + 4096) + (2 * 14336 + 4096))
    tied = from_config({**llama, "tie_word_embeddings": True}).count_params()
    assert 8_030_261_248 - tied == 128256 * 4096
    small = {"model_type": "gpt2", "vocab_size": 100, "n_embd": 16, "n_layer": 2, "n_head": 4, "n_positions": 8}
    assert from_config(small).count_params() == 100 * 16 + 8 * 16 + 2 * (12 * 16 * 16 + 13 * 16) + 2 * 16


def test_sequence_length_changes_shapes_not_parameters():
    short = from_config(CONFIGS["GPT-2 small"], sequence_length=8)
    assert short.output_shape == (8, 50257) and short.count_params() == 124_439_808
    with pytest.raises(ValueError, match=r"from_config\(sequence_length=2048\): this gpt2 model learned 1,024 "
                                         r"positions"):
        from_config(CONFIGS["GPT-2 small"], sequence_length=2048)
    with pytest.raises(ValueError, match=r"a vit model reads an image"):
        from_config(CONFIGS["ViT-B/16"], sequence_length=8)
    with pytest.raises(ValueError, match=r"from_config\(pooler=False\): only a bert model has a pooler"):
        from_config(CONFIGS["Llama-3-8B"], pooler=False)


def test_from_config_errors_name_from_config():
    with pytest.raises(ValueError, match=r"^from_config: model_type 't5' is not one the zoo builds"):
        from_config({"model_type": "t5"})


@pytest.mark.parametrize("entry", PUBLISHED_TRANSFORMERS, ids=lambda entry: entry.name)
def test_every_published_transformer(entry):
    summary = entry.build().summary(entry.convention)
    assert summary.total_params == entry.params
    assert summary.active_params == (entry.active or entry.params)
    assert summary.total_params + summary.tied_params == (entry.untied or entry.params)
