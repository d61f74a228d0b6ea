"""Lesson 08 checks: the right count passes, each typical slip gets its own hint, and no hint holds the answer."""
import numpy as np
import pytest

from nnlesson import checks


def assert_hint(feedback, words, truth):
    assert feedback.correct is False and words in feedback.message, feedback.message
    assert f"{truth:,}" not in feedback.message and str(truth) not in feedback.message


@pytest.mark.parametrize("answer, words", [
    (163_037_184, "count those weights once"), (85_054_464, "the blocks alone"),
    (124_439_808 - 786_432, "one vector for each position"), (124_439_808 - 1_536, "one more LayerNorm"),
    (124_439_808 - 38_597_376, "counted once, not zero times"), (124_439_808 - 12 * 13 * 768, "13d per block"),
    (117_000_000, "Add the token and position embeddings")])
def test_gpt2_params(answer, words):
    ok = checks.gpt2_params(124_439_808)
    assert ok.correct is True
    assert "124,439,808: 50,257·768 + 1,024·768 + 12·(12·768² + 13·768) + 2·768" in ok.message
    assert checks.gpt2_params(np.int64(124_439_808)).correct is True
    assert_hint(checks.gpt2_params(answer), words, 124_439_808)


@pytest.mark.parametrize("answer, words", [(24_832, "Keras's total"), (25_088, "PyTorch's total"),
                                           (64, "four gates"), (512, "one vector, not both"),
                                           (0, "different numbers of bias vectors"), (-256, "the larger one"),
                                           (100, "count the bias vectors each framework keeps")])
def test_lstm_difference(answer, words):
    ok = checks.lstm_difference(256)
    assert ok.correct is True and "25,088 − 24,832 = 256" in ok.message
    assert checks.lstm_difference(2 * 4 * 10 - 4 * 10, features=5, units=10).correct is True
    assert_hint(checks.lstm_difference(answer), words, 256)


@pytest.mark.parametrize("answer, words", [
    (1.0, "That is in GiB"), (4.29, "the 32 query heads"), (0.537, "a key and a value"),
    (1_073_741_824, "That is in bytes"), (0.000131072, "one token's cache"), (0.0336, "Every layer"),
    (2.15, "bfloat16 takes 2, float32 4"), (3.3, "2 (key and value) × layers")])
def test_kv_cache_gb(answer, words):
    for right in (1.07, 1.074, 1.073741824):
        ok = checks.kv_cache_gb(right)
        assert ok.correct is True, right
    assert ("2 × 32 × 8 × 128 × 2 = 131,072 bytes per token, × 8,192 tokens × 1 = 1,073,741,824 bytes = 1.07 GB "
            "(1 GiB)") in checks.kv_cache_gb(1.07).message
    feedback = checks.kv_cache_gb(answer)
    assert feedback.correct is False and words in feedback.message, feedback.message
    assert "1.07" not in feedback.message
    assert checks.kv_cache_gb(2.15, tokens=16384).correct is True  # twice the tokens, twice the cache


@pytest.mark.parametrize("answer, words", [
    (46_702_792_704, "2 of the 8 experts"), (46_702_792_704 // 4, "Only the experts are chosen"),
    (32 * 2 * 3 * 4096 * 14336, "the chosen experts only"), (12_879_925_248 - 32 * 4096 * 8, "The router runs"),
    (56 * 10**9, "'8x7B' is a name"), (13 * 10**9, "Count what every token uses")])
def test_mixtral_active(answer, words):
    ok = checks.mixtral_active(12_879_925_248)
    assert ok.correct is True and "12,879,925,248 of 46,702,792,704" in ok.message and "(28% of the weights)" in ok.message
    assert_hint(checks.mixtral_active(answer), words, 12_879_925_248)


def test_a_model_outside_the_zoo_is_refused_by_name():
    with pytest.raises(ValueError, match=r"kv_cache_gb\(model='GPT-5'\).*model must be one of"):
        checks.kv_cache_gb(1.0, model="GPT-5")


@pytest.mark.parametrize("answer, words", [
    (32.1, "the weights alone"), (64.2, "Adam's optimizer state is missing"), (96.4, "a gradient for every weight"),
    (119.66, "That is in GiB"), (128_484_179_968, "That is in bytes"), (8.03, "in billions"),
    (140, "Per parameter: the weight, its gradient and Adam's two averages")])
def test_adam_training_gb(answer, words):
    ok = checks.adam_training_gb(128.5)  # Llama-3-8B in float32: 16 bytes per parameter
    assert ok.correct is True and ("8,030,261,248 parameters × 16 bytes (4 for the weight, 4 for its gradient, 8 for "
                                   "the momentum and variance) = 128,484,179,968 bytes = 128.5 GB") in ok.message
    assert checks.adam_training_gb(144.5, precision="mixed-fp32-grads").correct is True  # 18 bytes
    assert "12 for the float32 master weights" in checks.adam_training_gb(128.48, precision="mixed").message
    feedback = checks.adam_training_gb(answer)
    assert feedback.correct is False and words in feedback.message, feedback.message
    assert "128" not in feedback.message
