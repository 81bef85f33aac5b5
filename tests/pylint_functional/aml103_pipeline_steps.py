"""AML103: EstimatorStep and MpiStep."""
from azureml.pipeline.steps import EstimatorStep, MpiStep, PythonScriptStep, CommandStep  # [azureml-deprecated-import, azureml-deprecated-import]
from azureml.pipeline import steps
from azureml.train.estimator import Estimator  # [azureml-deprecated-import]

est = Estimator('src', entry_script='train.py')  # [azureml-estimator]
step = EstimatorStep(name='train', estimator=est, compute_target=cluster,  # [azureml-estimator-step]
                     estimator_entry_script_arguments=['--epochs', 5])
mpi = steps.MpiStep(name='mpi', source_directory='src', script_name='train.py',  # [azureml-estimator-step]
                    node_count=2, process_count_per_node=4, compute_target=cluster, arguments=['--x', 1])
inline = EstimatorStep(name='t', estimator=Estimator('src', entry_script='a.py'))  # [azureml-estimator-step, azureml-estimator]
fine = PythonScriptStep(script_name='train.py', source_directory='src', runconfig=src.run_config)
also_fine = CommandStep(name='train', runconfig=src, compute_target=cluster)
