"""Lesson 07 checks: the right count passes, each typical slip gets its own hint, and no hint holds the answer."""
import pytest

from nnlesson import checks


def assert_hint(feedback, words, truth):
    assert feedback.correct is False and words in feedback.message
    assert f"{truth:,}" not in feedback.message and str(truth) not in feedback.message


def test_concat_channels():
    ok = checks.concat_channels(512)  # GoogLeNet's (4b): 160 + 224 + 64 + 64
    assert ok.correct is True and "160 + 224 + 64 + 64 = 512 channels" in ok.message
    assert checks.concat_channels(256, branches=(64, 128, 32, 32), channels=192, size=28).correct is True
    assert_hint(checks.concat_channels(224), "not only the widest", 512)
    assert_hint(checks.concat_channels(4), "Each branch brings many channels", 512)
    assert_hint(checks.concat_channels(1024), "not passed through", 512)
    hint = checks.concat_channels(192, branches=(64, 128, 32, 32), channels=192)
    assert_hint(hint, "The module's input is not what comes out", 256)
    assert checks.concat_channels(...).correct is None


@pytest.mark.parametrize("answer, words", [(384, "input is concatenated too"), (160, "Every one of the layers"),
                                           (32, "k is what one layer adds"), (1536, "whatever it sees"),
                                           (128 + 12 * 30, "Start from the input's channels")])
def test_dense_block_channels(answer, words):
    assert checks.dense_block_channels(512).correct is True  # DenseNet-121's second block: 128 + 12·32
    assert_hint(checks.dense_block_channels(answer), words, 512)


@pytest.mark.parametrize("answer, words", [(8_192, "Both 1×1 convolutions have a bias"),
                                           (4_112, "squeeze to C/r only"), (4_352, "expansion only"),
                                           (131_584, "never holds a C × C map"), (8_976, "no parameters"),
                                           (8_000, "Two 1×1 convolutions")])
def test_se_params(answer, words):
    ok = checks.se_params(8_464)  # (256 + 1)·16 + (16 + 1)·256
    assert ok.correct is True and "(256 + 1)·16 + (16 + 1)·256 = 8,464" in ok.message
    assert_hint(checks.se_params(answer), words, 8_464)


def test_shared_params():
    ok = checks.shared_params(6_464)
    assert ok.correct is True and "(100 + 1)·64 = 6,464, once" in ok.message
    assert_hint(checks.shared_params(12_928), "count it once", 6_464)
    assert_hint(checks.shared_params(6_400), "also has a bias", 6_464)
    assert checks.shared_params(6464.0).correct is True
    assert checks.shared_params("6464").correct is False
