"""Already migrated: ScriptRunConfig with a curated environment. Nothing to report."""
from azureml.core import Dataset, Environment, Experiment, ScriptRunConfig, Workspace
from azureml.core.runconfig import DockerConfiguration, PyTorchConfiguration

ws = Workspace.from_config()
mnist = Dataset.File.from_files(path=(ws.get_default_datastore(), 'mnist'))
env = Environment.get(ws, 'AzureML-PyTorch-1.6-GPU')
src = ScriptRunConfig(source_directory='src', script='train.py',
                      arguments=['--data-folder', mnist.as_mount(), '--epochs', 30],
                      compute_target='gpu-cluster', environment=env,
                      distributed_job_config=PyTorchConfiguration(communication_backend='Nccl',
                                                                  node_count=2),
                      docker_runtime_config=DockerConfiguration(use_docker=True, shm_size='16g'))
src.run_config.environment_variables = {'NCCL_DEBUG': 'INFO'}
Experiment(ws, 'mnist-pytorch').submit(src)
