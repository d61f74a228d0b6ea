"""Reading Hugging Face configs: every key that changes a count, its aliases and defaults, and the errors."""
import json

import pytest

from nnlesson.zoo import CONFIGS, Architecture, architecture, from_config


def test_llama3_8b_architecture():
    assert architecture(CONFIGS["Llama-3-8B"], name="Llama-3-8B") == Architecture(
        name="Llama-3-8B", model_type="llama", vocab_size=128_256, hidden_size=4096, num_layers=32, num_heads=32,
        num_kv_heads=8, head_dim=128, intermediate_size=14_336, max_positions=8192, tied_embeddings=False)


def test_gpt2_defaults_and_aliases():
    arch = architecture(CONFIGS["GPT-2 small"])
    assert (arch.name, arch.hidden_size, arch.num_layers, arch.num_heads, arch.head_dim) == ("gpt2", 768, 12, 12, 64)
    assert arch.intermediate_size == 4 * 768          # n_inner absent: 4 x n_embd
    assert arch.tied_embeddings is True                # GPT-2's default
    assert arch.max_positions == 1024
    assert (arch.qkv_bias, arch.output_bias, arch.mlp_bias) == (True, True, True)
    same = architecture({"model_type": "gpt2", "vocab_size": 50257, "hidden_size": 768, "num_hidden_layers": 12,
                         "num_attention_heads": 12, "max_position_embeddings": 1024, "n_inner": None})
    assert same == arch
    assert architecture({**CONFIGS["GPT-2 small"], "n_inner": 1000}).intermediate_size == 1000


def test_family_defaults_for_absent_keys():
    llama = {key: value for key, value in CONFIGS["Llama-3-8B"].items()
             if key not in ("num_key_value_heads", "tie_word_embeddings", "attention_bias")}
    arch = architecture(llama)
    assert (arch.num_kv_heads, arch.tied_embeddings, arch.qkv_bias, arch.output_bias) == (32, False, False, False)
    assert architecture({**llama, "head_dim": 64}).head_dim == 64
    assert architecture({**llama, "attention_bias": True, "mlp_bias": True}).output_bias is True
    bert = {key: value for key, value in CONFIGS["BERT-base"].items() if key != "type_vocab_size"}
    assert architecture(bert).type_vocab_size == 2


def test_qwen2_biases_and_mixtral_experts():
    qwen = architecture(CONFIGS["Qwen2-0.5B"])
    assert (qwen.qkv_bias, qwen.output_bias, qwen.mlp_bias, qwen.tied_embeddings) == (True, False, False, True)
    assert (qwen.num_heads, qwen.num_kv_heads, qwen.head_dim) == (14, 2, 64)
    mistral = architecture({**CONFIGS["Mistral-7B"], "attention_bias": True})
    assert mistral.qkv_bias is False                   # Mistral has no such key: transformers ignores it
    mixtral = architecture(CONFIGS["Mixtral-8x7B"])
    assert (mixtral.experts, mixtral.experts_per_token) == (8, 2)
    assert architecture(CONFIGS["Mistral-7B"]).experts == 1


def test_vit_image_and_labels():
    arch = architecture(CONFIGS["ViT-B/16"])
    assert (arch.image_size, arch.patch_size, arch.num_channels, arch.num_labels) == (224, 16, 3, 1000)
    assert arch.max_positions == 14 * 14 + 1 and arch.vocab_size == 0
    two = {key: value for key, value in CONFIGS["ViT-B/16"].items() if key != "num_labels"}
    assert architecture(two).num_labels == 2            # transformers' default
    assert architecture({**two, "id2label": {"0": "cat", "1": "dog", "2": "bird"}}).num_labels == 3


def test_a_path_to_a_config_file_or_its_folder(tmp_path):
    path = tmp_path / "config.json"
    path.write_text(json.dumps(CONFIGS["Mistral-7B"]))
    assert architecture(path) == architecture(str(path)) == architecture(tmp_path) == architecture(
        CONFIGS["Mistral-7B"])
    assert (architecture(path).name, architecture(path).vocab_size) == ("mistral", 32_000)


def test_unknown_model_type_lists_the_known_ones():
    with pytest.raises(ValueError, match=r"model_type 't5' is not one the zoo builds; the known ones are 'gpt2', "
                                         r"'bert', 'vit', 'llama', 'mistral', 'mixtral', 'qwen2'"):
        architecture({"model_type": "t5"})
    with pytest.raises(ValueError, match=r"the config has no 'model_type'"):
        architecture({"hidden_size": 8})


def test_missing_key_names_it_and_the_model_type():
    llama = {key: value for key, value in CONFIGS["Llama-3-8B"].items() if key != "hidden_size"}
    with pytest.raises(ValueError, match=r"^architecture: the llama config has no 'hidden_size'; a llama "
                                         r"config.json needs it"):
        architecture(llama)
    gpt2 = {key: value for key, value in CONFIGS["GPT-2 small"].items() if key != "n_embd"}
    with pytest.raises(ValueError, match=r"the gpt2 config has no 'n_embd' \(or 'hidden_size'\)"):
        architecture(gpt2)
    mixtral = {key: value for key, value in CONFIGS["Mixtral-8x7B"].items() if key != "num_local_experts"}
    with pytest.raises(ValueError, match=r"the mixtral config has no 'num_local_experts'"):
        architecture(mixtral)


def test_bad_values_name_the_key_and_the_rule():
    with pytest.raises(ValueError, match=r"architecture\(config\['n_head'\]=0\): config\['n_head'\] must be a "
                                         r"positive integer"):
        architecture({**CONFIGS["GPT-2 small"], "n_head": 0})
    with pytest.raises(TypeError, match=r"config\['tie_word_embeddings'\] must be True or False, not str"):
        architecture({**CONFIGS["Llama-3-8B"], "tie_word_embeddings": "yes"})
    with pytest.raises(ValueError, match=r"the gpt2 config's n_embd \(768\) must be a multiple of its n_head \(7\)"):
        architecture({**CONFIGS["GPT-2 small"], "n_head": 7})
    with pytest.raises(ValueError, match=r"num_attention_heads \(32\) must be a multiple of its "
                                         r"num_key_value_heads \(5\)"):
        architecture({**CONFIGS["Llama-3-8B"], "num_key_value_heads": 5})
    with pytest.raises(ValueError, match=r"num_experts_per_tok \(9\) cannot be more than its num_local_experts \(8\)"):
        architecture({**CONFIGS["Mixtral-8x7B"], "num_experts_per_tok": 9})


def test_bad_config_argument(tmp_path):
    with pytest.raises(TypeError, match=r"architecture\(config=...\): config must be a dict or the path to a "
                                        r"config.json, not list"):
        architecture([1, 2])
    with pytest.raises(ValueError, match=r"there is no file"):
        architecture(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(ValueError, match=r"the file is not valid JSON"):
        architecture(broken)


@pytest.mark.parametrize("model_type, positions", [("llama", 2048), ("mistral", 131072), ("qwen2", 32768)])
def test_a_rotary_model_without_max_position_embeddings_takes_its_family_default(model_type, positions):
    config = {"model_type": model_type, "vocab_size": 100, "hidden_size": 64, "intermediate_size": 128,
              "num_hidden_layers": 2, "num_attention_heads": 4}
    assert architecture(config).max_positions == positions
    with_length = from_config({**config, "max_position_embeddings": 16}).count_params()
    assert from_config(config).count_params() == with_length  # rotary positions have no parameters
