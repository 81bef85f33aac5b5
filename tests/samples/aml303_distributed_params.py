"""AML303: distributed parameters on estimator calls."""
from azureml.train.dnn import PyTorch, TensorFlow, Mpi, Gloo  # expect: AML102:1 AML102:1 AML102:1 AML102:1
from azureml.train.estimator import Estimator  # expect: AML102:1
from azureml.core.runconfig import MpiConfiguration, PyTorchConfiguration

mpi = Estimator('src', node_count=2, process_count_per_node=4, distributed_backend='mpi')  # expect: AML101:7 AML303:24
nccl = PyTorch('src', node_count=2, distributed_backend='nccl')  # expect: AML101:8 AML303:23
ps = TensorFlow('src', worker_count=2, parameter_server_count=1, distributed_backend='ps')  # expect: AML101:6 AML303:24
helper = PyTorch('src', node_count=2, distributed_training=Mpi(process_count_per_node=2))  # expect: AML101:10 AML303:25 AML105:60
gloo = PyTorch('src', distributed_training=Gloo())  # expect: AML101:8 AML303:23 AML105:44
config = Estimator('src', node_count=3, distributed_training=MpiConfiguration(process_count_per_node=2))  # expect: AML101:10 AML303:27
ignored = PyTorch('src', distributed_training=PyTorchConfiguration(communication_backend='Nccl'))  # expect: AML101:11 AML303:26
single = Estimator('src', node_count=1)  # expect: AML101:10
quirk = PyTorch('src', node_count=4, process_count_per_node=2, distributed_training=Mpi())  # expect: AML101:9 AML303:24 AML105:85

