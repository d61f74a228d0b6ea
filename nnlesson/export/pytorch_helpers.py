"""Modules that PyTorch lacks, written into the exported source once, above the model that uses them.

``ClassToken`` is ViT's learned [CLS] vector. ``Attention`` is Keras's MultiHeadAttention or
GroupQueryAttention with explicit projections, for the cases ``nn.MultiheadAttention`` cannot take:
heads*key_dim other than the query's size, values of another size than keys, an output of another
size, or key/value heads shared by groups of query heads. Its parameters are the four ``nn.Linear``
layers, the same count as Keras's.
"""
from __future__ import annotations

ATTENTION = '''
class Attention(nn.Module):
    """Keras's MultiHeadAttention or GroupQueryAttention: query, key and value projections, scaled dot-product
    attention in each head (a key/value head serves a group of query heads), and an output projection."""

    def __init__(self, query_features, value_features, key_features, query_heads, key_value_heads, key_size,
                 value_size, output_features, bias=True, output_bias=None):
        super().__init__()
        self.query_heads, self.key_value_heads = query_heads, key_value_heads
        self.query = nn.Linear(query_features, query_heads * key_size, bias=bias)
        self.key = nn.Linear(key_features, key_value_heads * key_size, bias=bias)
        self.value = nn.Linear(value_features, key_value_heads * value_size, bias=bias)
        self.output = nn.Linear(query_heads * value_size, output_features,
                                bias=bias if output_bias is None else output_bias)

    def forward(self, query, value, key):
        def heads(x, count):  # (batch, tokens, count*size) -> (batch, query_heads, tokens, size)
            x = x.unflatten(-1, (count, -1)).transpose(1, 2)
            return x.repeat_interleave(self.query_heads // count, dim=1)  # a key/value head serves a group

        mixed = nn.functional.scaled_dot_product_attention(heads(self.query(query), self.query_heads),
                                                           heads(self.key(key), self.key_value_heads),
                                                           heads(self.value(value), self.key_value_heads))
        return self.output(mixed.transpose(1, 2).flatten(2))
'''

CLASS_TOKEN = '''
class ClassToken(nn.Module):
    """ViT's [CLS]: one learned vector put in front of every example's tokens."""

    def __init__(self, features):
        super().__init__()
        self.token = nn.Parameter(torch.zeros(1, 1, features))

    def forward(self, x):
        return torch.cat([self.token.expand(x.shape[0], -1, -1), x], dim=1)
'''

HELPERS = {"Attention": ATTENTION, "ClassToken": CLASS_TOKEN}
"""Each helper's source by the name the exported code calls it."""
