"""A transformer layer neither framework has is refused, with the layer named and what is missing."""
import pytest

from nnlesson.layers import ClassToken, Input, MixtureOfExperts, Sequential


@pytest.mark.parametrize("framework, layer, words", [
    ("keras", MixtureOfExperts(4, 2, 8, name="culprit"), "no mixture-of-experts layer"),
    ("pytorch", MixtureOfExperts(4, 2, 8, name="culprit"), "no mixture-of-experts module"),
    ("keras", ClassToken(name="culprit"), "no class-token layer"),
], ids=["keras-MixtureOfExperts", "pytorch-MixtureOfExperts", "keras-ClassToken"])
def test_exporting_is_refused_naming_the_layer(framework, layer, words):
    model = Sequential([Input((8, 4)), layer])
    written = {"keras": "Keras", "pytorch": "PyTorch"}[framework]
    with pytest.raises(ValueError, match=rf"^culprit \({layer.kind}\): cannot be written as {written} code: .*{words}"):
        getattr(model, f"to_{framework}_code")()


def test_an_output_bias_apart_is_exported_to_pytorch_and_refused_by_keras():
    from nnlesson.layers import GroupQueryAttention, Input, Model
    x = Input((5, 64))
    model = Model(x, GroupQueryAttention(16, 4, 2, use_bias=True, output_bias=False, name="attn")(x, x))
    code = model.to_pytorch_code()
    assert "output_bias=False" in code and "bias=bias if output_bias is None else output_bias" in code
    with pytest.raises(ValueError, match=r"attn \(GroupedQueryAttention\): cannot be written as Keras code: .*one "
                                         r"use_bias for all four projections"):
        model.to_keras_code()
