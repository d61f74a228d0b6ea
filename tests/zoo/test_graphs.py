"""The zoo's graph networks, layer by layer where their builds are easy to get wrong."""
import pytest

from nnlesson.layers import Model
from nnlesson.zoo import densenet121, googlenet, resnet18, squeezenet1_0


def test_resnet18_stages():
    summary = resnet18().summary("pytorch")
    blocks = {row.name: row for row in summary.rows if row.kind == "Residual"}
    assert list(blocks) == [f"layer{stage}.{block}" for stage in range(1, 5) for block in range(2)]
    assert blocks["layer1.0"].params == 2 * (3 * 3 * 64 * 64 + 2 * 64)  # two 3x3 convolutions and their BatchNorms
    first_of_stage_2 = 3 * 3 * 64 * 128 + 3 * 3 * 128 * 128 + 2 * (2 * 128) + 64 * 128 + 2 * 128  # with the 1x1 shortcut
    assert blocks["layer2.0"].params == first_of_stage_2
    assert blocks["layer4.1"].output_shape == (7, 7, 512)
    assert summary.total_params == 11_689_512


def test_googlenet_rounds_its_pools_up():
    model = googlenet()
    assert isinstance(model, Model)
    rows = {row.name: row for row in model.summary("pytorch").rows}
    assert rows["maxpool1"].output_shape == (56, 56, 64)      # 112 -> 56 with ceil_mode (55 without)
    assert rows["inception3a.cat"].output_shape == (28, 28, 256)
    assert rows["inception4e.cat"].output_shape == (14, 14, 832)
    assert rows["inception5b.cat"].output_shape == (7, 7, 1024)
    three_a = sum(row.params for name, row in rows.items() if name.startswith("inception3a."))
    convs = 192 * 64 + 192 * 96 + 9 * 96 * 128 + 192 * 16 + 9 * 16 * 32 + 192 * 32  # the "5x5" branch is 3x3 here
    assert three_a == convs + 2 * (64 + 96 + 128 + 16 + 32 + 32)
    with pytest.raises(ValueError, match=r"ceil_mode is PyTorch's option"):
        model.summary("keras")


def test_squeezenet_fire_modules():
    rows = {row.name: row for row in squeezenet1_0().summary("pytorch").rows}
    assert rows["fire2.cat"].output_shape == (54, 54, 128)  # 224 -> 109 (7x7, stride 2) -> 54 (pool, rounded up)
    assert rows["fire2.squeeze"].params + rows["fire2.expand1x1"].params + rows["fire2.expand3x3"].params == \
        (96 + 1) * 16 + (16 + 1) * 64 + (9 * 16 + 1) * 64
    assert rows["fire9.cat"].output_shape == (13, 13, 512)
    assert "Dense" not in {row.kind for row in rows.values()}  # a 1x1 convolution is the classifier


@pytest.mark.parametrize("convention", ["pytorch", "keras"])
def test_densenet121_channels_grow_by_32_per_layer(convention):
    rows = {row.name: row for row in densenet121(convention).summary(convention).rows}
    assert [rows[f"denseblock{i}.cat"].output_shape[-1] for i in range(1, 5)] == [64 + 6 * 32, 128 + 12 * 32,
                                                                                256 + 24 * 32, 512 + 16 * 32]
    assert rows["transition3.pool"].output_shape == (7, 7, 512)
    assert rows["denseblock1.denselayer6.1.conv"].params == (64 + 5 * 32) * 128  # layer 6 reads 64 + 5·32 channels


def test_the_two_densenet_builds_differ_by_batchnorms_moving_statistics():
    torch_count, keras = densenet121("pytorch").summary("pytorch"), densenet121("keras").summary("keras")
    assert keras.total_params - torch_count.total_params == keras.non_trainable_params == 83_648
    assert keras.trainable_params == torch_count.total_params == 7_978_856


@pytest.mark.parametrize("convention", ["pytorch", "keras"])
def test_convnext_tiny_blocks(convention):
    from nnlesson.zoo import convnext_tiny

    summary = convnext_tiny().summary(convention)
    rows = {row.name: row for row in summary.rows}
    c = 96  # a block: depthwise 7x7 with bias, LayerNorm, C -> 4C -> C dense layers, LayerScale
    assert rows["stage1.0"].params == (7 * 7 + 1) * c + 2 * c + (c + 1) * 4 * c + (4 * c + 1) * c + c
    assert rows["stage4.2"].output_shape == (7, 7, 768)
    assert rows["downsample3.conv"].params == (2 * 2 * 384 + 1) * 768
    assert summary.total_params == 28_589_128 and summary.non_trainable_params == 0  # LayerNorm keeps no statistics


def test_inception_v3_factorises_its_kernels_and_drops_gamma():
    from nnlesson.zoo import inception_v3

    summary = inception_v3().summary("keras")
    rows = {row.name: row for row in summary.rows}
    assert [rows[f"mixed{i}"].output_shape for i in (0, 2, 3, 7, 8, 10)] == [
        (35, 35, 256), (35, 35, 288), (17, 17, 768), (17, 17, 768), (8, 8, 1280), (8, 8, 2048)]
    sevens = [row for row in summary.rows if row.kind == "Conv2D" and row.formula.startswith(("1*7*", "7*1*"))]
    assert len(sevens) == 4 * 6 + 2  # six factorised 7x7 convolutions in each of mixed4-7, two in mixed8
    bns = [row for row in summary.rows if row.kind == "BatchNormalization"]
    assert all(row.trainable_params * 2 == row.non_trainable_params for row in bns)  # beta; mean and variance
    assert sum(row.trainable_params for row in bns) == 34_432 // 2
    assert (summary.total_params, summary.non_trainable_params) == (23_851_784, 34_432)
    assert round(summary.macs / 1e9, 3) == 5.713  # torchvision's GFLOPS for one 299x299 image


def test_make_divisible_rounds_like_both_builds():
    from nnlesson.zoo.mobilenet_v3 import make_divisible

    assert [make_divisible(v) for v in (16 / 4, 96 / 4, 240 / 4, 120 / 4, 144 / 4, 288 / 4, 576 / 4)] == \
        [8, 24, 64, 32, 40, 72, 144]
    assert make_divisible(10) == 16 and make_divisible(11.9) == 16 and make_divisible(13) == 16


@pytest.mark.parametrize("convention", ["pytorch", "keras"])
def test_mobilenet_v3_small_gates(convention):
    from nnlesson.zoo import mobilenet_v3_small

    summary = mobilenet_v3_small(convention).summary(convention)
    rows = {row.name: row for row in summary.rows}
    assert rows["block1.se.fc1"].params == (16 + 1) * 8       # 16 / 4 = 4 channels, rounded up to 8
    assert rows["block4.se.fc2"].params == (24 + 1) * 96
    assert rows["block1.se.scale"].output_shape == (56, 56, 16) and rows["block1.se.scale"].params == 0
    assert [name for name in rows if name.endswith(".add")] == [f"block{i}.add" for i in (3, 5, 6, 8, 10, 11)]
    assert "block2.se.fc1" not in rows and "block1.expand.conv" not in rows  # no gate there; t = 1 needs no expansion
    assert rows["block11.project.bn"].output_shape == (7, 7, 96)
    stats = 2 * sum(row.output_shape[-1] for row in summary.rows if row.kind == "BatchNormalization")
    assert summary.non_trainable_params == (stats if convention == "keras" else 0) and stats == 12_112
    assert summary.total_params == {"pytorch": 2_542_856, "keras": 2_554_968}[convention]


@pytest.mark.parametrize("convention", ["pytorch", "keras"])
def test_efficientnet_b0_squeezes_to_a_quarter_of_the_blocks_input(convention):
    from nnlesson.zoo import efficientnet_b0

    summary = efficientnet_b0(convention).summary(convention)
    rows = {row.name: row for row in summary.rows}
    assert rows["block2.se.fc1"].params == (96 + 1) * (16 // 4)  # expanded to 96, squeezed to 16 / 4 = 4
    assert rows["block16.project.bn"].output_shape == (7, 7, 320)
    assert len([name for name in rows if name.endswith(".add")]) == 16 - 7  # every block but each stage's first
    assert round(summary.macs / 1e9, 3) == 0.386
    if convention == "keras":
        assert rows["block2.depthwise.pad"].output_shape == (113, 113, 96)   # ((0, 1), (0, 1)) before a 3x3
        assert rows["block4.depthwise.pad"].output_shape == (59, 59, 144)    # ((1, 2), (1, 2)) before a 5x5
        assert rows["normalization"].non_trainable_params == 7               # mean, variance, count
        assert summary.non_trainable_params == 42_023
    else:
        assert "normalization" not in rows and summary.total_params == 5_288_548
