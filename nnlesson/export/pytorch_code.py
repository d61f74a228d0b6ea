"""PyTorch source for a model: ``nn.Sequential(...)`` for a plain stack of modules, an ``nn.Module``
with ``forward()`` otherwise (branches, merges, recurrent layers, steps that are only a line of code).

nnlesson's shapes are channels-last; inside PyTorch an image is (channels, height, width), so the
in_channels and in_features of every module come from the shapes nnlesson computes, moved to where
PyTorch keeps them. A sequence stays (steps, features), as ``batch_first=True`` recurrent layers,
attention and ``nn.Embedding`` give it; a Conv1d or a pooling over it swaps the two axes around itself.
A module PyTorch lacks (attention with explicit projections) is written above the model, from
``pytorch_helpers``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import reduce
from typing import Any, Callable

from .. import layers as L
from ..layers.base import Layer, Shape
from ..layers.embedding import ReversedEmbedding
from ..layers.merge import Merge
from ..layers.normalization import axis_sizes
from ..layers.shapes import windows
from .plan import Plan, Step, output_names, plan, wires
from .pytorch_helpers import HELPERS
from .source import Names, call, compact, literal

Apply = Callable[[str, tuple[str, ...]], str]

MODULE_ATTRIBUTES = ("forward", "training", "train", "eval", "parameters", "modules", "children", "apply",
                     "cuda", "cpu", "to", "float", "double", "half", "type", "state_dict", "zero_grad",
                     "buffers", "compile", "self", "torch", "nn", "model")
"""Names an attribute of an nn.Module must not take (its methods), nor a variable of the source."""

ACTIVATIONS = {"sigmoid": "nn.Sigmoid()", "hard_sigmoid": "nn.Hardsigmoid()", "tanh": "nn.Tanh()",
               "relu": "nn.ReLU()", "relu6": "nn.ReLU6()", "leaky_relu": "nn.LeakyReLU()", "elu": "nn.ELU()",
               "gelu": "nn.GELU()", "silu": "nn.SiLU()", "hard_silu": "nn.Hardswish()",
               "softplus": "nn.Softplus()"}
"""nnlesson's activations as PyTorch modules (LeakyReLU's default slope is nnlesson's 0.01; GELU is exact)."""


@dataclass(frozen=True)
class Op:
    """One line of ``forward()``: a module applied to the value (``apply`` None), or an expression
    (``apply(module, args)``), or, with no ``module``, an expression of the arguments alone."""
    module: str | None = None
    apply: Apply | None = None
    suffix: str = ""
    note: str = ""
    helper: str = ""
    """The name of a module of ``pytorch_helpers`` the line needs, written once above the model."""

    @property
    def plain(self) -> bool:
        """A module applied to one value: it can sit in an nn.Sequential."""
        return self.module is not None and self.apply is None

    def expression(self, module: str, args: tuple[str, ...]) -> str:
        return f"{module}({args[0]})" if self.apply is None else self.apply(module, args)


def code(template: str, note: str = "") -> Op:
    """A line without a module, ``{x}`` standing for the value: ``{x} * 0.5``."""
    return Op(apply=lambda module, args: template.format(x=args[0]), note=note)


def refuse(layer: Layer, missing: str) -> ValueError:
    return ValueError(f"{layer.name} ({layer.kind}): cannot be written as PyTorch code: {missing}")


def torch_shape(shape: Shape) -> Shape:
    """Where PyTorch keeps the axes of one example: an image (H, W, C) is (C, H, W); others as they are."""
    return (shape[-1],) + tuple(shape[:-1]) if len(shape) >= 3 else tuple(shape)


def torch_axes(rank: int) -> tuple[int, ...]:
    """For each of nnlesson's axes (0-based, no batch), its dimension in PyTorch (the batch is dimension 0)."""
    return tuple(range(2, rank + 1)) + (1,) if rank >= 3 else tuple(range(1, rank + 1))


def activation(layer: Layer, name: str, shape: Shape) -> list[Op]:
    if name == "linear":
        return []
    if name == "softmax":
        return [Op(call("nn.Softmax", dim=1 if len(shape) >= 3 else -1), suffix="_softmax")]
    if name not in ACTIVATIONS:
        raise refuse(layer, f"PyTorch has no module for the {name!r} activation")
    return [Op(ACTIVATIONS[name], suffix=f"_{name}")]


def over_steps(ops: list[Op]) -> list[Op]:
    """Modules that want (channels, steps), applied to a (steps, features) sequence."""
    return ([code("{x}.transpose(1, 2)", "channels first for PyTorch's 1D layers")] + ops
            + [code("{x}.transpose(1, 2)", "back to (steps, features)")])


def window_padding(layer: Layer, step: Step, pad: str, same_ok: bool = False) -> tuple[list[Op], dict[str, Any]]:
    """A sliding layer's padding: ``padding=`` where PyTorch can take it, else a padding module before it
    (``pad`` says what the frame is filled with: "zeros", "-inf" for a max pool, or "none" for an average)."""
    if layer.padding == "valid":
        return [], {}
    if not isinstance(layer.padding, str):
        return [], {"padding": compact(layer.padding)}
    if same_ok and all(s == 1 for s in layer.strides):  # PyTorch's convolutions take 'same' at stride 1
        return [], {"padding": "same"}
    placed = windows(step.input_shape[:-1], getattr(layer, "kernel_size", getattr(layer, "pool_size", None)),
                     layer.strides, "same", getattr(layer, "dilation_rate", (1,) * len(layer.strides)))
    before, after = tuple(w.pad_before for w in placed), tuple(w.pad_after for w in placed)
    if before == after:
        return [], {"padding": compact(before)}
    sides = tuple(value for w in reversed(placed) for value in (w.pad_before, w.pad_after))  # last axis first
    rank = len(placed)
    if pad == "zeros":
        return [Op(call(f"nn.ZeroPad{rank}d", sides), suffix="_pad", note="'same' pads more after than before")], {}
    if pad == "-inf":
        return [Op(f"nn.ConstantPad{rank}d({literal(sides)}, float(\"-inf\"))", suffix="_pad",
                   note="'same' pads more after than before")], {}
    raise refuse(layer, f"padding='same' here pads {before} before and {after} after, and PyTorch's "
                        f"{layer.kind} cannot leave padding out of the average on one side only")


def frozen(layer: Layer, ops: list[Op]) -> list[Op]:
    """``trainable=False``: the modules keep their weights but do not train them."""
    if layer.trainable:
        return ops
    return [Op(f"{op.module}.requires_grad_(False)", op.apply, op.suffix, op.note) if op.module else op
            for op in ops]


def conv(layer: Layer, step: Step) -> list[Op]:
    rank, channels = len(layer.kernel_size), step.input_shape[-1]
    if isinstance(layer, L.DepthwiseConv2D):  # SeparableConv2D too: both start with one kernel per channel
        groups, out = channels, channels * layer.depth_multiplier
    else:
        groups, out = layer.groups, layer.filters
    pads, args = window_padding(layer, step, "zeros", same_ok=True)
    if any(s != 1 for s in layer.strides):
        args = {"stride": compact(layer.strides), **args}
    if any(d != 1 for d in layer.dilation_rate):
        args["dilation"] = compact(layer.dilation_rate)
    if groups != 1:
        args["groups"] = groups
    separable = isinstance(layer, L.SeparableConv2D)
    if not layer.use_bias or separable:
        args["bias"] = False
    ops = pads + [Op(call(f"nn.Conv{rank}d", channels, out, compact(layer.kernel_size), **args),
                     suffix="_depthwise" if separable else "")]
    if separable:  # then the 1x1 convolution that mixes the channels, with the bias
        bias = {} if layer.use_bias else {"bias": False}
        ops.append(Op(call("nn.Conv2d", out, layer.filters, 1, **bias), suffix="_pointwise"))
    ops = frozen(layer, ops) + activation(layer, layer.activation, step.output_shape)
    return over_steps(ops) if rank == 1 else ops


def conv_transpose(layer: L.Conv2DTranspose, step: Step) -> list[Op]:
    args: dict[str, Any] = {}
    if any(s != 1 for s in layer.strides):
        args["stride"] = compact(layer.strides)
    if layer.padding == "same":  # Keras's n*s: pad p and add output_padding q with 2p - q = d*(k-1) + 1 - s
        pads, extras = [], []
        for k, s, d in zip(layer.kernel_size, layer.strides, layer.dilation_rate):
            cut = d * (k - 1) + 1 - s
            p = max(-(-cut // 2), 0)
            q = 2 * p - cut
            if q >= max(s, d):
                raise refuse(layer, f"padding='same' with kernel_size={k}, strides={s} would need "
                                    f"output_padding={q}, and PyTorch only allows less than the stride")
            pads.append(p)
            extras.append(q)
        if any(pads):
            args["padding"] = compact(tuple(pads))
        if any(extras):
            args["output_padding"] = compact(tuple(extras))
    elif layer.padding != "valid":
        args["padding"] = compact(layer.padding)
    if any(d != 1 for d in layer.dilation_rate):
        args["dilation"] = compact(layer.dilation_rate)
    if not layer.use_bias:
        args["bias"] = False
    ops = [Op(call("nn.ConvTranspose2d", step.input_shape[-1], layer.filters, compact(layer.kernel_size), **args))]
    return frozen(layer, ops) + activation(layer, layer.activation, step.output_shape)


def pooling(layer: Layer, step: Step) -> list[Op]:
    rank, biggest = len(layer.pool_size), "Max" in layer.kind
    pads, args = window_padding(layer, step, "-inf" if biggest else "none")
    if layer.strides != layer.pool_size:
        args = {"stride": compact(layer.strides), **args}
    padding = args.get("padding", 0)
    if any(2 * p > k for p, k in zip(padding if isinstance(padding, tuple) else (padding,) * rank, layer.pool_size)):
        raise refuse(layer, f"PyTorch pads a pooling window by at most half its size, and padding={padding} "
                            f"is more than half of pool_size={compact(layer.pool_size)}")
    if layer.padding == "same" and not biggest and "padding" in args:
        args["count_include_pad"] = False  # Keras averages 'same' windows over the real cells only
    kind = "Max" if biggest else "Avg"
    ops = pads + [Op(call(f"nn.{kind}Pool{rank}d", compact(layer.pool_size), **args))]
    return over_steps(ops) if rank == 1 else ops


def global_pooling(layer: Layer, step: Step) -> list[Op]:
    biggest = "Max" in layer.kind
    if len(step.input_shape) == 2:  # a sequence (steps, features): reduce over the steps
        keep = ", keepdim=True" if layer.keepdims else ""
        return [code(f"{{x}}.{'amax' if biggest else 'mean'}(dim=1{keep})")]
    ops = [Op(f"nn.Adaptive{'Max' if biggest else 'Avg'}Pool2d(1)")]
    return ops if layer.keepdims else ops + [Op("nn.Flatten()", suffix="_flatten")]


def adaptive_pooling(layer: L.AdaptiveAveragePooling2D, step: Step) -> list[Op]:
    return [Op(call("nn.AdaptiveAvgPool2d", compact(layer.output_size)))]


def dense(layer: L.Dense, step: Step) -> list[Op]:
    args = {} if layer.use_bias else {"bias": False}
    linear = call("nn.Linear", step.input_shape[-1], layer.units, **args)
    if len(step.input_shape) >= 3:  # Keras's Dense acts on the channels, which PyTorch keeps first
        ops = [Op(linear, lambda module, a: f"{module}({a[0]}.movedim(1, -1)).movedim(-1, 1)")]
    else:
        ops = [Op(linear)]
    return frozen(layer, ops) + activation(layer, layer.activation, step.output_shape)


def normalised_axes(layer: Layer, step: Step, axes: tuple[int, ...] | None) -> tuple[list[int], str]:
    """nnlesson's normalised axes (0-based) and how PyTorch reaches them: 'trailing' dims, or 'channels'."""
    shape = step.input_shape
    rank = len(shape)
    positions = (sorted({a - 1 if a > 0 else rank + a for a in axes}) if axes is not None
                 else list(range(rank)))
    axis_sizes(layer, axes or (-1,), shape)  # raises for an axis that does not exist
    dims = sorted(torch_axes(rank)[p] for p in positions)
    if dims == list(range(rank + 1 - len(dims), rank + 1)):
        return positions, "trailing"
    if rank >= 3 and positions == [rank - 1]:
        return positions, "channels"
    raise refuse(layer, f"PyTorch normalises the last axes of (channels, height, width) only, "
                        f"and axis={axes} of input {shape} is not among them")


def per_value(layer: Layer, step: Step, module: str, axes: tuple[int, ...] | None, **args: Any) -> list[Op]:
    """A normalisation over some axes: nn.LayerNorm or nn.RMSNorm given their sizes in PyTorch's order."""
    positions, how = normalised_axes(layer, step, axes)
    shape = step.input_shape
    sizes = tuple(shape[p] for p in sorted(positions, key=lambda p: torch_axes(len(shape))[p]))
    made = call(module, list(sizes) if len(sizes) > 1 else sizes[0], **args)
    if how == "channels":
        return frozen(layer, [Op(made, lambda m, a: f"{m}({a[0]}.movedim(1, -1)).movedim(-1, 1)")])
    return frozen(layer, [Op(made)])


def affine(layer: Layer, both: str, scale_only: dict[str, Any]) -> dict[str, Any]:
    if layer.center and layer.scale:
        return {}
    if not layer.center and not layer.scale:
        return {both: False}
    if layer.scale:
        return scale_only
    raise refuse(layer, "PyTorch cannot keep the shift (beta) without the scale (gamma): center=True "
                        "needs scale=True there")


def batch_norm(layer: L.BatchNormalization, step: Step) -> list[Op]:
    shape = step.input_shape
    if axis_sizes(layer, layer.axis, shape) != (shape[-1],) or len(set(
            a - 1 if a > 0 else len(shape) + a for a in layer.axis)) != 1:
        raise refuse(layer, f"PyTorch's BatchNorm normalises the channels only, and axis={layer.axis} of "
                            f"input {shape} is not the channel axis alone")
    args = affine(layer, "affine", {})
    if layer.scale and not layer.center:
        raise refuse(layer, "PyTorch's BatchNorm keeps both gamma and beta or neither (center=False needs scale=False)")
    ops = frozen(layer, [Op(call("nn.BatchNorm2d" if len(shape) == 3 else "nn.BatchNorm1d", shape[-1], **args))])
    return over_steps(ops) if len(shape) == 2 else ops


def layer_norm(layer: L.LayerNormalization, step: Step) -> list[Op]:
    return per_value(layer, step, "nn.LayerNorm", layer.axis,
                     **affine(layer, "elementwise_affine", {"bias": False}))


def rms_norm(layer: L.RMSNormalization, step: Step) -> list[Op]:
    return per_value(layer, step, "nn.RMSNorm", layer.axis)


def recurrent(layer: Layer, step: Step, directions: int = 1, merge_mode: str = "concat") -> list[Op]:
    """nn.RNN, nn.LSTM or nn.GRU on (batch, steps, features), and the output Keras would give."""
    if isinstance(layer, L.GRU) and not layer.reset_after:
        raise refuse(layer, "PyTorch's GRU only has the reset-after form; use reset_after=True")
    kind = {"SimpleRNN": "RNN", "LSTM": "LSTM", "GRU": "GRU"}[layer.kind]
    args: dict[str, Any] = {"batch_first": True}
    if not layer.use_bias:
        args["bias"] = False
    if directions == 2:
        args["bidirectional"] = True
    module = call(f"nn.{kind}", step.input_shape[-1], layer.units, **args)
    h = layer.units
    if layer.return_sequences:  # every step's output; two directions side by side on the last axis
        ops = [Op(module, lambda m, a: f"{m}({a[0]})[0]")]
        halves = {"sum": "{x}[..., :%d] + {x}[..., %d:]", "mul": "{x}[..., :%d] * {x}[..., %d:]",
                  "ave": "({x}[..., :%d] + {x}[..., %d:]) / 2"}
    else:  # the final hidden state, h_n, one per direction
        state = "[1][0]" if kind == "LSTM" else "[1]"
        if directions == 1:
            return frozen(layer, [Op(module, lambda m, a: f"{m}({a[0]}){state}[-1]", note="the last hidden state")])
        ops = [Op(module, lambda m, a: f"{m}({a[0]}){state}", note="the last hidden state of each direction")]
        halves = {"concat": "torch.cat([{x}[-2], {x}[-1]], dim=1)", "sum": "{x}[-2] + {x}[-1]",
                  "mul": "{x}[-2] * {x}[-1]", "ave": "({x}[-2] + {x}[-1]) / 2"}
    ops = frozen(layer, ops)
    if directions == 2 and merge_mode in halves:
        template = halves[merge_mode]
        ops.append(code(template % (h, h) if "%d" in template else template))
    return ops


def bidirectional(layer: L.Bidirectional, step: Step) -> list[Op]:
    inner = layer.layer.with_name(layer.name)
    inner.trainable = layer.trainable and layer.layer.trainable
    return recurrent(inner, step, directions=2, merge_mode=layer.merge_mode)


def reshape(layer: L.Reshape, step: Step) -> list[Op]:
    target = torch_shape(layer.target_shape)
    note = "in PyTorch's order of values (channels first)" if len(target) >= 3 or len(step.input_shape) >= 3 else ""
    ops = [] if len(step.input_shape) == 1 else [Op("nn.Flatten()", suffix="_flatten")]
    if len(target) > 1:
        ops.append(Op(call("nn.Unflatten", 1, target), note=note))
    return ops


def flatten(layer: L.Flatten, step: Step) -> list[Op]:
    note = ("PyTorch flattens (channels, height, width), Keras (height, width, channels): "
            "another order, the same count") if len(step.input_shape) >= 3 else ""
    return [Op("nn.Flatten()", note=note)]


def zero_padding(layer: L.ZeroPadding2D, step: Step) -> list[Op]:
    (top, bottom), (left, right) = layer.padding
    sides = (left, right, top, bottom)
    return [Op(call("nn.ZeroPad2d", sides[0] if len(set(sides)) == 1 else sides))]


def cropping(layer: L.Cropping2D, step: Step) -> list[Op]:
    (top, _), (left, _) = layer.cropping
    height, width, _ = step.output_shape
    return [code(f"{{x}}[:, :, {top}:{top + height}, {left}:{left + width}]")]


def rescaling(layer: L.Rescaling, step: Step) -> list[Op]:
    offset = f" + {layer.offset!r}" if layer.offset else ""
    return [code(f"{{x}} * {layer.scale!r}{offset}")]


def merge(layer: Merge, step: Step) -> list[Op]:
    if len({len(shape) for shape in step.input_shapes}) > 1:
        raise refuse(layer, f"its inputs {list(step.input_shapes)} have different numbers of axes, which "
                            "broadcast differently once PyTorch puts the channels first")
    if isinstance(layer, L.Concatenate):
        rank = len(step.input_shape)
        dim = torch_axes(rank)[layer.axis - 1 if layer.axis > 0 else rank + layer.axis]
        return [Op(apply=lambda m, a: f"torch.cat([{', '.join(a)}], dim={dim})")]
    if isinstance(layer, (L.Maximum, L.Minimum)):
        function = "torch.maximum" if isinstance(layer, L.Maximum) else "torch.minimum"
        return [Op(apply=lambda m, a: reduce(lambda left, right: f"{function}({left}, {right})", a))]
    sign = {"Add": " + ", "Subtract": " - ", "Multiply": " * ", "Average": " + "}[layer.kind]
    if isinstance(layer, L.Average):
        return [Op(apply=lambda m, a: f"({sign.join(a)}) / {len(a)}")]
    return [Op(apply=lambda m, a: sign.join(a))]


def query_value_key(args: tuple[Any, ...]) -> tuple[Any, Any, Any]:
    """Keras's attention inputs (names or shapes): query, value (the query again in self-attention) and key
    (the value if not given)."""
    query, value = args[0], args[min(1, len(args) - 1)]
    return query, value, args[2] if len(args) > 2 else value


def multihead_mismatch(layer: L.MultiHeadAttention, width: int) -> str:
    """Why ``nn.MultiheadAttention`` cannot be this layer (empty if it can): it splits the query's own width
    into heads, gives values the keys' size, and projects back to the query's width."""
    if layer.num_heads * layer.key_dim != width:
        return (f"nn.MultiheadAttention splits the query's {width} features into heads, and "
                f"num_heads*key_dim is {layer.num_heads}*{layer.key_dim} = {layer.num_heads * layer.key_dim}")
    if layer.output_bias != layer.use_bias:
        return "nn.MultiheadAttention has one bias switch for all four projections"
    if layer.value_dim != layer.key_dim:
        return f"nn.MultiheadAttention has no value_dim={layer.value_dim} apart from key_dim={layer.key_dim}"
    if layer.output_size((0, width)) != width:
        return f"nn.MultiheadAttention projects back to the query's {width} features, not {layer.output_shape}"
    return ""


def attention(layer: Layer, step: Step) -> list[Op]:
    """``nn.MultiheadAttention`` (batch_first) where it is the same layer; else the exported ``Attention`` module,
    whose explicit projections take any sizes and GroupQueryAttention. Keras calls (query, value, key), PyTorch
    (query, key, value)."""
    query, value, key = query_value_key(step.input_shapes)
    width, bias = query[-1], {} if layer.use_bias else {"bias": False}
    if isinstance(layer, L.GroupedQueryAttention):
        sizes = dict(query_heads=layer.num_query_heads, key_value_heads=layer.num_key_value_heads,
                     key_size=layer.head_dim, value_size=layer.head_dim, output_features=width)
        why = "PyTorch has no grouped-query attention module"
    else:
        why = multihead_mismatch(layer, width)
        if not why:
            features = {name: size for name, size in (("kdim", key[-1]), ("vdim", value[-1])) if size != width}
            module = call("nn.MultiheadAttention", width, layer.num_heads, **features, **bias, batch_first=True)

            def apply(m: str, args: tuple[str, ...]) -> str:
                q, v, k = query_value_key(args)
                return f"{m}({q}, {k}, {v}, need_weights=False)[0]"
            return frozen(layer, [Op(module, apply)])
        sizes = dict(query_heads=layer.num_heads, key_value_heads=layer.num_heads, key_size=layer.key_dim,
                     value_size=layer.value_dim, output_features=layer.output_size(query))
    if layer.output_bias != layer.use_bias:
        bias["output_bias"] = layer.output_bias
    module = call("Attention", query_features=width, value_features=value[-1], key_features=key[-1], **sizes, **bias)
    return frozen(layer, [Op(module, lambda m, args: f"{m}({', '.join(query_value_key(args))})", note=why,
                             helper="Attention")])


def embedding(layer: L.Embedding, step: Step) -> list[Op]:
    return frozen(layer, [Op(call("nn.Embedding", layer.input_dim, layer.output_dim))])


def embedding_head(layer: ReversedEmbedding, step: Step) -> list[Op]:
    """The output head, a Linear without bias; tied, ``module()`` gives it the embedding's matrix."""
    return [Op(call("nn.Linear", layer.embedding.output_dim, layer.embedding.input_dim, bias=False))]


def position_embedding(layer: L.PositionEmbedding, step: Step) -> list[Op]:
    """The first T of ``sequence_length`` learned vectors, as GPT-2's ``wpe``: an nn.Embedding of positions."""
    module = call("nn.Embedding", layer.sequence_length, step.input_shape[-1])
    return frozen(layer, [Op(module, lambda m, a: f"{m}(torch.arange({a[0]}.shape[1], device={a[0]}.device))",
                             note="one vector per position, the same for every example")])


def class_token(layer: L.ClassToken, step: Step) -> list[Op]:
    return frozen(layer, [Op(call("ClassToken", step.input_shape[-1]), helper="ClassToken")])


def missing(reason: str) -> Callable[[Layer, Step], list[Op]]:
    def write(layer: Layer, step: Step) -> list[Op]:
        raise refuse(layer, reason)
    return write


WRITERS: dict[type, Callable[[Any, Step], list[Op]]] = {
    L.Dense: dense, L.Conv1D: conv, L.Conv2D: conv, L.DepthwiseConv2D: conv, L.SeparableConv2D: conv,
    L.Conv2DTranspose: conv_transpose,
    L.MaxPooling1D: pooling, L.MaxPooling2D: pooling, L.AveragePooling1D: pooling, L.AveragePooling2D: pooling,
    L.GlobalAveragePooling1D: global_pooling, L.GlobalAveragePooling2D: global_pooling,
    L.GlobalMaxPooling1D: global_pooling, L.GlobalMaxPooling2D: global_pooling,
    L.AdaptiveAveragePooling2D: adaptive_pooling,
    L.BatchNormalization: batch_norm, L.LayerNormalization: layer_norm, L.RMSNormalization: rms_norm,
    L.Normalization: missing("PyTorch has no Normalization layer that learns a mean and variance from data "
                             "(torchvision normalises the images before the model); leave it out of the "
                             "model and normalise the data instead"),
    L.LayerScale: missing("PyTorch has no LayerScale module (torchvision's ConvNeXt keeps an nn.Parameter "
                          "of shape (channels, 1, 1) itself)"),
    L.Rescaling: rescaling,
    L.Embedding: embedding, L.ReversibleEmbedding: embedding, ReversedEmbedding: embedding_head,
    L.PositionEmbedding: position_embedding, L.ClassToken: class_token,
    L.MixtureOfExperts: missing("PyTorch has no mixture-of-experts module (transformers' Mixtral writes its own "
                                "router and experts)"),
    L.SimpleRNN: recurrent, L.LSTM: recurrent, L.GRU: recurrent, L.Bidirectional: bidirectional,
    L.Flatten: flatten, L.Reshape: reshape, L.Dropout: lambda layer, step: [Op(call("nn.Dropout", layer.rate))],
    L.Activation: lambda layer, step: [replace(op, suffix="") for op in activation(layer, layer.activation,
                                                                                     step.output_shape)],
    L.ZeroPadding2D: zero_padding, L.Cropping2D: cropping,
    L.Add: merge, L.Subtract: merge, L.Multiply: merge, L.Average: merge, L.Maximum: merge,
    L.Minimum: merge, L.Concatenate: merge, L.MultiHeadAttention: attention, L.GroupedQueryAttention: attention,
}


def layer_ops(step: Step) -> list[Op]:
    """The lines of ``forward()`` that do what ``step.layer`` does."""
    writer = WRITERS.get(type(step.layer))
    if writer is None:
        raise refuse(step.layer, "nnlesson does not know the PyTorch module for it yet")
    return writer(step.layer, step)


def shape_text(shape: Shape) -> str:
    return "(batch, " + ", ".join(map(str, torch_shape(shape))) + ")"


def to_pytorch_code(model: Any) -> str:
    """Python source that builds ``model`` (a Sequential or a functional Model) in PyTorch as ``model``."""
    model_plan = plan(model, "pytorch")
    made = {number: layer_ops(step) for number, step in enumerate(model_plan.steps) if step.parents}
    ins = [shape_text(model_plan.steps[number].output_shape) for number in model_plan.inputs]
    helpers = sorted({op.helper for ops in made.values() for op in ops if op.helper})
    lines = ["import torch", "from torch import nn", ""]
    for name in helpers:
        lines += ["", HELPERS[name].strip("\n"), "", ""]
    maps = any(len(model_plan.steps[number].output_shape) >= 3 for number in model_plan.inputs)  # images, not sequences
    layout = "channels first as PyTorch keeps them" if maps else "batch first, features last"
    lines += [f"# input{'s' if len(ins) > 1 else ''}: {', '.join(ins)}, {layout}"]
    tied = any(step.reverses is not None for step in model_plan.steps)  # a line of __init__ ties the matrices
    if model_plan.is_stack and not tied and all(op.plain for ops in made.values() for op in ops):
        lines += stack(model_plan, made)
    else:
        lines += module(model_plan, made)
    lines.append(f"# sum(p.numel() for p in model.parameters()) is {model.count_params('pytorch'):,}")
    return "\n".join(lines) + "\n"


def stack(model_plan: Plan, made: dict[int, list[Op]]) -> list[str]:
    lines = ["model = nn.Sequential("]
    for number in sorted(made):
        step, ops = model_plan.steps[number], made[number]
        for position, op in enumerate(ops):
            notes = [op.note] if op.note else []
            if position == len(ops) - 1:
                notes.insert(0, f"{step.layer.name}: {shape_text(step.output_shape)}")
            lines.append(f"    {op.module},{'  # ' + '; '.join(notes) if notes else ''}")
    return lines + [")"]


def module(model_plan: Plan, made: dict[int, list[Op]]) -> list[str]:
    """An nn.Module: its layers in ``__init__``, how they connect in ``forward``."""
    names = Names(MODULE_ATTRIBUTES)
    several = len(model_plan.inputs) > 1
    inputs = tuple(names.take(model_plan.steps[number].layer.name) if several else "x"
                   for number in model_plan.inputs)
    attributes: dict[tuple[int, int], str] = {}
    init: list[str] = []
    for number, ops in made.items():
        layer = model_plan.steps[number].layer
        for position, op in enumerate(ops):
            if op.module is not None and (id(layer), position) not in attributes:
                attributes[id(layer), position] = names.take(f"{layer.name}{op.suffix}")
                init.append(f"        self.{attributes[id(layer), position]} = {op.module}")
        init += tie(model_plan, number, attributes)
    wiring = wires(model_plan, Names(("self", "torch", "nn", "x") + inputs), inputs)  # forward's own names
    forward: list[str] = []
    for number, ops in made.items():
        step, wire = model_plan.steps[number], wiring[number]
        forward += [f"        {kept} = {value}" for kept, value in wire.saves]
        for position, op in enumerate(ops):
            attribute = attributes.get((id(step.layer), position), "")
            value = op.expression(f"self.{attribute}", wire.args if position == 0 else (wire.out,))
            notes = [op.note] if op.note else []
            if position == len(ops) - 1:
                notes.insert(0, f"{step.layer.name}: {shape_text(step.output_shape)}")
            comment = f"  # {'; '.join(notes)}" if notes else ""
            forward.append(f"        {wire.out} = {value}{comment}")
    outputs = output_names(model_plan, wiring, inputs)
    title = "".join(part.capitalize() for part in (model_plan.name or "net").replace("-", "_").split("_"))
    title = "".join(ch for ch in title if ch.isalnum()) or "Net"
    if not title[0].isalpha():
        title = f"Net{title}"
    if title in HELPERS:  # a model named "attention" must not replace the helper module of that name
        title = f"{title}Net"
    return ["", "", f"class {title}(nn.Module):",
            "    def __init__(self):", "        super().__init__()", *(init or ["        pass"]), "",
            f"    def forward(self, {', '.join(inputs)}):", *forward, f"        return {', '.join(outputs)}",
            "", "", f"model = {title}()"]


def tie(model_plan: Plan, number: int, attributes: dict[tuple[int, int], str]) -> list[str]:
    """For a tied output head: the line of ``__init__`` that makes its weight the embedding's own (one tensor,
    which ``model.parameters()`` lists once), as Hugging Face's ``tie_word_embeddings`` does."""
    step = model_plan.steps[number]
    if step.reverses is None or not step.layer.embedding.tie_weights:
        return []
    head, embedding = attributes[id(step.layer), 0], attributes[id(model_plan.steps[step.reverses].layer), 0]
    return [f"        self.{head}.weight = self.{embedding}.weight  # tied: one matrix, counted once"]
