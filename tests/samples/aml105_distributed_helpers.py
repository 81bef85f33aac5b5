"""AML105: the deprecated distributed-training helpers."""
from azureml.train.dnn import Mpi, Gloo, Nccl, ParameterServer  # expect: AML102:1 AML102:1 AML102:1 AML102:1
from azureml.train import estimator as train_estimator
from azureml.core.runconfig import MpiConfiguration, PyTorchConfiguration

mpi = Mpi(process_count_per_node=2)  # expect: AML105:7
positional = Mpi(4)  # expect: AML105:14
gloo = Gloo()  # expect: AML105:8
nccl = train_estimator.Nccl()  # expect: AML105:8
ps = ParameterServer(worker_count=2, parameter_server_count=1)  # expect: AML105:6
fine = MpiConfiguration(process_count_per_node=2, node_count=2)
also_fine = PyTorchConfiguration(communication_backend='Nccl', node_count=2)


class Gloo:
    """A user's own class shadows the import."""


mine = Gloo()
