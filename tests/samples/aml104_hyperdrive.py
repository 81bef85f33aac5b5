"""AML104: HyperDriveConfig(estimator=...) at the keyword, HyperDriveRunConfig(...) at the call."""
from azureml.train.hyperdrive import HyperDriveConfig, HyperDriveRunConfig, PrimaryMetricGoal  # expect: AML102:1
from azureml.train.dnn import PyTorch  # expect: AML102:1

est = PyTorch('src', entry_script='train.py', framework_version='1.6')  # expect: AML101:7 AML301:47
hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling,  # expect: AML104:23
                      primary_metric_name='acc', primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                      max_total_runs=4)
nested = HyperDriveConfig(
    run_config=None,
    estimator=PyTorch('src', entry_script='t.py'),  # expect: AML104:5 AML101:15
    hyperparameter_sampling=sampling, primary_metric_name='acc',
    primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=4)
old = HyperDriveRunConfig(estimator=est, hyperparameter_sampling=sampling,  # expect: AML104:7
                          primary_metric_name='acc', primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                          max_total_runs=4)
fine = HyperDriveConfig(run_config=src, hyperparameter_sampling=sampling, primary_metric_name='acc',
                        primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=4)
