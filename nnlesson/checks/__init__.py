"""Exercise checks for the notebooks: each says right, or gives a hint, never the answer.

Every check recomputes the truth with the package from the exercise's own inputs.
"""
from .base import Feedback
from .activations import activation_value, gradient_bound, softmax_probability, stacked_linear_params
from .branches import concat_channels, dense_block_channels, se_params, shared_params
from .convnets import convnet_params, overfits_sooner
from .llm import adam_training_gb, gpt2_params, kv_cache_gb, lstm_difference, mixtral_active
from .counting import (conv_neurons, conv_output_size, conv_params, dense_params, frozen_trainable, mlp_neurons,
                       mlp_params, param_memory, separable_params)
from .neuron import gate_weights, neuron_output, parameter_count
from .training import chain_rule_gradient, kept_epoch, verdict, width_for_points

__all__ = ["Feedback", "activation_value", "adam_training_gb", "concat_channels", "dense_block_channels", "se_params", "shared_params", "conv_neurons", "convnet_params", "overfits_sooner", "conv_output_size", "conv_params", "dense_params",
           "frozen_trainable", "gate_weights", "gradient_bound", "gpt2_params", "kv_cache_gb", "lstm_difference", "mixtral_active", "mlp_neurons", "mlp_params", "neuron_output",
           "param_memory", "parameter_count", "separable_params", "softmax_probability", "stacked_linear_params",
           "chain_rule_gradient", "kept_epoch", "verdict", "width_for_points"]
