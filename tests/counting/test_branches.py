"""Lesson 07's blocks counted by hand: Inception's concatenation, DenseNet's growing channels, the SE gate."""
import pytest

from nnlesson.counting.branches import (branch_report, dense_block, graph_layout, inception_module, inception_widths,
                                        se_gate)


def test_the_default_inception_module_is_googlenets_3a():
    assert inception_widths(64) == {"1x1": 64, "3x3 reduce": 96, "3x3": 128, "5x5 reduce": 16, "5x5": 32,
                                    "pool proj": 32}
    model = inception_module()
    assert model.input_shape == (28, 28, 192) and model.output_shape == (28, 28, 256)
    by_branch = [(192 + 1) * 64, (192 + 1) * 96 + (9 * 96 + 1) * 128, (192 + 1) * 16 + (25 * 16 + 1) * 32,
                 (192 + 1) * 32]
    assert model.count_params() == sum(by_branch) == 163_696
    report = branch_report("inception")
    assert [node.params for node in report.boxes] == by_branch
    assert report.branch_channels == (64, 128, 32, 32)
    assert report.part_params == by_branch[2] == 15_920
    assert report.compared_params == (5 * 5 * 192 + 1) * 32 == 153_632


@pytest.mark.parametrize("channels, layers, growth", [(64, 6, 32), (16, 1, 4), (128, 3, 12)])
def test_a_dense_block_grows_by_the_growth_rate(channels, layers, growth):
    model = dense_block(channels, 8, layers, growth)
    assert model.output_shape == (8, 8, channels + layers * growth)
    by_hand = 0
    for i in range(layers):
        seen = channels + i * growth  # every earlier output, concatenated
        by_hand += 2 * seen + seen * 4 * growth + 2 * 4 * growth + 9 * 4 * growth * growth
    assert model.count_params("pytorch") == by_hand
    batchnorm_channels = sum(channels + i * growth + 4 * growth for i in range(layers))
    assert model.count_params("keras") - by_hand == 2 * batchnorm_channels  # Keras adds the moving statistics


def test_densenet_121s_first_block():
    report = branch_report("dense", channels=64, size=56, layers=6, growth=32)
    assert report.output_shape == (56, 56, 256) and report.params == 335_040
    assert [node.params for node in report.boxes] == [45_440, 49_600, 53_760, 57_920, 62_080, 66_240]
    assert report.compared_params == 6 * 9 * 256 * 256 == 3_538_944


@pytest.mark.parametrize("channels, ratio", [(64, 4), (32, 16), (8, 8)])
def test_a_squeeze_and_excite_gate(channels, ratio):
    model = se_gate(channels, 14, ratio)
    squeezed = channels // ratio
    assert model.output_shape == (14, 14, channels)
    assert model.count_params() == (channels + 1) * squeezed + (squeezed + 1) * channels
    assert model.summary().neurons == squeezed + channels


def test_the_gate_refuses_a_ratio_above_its_channels():
    with pytest.raises(ValueError, match=r"branch_report\(ratio=32\): the reduction ratio must be at most the "
                                         r"channels \(16\)"):
        branch_report("squeeze-excite", channels=16, ratio=32)


def test_the_layout_puts_branches_side_by_side_and_chains_in_one_box():
    layout = branch_report("inception").layout
    assert [(node.label, node.level, node.slot) for node in layout.nodes] == [
        ("input", 0, 0), ("1x1", 1, 0), ("3x3_reduce → 3x3", 1, 1), ("5x5_reduce → 5x5", 1, 2),
        ("pool → pool_proj", 1, 3), ("concat", 2, 0)]
    assert layout.levels == 3 and layout.widest == 4
    assert layout.edges == ((0, 1), (0, 2), (0, 3), (0, 4), (1, 5), (2, 5), (3, 5), (4, 5))


def test_a_dense_blocks_layout_links_every_earlier_output_to_each_concatenation():
    layout = graph_layout(dense_block(16, 4, 3, 4))
    assert [node.label for node in layout.nodes] == ["input", "denselayer1", "block.denselayer2.cat", "denselayer2",
                                                     "block.denselayer3.cat", "denselayer3", "block.cat"]
    into_last = sorted(start for start, end in layout.edges if end == 6)
    assert into_last == [0, 1, 3, 5]  # the input and the three layers' own outputs
    assert len(layout.nodes[1].rows) == 6  # BN, ReLU, 1x1 conv, BN, ReLU, 3x3 conv in one box


def test_the_gate_is_drawn_layer_by_layer():
    layout = branch_report("squeeze-excite").layout
    assert [node.label for node in layout.nodes] == ["input", "squeeze", "reduce", "expand", "scale"]
    assert (0, 4) in layout.edges  # the input goes around the gate to be scaled

