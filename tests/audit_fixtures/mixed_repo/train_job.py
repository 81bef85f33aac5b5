"""Submits the training job the legacy way (an estimator) next to code that is already fine."""
from azureml.core import Experiment, ScriptRunConfig, Workspace
from azureml.train.dnn import PyTorch

ws = Workspace.from_config()
estimator = PyTorch(source_directory="src", entry_script="train.py", node_count=2)
src = ScriptRunConfig(source_directory="src", script="train.py")
Experiment(ws, "demo").submit(src)
