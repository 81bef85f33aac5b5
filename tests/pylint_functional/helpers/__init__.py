"""A user's own package that re-exports deprecated SDK classes (used by the inference tests)."""
from .legacy_compat import PyTorch as TorchEstimator
