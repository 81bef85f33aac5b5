"""AML305: run-based compute on estimator calls."""
from azureml.train.estimator import Estimator  # [azureml-deprecated-import]
from azureml.core.compute import AmlCompute

est = Estimator('src', entry_script='train.py', vm_size='STANDARD_NC6', vm_priority='lowpriority')  # [azureml-estimator, azureml-run-based-compute, azureml-run-based-compute]
config = AmlCompute.provisioning_configuration(vm_size='STANDARD_NC6', vm_priority='lowpriority')
