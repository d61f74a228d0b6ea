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
