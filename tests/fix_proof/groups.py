# Whole programs whose fixes form fix groups: an estimator and the calls that read it as an
# estimator. tests/test_fix_groups.py fixes each in safe and in unsafe mode and runs the result
# offline through the real SDK (the names ws, ds, cluster and exp are the harness's).
# "# compare: a b" names the jobs a case is about; "# name clash" marks a case whose fix the
# fixer refuses for a name the module already binds, which no label can foresee.
# case: hyperdrive_estimator_refused_for_a_name_clash
# name clash
# Azure/MachineLearningNotebooks train-hyperparameter-tune-deploy-with-pytorch (2020): the
# notebook imports Environment from azureml.core.environment after the estimator
# compare: hd
from azureml.train.dnn import PyTorch
from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, PrimaryMetricGoal, uniform
est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster, framework_version='1.6',
              script_params={'--epochs': 5}, pip_packages=['tqdm'])
hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=RandomParameterSampling({'--lr': uniform(0.01, 0.1)}),
                      primary_metric_name='accuracy', primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                      max_total_runs=4)
from azureml.core.environment import Environment
# case: estimator_step_with_a_safe_estimator
# examples/legacy_project/pipelines/nightly.py: the estimator's rewrite is safe, the step's unsafe
from azureml.pipeline.core import PipelineData
from azureml.pipeline.steps import EstimatorStep
from azureml.train.estimator import Estimator
prepared = PipelineData('prepared', datastore=ds)
trainer = Estimator(source_directory='src', entry_script='train.py', compute_target='gpu-cluster',
                    custom_docker_image='myregistry.azurecr.io/mnist:1.0')
train = EstimatorStep(name='train', estimator=trainer, outputs=[prepared],
                      estimator_entry_script_arguments=['--out', prepared],
                      compute_target='gpu-cluster')
# case: hyperdrive_over_an_unsafe_estimator
# Azure/MachineLearningNotebooks train-hyperparameter-tune-deploy-with-keras (2019): a framework
# estimator on a cluster without packages of its own ran the prebuilt image (unsafe)
# compare: hd
from azureml.train.dnn import PyTorch
from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, PrimaryMetricGoal, uniform
est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster, framework_version='1.6',
              script_params={'--epochs': 5})
hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=RandomParameterSampling({'--lr': uniform(0.01, 0.1)}),
                      primary_metric_name='accuracy', primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                      max_total_runs=4)
# case: estimator_submitted_and_tuned
# Azure/MachineLearningNotebooks train-hyperparameter-tune-deploy-with-chainer (2020): the
# estimator is submitted on its own, then HyperDrive tunes two of its arguments; the rewrite
# keeps them for the submission and writes a second ScriptRunConfig without them for HyperDrive
from azureml.train.estimator import Estimator
from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, PrimaryMetricGoal, choice
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                script_params={'--lr': 0.1, '--epochs': 10})
run = exp.submit(est)
sampling = RandomParameterSampling({'--lr': choice(0.01, 0.1)})
hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling, primary_metric_name='acc',
                      primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=2)
# case: estimator_submitted_and_tuned_with_data_and_later_changes
# the same, with a data reference in the arguments, a held script_params dict, and the run
# configuration changed after both are built (HyperDrive's copy saw the change too)
from azureml.core import Datastore
from azureml.train.dnn import Chainer
from azureml.train.hyperdrive import HyperDriveConfig, GridParameterSampling, PrimaryMetricGoal, choice
store = Datastore.get(ws, 'mydatastore')
script_params = {'--data-folder': store.as_mount(), '--batchsize': 128, '--epochs': 10}
est = Chainer(source_directory='src', entry_script='train.py', compute_target=cluster,
              script_params=script_params, pip_packages=['numpy', 'pytest'], use_gpu=True)
run = exp.submit(est)
sampling = GridParameterSampling({'--batchsize': choice(128, 256), '--epochs': choice(5, 10)})
hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling, primary_metric_name='Accuracy',
                      primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=4, max_concurrent_runs=2)
est.run_config.environment_variables = {'LATE': '1'}
# case: two_sweeps_over_a_tuned_argument_stay_manual
# two sweeps tune --lr, which the estimator's own arguments hold: no one ScriptRunConfig serves
# both without it, so the group stays manual
from azureml.train.estimator import Estimator
from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, PrimaryMetricGoal, choice
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster, script_params={'--lr': 0.1})
sampling = RandomParameterSampling({'--lr': choice(0.01, 0.1)})
hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling, primary_metric_name='acc',
                      primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=2)
fine = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling, primary_metric_name='acc',
                        primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=4)
# case: hyperdrive_run_config_becomes_hyperdrive_config
# HyperDriveRunConfig returns HyperDriveConfig(..., estimator=est): it becomes
# HyperDriveConfig(run_config=src, ...) with the same parameters, in the estimator's group
# compare: hd
from azureml.train.estimator import Estimator
from azureml.train.hyperdrive import HyperDriveRunConfig, RandomParameterSampling, PrimaryMetricGoal, choice
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster, script_params={'--epochs': 3})
hd = HyperDriveRunConfig(estimator=est, hyperparameter_sampling=RandomParameterSampling({'--lr': choice(0.01, 0.1)}),
                         primary_metric_name='acc', primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=2)
# case: hyperdrive_run_config_over_an_estimator_submitted_alone
# Azure/MachineLearningNotebooks train-hyperparameter-tune-deploy-with-sklearn (2020): SKLearn
# submitted, then HyperDriveRunConfig (positional parameters, a policy) tunes both its arguments
from azureml.train.sklearn import SKLearn
from azureml.train.hyperdrive import HyperDriveRunConfig, RandomParameterSampling, BanditPolicy
from azureml.train.hyperdrive import PrimaryMetricGoal, choice
script_params = {'--kernel': 'linear', '--penalty': 1.0}
estimator = SKLearn(source_directory='src', script_params=script_params, compute_target=cluster,
                    entry_script='train.py', pip_packages=['joblib==0.13.2'])
run = exp.submit(estimator)
param_sampling = RandomParameterSampling({"--kernel": choice('linear', 'rbf'), "--penalty": choice(0.5, 1, 1.5)})
hd = HyperDriveRunConfig(estimator, param_sampling, 'Accuracy', PrimaryMetricGoal.MAXIMIZE, 12,
                         max_concurrent_runs=4, policy=BanditPolicy(evaluation_interval=1, slack_factor=0.1))
# case: one_estimator_read_by_hyperdrive_and_a_step
# an estimator tuned by HyperDrive and trained in a pipeline: EstimatorStep blanks the
# estimator's target in place, which HyperDrive then reads; no rewrite keeps that, so the group
# of three stays manual
from azureml.pipeline.core import PipelineData
from azureml.pipeline.steps import EstimatorStep
from azureml.train.estimator import Estimator
from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, PrimaryMetricGoal, choice
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster, pip_packages=['tqdm'])
model = PipelineData('model', datastore=ds)
step = EstimatorStep(name='train', estimator=est, estimator_entry_script_arguments=['--output', model],
                     compute_target=cluster, outputs=[model])
hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=RandomParameterSampling({'--lr': choice(0.01, 0.1)}),
                      primary_metric_name='acc', primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=2)
# case: one_estimator_tuned_by_two_hyperdrive_runs
# two sweeps over one estimator (a coarse and a fine one): a group of three, safe
from azureml.train.estimator import Estimator
from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, GridParameterSampling
from azureml.train.hyperdrive import PrimaryMetricGoal, choice
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster, pip_packages=['tqdm'],
                script_params={'--epochs': 10})
coarse = HyperDriveConfig(estimator=est, hyperparameter_sampling=RandomParameterSampling({'--lr': choice(0.01, 0.1)}),
                          primary_metric_name='acc', primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=2)
fine = HyperDriveConfig(estimator=est, hyperparameter_sampling=GridParameterSampling({'--lr': choice(0.02, 0.03)}),
                        primary_metric_name='acc', primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=2)
# case: safe_hyperdrive_group
# Azure/MachineLearningNotebooks hyperparameter tuning with a plain Estimator and pip packages
# compare: hd
from azureml.train.estimator import Estimator
from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, PrimaryMetricGoal, choice
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster, pip_packages=['tqdm'],
                script_params={'--epochs': 10})
sampling = RandomParameterSampling({'--lr': choice(0.01, 0.1)})
hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling, primary_metric_name='acc',
                      primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=2)
# case: hyperdrive_variant_with_every_argument_tuned
# an estimator submitted alone and tuned on its only argument: the ScriptRunConfig HyperDrive
# reads keeps no argument, and is written without arguments= (the same HyperDrive job)
# compare: submit:1 hd
from azureml.train.estimator import Estimator
from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, PrimaryMetricGoal, choice
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster, pip_packages=['tqdm'],
                script_params={'--lr': 0.05})
run = exp.submit(est)
hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=RandomParameterSampling({'--lr': choice(0.01, 0.1)}),
                      primary_metric_name='acc', primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=2)
# case: two_estimators_share_one_environment
# the same environment for two experiments (a baseline and a longer run): one Environment is
# written, with the first rewrite, and both ScriptRunConfigs pass it; one group
from azureml.train.dnn import PyTorch
baseline = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster, framework_version='1.6',
                   pip_packages=['tqdm'], script_params={'--epochs': 1})
run = exp.submit(baseline)
longer = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster, framework_version='1.6',
                 pip_packages=['tqdm'], script_params={'--epochs': 20})
run = exp.submit(longer)
# case: two_estimators_share_one_environment_one_tuned_by_hyperdrive
# compare: submit:1 hd first second
from azureml.train.estimator import Estimator
from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, PrimaryMetricGoal, choice
first = Estimator(source_directory='src', entry_script='train.py', compute_target='gpu-cluster',
                  pip_packages=['tqdm'], conda_packages=['scikit-learn'], script_params={'--epochs': 1})
run = exp.submit(first)
second = Estimator(source_directory='src', entry_script='train.py', compute_target='gpu-cluster',
                   pip_packages=['tqdm'], conda_packages=['scikit-learn'], script_params={'--epochs': 5})
hd = HyperDriveConfig(estimator=second, hyperparameter_sampling=RandomParameterSampling({'--lr': choice(0.01, 0.1)}),
                      primary_metric_name='acc', primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=2)
