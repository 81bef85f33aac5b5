"""AML501: ScriptRunConfig under the v2 target."""
# target: v2
from azureml.core import ScriptRunConfig
import azureml.core

src = ScriptRunConfig(source_directory='src', script='train.py', arguments=['--epochs', 3])  # expect: AML501:7
other = azureml.core.ScriptRunConfig('src', 'eval.py')  # expect: AML501:9
not_a_job = dict(source_directory='src')
