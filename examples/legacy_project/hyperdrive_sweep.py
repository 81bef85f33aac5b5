"""Learning-rate sweep with HyperDrive over an Estimator."""
from azureml.core import Experiment, Workspace
from azureml.train.estimator import Estimator
from azureml.train.hyperdrive import (HyperDriveConfig, PrimaryMetricGoal,
                                      RandomParameterSampling, uniform)

ws = Workspace.from_config()
estimator = Estimator(source_directory='src', entry_script='train.py',
                      compute_target='gpu-cluster', use_gpu=True,
                      pip_packages=['torch==1.6.0'],
                      script_params={'--epochs': 10})
sampling = RandomParameterSampling({'--lr': uniform(0.001, 0.1)})
sweep = HyperDriveConfig(estimator=estimator,
                         hyperparameter_sampling=sampling,
                         primary_metric_name='accuracy',
                         primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                         max_total_runs=20)
Experiment(ws, 'mnist-sweep').submit(sweep)
