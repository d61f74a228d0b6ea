"""The attention explorer: what its readout says after the controls move, and its errors in the learner's words."""
import re

import pytest

from nnlesson.widgets import attention_explorer


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_it_starts_on_four_heads_each_with_its_own_keys_and_values():
    e = attention_explorer()
    shown = text(e.readout.value)
    assert e.error is None
    assert ("Head 1 of 4 reads key/value head 1 of 4. Each query's largest weight: the 0.25, cat 0.24, sat 0.27, "
            "on 0.24, a 0.26, mat 0.52; mean 0.30. Scores QKᵀ / √3 from -0.87 to 2.41.") in shown
    assert ("Parameters of MultiHeadAttention(num_heads=4, key_dim=3): 3*(12 + 1)*4*3 + (4*3 + 1)*12 = 624 "
            "(query 156, key 156, value 156, output 156) = 4·12² + 4·12 = 624, at 1, 2, 3, 4, 6 or 12 heads "
            "alike") in shown
    assert "KV cache per token in bfloat16: 2 × 1 layer × 4 kv heads × 3 numbers × 2 B = 48 B." in shown
    assert ("Llama-3-8B's 32 query heads share 8: 2 × 32 layers × 8 kv heads × 128 numbers × 2 B = 131,072 B per "
            "token (524,288 B with 32 key/value heads).") in shown


def test_more_heads_leave_the_parameters_as_they_are():
    e = attention_explorer(heads=1, kv_heads=1)
    assert e.result.costs.row.params == 624
    assert ("MultiHeadAttention(num_heads=1, key_dim=12): 3*(12 + 1)*1*12 + (1*12 + 1)*12 = 624 "
            "(query 156, key 156, value 156, output 156)") in text(e.readout.value)
    with e.hold():
        e.controls["heads"].value = 4
        e.controls["kv_heads"].value = 4
    assert e.result.costs.row.params == 624
    assert ("MultiHeadAttention(num_heads=4, key_dim=3): 3*(12 + 1)*4*3 + (4*3 + 1)*12 = 624 "
            "(query 156, key 156, value 156, output 156)") in text(e.readout.value)


def test_sharing_one_key_value_head_quarters_the_cache():
    e = attention_explorer()
    assert e.result.costs.kv_bytes_per_token == 48
    e.controls["kv_heads"].value = 1
    shown = text(e.readout.value)
    assert e.result.costs.kv_bytes_per_token == 12
    assert "2 × 1 layer × 1 kv head × 3 numbers × 2 B = 12 B." in shown
    assert ("Parameters of GroupQueryAttention(head_dim=3, num_query_heads=4, num_key_value_heads=1): "
            "(12 + 1)*4*3 + 2*(12 + 1)*1*3 + (4*3 + 1)*12 = 390 (query 156, key 39, value 39, output 156): shared "
            "key/value heads shrink the key and value projections. With one per query head, "
            "MultiHeadAttention(num_heads=4, key_dim=3) has 4·12² + 4·12 = 624, at any number of heads.") in shown
    assert "Head 1 of 4 reads key/value head 1 of 1." in shown


def test_the_causal_mask_gives_the_first_token_all_of_its_own_attention():
    e = attention_explorer()
    e.controls["causal"].value = True
    assert e.result.weights.weights[0, 0].tolist() == [1.0, 0, 0, 0, 0, 0]
    assert "Each query's largest weight: the 1.00," in text(e.readout.value)
    assert all(abs(row.sum() - 1) < 1e-12 for row in e.result.weights.weights[0])


def test_without_the_scaling_the_largest_weights_grow():
    e = attention_explorer(heads=1, kv_heads=1)
    assert "mean 0.48. Scores QKᵀ / √12 from" in text(e.readout.value)
    before = e.result.weights.largest(0).max()
    e.controls["scaled"].value = False
    assert "mean 0.79. Scores QKᵀ, not divided by √12, from" in text(e.readout.value)
    assert e.result.weights.largest(0).max() > before


def test_the_embedding_scale_saturates_the_softmax_too():
    e = attention_explorer()
    e.controls["scale"].value = 3.0
    assert e.result.weights.largest(0).mean() > 0.5
    assert e.error is None


def test_a_head_past_the_last_draws_the_last_and_says_so():
    e = attention_explorer(heads=12, kv_heads=4, head=9)
    assert "Head 9 of 12 reads key/value head 3 of 4." in text(e.readout.value)
    with e.hold():
        e.controls["heads"].value = 4
        e.controls["kv_heads"].value = 2
    assert e.controls["head"].value == 9 and e.result.head == 3
    assert "Head 4 of 4 (there is no head 9) reads key/value head 2 of 2." in text(e.readout.value)
    assert e.plot.axes.get_title() == "head 4 (reads key/value head 2 of 2)"


@pytest.mark.parametrize("heads, kv_heads, message", [
    (4, 3, "4 query heads cannot share 3 key/value heads evenly: each key/value head serves the same number of "
           "query heads. Choose 1, 2 or 4 key/value heads."),
    (4, 6, "There are more key/value heads (6) than query heads (4): each key/value head serves one query head or "
           "more. Choose at most 4 key/value heads."),
])
def test_key_value_heads_that_do_not_divide_the_heads_are_explained(heads, kv_heads, message):
    e = attention_explorer()
    before = e.readout.value
    with e.hold():
        e.controls["heads"].value = heads
        e.controls["kv_heads"].value = kv_heads
    assert e.error == message
    assert e.result is None and e.readout.value == before  # the last valid view stays, dimmed
    e.controls["kv_heads"].value = 2
    assert e.error is None and e.result.costs.row.params == 468


@pytest.mark.parametrize("arguments, message", [
    ({"heads": 5}, "attention_explorer(heads=5): heads must be one of 1, 2, 3, 4, 6 or 12"),
    ({"head": 13}, "attention_explorer(head=13): head takes 1 to 12"),
    ({"scale": 0}, "attention_explorer(scale=0): scale takes 0.25 to 4"),
])
def test_starting_values_it_cannot_take_are_refused(arguments, message):
    with pytest.raises(ValueError) as caught:
        attention_explorer(**arguments)
    assert str(caught.value) == message


def test_a_bad_starting_combination_shows_the_error_in_place():
    e = attention_explorer(heads=6, kv_heads=4)
    assert e.error.startswith("6 query heads cannot share 4 key/value heads evenly")
    assert "Choose 1, 2, 3 or 6 key/value heads." in e.error
