"""AML502: v1 environments under the v2 target."""
# target: v2
from azureml.core import Environment  # expect: AML502:1
from azureml.core.conda_dependencies import CondaDependencies  # expect: AML502:1
from azureml.core.runconfig import DockerConfiguration  # expect: AML502:1
from azure.ai.ml.entities import Environment as V2Environment

env = Environment('train-env')
env.python.conda_dependencies = CondaDependencies()
docker = DockerConfiguration(use_docker=True, shm_size='4g')
fine = V2Environment(image='python:3.11')
