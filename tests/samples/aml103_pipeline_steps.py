"""AML103: EstimatorStep and MpiStep."""
from azureml.pipeline.steps import EstimatorStep, MpiStep, PythonScriptStep, CommandStep  # expect: AML102:1 AML102:1
from azureml.pipeline import steps
from azureml.train.estimator import Estimator  # expect: AML102:1

est = Estimator('src', entry_script='train.py')  # expect: AML101:7
step = EstimatorStep(name='train', estimator=est, compute_target=cluster,  # expect: AML103:8
                     estimator_entry_script_arguments=['--epochs', 5])
mpi = steps.MpiStep(name='mpi', source_directory='src', script_name='train.py',  # expect: AML103:7
                    node_count=2, process_count_per_node=4, compute_target=cluster, arguments=['--x', 1])
inline = EstimatorStep(name='t', estimator=Estimator('src', entry_script='a.py'))  # expect: AML103:10 AML101:44
fine = PythonScriptStep(script_name='train.py', source_directory='src', runconfig=src.run_config)
also_fine = CommandStep(name='train', runconfig=src, compute_target=cluster)
