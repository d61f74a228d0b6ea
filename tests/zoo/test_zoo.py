"""The model zoo against the totals the frameworks publish, layer by layer where it matters."""
import timeit

import pytest

from nnlesson.counting import stage_params
from nnlesson.layers import AdaptiveAvgPool2D
from nnlesson.zoo import (PUBLISHED, alexnet, efficientnet_b0, lenet5, mnist_convnet, mobilenet_v2, mobilenet_v3_small,
                          resnet50, vgg16)


def params_of(summary):
    return [row.params for row in summary.rows]


def block(summary, name):
    return next(row for row in summary.rows if row.name == name)


def split(summary):
    return summary.total_params, summary.trainable_params, summary.non_trainable_params


# --- the small ones, row by row ------------------------------------------------------------------------

def test_mnist_convnet_table():
    s = mnist_convnet().summary()
    assert [row.output_shape for row in s.rows] == [(26, 26, 32), (24, 24, 64), (12, 12, 64), (9216,), (128,), (10,)]
    assert params_of(s) == [320, 18_496, 0, 0, 1_179_776, 1_290]
    assert split(s) == (1_199_882, 1_199_882, 0)
    assert (3 * 3 * 32 + 1) * 64 == 18_496
    assert 320 + 18_494 + 1_179_776 + 1_290 != s.total_params  # the slide's 18,494 cannot add up


def test_lenet5_with_dense_c3():
    s = lenet5().summary()
    assert params_of(s) == [156, 0, 2_416, 0, 48_120, 0, 10_164, 850]
    assert s.rows[4].output_shape == (1, 1, 120)
    assert split(s) == (61_706, 61_706, 0)


def test_alexnet_torchvision():
    s = alexnet().summary("pytorch")
    convs = [row for row in s.rows if row.kind == "Conv2D"]
    assert [row.output_shape for row in convs] == [(55, 55, 64), (27, 27, 192), (13, 13, 384), (13, 13, 256),
                                                   (13, 13, 256)]
    assert [row.params for row in convs] == [23_296, 307_392, 663_936, 884_992, 590_080]
    assert [row.params for row in s.rows if row.kind == "Dense"] == [37_752_832, 16_781_312, 4_097_000]
    assert next(row for row in s.rows if row.name == "avgpool").output_shape == (6, 6, 256)
    assert split(s) == (61_100_840, 61_100_840, 0)


def test_vgg16():
    s = vgg16().summary("pytorch")
    assert sum(row.kind == "Conv2D" for row in s.rows) == 13
    assert next(row for row in s.rows if row.name == "block5_pool").output_shape == (7, 7, 512)
    assert [row.params for row in s.rows if row.kind == "Dense"] == [102_764_544, 16_781_312, 4_097_000]
    assert split(s) == (138_357_544, 138_357_544, 0)
    assert split(vgg16().summary("keras")) == (138_357_544, 138_357_544, 0)  # no BatchNorm: the same


# --- ResNet-50: two builds, two conventions -----------------------------------------------------------

def test_resnet50_torchvision_total_and_stages():
    s = resnet50().summary("pytorch")
    assert split(s) == (25_557_032, 25_557_032, 0)
    assert stage_params(s) == {"conv1": 9_408, "bn1": 128, "relu": 0, "maxpool": 0, "layer1": 215_808,
                               "layer2": 1_219_584, "layer3": 7_098_368, "layer4": 14_964_736, "avgpool": 0,
                               "flatten": 0, "fc": 2_049_000}
    assert s.output_shape == (1000,)


def test_resnet50_first_bottleneck_block():
    first = block(resnet50().summary("pytorch"), "layer1.0")  # with its projection shortcut
    assert first.output_shape == (56, 56, 256)
    # 1x1 64->64, 3x3 64->64, 1x1 64->256, shortcut 1x1 64->256; BatchNorm 2 per channel
    assert first.params == 4_096 + 36_864 + 16_384 + 16_384 + 2 * (64 + 64 + 256 + 256) == 75_008


def test_resnet50_keras_total_and_split():
    s = resnet50("keras").summary("keras")
    assert split(s) == (25_636_712, 25_583_592, 53_120)


def test_resnet50_builds_differ_by_conv_biases_and_bn_statistics():
    torchvision, keras = resnet50().summary("keras"), resnet50("keras").summary("keras")
    bn_channels = 53_120 // 2
    assert keras.trainable_params - torchvision.trainable_params == bn_channels  # a bias per conv channel
    assert torchvision.non_trainable_params == keras.non_trainable_params == 53_120
    assert resnet50().summary("pytorch").non_trainable_params == 0  # running stats are buffers in PyTorch


def test_resnet50_strides_where_each_framework_does():
    torchvision, keras = resnet50().summary(), resnet50("keras").summary()
    first = {row.name: row for row in block(torchvision, "layer2.0").children}
    assert first["layer2.0.conv1"].output_shape == (56, 56, 128)  # v1.5: the 3x3 strides
    assert first["layer2.0.conv2"].output_shape == (28, 28, 128)
    first = {row.name: row for row in block(keras, "conv3_block1_add").children}
    assert first["conv3_block1_1_conv"].output_shape == (28, 28, 128)  # v1: the first 1x1 strides
    assert torchvision.macs > keras.macs


# --- MobileNetV2 -------------------------------------------------------------------------------------

def test_mobilenet_v2_torchvision():
    s = mobilenet_v2().summary("pytorch")
    assert split(s) == (3_504_872, 3_504_872, 0)
    second = sum(row.params for row in s.rows if row.name.startswith("block_1_"))
    assert second == 16 * 96 + 192 + 3 * 3 * 96 + 192 + 96 * 24 + 48 == 5_136
    assert s.rows[0].params == 3 * 3 * 3 * 32 == 864


def test_mobilenet_v2_keras():
    s = mobilenet_v2("keras").summary("keras")
    assert split(s) == (3_538_984, 3_504_872, 34_112)


def test_mobilenet_residual_blocks_only_where_shapes_match():
    s = mobilenet_v2().summary()
    residual = [row.name for row in s.rows if row.kind == "Residual"]
    # stride 1 and the same channels in and out: the repeats of each setting except the first block
    assert residual == [f"block_{i}_add" for i in (2, 4, 5, 7, 8, 9, 11, 12, 14, 15)]


# --- what torchvision publishes, to its precision -----------------------------------------------------

@pytest.mark.parametrize("build, gmacs, digits", [(alexnet, 0.714, 3), (vgg16, 15.47, 2), (resnet50, 4.089, 3),
                                                  (mobilenet_v2, 0.301, 3),
                                                  (mobilenet_v3_small, 0.057, 3), (efficientnet_b0, 0.386, 3)])
def test_macs_round_to_torchvision_gflops(build, gmacs, digits):
    assert round(build().summary("pytorch").macs / 1e9, digits) == gmacs


def test_exact_macs():
    assert alexnet().summary().macs == 714_188_480
    assert resnet50().summary().macs == 4_089_184_256
    assert mobilenet_v2().summary().macs == 300_774_272


@pytest.mark.parametrize("entry", PUBLISHED, ids=lambda entry: entry.name)
def test_every_published_entry(entry):
    s = entry.build().summary(entry.convention)
    assert (s.total_params, s.non_trainable_params) == (entry.params, entry.non_trainable)
    if entry.gmacs is not None:
        assert abs(s.macs / 1e9 - entry.gmacs) < 0.0006 * max(1, entry.gmacs)


# --- the builders' contract ----------------------------------------------------------------------------

@pytest.mark.parametrize("build", [resnet50, mobilenet_v2])
def test_unknown_convention_names_the_choices(build):
    with pytest.raises(ValueError, match="convention must be one of 'keras', 'pytorch'"):
        build("caffe")


def test_classes_change_only_the_last_layer():
    assert resnet50(classes=10).count_params("pytorch") == 25_557_032 - 2_049_000 + 2_048 * 10 + 10


def test_counting_resnet50_takes_milliseconds():
    model = resnet50()
    seconds = min(timeit.repeat(lambda: model.summary("pytorch"), number=5, repeat=3)) / 5
    assert seconds < 0.05, f"resnet50().summary() took {seconds * 1000:.1f} ms"


def test_adaptive_average_pooling_fixes_the_output_size():
    row = AdaptiveAvgPool2D(6).row((13, 13, 256))
    assert (row.output_shape, row.params, row.neurons) == ((6, 6, 256), 0, 0)
    assert AdaptiveAvgPool2D((7, 7)).row((30, 40, 3)).output_shape == (7, 7, 3)
    with pytest.raises(ValueError, match=r"needs an input of shape \(height, width, channels\)"):
        AdaptiveAvgPool2D(1).row((10, 3))


@pytest.mark.parametrize("build", [alexnet, vgg16, resnet50, mobilenet_v2])
def test_classes_must_be_a_positive_integer(build):
    with pytest.raises(ValueError, match=rf"{build.__name__}\(classes=0\): classes must be a positive integer"):
        build(classes=0)
