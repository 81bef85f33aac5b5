"""Compatibility shims of the kind real projects keep: the deprecated names live on here."""
try:
    from azureml.train.dnn import PyTorch
except ImportError:
    PyTorch = None
from azureml.core import RunConfiguration as HandmadeRunConfiguration
from azureml.train.estimator import *

DefaultEstimator = Estimator
