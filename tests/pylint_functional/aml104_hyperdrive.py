"""AML104: HyperDriveConfig(estimator=...) at the keyword, HyperDriveRunConfig(...) at the call."""
from azureml.train.hyperdrive import HyperDriveConfig, HyperDriveRunConfig, PrimaryMetricGoal  # [azureml-deprecated-import]
from azureml.train.dnn import PyTorch  # [azureml-deprecated-import]

est = PyTorch('src', entry_script='train.py', framework_version='1.6')  # [azureml-estimator, azureml-estimator-environment-param]
hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling,  # [azureml-hyperdrive-estimator]
                      primary_metric_name='acc', primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                      max_total_runs=4)
nested = HyperDriveConfig(
    run_config=None,
    estimator=PyTorch('src', entry_script='t.py'),  # [azureml-hyperdrive-estimator, azureml-estimator]
    hyperparameter_sampling=sampling, primary_metric_name='acc',
    primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=4)
old = HyperDriveRunConfig(estimator=est, hyperparameter_sampling=sampling,  # [azureml-hyperdrive-estimator]
                          primary_metric_name='acc', primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                          max_total_runs=4)
fine = HyperDriveConfig(run_config=src, hyperparameter_sampling=sampling, primary_metric_name='acc',
                        primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=4)
