"""A deprecated class reached through a variable: only inference sees it (confidence INFERENCE)."""
from azureml.train.dnn import PyTorch, TensorFlow  # [azureml-deprecated-import, azureml-deprecated-import]
from azureml.core import RunConfiguration

estimator_class = PyTorch
run = estimator_class('src', entry_script='train.py', use_gpu=True)  # [azureml-estimator, azureml-estimator-environment-param]
second_hop = estimator_class
again = second_hop('src', node_count=2)  # [azureml-estimator, azureml-estimator-distributed-param]
config_class = RunConfiguration
config = config_class()  # [azureml-handmade-runconfig]


def with_default(factory=TensorFlow):
    """A parameter may be rebound by any caller: no finding."""
    return factory('src')


def shadowing():
    """A local rebinding wins over the module-level alias."""
    estimator_class = dict
    return estimator_class(a=1)
