"""AML201: RunConfiguration built by hand for a training run."""
from azureml.core import RunConfiguration, ScriptRunConfig
from azureml.core.runconfig import RunConfiguration as RC
import azureml.core

standalone = RunConfiguration()  # expect: AML201:14
standalone.environment = env
standalone.target = 'cpu-cluster'
src = ScriptRunConfig('src', script='train.py', run_config=standalone)
inline = ScriptRunConfig('src', script='train.py', run_config=RC(script='train.py'))  # expect: AML201:63
by_module = azureml.core.RunConfiguration(conda_dependencies=cd)  # expect: AML201:13


def factory():
    config = RunConfiguration()  # expect: AML201:14
    return config


loaded = RunConfiguration.load('runconfig.yml')
src.run_config.environment_variables = {'A': '1'}
tweak = src.run_config
tweak.node_count = 2
fine = ScriptRunConfig('src', script='train.py', compute_target='cluster', environment=env)
defaults = RunConfiguration().environment.python.conda_dependencies
