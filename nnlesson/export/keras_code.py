"""Keras source for a model: ``keras.Sequential([...])`` for a plain stack, functional code otherwise.

Each layer is written with every argument that differs from Keras's default, and its name, so
``model.summary()`` in Keras lists the same names as nnlesson's, a dot written as an underscore
(torchvision's "layer1.0.conv1" is "layer1_0_conv1": Keras on its PyTorch backend refuses a dot).
PyTorch-style options that Keras has no argument for become a layer of their own:
``Conv2D(padding=1)`` is ``ZeroPadding2D(1)`` followed by a 'valid' convolution. Attention is called
on its query and value, so a model with attention is written with the functional API.
"""
from __future__ import annotations

from typing import Any, Callable

from .. import layers as L
from ..layers.base import Layer
from ..layers.embedding import ReversedEmbedding
from ..layers.merge import Merge
from ..layers.normalization import _PerAxisValue
from .plan import Plan, Step, output_names, plan, wires
from .source import Code, Names, call, compact, literal

Writer = Callable[[Layer, Step, "Helpers"], list[str]]


def keras_name(name: str) -> str:
    """A layer name every Keras backend takes: PyTorch's, under Keras, refuses a dot in a name."""
    return name.replace(".", "_")


class Helpers:
    """Names for the extra layers an export adds (a padding before a convolution), unique in the model."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken

    def name(self, layer: Layer, suffix: str) -> str:
        base = keras_name(f"{layer.name}_{suffix}")
        name, number = base, 1
        while name in self.taken:
            number += 1
            name = f"{base}_{number}"
        self.taken.add(name)
        return name


def refuse(layer: Layer, missing: str) -> ValueError:
    return ValueError(f"{layer.name} ({layer.kind}): cannot be written as Keras code: {missing}")


def own(layer: Layer, **kwargs: Any) -> dict[str, Any]:
    """The arguments every layer may carry: non-defaults first, then its name and a frozen flag."""
    kwargs["name"] = keras_name(layer.name)
    if not layer.trainable and not isinstance(layer, L.Normalization):
        kwargs["trainable"] = False
    return kwargs


def activation(layer: Layer, name: str, helpers: Helpers) -> tuple[dict[str, str], list[str]]:
    """A layer's activation: an ``activation=`` argument, or a layer after it where the string would differ."""
    if name == "linear":
        return {}, []
    if name == "step":
        raise refuse(layer, "Keras has no 'step' activation (its slope is zero everywhere, so it cannot be "
                            "trained); use 'sigmoid' or 'hard_sigmoid'")
    if name == "leaky_relu":  # Keras's "leaky_relu" string has slope 0.2; nnlesson's (and PyTorch's) is 0.01
        return {}, [call("layers.LeakyReLU", negative_slope=0.01, name=helpers.name(layer, "leaky_relu"))]
    return {"activation": name}, []


def window_args(layer: Layer) -> dict[str, Any]:
    """strides, padding and dilation_rate of a convolution, where they are not Keras's defaults."""
    args: dict[str, Any] = {}
    if any(s != 1 for s in layer.strides):
        args["strides"] = compact(layer.strides)
    if layer.padding == "same":
        args["padding"] = "same"
    if any(d != 1 for d in layer.dilation_rate):
        if any(s != 1 for s in layer.strides):
            raise refuse(layer, f"Keras does not take strides={compact(layer.strides)} together with "
                                f"dilation_rate={compact(layer.dilation_rate)} (PyTorch does)")
        args["dilation_rate"] = compact(layer.dilation_rate)
    return args


def zero_padding(layer: Layer, helpers: Helpers) -> list[str]:
    """PyTorch-style ``padding=p``: zeros around the input, then a 'valid' window."""
    if isinstance(layer.padding, str):
        return []
    function = "layers.ZeroPadding1D" if len(layer.padding) == 1 else "layers.ZeroPadding2D"
    return [call(function, compact(layer.padding), name=helpers.name(layer, "pad"))]


def conv(layer: Layer, step: Step, helpers: Helpers) -> list[str]:
    extra, after = activation(layer, layer.activation, helpers)
    args = window_args(layer)
    if getattr(layer, "groups", 1) != 1:
        args["groups"] = layer.groups
    if getattr(layer, "depth_multiplier", 1) != 1:
        args["depth_multiplier"] = layer.depth_multiplier
    if not layer.use_bias:
        args["use_bias"] = False
    positional = (compact(layer.kernel_size),)
    if hasattr(layer, "filters"):
        positional = (layer.filters,) + positional
    return zero_padding(layer, helpers) + [call(f"layers.{layer.kind}", *positional, **own(layer, **args, **extra))] + after


def conv_transpose(layer: L.Conv2DTranspose, step: Step, helpers: Helpers) -> list[str]:
    extra, after = activation(layer, layer.activation, helpers)
    args = window_args(layer)
    if not layer.use_bias:
        args["use_bias"] = False
    made = [call("layers.Conv2DTranspose", layer.filters, compact(layer.kernel_size), **own(layer, **args, **extra))]
    if not isinstance(layer.padding, str):  # PyTorch's padding=p takes p cells off each side of the output
        made.append(call("layers.Cropping2D", compact(layer.padding), name=helpers.name(layer, "crop")))
    return made + after


def pooling(layer: Layer, step: Step, helpers: Helpers) -> list[str]:
    args: dict[str, Any] = {}
    if layer.strides != layer.pool_size:
        args["strides"] = compact(layer.strides)
    if layer.padding == "same":
        args["padding"] = "same"
    made = zero_padding(layer, helpers)
    if made and "Max" in layer.kind:  # PyTorch pads a max pool with -inf; Keras's own ResNet50 pads with zeros
        made[0] += "  # zeros, where PyTorch pads with -inf: the same maximum after a ReLU"
    return made + [call(f"layers.{layer.kind}", compact(layer.pool_size), **own(layer, **args))]


def global_pooling(layer: Layer, step: Step, helpers: Helpers) -> list[str]:
    return [call(f"layers.{layer.kind}", **own(layer, **({"keepdims": True} if layer.keepdims else {})))]


def adaptive_pooling(layer: L.AdaptiveAveragePooling2D, step: Step, helpers: Helpers) -> list[str]:
    (height, width, _), (out_h, out_w) = step.input_shape, layer.output_size
    if (height, width) == (out_h, out_w):
        return [call("layers.Identity", **own(layer)) + f"  # AdaptiveAvgPool2d({compact(layer.output_size)}) "
                f"on a {height}x{width} map changes nothing"]
    if height % out_h == 0 and width % out_w == 0:  # equal windows that do not overlap: an ordinary pooling
        return [call("layers.AveragePooling2D", compact((height // out_h, width // out_w)), **own(layer))]
    return [call("layers.AdaptiveAveragePooling2D", compact(layer.output_size), **own(layer))]


def dense(layer: L.Dense, step: Step, helpers: Helpers) -> list[str]:
    extra, after = activation(layer, layer.activation, helpers)
    args = {"use_bias": False} if not layer.use_bias else {}
    return [call("layers.Dense", layer.units, **own(layer, **extra, **args))] + after


def activation_layer(layer: L.Activation, step: Step, helpers: Helpers) -> list[str]:
    if layer.activation == "leaky_relu":
        return [call("layers.LeakyReLU", negative_slope=0.01, **own(layer))]
    if layer.activation == "step":
        activation(layer, "step", helpers)
    return [call("layers.Activation", layer.activation, **own(layer))]


def axis_arg(layer: Layer, default: Any = (-1,)) -> dict[str, Any]:
    if layer.axis is None or tuple(layer.axis) == tuple(default):
        return {}
    return {"axis": layer.axis[0] if len(layer.axis) == 1 else list(layer.axis)}


def normalization(layer: Layer, step: Step, helpers: Helpers) -> list[str]:
    args = axis_arg(layer)
    if not getattr(layer, "center", True):
        args["center"] = False
    if not getattr(layer, "scale", True):
        args["scale"] = False
    return [call(f"layers.{layer.kind}", **own(layer, **args))]


def layer_scale(layer: Layer, step: Step, helpers: Helpers) -> list[str]:
    raise refuse(layer, "keras.layers has no LayerScale layer (Keras's ConvNeXt builds one of its own)")


def recurrent(layer: Layer, step: Step | None, helpers: Helpers | None, named: bool = True) -> list[str]:
    args: dict[str, Any] = {}
    if layer.return_sequences:
        args["return_sequences"] = True
    if not layer.use_bias:
        args["use_bias"] = False
    if isinstance(layer, L.GRU) and not layer.reset_after:
        args["reset_after"] = False
    if named:
        args = own(layer, **args)
    elif layer.name:  # a layer inside Bidirectional keeps a name only if it was given one
        args["name"] = keras_name(layer.name)
    return [call(f"layers.{layer.kind}", layer.units, **args)]


def bidirectional(layer: L.Bidirectional, step: Step, helpers: Helpers) -> list[str]:
    (inner,) = recurrent(layer.layer, None, None, named=False)
    args = {"merge_mode": layer.merge_mode} if layer.merge_mode != "concat" else {}
    return [call("layers.Bidirectional", Code(inner), **own(layer, **args))]


def simple(*fields: str, defaults: dict[str, Any] | None = None) -> Writer:
    """A layer written as ``layers.Kind(field, ...)``, keyword arguments left out where they are the default."""
    def write(layer: Layer, step: Step, helpers: Helpers) -> list[str]:
        values = [getattr(layer, field) for field in fields]
        kwargs = {key: getattr(layer, key) for key, default in (defaults or {}).items()
                  if getattr(layer, key) != default}
        return [call(f"layers.{layer.kind}", *values, **own(layer, **kwargs))]
    return write


def padding_2d(layer: Layer, step: Step, helpers: Helpers) -> list[str]:
    field = layer.padding if isinstance(layer, L.ZeroPadding2D) else layer.cropping
    (top, bottom), (left, right) = field
    value: Any = field
    if top == bottom and left == right:
        value = compact((top, left))
    return [call(f"layers.{layer.kind}", value, **own(layer))]


def attention(layer: Layer, step: Step, helpers: Helpers) -> list[str]:
    """MultiHeadAttention or GroupQueryAttention (Keras 3's public name), with Keras's own arguments."""
    if layer.output_bias != layer.use_bias:
        raise refuse(layer, f"Keras's attention layers have one use_bias for all four projections, not "
                            f"use_bias={layer.use_bias} with output_bias={layer.output_bias}")
    args: dict[str, Any] = {} if layer.use_bias else {"use_bias": False}
    if isinstance(layer, L.MultiHeadAttention):
        if layer.value_dim != layer.key_dim:
            args = {"value_dim": layer.value_dim, **args}
        if layer.output_shape is not None:
            args["output_shape"] = layer.output_shape
        return [call("layers.MultiHeadAttention", layer.num_heads, layer.key_dim, **own(layer, **args))]
    return [call("layers.GroupQueryAttention", layer.head_dim, layer.num_query_heads, layer.num_key_value_heads,
                 **own(layer, **args))]


def reversible_embedding(layer: L.ReversibleEmbedding, step: Step, helpers: Helpers) -> list[str]:
    """keras_hub's ReversibleEmbedding: one layer, called on token ids and again with reverse=True as the head."""
    args = {} if layer.tie_weights else {"tie_weights": False}
    return [call("keras_hub.layers.ReversibleEmbedding", layer.input_dim, layer.output_dim, **own(layer, **args))]


def position_embedding(layer: L.PositionEmbedding, step: Step, helpers: Helpers) -> list[str]:
    return [call("keras_hub.layers.PositionEmbedding", layer.sequence_length, **own(layer))]


def refused(reason: str) -> Writer:
    def write(layer: Layer, step: Step, helpers: Helpers) -> list[str]:
        raise refuse(layer, reason)
    return write


def merge(layer: Merge, step: Step, helpers: Helpers) -> list[str]:
    args = {"axis": layer.axis} if isinstance(layer, L.Concatenate) and layer.axis != -1 else {}
    return [call(f"layers.{layer.kind}", **own(layer, **args))]


WRITERS: dict[type, Writer] = {
    L.Dense: dense, L.Conv1D: conv, L.Conv2D: conv, L.DepthwiseConv2D: conv, L.SeparableConv2D: conv,
    L.Conv2DTranspose: conv_transpose,
    L.MaxPooling1D: pooling, L.MaxPooling2D: pooling, L.AveragePooling1D: pooling, L.AveragePooling2D: pooling,
    L.GlobalAveragePooling1D: global_pooling, L.GlobalAveragePooling2D: global_pooling,
    L.GlobalMaxPooling1D: global_pooling, L.GlobalMaxPooling2D: global_pooling,
    L.AdaptiveAveragePooling2D: adaptive_pooling,
    L.BatchNormalization: normalization, L.LayerNormalization: normalization,
    L.RMSNormalization: normalization, L.Normalization: normalization, L.LayerScale: layer_scale,
    L.Rescaling: simple("scale", defaults={"offset": 0.0}),
    L.Embedding: simple("input_dim", "output_dim"),
    L.SimpleRNN: recurrent, L.LSTM: recurrent, L.GRU: recurrent, L.Bidirectional: bidirectional,
    L.Flatten: simple(), L.Reshape: simple("target_shape"), L.Dropout: simple("rate"),
    L.Activation: activation_layer, L.ZeroPadding2D: padding_2d, L.Cropping2D: padding_2d,
    L.Add: merge, L.Subtract: merge, L.Multiply: merge, L.Average: merge, L.Maximum: merge,
    L.Minimum: merge, L.Concatenate: merge, L.MultiHeadAttention: attention, L.GroupedQueryAttention: attention,
    L.ReversibleEmbedding: reversible_embedding, ReversedEmbedding: lambda layer, step, helpers: [],
    L.PositionEmbedding: position_embedding,
    L.ClassToken: refused("keras.layers and keras_hub.layers have no class-token layer (keras_hub's ViT makes its "
                          "[CLS] vector inside its own patch embedding)"),
    L.MixtureOfExperts: refused("keras.layers has no mixture-of-experts layer"),
}
"""The layers each nnlesson layer is written as; an embedding's head has none: it calls its embedding again."""


def layer_code(step: Step, helpers: Helpers) -> list[str]:
    """The Keras layers, applied one after another, that do what ``step.layer`` does."""
    writer = WRITERS.get(type(step.layer))
    if writer is None:
        raise refuse(step.layer, "nnlesson does not know the Keras layer for it yet")
    return writer(step.layer, step, helpers)


def input_code(number: int, model_plan: Plan, named: bool) -> str:
    step = model_plan.steps[number]
    takes_ids = any(isinstance(other.layer, L.Embedding) and number in other.parents for other in model_plan.steps)
    kwargs: dict[str, Any] = {"shape": step.output_shape}
    if takes_ids:
        kwargs["dtype"] = "int32"  # token ids
    if named and step.layer.name:
        kwargs["name"] = keras_name(step.layer.name)
    return call("keras.Input", **kwargs)


def to_keras_code(model: Any) -> str:
    """Python source that builds ``model`` (a Sequential or a functional Model) in Keras 3 as ``model``."""
    model_plan = plan(model, "keras")
    taken = {keras_name(step.layer.name) for step in model_plan.steps if step.layer.name}
    helpers = Helpers(taken)
    made = {number: layer_code(step, helpers) for number, step in enumerate(model_plan.steps) if step.parents}
    lines = ["import keras", "from keras import layers", ""]
    if any("keras_hub." in source for sources in made.values() for source in sources):
        lines.insert(1, "import keras_hub")
    called_twice = any(step.layer.input_names or step.reverses is not None for step in model_plan.steps)
    if model_plan.is_stack and not called_twice:  # attention takes query and value, a head its embedding again
        lines.append("model = keras.Sequential([")
        lines.append(f"    {input_code(0, model_plan, named=False)},")
        lines += [f"    {source}," if "  #" not in source else _comma(source, "    ")
                  for number in sorted(made) for source in made[number]]
        lines.append("])")
    else:
        lines += functional(model_plan, made)
    lines.append(f"# model.count_params() is {model.count_params('keras'):,}")
    return "\n".join(lines) + "\n"


def _comma(source: str, indent: str) -> str:
    """A list item with a trailing comment: the comma goes before the comment."""
    code, comment = source.split("  #", 1)
    return f"{indent}{code},  #{comment}"


def functional(model_plan: Plan, made: dict[int, list[str]]) -> list[str]:
    """``x = layers.Conv2D(...)(x)`` lines, the inputs and outputs kept in names of their own."""
    names = Names(("keras", "layers", "model", "x"))
    several = len(model_plan.inputs) > 1
    inputs = tuple(names.take(model_plan.steps[number].layer.name if several else "inputs")
                   for number in model_plan.inputs)
    wiring = wires(model_plan, names, inputs)
    lines = [f"{name} = {input_code(number, model_plan, named=several)}"
             for name, number in zip(inputs, model_plan.inputs)]
    objects: dict[int, list[str]] = {}  # a layer applied more than once is made once, then called
    heads = {step.reverses for step in model_plan.steps if step.reverses is not None}  # embeddings with a head
    for number, step in enumerate(model_plan.steps):
        if not step.parents:
            continue
        wire = wiring[number]
        lines += [f"{kept} = {source}" for kept, source in wire.saves]
        sources = made[number]
        if step.reverses is not None:  # the output head: the embedding's own layer, called in reverse
            (embedding,) = objects[id(model_plan.steps[step.reverses].layer)]
            lines.append(f"{wire.out} = {embedding}({wire.args[0]}, reverse=True)")
            continue
        if model_plan.uses(step) > 1 or number in heads:
            if id(step.layer) not in objects:
                objects[id(step.layer)] = [names.take(f"{step.layer.name}_layer") for _ in sources]
                why = (f"used {model_plan.uses(step)} times: one set of weights" if number not in heads else
                       "called again in reverse as the output head")
                lines += [f"{obj} = {source}  # {why}" for obj, source in zip(objects[id(step.layer)], sources)]
            sources = objects[id(step.layer)]
        args = call_args(step, wire.args)
        for position, source in enumerate(sources):
            code, _, comment = source.partition("  #")
            tail = f"  #{comment}" if comment else ""
            lines.append(f"{wire.out} = {code}({args if position == 0 else wire.out}){tail}")
    outputs = output_names(model_plan, wiring, inputs)
    ins = inputs[0] if len(inputs) == 1 else f"[{', '.join(inputs)}]"
    outs = outputs[0] if len(outputs) == 1 else f"[{', '.join(outputs)}]"
    name = f", name={literal(keras_name(model_plan.name))}" if model_plan.name else ""
    lines.append(f"model = keras.Model({ins}, {outs}{name})")
    return lines


def call_args(step: Step, args: tuple[str, ...]) -> str:
    """What a layer is called on: a merge a list, attention its query, value (and key), any other layer one value.
    Attention in a stack is self-attention: the one value is query and value alike."""
    if isinstance(step.layer, Merge):
        return f"[{', '.join(args)}]"
    if step.layer.input_names:
        return ", ".join(args if len(args) > 1 else args * 2)
    return args[0]
