# Imitates: microsoft/AzureML-BERT (2019) pretrain/PyTorch/notebooks/BERT_Pretrain.ipynb, as a script
"""Distributed BERT pretraining: PyTorch estimator with a custom image, MPI over nodes, data on a datastore."""
from azureml.core import Workspace, Experiment, Datastore
from azureml.core.compute import ComputeTarget
from azureml.core.runconfig import MpiConfiguration
from azureml.train.dnn import PyTorch

ws = Workspace.from_config()
ds = Datastore.get(ws, 'bertdatastore')
gpu_cluster = ComputeTarget(workspace=ws, name='bert-cluster')

mpi = MpiConfiguration()
mpi.process_count_per_node = 4

estimator = PyTorch(source_directory='src',
                    script_params={'--config_file': 'bert-large.json',
                                   '--path': ds.path('data/bert_data').as_mount(),
                                   '--output_dir': ds.path('data/bert_output').as_mount()},
                    compute_target=gpu_cluster,
                    node_count=2,
                    process_count_per_node=4,
                    distributed_training=mpi,
                    use_gpu=True,
                    entry_script='train.py',
                    custom_docker_image='mcr.microsoft.com/azureml/bert:pretrain-openmpi3.1.2-cuda10.0-cudnn7-ubuntu16.04',
                    framework_version='1.6')
run = Experiment(ws, 'bert-pretrain').submit(estimator)
print(run.get_portal_url())
