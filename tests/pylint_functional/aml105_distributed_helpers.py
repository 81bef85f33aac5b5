"""AML105: the deprecated distributed-training helpers."""
from azureml.train.dnn import Mpi, Gloo, Nccl, ParameterServer  # [azureml-deprecated-import, azureml-deprecated-import, azureml-deprecated-import, azureml-deprecated-import]
from azureml.train import estimator as train_estimator
from azureml.core.runconfig import MpiConfiguration, PyTorchConfiguration

mpi = Mpi(process_count_per_node=2)  # [azureml-distributed-helper]
positional = Mpi(4)  # [azureml-distributed-helper]
gloo = Gloo()  # [azureml-distributed-helper]
nccl = train_estimator.Nccl()  # [azureml-distributed-helper]
ps = ParameterServer(worker_count=2, parameter_server_count=1)  # [azureml-distributed-helper]
fine = MpiConfiguration(process_count_per_node=2, node_count=2)
also_fine = PyTorchConfiguration(communication_backend='Nccl', node_count=2)


class Gloo:
    """A user's own class shadows the import."""


mine = Gloo()
