"""Famous transformers' Hugging Face ``config.json`` files, as published on the Hub, for ``from_config``.

Each entry keeps the keys that change a parameter count, plus ``model_type``, ``architectures`` and a few
identifying ones (such as ``torch_dtype`` and ``max_position_embeddings``); dropout rates, token ids,
initialiser ranges and RoPE settings are left out, since no count depends on them. The sources, by Hub
repository: openai-community/gpt2, google-bert/bert-base-uncased, google/vit-base-patch16-224,
meta-llama/Meta-Llama-3-8B, mistralai/Mistral-7B-v0.1, mistralai/Mixtral-8x7B-v0.1, Qwen/Qwen2-0.5B and
Qwen/Qwen2-7B. ViT's published file lists its 1,000 ImageNet class names in ``id2label``, of which only the
number matters here, so the entry writes ``num_labels`` instead. A key a file leaves out takes its
family's default in ``transformers`` (GPT-2: ``n_inner`` None, that is 4 x ``n_embd``, and tied embeddings).
"""
from __future__ import annotations

from typing import Any

CONFIGS: dict[str, dict[str, Any]] = {
    "GPT-2 small": {
        "model_type": "gpt2", "architectures": ["GPT2LMHeadModel"],
        "vocab_size": 50257, "n_positions": 1024, "n_ctx": 1024, "n_embd": 768, "n_layer": 12, "n_head": 12,
        "activation_function": "gelu_new", "layer_norm_epsilon": 1e-05,
    },
    "BERT-base": {
        "model_type": "bert", "architectures": ["BertForMaskedLM"],
        "vocab_size": 30522, "hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12,
        "intermediate_size": 3072, "hidden_act": "gelu", "max_position_embeddings": 512, "type_vocab_size": 2,
        "layer_norm_eps": 1e-12,
    },
    "ViT-B/16": {
        "model_type": "vit", "architectures": ["ViTForImageClassification"],
        "image_size": 224, "patch_size": 16, "num_channels": 3, "hidden_size": 768, "num_hidden_layers": 12,
        "num_attention_heads": 12, "intermediate_size": 3072, "hidden_act": "gelu", "qkv_bias": True,
        "layer_norm_eps": 1e-12, "num_labels": 1000,
    },
    "Llama-3-8B": {
        "model_type": "llama", "architectures": ["LlamaForCausalLM"],
        "vocab_size": 128256, "hidden_size": 4096, "intermediate_size": 14336, "num_hidden_layers": 32,
        "num_attention_heads": 32, "num_key_value_heads": 8, "max_position_embeddings": 8192,
        "hidden_act": "silu", "attention_bias": False, "rms_norm_eps": 1e-05, "rope_theta": 500000.0,
        "tie_word_embeddings": False, "torch_dtype": "bfloat16",
    },
    "Mistral-7B": {
        "model_type": "mistral", "architectures": ["MistralForCausalLM"],
        "vocab_size": 32000, "hidden_size": 4096, "intermediate_size": 14336, "num_hidden_layers": 32,
        "num_attention_heads": 32, "num_key_value_heads": 8, "max_position_embeddings": 32768,
        "hidden_act": "silu", "sliding_window": 4096, "rms_norm_eps": 1e-05, "tie_word_embeddings": False,
        "torch_dtype": "bfloat16",
    },
    "Mixtral-8x7B": {
        "model_type": "mixtral", "architectures": ["MixtralForCausalLM"],
        "vocab_size": 32000, "hidden_size": 4096, "intermediate_size": 14336, "num_hidden_layers": 32,
        "num_attention_heads": 32, "num_key_value_heads": 8, "num_local_experts": 8, "num_experts_per_tok": 2,
        "max_position_embeddings": 32768, "hidden_act": "silu", "rms_norm_eps": 1e-05,
        "tie_word_embeddings": False, "torch_dtype": "bfloat16",
    },
    "Qwen2-0.5B": {
        "model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"],
        "vocab_size": 151936, "hidden_size": 896, "intermediate_size": 4864, "num_hidden_layers": 24,
        "num_attention_heads": 14, "num_key_value_heads": 2, "max_position_embeddings": 131072,
        "hidden_act": "silu", "rms_norm_eps": 1e-06, "tie_word_embeddings": True, "torch_dtype": "bfloat16",
    },
    "Qwen2-7B": {
        "model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"],
        "vocab_size": 152064, "hidden_size": 3584, "intermediate_size": 18944, "num_hidden_layers": 28,
        "num_attention_heads": 28, "num_key_value_heads": 4, "max_position_embeddings": 131072,
        "hidden_act": "silu", "rms_norm_eps": 1e-06, "tie_word_embeddings": False, "torch_dtype": "bfloat16",
    },
}
"""Each model's ``config.json`` (the keys that matter), by the name the lessons call it."""
