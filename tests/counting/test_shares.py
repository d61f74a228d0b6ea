"""Where a model's parameters sit."""
import pytest

from nnlesson.counting import dense_share, parameter_shares
from nnlesson.zoo import mnist_convnet


def test_shares_and_dense_share_of_the_mnist_convnet():
    s = mnist_convnet().summary()
    shares = parameter_shares(s)
    assert sum(share for _, share in shares) == pytest.approx(1.0)
    assert shares[4][1] == pytest.approx(1_179_776 / 1_199_882)
    assert dense_share(s) == pytest.approx((1_179_776 + 1_290) / 1_199_882)
    assert round(100 * dense_share(s)) == 98


def test_a_long_model_shows_its_nine_largest_layers_and_the_rest_together():
    from nnlesson.counting import largest_shares
    from nnlesson.zoo import resnet50

    summary = resnet50().summary("pytorch")
    shares = largest_shares(summary, 10)
    kept, (rest, rest_share) = shares[:-1], shares[-1]
    assert [row.name for row, _ in kept] == ["layer3.0", "layer3.1", "layer3.2", "layer3.3", "layer3.4",
                                             "layer4.0", "layer4.1", "layer4.2", "fc"]  # in model order
    smallest_kept = min(row.params for row, _ in kept)
    assert all(row.params <= smallest_kept for row in summary.rows if row.name not in {r.name for r, _ in kept})
    assert rest.name == "the other 30 layers" and rest.params == summary.total_params - sum(r.params for r, _ in kept)
    assert abs(rest_share + sum(share for _, share in kept) - 1) < 1e-12
    assert largest_shares(summary, 100) == [(row, row.params / summary.total_params) for row in summary.rows]
