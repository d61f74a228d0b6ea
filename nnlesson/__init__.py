
# --- counting engine (layers, Sequential) ---
from . import layers
from .model import Sequential
