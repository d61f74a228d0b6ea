"""The memory of running and training a language model: exact bytes for Llama-3-8B, worked out by hand here."""
import pytest

from nnlesson.counting.llm_memory import (GPUS, activation_bytes, cards_that_fit, flops_per_token, kv_cache,
                                          kv_cache_bytes, lora_params, memory_report, training_state, weight_bytes)
from nnlesson.zoo.architecture import Architecture

N = 8_030_261_248
"""Llama-3-8B's parameters."""
LLAMA = Architecture("Llama-3-8B", "llama", vocab_size=128256, hidden_size=4096, num_layers=32, num_heads=32,
                     num_kv_heads=8, head_dim=128, intermediate_size=14336, max_positions=8192, tied_embeddings=False)
GPT2 = Architecture("GPT-2 small", "gpt2", vocab_size=50257, hidden_size=768, num_layers=12, num_heads=12,
                    num_kv_heads=12, head_dim=64, intermediate_size=3072, max_positions=1024, tied_embeddings=True)


def evaluated(term) -> float:
    """The term's arithmetic as Python evaluates it: the text shown must make the number."""
    return eval(term.arithmetic.replace("×", "*").replace(",", ""))  # noqa: S307 -- our own digits and signs


@pytest.mark.parametrize("dtype, expected", [("float32", 32_121_044_992), ("bfloat16", 16_060_522_496),
                                             ("float16", 16_060_522_496), ("int8", 8_030_261_248)])
def test_weights_take_their_formats_bytes(dtype, expected):
    term = weight_bytes(N, dtype)
    assert term.value == expected and evaluated(term) == expected


def test_int4_weights_pack_two_a_byte_plus_a_16_bit_scale_per_group_of_128():
    term = weight_bytes(N, "int4")
    assert term.value == 4_015_130_624 + 2 * 62_736_416 == 4_140_603_456
    assert term.arithmetic == "8,030,261,248 / 2 + 2 × 62,736,416"
    assert weight_bytes(N, "int4", group_size=64).value == 4_015_130_624 + 2 * 125_472_832
    assert weight_bytes(257, "int4").value == 129 + 2 * 3  # an odd count needs half a byte more; 3 groups, the last part full
    assert evaluated(weight_bytes(257, "int4")) == 129 + 6


def test_the_kv_cache_counts_key_value_heads_not_query_heads():
    assert kv_cache_bytes(LLAMA, 1) == 2 * 32 * 8 * 128 * 2 == 131_072
    term = kv_cache(LLAMA, 8192)
    assert term.value == 1_073_741_824 and evaluated(term) == 1_073_741_824
    assert term.arithmetic == "2 × 32 × 8 × 128 × 2 × 8,192 × 1"
    assert kv_cache_bytes(LLAMA, 8192, batch=4, dtype="float32") == 8 * 1_073_741_824
    slip = 2 * 32 * 32 * 128 * 2 * 8192  # num_heads for num_kv_heads: the classic slip
    assert slip == 4 * term.value


def test_training_with_adam_in_float32_takes_16_bytes_a_parameter():
    weights, gradients, state = training_state(N, "float32")
    assert (weights.value, gradients.value, state.value) == (4 * N, 4 * N, 8 * N)
    assert weights.value + gradients.value + state.value == 128_484_179_968
    assert state.arithmetic == "8,030,261,248 × (4 + 4)" and "momentum and variance" in state.legend


def test_mixed_precision_takes_16_bytes_or_18_with_float32_gradients():
    weights, gradients, state = training_state(N, "mixed")
    assert (weights.value, gradients.value, state.value) == (2 * N, 2 * N, 12 * N)
    assert "float32 master weights, momentum and variance" in state.legend
    assert sum(t.value for t in training_state(N, "mixed-fp32-grads")) == 18 * N == 144_544_702_464
    assert training_state(N, "mixed-fp32-grads")[1].value == 4 * N


def test_activations_follow_korthikanti_et_al():
    s, b, h, a, layers = 2048, 2, 768, 12, 12  # GPT-2 small, two sequences of 2,048 tokens
    none = layers * (s * b * h * 34 + 5 * a * s * s * b)  # s*b*h*(34 + 5*a*s/h) per layer
    assert none == 7_323_254_784
    term = activation_bytes(GPT2, s, b, "none")
    assert term.value == none and evaluated(term) == none
    assert activation_bytes(GPT2, s, b, "selective").value == layers * 34 * s * b * h == 1_283_457_024
    assert activation_bytes(GPT2, s, b, "full").value == layers * 2 * s * b * h == 75_497_472
    assert activation_bytes(LLAMA, 8192).value == 32 * (34 * 8192 * 4096 + 5 * 32 * 8192**2) == 380_104_605_696


def test_flops_per_token_are_2n_to_run_and_6n_to_train_plus_attention():
    assert flops_per_token(LLAMA, N, 1, "run").value == 2 * N + 4 * 32 * 32 * 128
    assert flops_per_token(LLAMA, N, 1, "train").value == 6 * N + 12 * 32 * 32 * 128
    run = flops_per_token(LLAMA, N, 8192, "run")
    assert run.value == 16_060_522_496 + 4_294_967_296 and evaluated(run) == run.value
    mixtral_active = 12_879_925_248  # a mixture of experts computes with its active parameters
    assert flops_per_token(LLAMA, mixtral_active, 1, "train").value == 6 * mixtral_active + 12 * 32 * 32 * 128


def test_lora_adds_r_times_d_in_plus_d_out_per_adapted_matrix():
    assert lora_params(8, 4096, 4096) == 65_536
    query = lora_params(16, 4096, 4096, matrices=32)  # Llama-3-8B, rank 16 on the query and value projections
    value = lora_params(16, 4096, 1024, matrices=32)
    assert query + value == 6_815_744


def test_a_report_runs_with_weights_and_cache_and_trains_with_everything_else():
    run = memory_report(LLAMA, N, dtype="bfloat16", tokens=8192)
    assert [t.name for t in run.terms] == ["weights", "KV cache"]
    assert run.total == 16_060_522_496 + 1_073_741_824
    assert run.flops.value == 2 * N + 4 * 32 * 32 * 128 * 8192
    train = memory_report(LLAMA, N, tokens=8192, mode="train", precision="float32", recomputation="full")
    assert [t.name for t in train.terms] == ["weights", "gradients", "optimizer state", "activations"]
    assert train.total == 128_484_179_968 + 32 * 2 * 8192 * 4096
    assert train.term("KV cache") is None and train.term("optimizer state").value == 8 * N


def test_quantized_weights_keep_a_16_bit_cache():
    report = memory_report(LLAMA, N, dtype="int4", tokens=8192)
    assert report.term("KV cache").value == 1_073_741_824


def test_cards_are_quoted_in_gib():
    assert [gpu.gib for gpu in GPUS] == [8, 16, 24, 40, 80]
    assert GPUS[-1].bytes == 85_899_345_920
    # Llama-3-8B in bfloat16 with 8,192 tokens cached: 17.13 GB, just under a 16 GiB card's 17.18 GB
    assert [gpu.gib for gpu in cards_that_fit(16_060_522_496 + 1_073_741_824)] == [16, 24, 40, 80]
    assert [gpu.gib for gpu in cards_that_fit(17_179_869_185)] == [24, 40, 80]
    assert [gpu.gib for gpu in cards_that_fit(17_179_869_184)] == [16, 24, 40, 80]  # exactly 16 GiB fits


@pytest.mark.parametrize("call, message", [
    (lambda: weight_bytes(N, "int2"), "weight_bytes(dtype='int2'): dtype must be one of 'float32', "),
    (lambda: memory_report(LLAMA, N, tokens=9000), "memory_report(tokens=9000): Llama-3-8B takes at most 8,192"),
    (lambda: memory_report(LLAMA, N, mode="infer"), "memory_report(mode='infer'): mode must be one of 'run', 'train'"),
    (lambda: training_state(N, "fp16"), "training_state(precision='fp16'): precision must be one of 'float32'"),
    (lambda: activation_bytes(LLAMA, 0), "activation_bytes(tokens=0): tokens must be a positive integer"),
    (lambda: lora_params(0, 10, 10), "lora_params(rank=0): rank must be a positive integer"),
])
def test_bad_input_names_the_function_the_argument_and_the_rule(call, message):
    with pytest.raises(ValueError) as caught:
        call()
    assert str(caught.value).startswith(message)


def test_the_presets_are_the_zoos_decoders_with_their_counts():
    from nnlesson.counting.llm_memory import preset_models

    models = preset_models()
    assert list(models) == ["GPT-2 small", "Llama-3-8B", "Mistral-7B", "Mixtral-8x7B", "Qwen2-0.5B", "Qwen2-7B"]
    assert models["Llama-3-8B"].arch.num_kv_heads == 8 and models["Llama-3-8B"].params == N
    mixtral = models["Mixtral-8x7B"]
    assert (mixtral.params, mixtral.active_params, mixtral.arch.experts) == (46_702_792_704, 12_879_925_248, 8)
    assert preset_models() is models  # counted once
