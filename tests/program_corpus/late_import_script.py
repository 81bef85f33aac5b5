# Imitates: the import-placement example of issue 16, shaped like Azure/azureml-examples (2020) v1 `train-on-remote-vm` scripts that import Dataset late
"""Train on a cluster; the dataset lookup was added at the bottom later."""
from azureml.core import Workspace
from azureml.train.estimator import Estimator

ws = Workspace.from_config()
est = Estimator(source_directory='src', entry_script='train.py', compute_target='cpu-cluster',
                pip_packages=['numpy'])
from azureml.core import Dataset
ds = Dataset.get_by_name(ws, 'x')
from azureml.core import Experiment
run = Experiment(ws, 'late-import').submit(est)
