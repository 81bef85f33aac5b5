"""AML504: v1 submission under the v2 target."""
# target: v2
from azureml.core import Experiment, ScriptRunConfig, Workspace  # expect: AML504:1 AML504:1

ws = Workspace.from_config()
src = ScriptRunConfig(source_directory='src', script='train.py')  # expect: AML501:7
run = Experiment(ws, 'train').submit(src)  # expect: AML504:7
