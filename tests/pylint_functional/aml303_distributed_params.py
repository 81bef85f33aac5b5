"""AML303: distributed parameters on estimator calls."""
from azureml.train.dnn import PyTorch, TensorFlow, Mpi, Gloo  # [azureml-deprecated-import, azureml-deprecated-import, azureml-deprecated-import, azureml-deprecated-import]
from azureml.train.estimator import Estimator  # [azureml-deprecated-import]
from azureml.core.runconfig import MpiConfiguration, PyTorchConfiguration

mpi = Estimator('src', node_count=2, process_count_per_node=4, distributed_backend='mpi')  # [azureml-estimator, azureml-estimator-distributed-param, azureml-estimator-distributed-param, azureml-estimator-distributed-param]
nccl = PyTorch('src', node_count=2, distributed_backend='nccl')  # [azureml-estimator, azureml-estimator-distributed-param, azureml-estimator-distributed-param]
ps = TensorFlow('src', worker_count=2, parameter_server_count=1, distributed_backend='ps')  # [azureml-estimator, azureml-estimator-distributed-param, azureml-estimator-distributed-param, azureml-estimator-distributed-param]
helper = PyTorch('src', node_count=2, distributed_training=Mpi(process_count_per_node=2))  # [azureml-estimator, azureml-estimator-distributed-param, azureml-estimator-distributed-param, azureml-distributed-helper]
gloo = PyTorch('src', distributed_training=Gloo())  # [azureml-estimator, azureml-estimator-distributed-param, azureml-distributed-helper]
config = Estimator('src', node_count=3, distributed_training=MpiConfiguration(process_count_per_node=2))  # [azureml-estimator, azureml-estimator-distributed-param, azureml-estimator-distributed-param]
ignored = PyTorch('src', distributed_training=PyTorchConfiguration(communication_backend='Nccl'))  # [azureml-estimator, azureml-estimator-distributed-param]
single = Estimator('src', node_count=1)  # [azureml-estimator, azureml-estimator-distributed-param]
