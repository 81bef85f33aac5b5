"""AML505: HyperDrive under the v2 target."""
# target: v2
from azureml.train.hyperdrive import (BanditPolicy, HyperDriveConfig, PrimaryMetricGoal,  # expect: AML505:1
                                      RandomParameterSampling, choice)
from azure.ai.ml.sweep import MedianStoppingPolicy

sampling = RandomParameterSampling({'--lr': choice(0.1, 0.2)})  # expect: AML505:12
hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=sampling, policy=BanditPolicy(slack_factor=0.1),  # expect: AML505:6
                      primary_metric_name='accuracy', primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                      max_total_runs=8)
fine = MedianStoppingPolicy()
