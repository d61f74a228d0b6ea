"""Until the exporters learn them, a model with a transformer layer is refused with the layer named."""
import pytest

from nnlesson.layers import (ClassToken, GroupQueryAttention, Input, MixtureOfExperts, PositionEmbedding,
                             ReversibleEmbedding, Sequential)


@pytest.mark.parametrize("framework, words", [("keras", "Keras layer"), ("pytorch", "PyTorch module")])
@pytest.mark.parametrize("shape, layer", [
    ((8,), ReversibleEmbedding(10, 4, name="culprit")), ((8, 4), PositionEmbedding(8, name="culprit")),
    ((8, 4), ClassToken(name="culprit")), ((8, 4), MixtureOfExperts(4, 2, 8, name="culprit")),
    ((8, 4), GroupQueryAttention(2, 2, 1, name="culprit")),
], ids=lambda case: getattr(case, "kind", str(case)))
def test_exporting_is_refused_naming_the_layer(shape, layer, framework, words):
    model = Sequential([Input(shape), layer])
    with pytest.raises(ValueError, match=rf"^culprit \({layer.kind}\): cannot be written as .*{words}"):
        getattr(model, f"to_{framework}_code")()
