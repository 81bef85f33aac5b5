"""AML201: RunConfiguration built by hand for a training run."""
from azureml.core import RunConfiguration, ScriptRunConfig
from azureml.core.runconfig import RunConfiguration as RC
import azureml.core

standalone = RunConfiguration()  # [azureml-handmade-runconfig]
standalone.environment = env
standalone.target = 'cpu-cluster'
src = ScriptRunConfig('src', script='train.py', run_config=standalone)
inline = ScriptRunConfig('src', script='train.py', run_config=RC(script='train.py'))  # [azureml-handmade-runconfig]
by_module = azureml.core.RunConfiguration(conda_dependencies=cd)  # [azureml-handmade-runconfig]


def factory():
    config = RunConfiguration()  # [azureml-handmade-runconfig]
    return config


loaded = RunConfiguration.load('runconfig.yml')
src.run_config.environment_variables = {'A': '1'}
tweak = src.run_config
tweak.node_count = 2
fine = ScriptRunConfig('src', script='train.py', compute_target='cluster', environment=env)
