# Imitates: microsoft/azureml-workshop-2019 (2019) 2-training-and-interpretability/2.1-aml-training-and-logging, as a script
"""An Estimator built from a conda file the script writes with CondaDependencies."""
from azureml.core import Workspace, Experiment
from azureml.core.conda_dependencies import CondaDependencies
from azureml.train.estimator import Estimator

ws = Workspace.from_config()
experiment = Experiment(ws, 'workshop-training')
cd = CondaDependencies.create(pip_packages=['azureml-defaults', 'scikit-learn==0.21.3', 'pandas'])
cd.save_to_file('src', 'workshop-env.yml')

estimator = Estimator(source_directory='src',
                      entry_script='train.py',
                      compute_target='cpu-cluster',
                      conda_dependencies_file='workshop-env.yml',
                      script_params={'--alpha': 0.03})
run = experiment.submit(estimator)
run.wait_for_completion(show_output=True)
print(run.get_file_names())
