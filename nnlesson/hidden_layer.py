"""A hidden layer fixes XOR: two neurons draw two lines, an output neuron combines them.

XOR is "OR but not AND". One hidden neuron computes OR, another NAND (not AND); the
output neuron fires only when both do. Each hidden neuron still draws a straight line,
but the output sees the two answers as new features, and in those features XOR is
separable by a line. The weights below are set by hand so every number is readable.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .perceptron import Classification, decide


@dataclass(frozen=True)
class TwoLayerNetwork:
    """2 inputs -> hidden neurons -> 1 output neuron, every neuron with the same activation."""

    hidden_weights: np.ndarray   # (2, n_hidden): column j holds hidden neuron j's weights
    hidden_biases: np.ndarray    # (n_hidden,)
    output_weights: np.ndarray   # (n_hidden,)
    output_bias: float
    hidden_names: tuple[str, ...]
    activation: str = "step"

    @property
    def n_hidden(self) -> int:
        return len(self.hidden_biases)

    @property
    def n_params(self) -> int:
        """(2 inputs + 1 bias) per hidden neuron, (n_hidden + 1) for the output neuron."""
        return (2 + 1) * self.n_hidden + (self.n_hidden + 1)

    @property
    def n_neurons(self) -> int:
        """Neurons that compute: the hidden ones and the output (the inputs only hold data)."""
        return self.n_hidden + 1

    def hidden(self, X: np.ndarray) -> Classification:
        """Each hidden neuron's answer for every point (one column per hidden neuron)."""
        z = np.asarray(X, dtype=float) @ self.hidden_weights + self.hidden_biases
        return decide(z, np.zeros(z.shape, dtype=int), self.activation)

    def classify(self, X: np.ndarray, y: np.ndarray) -> Classification:
        """The output neuron's class for every point, fed the hidden neurons' outputs."""
        h = self.hidden(X).a
        return decide(h @ self.output_weights + self.output_bias, y, self.activation)


XOR_NETWORK = TwoLayerNetwork(
    hidden_weights=np.array([[1.0, -1.0], [1.0, -1.0]]),
    hidden_biases=np.array([-0.5, 1.5]),
    output_weights=np.array([1.0, 1.0]),
    output_bias=-1.5,
    hidden_names=("OR", "NAND"),
)
"""h1 = step(x1 + x2 - 0.5) is OR, h2 = step(-x1 - x2 + 1.5) is NAND, out = step(h1 + h2 - 1.5) is AND."""
