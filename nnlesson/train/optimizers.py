"""Optimizers: turn the gradient into a step for every parameter, in place.

Plain gradient descent moves each parameter a step ``lr`` (the learning rate) against its
gradient: ``p -= lr * g``. Too small a step crawls; too large a step overshoots and the loss
blows up. The two optimizers here both improve on the plain step:

* ``SGD`` with momentum keeps a running velocity, so steps that agree build up speed;
* ``Adam`` scales each parameter's step by a running estimate of its gradient's size, so
  one learning rate suits parameters whose gradients differ by orders of magnitude.

Both work on the model's whole parameter vector at once (``MLP.flat``), so a step costs a
handful of NumPy operations however many layers the network has.
"""
from __future__ import annotations

import numpy as np

from .._validate import describe, one_of, real_number

NAMES = ("sgd", "adam")


class SGD:
    """Stochastic gradient descent with momentum: ``v = momentum * v - lr * g``, then ``p += v``.

    With ``momentum=0`` this is the plain step ``p -= lr * g``.
    """

    def __init__(self, params: np.ndarray, lr: float = 0.1, momentum: float = 0.9):
        self.params, self.lr, self.momentum = params, lr, momentum
        self.velocity = np.zeros_like(params)

    def step(self, grad: np.ndarray) -> None:
        self.velocity *= self.momentum
        self.velocity -= self.lr * grad
        self.params += self.velocity


class Adam:
    """Adam (Kingma and Ba, 2015): running means of g and g^2, corrected for starting at zero.

    ``m = b1 m + (1 - b1) g``, ``s = b2 s + (1 - b2) g^2``, then
    ``p -= lr * m_hat / (sqrt(s_hat) + eps)`` with ``m_hat = m / (1 - b1^t)``, ``s_hat = s / (1 - b2^t)``.
    """

    def __init__(self, params: np.ndarray, lr: float = 0.01, beta1: float = 0.9,
                 beta2: float = 0.999, eps: float = 1e-8):
        self.params, self.lr, self.beta1, self.beta2, self.eps = params, lr, beta1, beta2, eps
        self.m = np.zeros_like(params)  # running mean of the gradient
        self.s = np.zeros_like(params)  # running mean of its square
        self.t = 0

    def step(self, grad: np.ndarray) -> None:
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        self.m *= b1
        self.m += (1 - b1) * grad
        self.s *= b2
        self.s += (1 - b2) * grad * grad
        m_hat = self.m / (1 - b1 ** self.t)
        s_hat = self.s / (1 - b2 ** self.t)
        self.params -= self.lr * m_hat / (np.sqrt(s_hat) + self.eps)


def make(name: str, params: np.ndarray, lr: float, momentum: float = 0.9) -> SGD | Adam:
    """``make("adam", model.flat, lr=0.01)``; ``momentum`` applies to SGD only."""
    one_of("optimizers.make", "optimizer", name, NAMES)
    lr = real_number("optimizers.make", "lr", lr)
    if lr <= 0:
        raise ValueError(f"{describe('optimizers.make', 'lr', lr)}: the learning rate must be > 0")
    momentum = real_number("optimizers.make", "momentum", momentum)
    if not 0 <= momentum < 1:
        raise ValueError(f"{describe('optimizers.make', 'momentum', momentum)}: momentum must be in [0, 1)")
    return SGD(params, lr, momentum) if name == "sgd" else Adam(params, lr)
