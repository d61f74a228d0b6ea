"""The memory explorer: what it says for Llama-3-8B running and training, the controls it shows, its errors."""
import pytest

from nnlesson.widgets import llm_memory_explorer

from .readout import text, visible


def test_it_starts_on_llama_3_8b_running_8192_tokens_in_bfloat16():
    e = llm_memory_explorer()
    shown = text(e.readout.value)
    assert "weights 8,030,261,248 × 2 16,060,522,496 B 16.06 GB" in shown
    assert "KV cache 2 × 32 × 8 × 128 × 2 × 8,192 × 1 1,073,741,824 B 1.07 GB" in shown
    assert "total 17,134,264,320 B 17.13 GB" in shown
    assert "✔ fits on a card of 16, 24, 40, 80 GiB; ✘ not on 8 GiB" in shown
    assert "= 20,355,489,792 FLOPs per token" in shown  # 2N + 4*32*32*128*8,192
    assert e.bar.heading.get_text() == "Llama-3-8B, running 1 sequence of 8,192 tokens: 17.13 GB"
    assert visible(e) == {"model", "dtype", "tokens", "batch", "mode"}


def test_training_in_float32_shows_the_optimizer_state_apart():
    e = llm_memory_explorer(mode="train", precision="float32", recomputation="full", tokens=4096)
    shown = text(e.readout.value)
    assert "optimizer state 8,030,261,248 × (4 + 4) 64,242,089,984 B 64.24 GB" in shown
    assert "gradients 8,030,261,248 × 4 32,121,044,992 B" in shown
    activations = 32 * 2 * 4096 * 4096  # full recomputation keeps each layer's input, 2 bytes a number
    assert f"activations 32 × 2 × 4,096 × 1 × 4,096 {activations:,} B" in shown
    assert f"total {128_484_179_968 + activations:,} B" in shown
    assert "Adam's optimizer state is 50% of weights, gradients and state together" in shown
    assert "✘ fits on none of these cards: at least 2 cards of 80 GiB" in shown
    assert visible(e) == {"model", "tokens", "batch", "mode", "precision", "recomputation"}
    assert e.bar.bars["optimizer state"].get_width() == pytest.approx(64.242089984)
    assert e.bar.bars["KV cache"].get_width() == 0


def test_a_mixture_of_experts_stores_every_expert_and_computes_with_the_active_ones():
    e = llm_memory_explorer(model="Mixtral-8x7B", tokens=1024)
    shown = text(e.readout.value)
    assert "weights 46,702,792,704 × 2 93,405,585,408 B" in shown
    assert "(12,879,925,248 of 46,702,792,704 parameters are active per token)" in shown
    assert f"= {2 * 12_879_925_248 + 4 * 32 * 32 * 128 * 1024:,} FLOPs per token" in shown


def test_int4_weights_keep_a_16_bit_cache_and_the_controls_move_the_bar():
    e = llm_memory_explorer()
    e.controls["dtype"].value = "int4"
    e.controls["batch"].value = 4
    assert "weights 8,030,261,248 / 2 + 2 × 62,736,416 4,140,603,456 B" in text(e.readout.value)
    assert e.result.term("KV cache").value == 4 * 1_073_741_824
    assert "int weights keep a 16-bit cache" in text(e.readout.value)
    assert e.bar.bars["KV cache"].get_x() == pytest.approx(4.140603456)
    e.controls["mode"].value = "train"
    assert visible(e) == {"model", "tokens", "batch", "mode", "precision", "recomputation"}


def test_a_context_longer_than_the_model_reads_is_refused_in_the_learners_words():
    e = llm_memory_explorer()
    e.controls["model"].value = "GPT-2 small"
    assert e.error == "GPT-2 small reads at most 1,024 tokens at once: choose a context of 1,024 tokens or fewer."
    assert e.message.layout.display != "none"
    e.controls["tokens"].value = 1024
    assert e.error is None and e.result.name == "GPT-2 small"


def test_a_starting_value_it_cannot_take_is_refused():
    with pytest.raises(ValueError, match=r"^llm_memory_explorer\(dtype='int2'\): dtype must be one of 'float32'"):
        llm_memory_explorer(dtype="int2")
    with pytest.raises(ValueError, match=r"^llm_memory_explorer\(model='llama'\): model must be one of"):
        llm_memory_explorer(model="llama")


def test_your_own_config_joins_the_menu():
    import nnlesson.zoo

    config = dict(nnlesson.zoo.CONFIGS["Llama-3-8B"], num_hidden_layers=16)  # half the layers
    e = llm_memory_explorer(config=config)
    assert e.controls["model"].value == "your config" and e.result.name == "your config"
    assert e.result.term("KV cache").value == 1_073_741_824 // 2
    assert e.result.params == 8_030_261_248 - 16 * 218_112_000  # 218,112,000 parameters a layer
