"""AML305: run-based compute on estimator calls."""
from azureml.train.estimator import Estimator  # expect: AML102:1
from azureml.core.compute import AmlCompute

est = Estimator('src', entry_script='train.py', vm_size='STANDARD_NC6', vm_priority='lowpriority')  # expect: AML101:7 AML305:49
config = AmlCompute.provisioning_configuration(vm_size='STANDARD_NC6', vm_priority='lowpriority')
