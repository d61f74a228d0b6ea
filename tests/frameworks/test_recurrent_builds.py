"""SimpleRNN, LSTM and GRU counted by nnlesson in each convention and built by Keras and by PyTorch.

Keras keeps one bias vector per gate (two for a GRU with reset_after=True), PyTorch always two
(b_ih and b_hh): at 32 features and 64 units an LSTM has 24,832 parameters in Keras and 25,088 in
PyTorch. The hand-worked numbers are asserted first, then each framework's own count.
"""
from __future__ import annotations

import pytest

from nnlesson.layers import GRU, LSTM, Bidirectional, Input, Sequential, SimpleRNN

FEATURES, UNITS, STEPS = 32, 64, 10

CASES = {  # name: (nnlesson layer, Keras count, PyTorch count), each worked out by hand
    "simple_rnn": (lambda: SimpleRNN(UNITS), (32 + 64 + 1) * 64, (32 + 64 + 2) * 64),  # 6,208 and 6,272
    "lstm": (lambda: LSTM(UNITS), 4 * (32 + 64 + 1) * 64, 4 * (32 + 64 + 2) * 64),  # 24,832 and 25,088
    "gru": (lambda: GRU(UNITS), 3 * (32 + 64 + 2) * 64, 3 * (32 + 64 + 2) * 64),  # 18,816 both
    "gru_reset_before": (lambda: GRU(UNITS, reset_after=False), 3 * (32 + 64 + 1) * 64, None),  # 18,624
    "lstm_no_bias": (lambda: LSTM(UNITS, use_bias=False), 4 * (32 + 64) * 64, 4 * (32 + 64) * 64),  # 24,576
    "bidirectional_lstm": (lambda: Bidirectional(LSTM(UNITS)), 2 * 4 * (32 + 64 + 1) * 64,
                           2 * 4 * (32 + 64 + 2) * 64),  # 49,664 and 50,176
}


def counted(name: str, convention: str) -> int:
    return Sequential([Input((STEPS, FEATURES)), CASES[name][0]()]).count_params(convention)


def test_the_hand_worked_numbers():
    assert CASES["lstm"][1:] == (24_832, 25_088)
    assert CASES["simple_rnn"][1:] == (6_208, 6_272)
    assert CASES["gru"][1:] == (18_816, 18_816)
    assert CASES["gru_reset_before"][1] == 18_624


@pytest.mark.parametrize("name", CASES)
def test_nnlesson_gives_the_hand_worked_counts(name):
    _, keras_count, torch_count = CASES[name]
    assert counted(name, "keras") == keras_count
    if torch_count is not None:
        assert counted(name, "pytorch") == torch_count


def keras_layer(keras, name: str):
    layers = keras.layers
    made = {"simple_rnn": lambda: layers.SimpleRNN(UNITS), "lstm": lambda: layers.LSTM(UNITS),
            "gru": lambda: layers.GRU(UNITS), "gru_reset_before": lambda: layers.GRU(UNITS, reset_after=False),
            "lstm_no_bias": lambda: layers.LSTM(UNITS, use_bias=False),
            "bidirectional_lstm": lambda: layers.Bidirectional(layers.LSTM(UNITS))}
    return made[name]()


@pytest.mark.parametrize("name", CASES)
def test_keras_builds_the_same_count(name):
    keras = pytest.importorskip("keras")
    layer = keras_layer(keras, name)
    layer(keras.Input((STEPS, FEATURES)))
    assert layer.count_params() == CASES[name][1] == counted(name, "keras")


@pytest.mark.parametrize("name", [name for name in CASES if CASES[name][2] is not None])
def test_pytorch_builds_the_same_count(name):
    torch = pytest.importorskip("torch")
    kind = {"simple_rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU,
            "lstm_no_bias": torch.nn.LSTM, "bidirectional_lstm": torch.nn.LSTM}[name]
    module = kind(FEATURES, UNITS, batch_first=True, bias=name != "lstm_no_bias",
                  bidirectional=name.startswith("bidirectional"))
    assert sum(p.numel() for p in module.parameters()) == CASES[name][2] == counted(name, "pytorch")
