# Imitates: Azure/MachineLearningNotebooks (2020-06) how-to-use-azureml/ml-frameworks/tensorflow/training/hyperparameter-tune-and-warm-start-with-tensorflow, as a script
"""A TensorFlow sweep with a Bandit policy; the estimator's own arguments are not tuned."""
from azureml.core import Workspace, Experiment
from azureml.train.dnn import TensorFlow
from azureml.train.hyperdrive import (BanditPolicy, HyperDriveConfig, PrimaryMetricGoal,
                                      RandomParameterSampling, choice, loguniform)

ws = Workspace.from_config()
compute_target = ws.compute_targets['gpu-cluster']
est = TensorFlow(source_directory='src',
                 entry_script='train.py',
                 compute_target=compute_target,
                 script_params={'--data-folder': '/data/mnist'},
                 use_gpu=True,
                 framework_version='2.0')
ps = RandomParameterSampling({'--batch-size': choice(25, 50, 100), '--learning-rate': loguniform(-6, -1)})
htc = HyperDriveConfig(estimator=est,
                       hyperparameter_sampling=ps,
                       policy=BanditPolicy(evaluation_interval=2, slack_factor=0.1),
                       primary_metric_name='validation_acc',
                       primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                       max_total_runs=16,
                       max_concurrent_runs=4)
htr = Experiment(ws, 'tf-warm-start').submit(htc)
htr.wait_for_completion(show_output=True)
