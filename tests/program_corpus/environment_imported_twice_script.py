# Imitates: Udacity capstone and workshop scripts (2020) that import Environment from azureml.core and later again from azureml.core.environment for deployment
"""One module, Environment under two import paths, an estimator between them."""
from azureml.core import Workspace, Experiment, Environment
from azureml.train.dnn import PyTorch

ws = Workspace.from_config()
inference_env = Environment('inference')

estimator = PyTorch(source_directory='src', entry_script='train.py', compute_target='gpu-cluster',
                    framework_version='1.6', pip_packages=['torchvision==0.7.0'], use_gpu=True)
run = Experiment(ws, 'two-paths').submit(estimator)

from azureml.core.environment import Environment
deploy_env = Environment.from_conda_specification('deploy', 'src/environment.yml')
print(inference_env.name, deploy_env.name)
