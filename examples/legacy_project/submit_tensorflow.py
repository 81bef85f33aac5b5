"""Parameter-server TensorFlow training with run-based compute."""
from azureml.core import Experiment, Workspace
from azureml.train.dnn import TensorFlow

ws = Workspace.from_config()

estimator = TensorFlow(source_directory='src',
                       entry_script='train.py',
                       script_params={'--epochs': 5, '--data-folder': '/data'},
                       vm_size='STANDARD_NC6',
                       vm_priority='lowpriority',
                       distributed_backend='ps',
                       worker_count=2,
                       parameter_server_count=1,
                       framework_version='2.1',
                       conda_packages=['scipy'],
                       environment_variables={'TF_CPP_MIN_LOG_LEVEL': '2'})
Experiment(ws, 'mnist-tf').submit(estimator)
