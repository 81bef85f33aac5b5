"""AML503: run configurations and distribution sections under the v2 target."""
# target: v2
from azureml.core.runconfig import MpiConfiguration, PyTorchConfiguration, RunConfiguration, TensorflowConfiguration
from azure.ai.ml import PyTorchDistribution

run_config = RunConfiguration()  # expect: AML201:14 AML503:14
run_config.target = 'gpu-cluster'
pytorch = PyTorchConfiguration(process_count=8, node_count=2)  # expect: AML503:11
mpi = MpiConfiguration(process_count_per_node=2, node_count=2)  # expect: AML503:7
tensorflow = TensorflowConfiguration(worker_count=2)  # expect: AML503:14
fine = PyTorchDistribution(process_count_per_instance=4)
