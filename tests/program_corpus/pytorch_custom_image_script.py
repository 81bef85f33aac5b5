# Imitates: Azure/MachineLearningNotebooks (2019-11) how-to-use-azureml/training-with-deep-learning/distributed-cntk-with-custom-docker, a custom image with user-managed dependencies
"""An Estimator on a custom image whose Python the image manages."""
from azureml.core import Workspace, Experiment
from azureml.core.compute import ComputeTarget
from azureml.core.container_registry import ContainerRegistry
from azureml.train.estimator import Estimator

ws = Workspace.from_config()
compute_target = ComputeTarget(workspace=ws, name='gpu-cluster')
image_registry_details = ContainerRegistry()
image_registry_details.address = "myregistry.azurecr.io"
image_registry_details.username = "myregistry"
image_registry_details.password = "not-a-secret"

estimator = Estimator(source_directory='src',
                      compute_target=compute_target,
                      entry_script='train.py',
                      script_params={'--num_epochs': 1},
                      node_count=1,
                      use_gpu=True,
                      custom_docker_image='myregistry.azurecr.io/cntk:2.7',
                      image_registry_details=image_registry_details,
                      user_managed=True)
run = Experiment(ws, 'custom-image').submit(estimator)
run.wait_for_completion(show_output=True)
