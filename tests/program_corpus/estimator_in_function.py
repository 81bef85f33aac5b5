# Imitates: Azure/MachineLearningNotebooks contrib scripts and MLOpsPython-style helpers (2019) that build and submit the estimator inside a function
"""The estimator is built and submitted inside a function called at the bottom."""
from azureml.core import Workspace, Experiment
from azureml.train.estimator import Estimator


def submit_training(ws, cluster_name, epochs):
    estimator = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster_name,
                          script_params={'--epochs': epochs}, pip_packages=['scikit-learn', 'joblib'])
    return Experiment(ws, 'in-function').submit(estimator)


if __name__ == '__main__':
    workspace = Workspace.from_config()
    run = submit_training(workspace, 'cpu-cluster', 5)
    run.wait_for_completion(show_output=True)
