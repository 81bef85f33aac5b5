"""Distributed PyTorch training on the GPU cluster."""
from azureml.core import Experiment, Workspace
from azureml.train.dnn import PyTorch, Nccl

ws = Workspace.from_config()
datastore = ws.get_default_datastore()
cluster = ws.compute_targets['gpu-cluster']

estimator = PyTorch(
    source_directory='src',
    entry_script='train.py',
    script_params={
        '--data-folder': datastore.path('mnist').as_mount(),
        '--epochs': 30,
        '--lr': 0.01,
    },
    compute_target=cluster,
    node_count=2,
    distributed_training=Nccl(),
    framework_version='1.6',
    use_gpu=True,
    pip_packages=['pillow==7.2.0', 'azureml-dataprep[fuse]'],
    shm_size='16g',
)

run = Experiment(ws, 'mnist-pytorch').submit(estimator)
run.wait_for_completion(show_output=True)
