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
