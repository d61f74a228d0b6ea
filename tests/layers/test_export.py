"""model.to_keras_code() and model.to_pytorch_code(): source that builds the same network in each framework.

The first tests read the source: it parses, and it has the layer calls and arguments worked out by hand.
The last ones run it where Keras or PyTorch is installed (neither is a dependency of the project, so
they skip otherwise) and compare the framework's parameter count with nnlesson's for its convention.
"""
from __future__ import annotations

import ast

import pytest

from nnlesson import zoo
from nnlesson.layers import (GRU, LSTM, Activation, AdaptiveAvgPool2D, Add, Average, AveragePooling2D, BatchNormalization,
                             Bidirectional, ClassToken, Concatenate, Conv1D, Conv2D, Conv2DTranspose, Cropping2D, Dense,
                             DepthwiseConv2D, Dropout, Embedding, Flatten, GlobalAveragePooling1D,
                             GlobalAveragePooling2D, GroupQueryAttention, Input, Layer, LayerNormalization, LayerScale,
                             MaxPooling1D, MaxPooling2D, Maximum, Model, MultiHeadAttention, Multiply, Normalization,
                             PositionEmbedding, Rescaling, Reshape, Residual, ReversibleEmbedding, RMSNormalization,
                             SeparableConv2D, Sequential, SimpleRNN, Subtract, ZeroPadding2D)


def mlp() -> Sequential:
    return Sequential([Input((784,)), Dense(256, activation="relu"), BatchNormalization(), Dropout(0.2),
                       Dense(64, activation="leaky_relu", use_bias=False), Dense(10, activation="softmax")])


def conv_options() -> Sequential:
    """Strides, 'same' at stride 2 (one more cell after than before), PyTorch-style padding, groups."""
    return Sequential([
        Input((32, 32, 3)),
        Conv2D(32, 3, strides=2, padding="same", activation="relu", name="stem"),  # 32 -> 16, pads (0, 1)
        Conv2D(64, 3, padding=1, groups=4, name="grouped"),
        DepthwiseConv2D(3, padding="same", depth_multiplier=2, name="depthwise"),
        SeparableConv2D(64, (3, 5), padding="same", name="separable"),
        MaxPooling2D(3, strides=2, padding="same", name="pool"),  # 16 -> 8, pads (0, 1)
        Conv2DTranspose(16, 3, strides=2, padding="same", name="up"),  # 8 -> 16
        ZeroPadding2D(((0, 1), (0, 1)), name="pad"),
        Cropping2D(1, name="crop"),  # 17 -> 15
        Conv2D(8, 3, dilation_rate=2, use_bias=False, name="dilated"),  # 15 -> 11
        BatchNormalization(name="bn"),
        AveragePooling2D(2, padding=1, name="avg"),  # 11 + 2 -> 6
        GlobalAveragePooling2D(name="gap"),
        Dense(10, name="logits"),
    ])


def branching() -> Model:
    """Inception-style branches, a projection shortcut, a squeeze-and-excite gate and a Residual block."""
    x = Input((16, 16, 8), name="image")
    a = Conv2D(16, 1, name="branch_1x1")(x)
    b = Conv2D(16, 3, padding="same", activation="relu", name="branch_3x3")(x)
    joined = Concatenate(name="joined")([a, b])  # (16, 16, 32)
    shortcut = Conv2D(32, 1, name="projection")(x)
    y = Add(name="add")([joined, shortcut])
    gate = GlobalAveragePooling2D(keepdims=True, name="squeeze")(y)  # (1, 1, 32)
    gate = Dense(32, activation="sigmoid", name="excite")(gate)
    y = Multiply(name="gated")([y, gate])
    y = Residual([Conv2D(32, 3, padding="same", name="res_conv"), BatchNormalization(name="res_bn")],
                 name="res_add")(y)
    both = [Maximum(name="biggest")([y, joined]), Subtract(name="difference")([y, joined])]
    y = Average(name="mean")(both)
    y = Flatten(name="flatten")(y)
    return Model(x, Dense(10, name="logits")(y), name="branching")


def text_classifier() -> Sequential:
    return Sequential([Input((50,)), Embedding(1000, 32), LSTM(64, return_sequences=True),
                       Bidirectional(GRU(32), merge_mode="sum"), Dense(1, activation="sigmoid")])


def sequence_model() -> Sequential:
    return Sequential([Input((20, 8)), Conv1D(16, 3, padding="same", activation="relu"), MaxPooling1D(2),
                       SimpleRNN(16, return_sequences=True, use_bias=False),
                       Bidirectional(LSTM(8, return_sequences=True), merge_mode="ave"),
                       Bidirectional(LSTM(8)), Dense(1)])


def sequence_pooled() -> Sequential:
    return Sequential([Input((20, 8)), GRU(12, return_sequences=True), BatchNormalization(),
                       GlobalAveragePooling1D(), Dense(2)])


def shared() -> Model:
    """One Dense layer applied to two inputs: one set of weights, counted once."""
    left, right = Input((64,), name="left"), Input((64,), name="right")
    encoder = Dense(32, activation="relu", name="encoder")
    joined = Concatenate(name="joined")([encoder(left), encoder(right)])
    return Model([left, right], Dense(1, activation="sigmoid", name="same")(joined))


def assorted() -> Sequential:
    """Rescaling, Reshape, LayerNormalization (whose default axes differ), RMSNormalization, Activation."""
    return Sequential([Input((784,)), Rescaling(1 / 255), Reshape((28, 28, 1)), Conv2D(8, 3, activation="gelu"),
                       LayerNormalization(), Activation("hard_silu"), Flatten(), Dense(16), LayerNormalization(),
                       RMSNormalization(), Dense(4, activation="silu", trainable=False)])


def transformer_block() -> Model:
    """GPT-2's pre-norm block at d = 64 with 4 heads: layer norm, self-attention, add; layer norm, a GELU
    feed-forward four times wider, add."""
    tokens = Input((16, 64), name="tokens")
    h = LayerNormalization(axis=-1, name="ln_1")(tokens)
    h = MultiHeadAttention(4, 16, name="attention")(h, h)
    x = Add(name="residual_1")([tokens, h])
    h = LayerNormalization(axis=-1, name="ln_2")(x)
    h = Dense(256, activation="gelu", name="mlp_up")(h)
    h = Dense(64, name="mlp_down")(h)
    return Model(tokens, Add(name="residual_2")([x, h]), name="gpt2_block")


def llama_block() -> Model:
    """Llama's block at d = 64: RMS norms, grouped-query attention (4 query heads, 2 key/value heads of 16), SwiGLU."""
    tokens = Input((16, 64), name="tokens")
    h = RMSNormalization(axis=-1, name="input_norm")(tokens)
    h = GroupQueryAttention(16, 4, 2, use_bias=False, name="attention")(h, h)
    x = Add(name="residual_1")([tokens, h])
    h = RMSNormalization(axis=-1, name="post_norm")(x)
    gate = Dense(172, activation="silu", use_bias=False, name="gate")(h)
    up = Dense(172, use_bias=False, name="up")(h)
    h = Dense(64, use_bias=False, name="down")(Multiply(name="swiglu")([gate, up]))
    return Model(tokens, Add(name="residual_2")([x, h]), name="llama_block")


def cross_attention() -> Model:
    """Queries of 32 features attending to 12 tokens of another size: one layer nn.MultiheadAttention takes
    (kdim, vdim), one it cannot (4 heads of 16 on 32 features, values of 8, an output of 32)."""
    query, context, keys = Input((8, 32), name="query"), Input((12, 48), name="context"), Input((12, 24), name="keys")
    fits = MultiHeadAttention(2, 16, name="fits")(query, context, keys)
    explicit = MultiHeadAttention(4, 16, value_dim=8, output_shape=32, name="explicit")(query, context)
    return Model([query, context, keys], Concatenate(name="joined")([fits, explicit]))


def tiny_gpt2() -> Model:
    """GPT-2 in miniature: token and position embeddings, one pre-norm block, a final norm, the tied head."""
    ids = Input((16,), name="ids")
    wte = ReversibleEmbedding(100, 64, name="wte")
    h = wte(ids)
    h = Add(name="embed")([h, PositionEmbedding(32, name="wpe")(h)])
    normed = LayerNormalization(axis=-1, name="ln_1")(h)
    h = Add(name="residual_1")([h, MultiHeadAttention(4, 16, name="attention")(normed, normed)])
    normed = LayerNormalization(axis=-1, name="ln_2")(h)
    h = Add(name="residual_2")([h, Dense(64, name="mlp_down")(Dense(256, activation="gelu", name="mlp_up")(normed))])
    return Model(ids, wte.reverse(LayerNormalization(axis=-1, name="ln_f")(h)), name="tiny_gpt2")


def attention_stack() -> Sequential:
    """Attention in a Sequential stack is self-attention."""
    return Sequential([Input((10, 32)), MultiHeadAttention(2, 16, name="attention"), Dense(4, name="head")])


MODELS = {"mnist_convnet": zoo.mnist_convnet, "mlp": mlp, "conv_options": conv_options, "branching": branching,
          "text_classifier": text_classifier, "sequence_model": sequence_model,
          "sequence_pooled": sequence_pooled, "shared": shared, "assorted": assorted,
          "lenet5": zoo.lenet5, "resnet50": zoo.resnet50, "mobilenet_v2_keras": lambda: zoo.mobilenet_v2("keras"),
          "mobilenet_v3_small": zoo.mobilenet_v3_small, "efficientnet_b0": zoo.efficientnet_b0,
          "efficientnet_b0_keras": lambda: zoo.efficientnet_b0("keras"), "inception_v3": zoo.inception_v3,
          "transformer_block": transformer_block, "llama_block": llama_block, "cross_attention": cross_attention,
          "attention_stack": attention_stack, "tiny_gpt2": tiny_gpt2}
TAKES_IDS = {"text_classifier", "tiny_gpt2"}
KERAS_ONLY = {"efficientnet_b0_keras": "Normalization", "inception_v3": "center=True needs scale=True"}
"""Models with a layer PyTorch has no faithful equivalent of: its export must refuse, naming the reason."""


@pytest.mark.parametrize("name", MODELS)
@pytest.mark.parametrize("framework", ["keras", "pytorch"])
def test_the_source_is_python_that_defines_model(name, framework):
    model = MODELS[name]()
    if framework == "pytorch" and name in KERAS_ONLY:
        with pytest.raises(ValueError, match=f"cannot be written as PyTorch code.*{KERAS_ONLY[name]}"):
            model.to_pytorch_code()
        return
    source = getattr(model, f"to_{framework}_code")()
    tree = ast.parse(source)
    compile(tree, f"<{name}>", "exec")
    assigned = {target.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
                for target in node.targets if isinstance(target, ast.Name)}
    assert "model" in assigned


def test_mnist_convnet_in_keras():
    source = zoo.mnist_convnet().to_keras_code()
    assert "model = keras.Sequential([" in source
    assert "keras.Input(shape=(28, 28, 1))," in source
    assert 'layers.Conv2D(32, 3, activation="relu", name="conv2d"),' in source
    assert 'layers.MaxPooling2D(2, name="max_pooling2d"),' in source
    assert 'layers.Dense(10, activation="softmax", name="dense_1"),' in source
    assert "1,199,882" in source


def test_mnist_convnet_in_pytorch():
    source = zoo.mnist_convnet().to_pytorch_code()
    assert "model = nn.Sequential(" in source
    for line in ("nn.Conv2d(1, 32, 3),", "nn.Conv2d(32, 64, 3),", "nn.MaxPool2d(2),",
                 "nn.Linear(9216, 128),", "nn.Linear(128, 10),", "nn.Softmax(dim=-1),"):
        assert line in source
    flatten = next(line for line in source.splitlines() if "nn.Flatten()" in line)
    assert "(batch, 9216)" in flatten and "another order, the same count" in flatten
    assert "(batch, 1, 28, 28)" in source


def test_mlp():
    keras_source, torch_source = mlp().to_keras_code(), mlp().to_pytorch_code()
    assert 'layers.Dense(64, use_bias=False, name="dense_1"),' in keras_source
    assert 'layers.LeakyReLU(negative_slope=0.01, name="dense_1_leaky_relu"),' in keras_source  # not Keras's 0.2
    assert 'layers.Dropout(0.2, name="dropout"),' in keras_source
    for line in ("nn.Linear(784, 256),", "nn.BatchNorm1d(256),", "nn.Dropout(0.2),",
                 "nn.Linear(256, 64, bias=False),", "nn.LeakyReLU(),"):
        assert line in torch_source


def test_conv_options_in_keras():
    source = conv_options().to_keras_code()
    for line in ('layers.Conv2D(32, 3, strides=2, padding="same", activation="relu", name="stem")',
                 'layers.ZeroPadding2D(1, name="grouped_pad")', 'layers.Conv2D(64, 3, groups=4, name="grouped")',
                 'layers.DepthwiseConv2D(3, padding="same", depth_multiplier=2, name="depthwise")',
                 'layers.SeparableConv2D(64, (3, 5), padding="same", name="separable")',
                 'layers.MaxPooling2D(3, strides=2, padding="same", name="pool")',
                 'layers.Conv2DTranspose(16, 3, strides=2, padding="same", name="up")',
                 'layers.ZeroPadding2D(((0, 1), (0, 1)), name="pad")', 'layers.Cropping2D(1, name="crop")',
                 'layers.Conv2D(8, 3, dilation_rate=2, use_bias=False, name="dilated")',
                 'layers.ZeroPadding2D(1, name="avg_pad")', 'layers.AveragePooling2D(2, name="avg")',
                 'layers.GlobalAveragePooling2D(name="gap")'):
        assert line in source


def test_conv_options_in_pytorch():
    source = conv_options().to_pytorch_code()
    assert "class Net(nn.Module):" in source  # the crop is a line of forward(), not a module
    for line in ("nn.ZeroPad2d((0, 1, 0, 1))",  # 'same' at stride 2 on 32 cells: 0 before, 1 after
                 "nn.Conv2d(3, 32, 3, stride=2)",
                 "nn.Conv2d(32, 64, 3, padding=1, groups=4)",
                 'nn.Conv2d(64, 128, 3, padding="same", groups=64)',  # depthwise: one group per channel
                 'nn.Conv2d(128, 128, (3, 5), padding="same", groups=128, bias=False)',
                 "nn.Conv2d(128, 64, 1)",  # then pointwise
                 'nn.ConstantPad2d((0, 1, 0, 1), float("-inf"))', "nn.MaxPool2d(3, stride=2)",
                 "nn.ConvTranspose2d(64, 16, 3, stride=2, padding=1, output_padding=1)",
                 "nn.Conv2d(16, 8, 3, dilation=2, bias=False)", "nn.BatchNorm2d(8)",
                 "nn.AvgPool2d(2, padding=1)", "nn.AdaptiveAvgPool2d(1)", "nn.Linear(8, 10)"):
        assert line in source
    assert "x = x[:, :, 1:16, 1:16]" in source


def test_cropping_is_a_slice_in_forward():
    model = Sequential([Input((8, 8, 3)), Cropping2D(((1, 2), (0, 3)), name="crop"), Conv2D(4, 1)])
    source = model.to_pytorch_code()
    assert "class Net(nn.Module):" in source
    assert "x = x[:, :, 1:6, 0:5]" in source


def test_branching_model_in_keras():
    source = branching().to_keras_code()
    assert 'image = keras.Input(shape=(16, 16, 8))' not in source  # one input is called inputs
    assert "inputs = keras.Input(shape=(16, 16, 8))" in source
    assert 'layers.Concatenate(name="joined")([' in source
    assert 'layers.GlobalAveragePooling2D(keepdims=True, name="squeeze")' in source
    assert 'layers.Add(name="res_add")' in source  # the Residual block: its paths, then an Add
    assert 'model = keras.Model(inputs, x, name="branching")' in source


def test_keras_names_have_no_dots():
    """torchvision's names, such as layer1.0.conv1, lose their dots: Keras on PyTorch refuses them."""
    source = zoo.resnet50().to_keras_code()
    assert 'layers.Conv2D(64, 1, use_bias=False, name="layer1_0_conv1")(x)' in source
    assert "layer1.0" not in source


def test_branching_model_in_pytorch():
    source = branching().to_pytorch_code()
    assert "class Branching(nn.Module):" in source
    assert "torch.cat([" in source and "], dim=1)" in source  # channels are dimension 1 in PyTorch
    assert "self.excite = nn.Linear(32, 32)" in source
    assert ".movedim(1, -1)).movedim(-1, 1)" in source  # Dense on a (1, 1, 32) map acts on the channels
    assert "torch.maximum(" in source and " - " in source and ") / 2" in source
    assert "def forward(self, x):" in source


def test_recurrent_layers():
    keras_source, torch_source = text_classifier().to_keras_code(), text_classifier().to_pytorch_code()
    assert 'keras.Input(shape=(50,), dtype="int32")' in keras_source
    assert 'layers.LSTM(64, return_sequences=True, name="lstm")' in keras_source
    assert 'layers.Bidirectional(layers.GRU(32), merge_mode="sum", name="bidirectional")' in keras_source
    assert "self.embedding = nn.Embedding(1000, 32)" in torch_source
    assert "self.lstm = nn.LSTM(32, 64, batch_first=True)" in torch_source
    assert "self.bidirectional = nn.GRU(64, 32, batch_first=True, bidirectional=True)" in torch_source
    assert "x = self.lstm(x)[0]" in torch_source
    assert "x = self.bidirectional(x)[1]" in torch_source and "x = x[-2] + x[-1]" in torch_source


def test_sequences_swap_axes_around_1d_layers():
    source = sequence_model().to_pytorch_code()
    assert "nn.Conv1d(8, 16, 3, padding=\"same\")" in source
    assert source.count("x = x.transpose(1, 2)") == 4  # around the Conv1d and around the MaxPool1d
    assert "nn.RNN(16, 16, batch_first=True, bias=False)" in source
    assert "x = (x[..., :8] + x[..., 8:]) / 2" in source
    assert "x = torch.cat([x[-2], x[-1]], dim=1)" in source


def test_a_shared_layer_is_made_once():
    keras_source, torch_source = shared().to_keras_code(), shared().to_pytorch_code()
    assert keras_source.count("layers.Dense(32") == 1
    assert 'encoder_layer = layers.Dense(32, activation="relu", name="encoder")' in keras_source
    assert keras_source.count("encoder_layer(") == 2
    assert 'left = keras.Input(shape=(64,), name="left")' in keras_source
    assert "model = keras.Model([left, right], x)" in keras_source
    assert torch_source.count("nn.Linear(64, 32)") == 1
    assert "def forward(self, left, right):" in torch_source
    assert torch_source.count("self.encoder(") == 2


def test_assorted_layers():
    keras_source, torch_source = assorted().to_keras_code(), assorted().to_pytorch_code()
    assert "layers.Rescaling(0.00392156862745098" in keras_source
    assert 'layers.Reshape((28, 28, 1), name="reshape")' in keras_source
    assert 'layers.Dense(4, activation="silu", name="dense_1", trainable=False)' in keras_source
    assert "x = x * 0.00392156862745098" in torch_source
    assert "nn.Unflatten(1, (1, 28, 28))" in torch_source
    assert "nn.LayerNorm([8, 26, 26])" in torch_source  # PyTorch's usual LayerNorm: the whole example
    assert "nn.LayerNorm(16)" in torch_source and "nn.RMSNorm(16)" in torch_source
    assert "nn.Linear(16, 4).requires_grad_(False)" in torch_source
    assert "nn.GELU()" in torch_source and "nn.Hardswish()" in torch_source


@pytest.mark.parametrize("layer, framework, words", [
    (Normalization(), "pytorch", "PyTorch has no Normalization layer"),
    (LayerScale(), "pytorch", "PyTorch has no LayerScale"),
    (LayerScale(), "keras", "no LayerScale layer"),
    (Dense(4, activation="step"), "keras", "no 'step' activation"),
    (Dense(4, activation="step"), "pytorch", "no module for the 'step' activation"),
    (BatchNormalization(center=False), "pytorch", "gamma and beta or neither"),
    (LayerNormalization(center=True, scale=False), "pytorch", "without the scale"),
    (BatchNormalization(axis=1), "pytorch", "the channels only"),
])
def test_a_layer_without_a_faithful_equivalent_is_refused(layer, framework, words):
    model = Sequential([Input((6, 6, 3)), Conv2D(4, 1, name="conv"), layer.with_name("culprit")])
    with pytest.raises(ValueError, match=words) as error:
        getattr(model, f"to_{framework}_code")()
    assert str(error.value).startswith("culprit (")  # the message names the layer


def test_a_gru_without_reset_after_is_refused_by_pytorch_only():
    model = Sequential([Input((10, 4)), GRU(8, reset_after=False, name="gru")])
    assert "reset_after=False" in model.to_keras_code()
    with pytest.raises(ValueError, match="reset-after"):
        model.to_pytorch_code()


def test_an_average_pool_padded_more_on_one_side_is_refused_by_pytorch():
    model = Sequential([Input((8, 8, 3)), AveragePooling2D(3, strides=2, padding="same", name="avg")])
    with pytest.raises(ValueError, match="avg .*padding='same'"):
        model.to_pytorch_code()


def test_same_padding_averages_only_real_cells_in_pytorch():
    model = Sequential([Input((8, 8, 3)), AveragePooling2D(3, strides=1, padding="same", name="avg")])
    assert "nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)," in model.to_pytorch_code()


def test_adaptive_pooling_in_keras():
    same = Sequential([Input((7, 7, 8)), AdaptiveAvgPool2D(7, name="avgpool")])
    assert 'layers.Identity(name="avgpool")' in same.to_keras_code()
    halves = Sequential([Input((14, 14, 8)), AdaptiveAvgPool2D(7, name="avgpool")])
    assert 'layers.AveragePooling2D(2, name="avgpool")' in halves.to_keras_code()


def test_the_transformer_blocks_hand_worked_counts():
    # layer norms 2*64 each; attention 4*(64*64 + 64); feed-forward (64 + 1)*256 + (256 + 1)*64
    assert transformer_block().count_params() == 2 * 128 + 4 * (64 * 64 + 64) + 65 * 256 + 257 * 64 == 49_984
    assert transformer_block().count_params("pytorch") == 49_984
    # RMS norms 64 each; queries and output 64*64, keys and values 64*32; SwiGLU 3*64*172
    assert llama_block().count_params() == 2 * 64 + 2 * 64 * 64 + 2 * 64 * 32 + 3 * 64 * 172 == 45_440
    # fits: (32+1)*32 + (24+1)*32 + (48+1)*32 + (32+1)*32; explicit: (32+1)*64 + (48+1)*64 + (48+1)*32 + (32+1)*32
    assert cross_attention().count_params() == 4_480 + 7_872 == 12_352


def test_a_transformer_block_in_keras():
    source = transformer_block().to_keras_code()
    assert "inputs = keras.Input(shape=(16, 64))" in source
    assert 'x = layers.LayerNormalization(name="ln_1")(inputs)' in source
    assert 'x = layers.MultiHeadAttention(4, 16, name="attention")(x, x)' in source  # query and value
    assert 'x = layers.Add(name="residual_1")([inputs, x])' in source
    assert 'x = layers.Dense(256, activation="gelu", name="mlp_up")(x)' in source
    assert "# model.count_params() is 49,984" in source


def test_a_transformer_block_in_pytorch():
    source = transformer_block().to_pytorch_code()
    for line in ("self.ln_1 = nn.LayerNorm(64)", "self.attention = nn.MultiheadAttention(64, 4, batch_first=True)",
                 "x = self.attention(x, x, x, need_weights=False)[0]  # attention: (batch, 16, 64)",
                 "self.mlp_up = nn.Linear(64, 256)", "self.mlp_up_gelu = nn.GELU()", "x = tokens + x",
                 "# sum(p.numel() for p in model.parameters()) is 49,984"):
        assert line in source
    assert "class Attention" not in source  # nn.MultiheadAttention is enough


def test_grouped_query_attention():
    keras_source, torch_source = llama_block().to_keras_code(), llama_block().to_pytorch_code()
    assert 'layers.GroupQueryAttention(16, 4, 2, use_bias=False, name="attention")(x, x)' in keras_source
    assert 'layers.RMSNormalization(name="input_norm")' in keras_source
    assert torch_source.count("class Attention(nn.Module):") == 1
    assert ("self.attention = Attention(query_features=64, value_features=64, key_features=64, query_heads=4, "
            "key_value_heads=2, key_size=16, value_size=16, output_features=64, bias=False)") in torch_source
    assert "x = self.attention(x, x, x)  # attention: (batch, 16, 64); PyTorch has no grouped-query" in torch_source


def test_cross_attention_reads_query_value_key_in_each_framework_s_order():
    keras_source, torch_source = cross_attention().to_keras_code(), cross_attention().to_pytorch_code()
    assert 'x = layers.MultiHeadAttention(2, 16, name="fits")(query, context, keys)' in keras_source
    assert ('layers.MultiHeadAttention(4, 16, value_dim=8, output_shape=32, name="explicit")(query, context)'
            in keras_source)
    assert "self.fits = nn.MultiheadAttention(32, 2, kdim=24, vdim=48, batch_first=True)" in torch_source
    assert "x = self.fits(query, keys, context, need_weights=False)[0]" in torch_source  # (query, key, value)
    assert "explicit = self.explicit(query, context, context)" in torch_source  # (query, value, key)
    assert "num_heads*key_dim is 4*16 = 64" in torch_source  # why nn.MultiheadAttention would not do


def test_a_model_named_like_a_helper_module_keeps_the_helper():
    x = Input((10, 32))
    source = Model(x, GroupQueryAttention(8, 4, 2, name="gqa")(x, x), name="attention").to_pytorch_code()
    assert source.count("class Attention(nn.Module):") == 1 and "class AttentionNet(nn.Module):" in source


def test_attention_in_a_stack_is_called_on_the_value_twice():
    keras_source, torch_source = attention_stack().to_keras_code(), attention_stack().to_pytorch_code()
    assert "keras.Sequential" not in keras_source  # Keras's Sequential cannot call a layer on two inputs
    assert 'x = layers.MultiHeadAttention(2, 16, name="attention")(inputs, inputs)' in keras_source
    assert "x = self.attention(x, x, x, need_weights=False)[0]" in torch_source


def test_a_tied_head_calls_its_embedding_again_in_keras():
    source = tiny_gpt2().to_keras_code()
    assert "import keras_hub" in source
    assert ('wte_layer = keras_hub.layers.ReversibleEmbedding(100, 64, name="wte")  # called again in reverse as '
            'the output head') in source
    assert "x = wte_layer(ids)" not in source and "x = wte_layer(inputs)" in source
    assert 'keras_hub.layers.PositionEmbedding(32, name="wpe")' in source
    assert "x = wte_layer(x, reverse=True)" in source
    # wte 100*64, wpe 32*64, the block 49,984, ln_f 2*64; the head reuses wte's matrix
    assert "# model.count_params() is 58,560" in source
    assert tiny_gpt2().count_params() == 6_400 + 2_048 + 49_984 + 128 == 58_560


def test_a_tied_head_shares_the_embedding_s_weight_in_pytorch():
    source = tiny_gpt2().to_pytorch_code()
    for line in ("self.wte = nn.Embedding(100, 64)", "self.wpe = nn.Embedding(32, 64)",
                 "self.wte_reverse = nn.Linear(64, 100, bias=False)",
                 "self.wte_reverse.weight = self.wte.weight  # tied: one matrix, counted once",
                 "x = self.wpe(torch.arange(x.shape[1], device=x.device))",
                 "# sum(p.numel() for p in model.parameters()) is 58,560"):
        assert line in source


def test_an_untied_head_has_its_own_matrix():
    ids = Input((16,))
    emb = ReversibleEmbedding(100, 64, tie_weights=False, name="wte")
    model = Model(ids, emb.reverse(emb(ids)))
    assert model.count_params() == 2 * 100 * 64
    assert 'keras_hub.layers.ReversibleEmbedding(100, 64, tie_weights=False, name="wte")' in model.to_keras_code()
    torch_source = model.to_pytorch_code()
    assert "self.wte_reverse = nn.Linear(64, 100, bias=False)" in torch_source
    assert "self.wte_reverse.weight = self.wte.weight" not in torch_source


def vit_start() -> Sequential:
    """ViT's first steps at d = 64: 16 patches, the [CLS] vector in front of them, learned positions."""
    return Sequential([Input((16, 64)), ClassToken(name="cls_token")])


def test_a_class_token_is_a_module_of_its_own_in_pytorch_and_refused_by_keras():
    source = vit_start().to_pytorch_code()
    assert source.count("class ClassToken(nn.Module):") == 1
    assert "    ClassToken(64),  # cls_token: (batch, 17, 64)" in source  # a module like any other
    with pytest.raises(ValueError, match=r"^cls_token \(ClassToken\): cannot be written as Keras code: .*class-token"):
        vit_start().to_keras_code()


def test_pytorch_builds_the_class_token_with_its_count():
    torch = pytest.importorskip("torch")
    built = run(vit_start().to_pytorch_code())
    assert sum(p.numel() for p in built.parameters()) == 64 == vit_start().count_params("pytorch")
    assert tuple(built(torch.zeros(2, 16, 64)).shape) == (2, 17, 64)


class Unwritable(Layer):
    """A layer that no writer knows."""

    def compute_output_shape(self, input_shape):
        return input_shape


@pytest.mark.parametrize("framework, words", [("keras", "Keras layer"), ("pytorch", "PyTorch module")])
def test_a_layer_no_writer_knows_is_refused_by_name(framework, words):
    model = Sequential([Input((10, 8)), Dense(8), Unwritable(name="odd")])
    with pytest.raises(ValueError, match=f"^odd \\(Unwritable\\): cannot be written as .*{words}"):
        getattr(model, f"to_{framework}_code")()


# Running the source in the frameworks (skipped where they are not installed).

def run(source: str):
    namespace: dict = {}
    exec(compile(source, "<export>", "exec"), namespace)
    return namespace["model"]


@pytest.mark.parametrize("name", MODELS)
def test_keras_builds_the_model_with_the_same_count(name):
    keras = pytest.importorskip("keras")
    model = MODELS[name]()
    built = run(model.to_keras_code())
    assert isinstance(built, keras.Model)
    assert built.count_params() == model.count_params("keras")
    shapes = built.output_shape if isinstance(built.output_shape, list) else [built.output_shape]
    assert [tuple(shape[1:]) for shape in shapes] == [model.output_shape]


@pytest.mark.parametrize("name", [name for name in MODELS if name not in KERAS_ONLY])
def test_pytorch_builds_the_model_with_the_same_count(name):
    torch = pytest.importorskip("torch")
    model = MODELS[name]()
    built = run(model.to_pytorch_code())
    assert sum(p.numel() for p in built.parameters()) == model.count_params("pytorch")
    shapes = model.input_shapes if isinstance(model, Model) else (model.input_shape,)
    dtype = torch.long if name in TAKES_IDS else torch.float32
    examples = [torch.zeros((2, shape[-1], *shape[:-1]) if len(shape) == 3 else (2, *shape), dtype=dtype)
                for shape in shapes]
    built.eval()
    with torch.no_grad():
        out = built(*examples)
    want = model.output_shape
    assert tuple(out.shape) == (2, *((want[-1], *want[:-1]) if len(want) == 3 else want))


def test_the_exported_attention_module_computes_what_pytorch_s_does():
    """With nn.MultiheadAttention's weights, the written Attention module gives its outputs; with 2 key/value
    heads it gives what 4 heads give when each key/value head is copied for its group of query heads."""
    torch = pytest.importorskip("torch")
    from nnlesson.export.pytorch_helpers import ATTENTION
    namespace = {"nn": torch.nn, "torch": torch}
    exec(ATTENTION, namespace)
    made = namespace["Attention"]  # (query, value, key features, query heads, key/value heads, sizes, output)
    torch.manual_seed(0)
    x = torch.randn(2, 5, 32)
    reference, ours = torch.nn.MultiheadAttention(32, 4, batch_first=True), made(32, 32, 32, 4, 4, 8, 8, 32)
    grouped, copied = made(32, 32, 32, 4, 2, 8, 8, 32), made(32, 32, 32, 4, 4, 8, 8, 32)
    with torch.no_grad():
        weights, biases = reference.in_proj_weight.chunk(3), reference.in_proj_bias.chunk(3)
        for linear, weight, bias in zip((ours.query, ours.key, ours.value), weights, biases):
            linear.weight.copy_(weight)
            linear.bias.copy_(bias)
        ours.output.load_state_dict(reference.out_proj.state_dict())
        assert torch.allclose(ours(x, x, x), reference(x, x, x, need_weights=False)[0], atol=1e-5)
        for name in ("query", "output"):
            getattr(copied, name).load_state_dict(getattr(grouped, name).state_dict())
        for name in ("key", "value"):
            source, target = getattr(grouped, name), getattr(copied, name)
            target.weight.copy_(source.weight.view(2, 8, 32).repeat_interleave(2, dim=0).reshape(32, 32))
            target.bias.copy_(source.bias.view(2, 8).repeat_interleave(2, dim=0).reshape(32))
        assert torch.allclose(grouped(x, x, x), copied(x, x, x), atol=1e-5)
