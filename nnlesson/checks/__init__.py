"""Exercise checks for the notebooks: each says right, or gives a hint, never the answer.

Every check recomputes the truth with the package from the exercise's own inputs.
"""
from .base import Feedback

__all__ = ["Feedback"]
