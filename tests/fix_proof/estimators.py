# Estimator calls `azureml-migrate fix --unsafe-fixes` rewrites; test_fix_sdk_proof.py builds each
# original and rewritten job with the real SDK and compares them whole. Cases are separated by
# "# case: <name>" lines; ws, ds, ds2, cluster and exp come from the offline harness.
# case: generic_local_packages
from azureml.train.estimator import Estimator
est = Estimator(source_directory='src', entry_script='train.py', compute_target='local',
                pip_packages=['tqdm', 'pandas==1.0'], conda_packages=['numpy'])
# case: generic_gpu_image_docker_off_duration
from azureml.train.estimator import Estimator
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster, use_gpu=True,
                use_docker=False, max_run_duration_seconds=3600, environment_variables={'MODE': 'fast'})
# case: generic_custom_image_user_managed
from azureml.train.estimator import Estimator
est = Estimator(source_directory='src', entry_script='train.py', compute_target='local',
                custom_docker_image='myregistry.azurecr.io/train:1', user_managed=True, shm_size='16g')
# case: generic_conda_file
from azureml.train.estimator import Estimator
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                conda_dependencies_file='environment.yml')
# case: generic_requirements_file
from azureml.train.estimator import Estimator
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                pip_requirements_file='requirements.txt', pip_packages=['tqdm'])
# case: script_params_literal
from azureml.train.estimator import Estimator
est = Estimator(source_directory='src', entry_script='train.py', compute_target='local',
                script_params={'--lr': 0.01, '--layers': [64, 32], '--verbose': '', '--skip': None})
# case: data_reference_mount
from azureml.core import Datastore
from azureml.train.estimator import Estimator
store = Datastore.get(ws, 'mydatastore')
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                script_params={'--data': store.path('images').as_mount(), '--epochs': 5})
# case: data_reference_inputs
from azureml.core import Datastore
from azureml.train.estimator import Estimator
store = Datastore.get(ws, 'mydatastore')
reference = store.path('labels').as_download()
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                inputs=[reference], script_params={'--labels': reference})
# case: pytorch_local_gpu
from azureml.train.dnn import PyTorch
est = PyTorch(source_directory='src', entry_script='train.py', compute_target='local',
              framework_version='1.6', use_gpu=True)
# case: pytorch_cluster_packages
from azureml.train.dnn import PyTorch
est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster,
              framework_version='1.5', pip_packages=['tqdm', 'torch==1.5.1'])
# case: pytorch_cluster_prebuilt
from azureml.train.dnn import PyTorch
est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster,
              framework_version='1.6', use_gpu=True)
# case: pytorch_nccl_distributed
from azureml.train.dnn import PyTorch
est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster, framework_version='1.6',
              use_gpu=True, node_count=2, distributed_backend='nccl', pip_packages=['tqdm'])
# case: pytorch_nccl_backend_packages
from azureml.train.dnn import PyTorch
est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster, framework_version='1.4',
              node_count=2, distributed_backend="nccl", conda_packages=["pillow"])
# case: pytorch_default_version
from azureml.train.dnn import PyTorch
est = PyTorch(source_directory='src', entry_script='train.py', compute_target='gpu-cluster')
# case: tensorflow_parameter_server
from azureml.train.dnn import TensorFlow
est = TensorFlow(source_directory='src', entry_script='train.py', compute_target=cluster, framework_version='2.1',
                 use_gpu=True, distributed_backend='ps', worker_count=2, parameter_server_count=1, node_count=2,
                 pip_packages=['pillow'])
# case: tensorflow_mpi_custom_image
from azureml.train.dnn import TensorFlow
est = TensorFlow(source_directory='src', entry_script='train.py', compute_target=cluster, framework_version='1.13',
                 custom_docker_image='myregistry.azurecr.io/tf:1', node_count=2, distributed_backend='mpi',
                 process_count_per_node=2)
# case: tensorflow_conda_file
from azureml.train.dnn import TensorFlow
est = TensorFlow(source_directory='src', entry_script='train.py', compute_target='local', framework_version='2.2',
                 conda_dependencies_file='environment.yml')
# case: chainer_environment_definition
from azureml.core import Environment
from azureml.train.dnn import Chainer
env = Environment('chainer-env')
est = Chainer(source_directory='src', entry_script='train.py', compute_target=cluster, environment_definition=env)
# case: sklearn_local
from azureml.train.sklearn import SKLearn
est = SKLearn(source_directory='src', entry_script='train.py', compute_target='local',
              pip_packages=['joblib==1.0'], script_params={'--alpha': 0.5})
# case: mpi_helper
from azureml.train.estimator import Estimator, Mpi
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster, node_count=3,
                distributed_training=Mpi(2))
# case: estimator_submitted_inline
from azureml.train.estimator import Estimator
run = exp.submit(Estimator(source_directory='src', entry_script='train.py', compute_target='local',
                           environment_variables={'A': '1'}))
# case: hyperdrive
from azureml.train.dnn import PyTorch
from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, PrimaryMetricGoal, uniform
est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster, framework_version='1.6',
              script_params={'--epochs': 5}, pip_packages=['tqdm'])
hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=RandomParameterSampling({'--lr': uniform(0.01, 0.1)}),
                      primary_metric_name='accuracy', primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                      max_total_runs=4)
# case: pytorch_nccl_helper_data
from azureml.core import Datastore
from azureml.train.dnn import PyTorch, Nccl
store = Datastore.get(ws, 'mydatastore')
est = PyTorch(source_directory='src', entry_script='train.py',
              script_params={'--data-folder': store.path('mnist').as_mount(), '--epochs': 30, '--lr': 0.01},
              compute_target=cluster, node_count=2, distributed_training=Nccl(), framework_version='1.6',
              use_gpu=True, pip_packages=['pillow==7.2.0', 'azureml-dataprep[fuse]'], shm_size='16g')
# case: tensorflow_parameter_server_helper
from azureml.train.dnn import TensorFlow, ParameterServer
est = TensorFlow(source_directory='src', entry_script='train.py', compute_target=cluster, framework_version='2.2',
                 node_count=3, distributed_training=ParameterServer(worker_count=3, parameter_server_count=2),
                 pip_packages=['pillow'])
# case: estimator_step
from azureml.pipeline.core import PipelineData
from azureml.pipeline.steps import EstimatorStep
from azureml.train.dnn import PyTorch
est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster, framework_version='1.6',
              pip_packages=['tqdm'])
model = PipelineData('model', datastore=ds)
step = EstimatorStep(name='train', estimator=est, estimator_entry_script_arguments=['--output', model, '--epochs', 5],
                     compute_target=cluster, outputs=[model], allow_reuse=False)
# case: script_params_bound_to_a_name
from azureml.core import Datastore
from azureml.train.estimator import Estimator
store = Datastore.get(ws, 'mydatastore')
script_params = {
    '--data-folder': store.as_mount(),
    '--regularization': 0.5,
    '--layers': [32, 16],
}
est = Estimator(source_directory='src', entry_script='train.py', script_params=script_params,
                compute_target=cluster, conda_packages=['scikit-learn'])
# case: mpi_step
from azureml.pipeline.core import PipelineData
from azureml.pipeline.steps import MpiStep
output = PipelineData('output', datastore=ds)
step = MpiStep(name='mpi-train', source_directory='src', script_name='train.py', arguments=['--out', output],
               compute_target=cluster, node_count=2, process_count_per_node=2, outputs=[output],
               pip_packages=['mpi4py'], use_gpu=True, environment_variables={'MODE': 'fast'})
# case: datastore_path_values
from azureml.core import Datastore
from azureml.train.estimator import Estimator
store = Datastore.get(ws, 'mydatastore')
text_data = store.path('data/text8.zip')
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                script_params={'--input_data': text_data, '--vocab': store.path('vocab.txt')})
# case: mpi_configuration_object
from azureml.core.runconfig import MpiConfiguration
from azureml.train.dnn import Chainer
est = Chainer(source_directory='src', entry_script='train.py', compute_target=cluster, node_count=2,
              distributed_training=MpiConfiguration(), use_gpu=True)
# case: mpi_configuration_bound_and_changed
from azureml.core.runconfig import MpiConfiguration
from azureml.train.estimator import Estimator
mpi = MpiConfiguration()
mpi.process_count_per_node = 4
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster, node_count=3,
                distributed_training=mpi, pip_packages=['horovod'])
# case: tensorflow_configuration_object
from azureml.core.runconfig import TensorflowConfiguration
from azureml.train.dnn import TensorFlow
tf_config = TensorflowConfiguration()
tf_config.worker_count = 2
est = TensorFlow(source_directory='src', entry_script='train.py', compute_target=cluster, node_count=2,
                 distributed_training=tf_config, framework_version='2.0', pip_packages=['pillow'])
# case: pytorch_configuration_ignored
from azureml.core.runconfig import PyTorchConfiguration
from azureml.train.dnn import PyTorch
est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster, node_count=2,
              distributed_training=PyTorchConfiguration(communication_backend='Nccl'), framework_version='1.6',
              pip_packages=['tqdm'])
# case: hyperdrive_disjoint_parameter_space
from azureml.train.estimator import Estimator
from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, PrimaryMetricGoal, choice
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster, script_params={'--epochs': 10})
sampling = RandomParameterSampling({'--lr': choice(0.01, 0.1), 'batch': choice(16, 32)})
hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling, primary_metric_name='acc',
                      primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=2)
# case: hyperdrive_tunes_a_script_parameter
# compare: hd
from azureml.core import Datastore
from azureml.train.dnn import Chainer
from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, PrimaryMetricGoal, choice
store = Datastore.get(ws, 'mydatastore')
est = Chainer(source_directory='src', entry_script='train.py', compute_target=cluster, framework_version='7.0.0',
              script_params={'--epochs': 10, '--batchsize': 128, '--output_dir': './outputs',
                             '--data': store.path('x').as_mount()}, pip_packages=['pillow'])
sampling = RandomParameterSampling({'--batchsize': choice(64, 128), '--epochs': choice(5, 20)})
hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling, primary_metric_name='acc',
                      primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=2)
# case: hyperdrive_tunes_a_script_parameter_of_a_submitted_estimator
# submitted on its own and tuned: the submission keeps every argument, HyperDrive's second
# ScriptRunConfig leaves the tuned ones out and shares the run configuration
from azureml.core import Datastore
from azureml.train.dnn import Chainer
from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, PrimaryMetricGoal, choice
store = Datastore.get(ws, 'mydatastore')
est = Chainer(source_directory='src', entry_script='train.py', compute_target=cluster, framework_version='7.0.0',
              script_params={'--epochs': 10, '--batchsize': 128, '--output_dir': './outputs',
                             '--data': store.path('x').as_mount()}, pip_packages=['pillow'])
run = exp.submit(est)
sampling = RandomParameterSampling({'--batchsize': choice(64, 128), '--epochs': choice(5, 20)})
hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling, primary_metric_name='acc',
                      primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=2)
# case: hyperdrive_run_config_positional_over_a_submitted_estimator
from azureml.train.sklearn import SKLearn
from azureml.train.hyperdrive import HyperDriveRunConfig, GridParameterSampling, PrimaryMetricGoal, choice
est = SKLearn(source_directory='src', entry_script='train.py', compute_target=cluster,
              script_params={'--kernel': 'linear', '--penalty': 1.0}, pip_packages=['joblib==0.13.2'])
run = exp.submit(est)
hd = HyperDriveRunConfig(est, GridParameterSampling({'--penalty': choice(0.5, 1.5)}), 'Accuracy',
                         PrimaryMetricGoal.MAXIMIZE, 6, 2, 30)
# case: pytorch_gloo_backend_string
# distributed_backend='gloo' set the communicator gloo and left the pytorch section at nccl: the
# rewrite sends the same job (safe)
from azureml.train.dnn import PyTorch
est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster, node_count=2,
              distributed_backend='gloo', framework_version='1.6', pip_packages=['tqdm'])
# case: pytorch_gloo_helper
from azureml.train.dnn import PyTorch, Gloo
est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster, node_count=3,
              distributed_training=Gloo(), use_gpu=True, script_params={'--dist-backend': 'gloo'})
# case: generic_estimator_gloo_helper
from azureml.train.estimator import Estimator, Gloo
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster, node_count=2,
                distributed_training=Gloo(), pip_packages=['torch'])
# case: sklearn_custom_image
from azureml.train.sklearn import SKLearn
est = SKLearn(source_directory='src', entry_script='train.py', compute_target=cluster,
              custom_docker_image='myregistry.azurecr.io/sklearn:1', script_params={'--alpha': 0.1})
# case: script_params_bound_again_in_later_cells
from azureml.core import Datastore
from azureml.train.estimator import Estimator
store = Datastore.get(ws, 'mydatastore')
script_params = {'--data-folder': store.as_mount(), '--regularization': 0.5}
est = Estimator(source_directory='src', entry_script='train.py', script_params=script_params,
                compute_target=cluster, conda_packages=['scikit-learn'])
run = exp.submit(est)
script_params = {'--data-folder': store.path('mnist').as_download(), '--regularization': 0.8, '--layers': [32, 16]}
est2 = Estimator(source_directory='src', entry_script='train.py', script_params=script_params,
                 compute_target=cluster)
run2 = exp.submit(est2)
script_params['--regularization'] = 0.1
script_params = {'--regularization': 0.9}
# case: script_params_rebound_after_the_call_and_the_estimator_read_after_it
from azureml.train.dnn import PyTorch
script_params = {'--epochs': 5, '--output': './outputs'}
est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster, framework_version='1.6',
              script_params=script_params)
script_params = {'--epochs': 50}
run = exp.submit(est)
# case: module_constant_framework_version
from azureml.train.dnn import PyTorch
FRAMEWORK_VERSION = '1.6'
USE_GPU = True
est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster,
              framework_version=FRAMEWORK_VERSION, use_gpu=USE_GPU)
run = exp.submit(est)
# case: class_passed_to_a_helper_from_a_method_defined_later
from azureml.train.dnn import PyTorch


def _create_estimator(estimator_class, project_folder, entry_script, compute_target):
    return estimator_class(source_directory=project_folder, entry_script=entry_script,
                           compute_target=compute_target, script_params={'--epochs': 3},
                           framework_version='1.6', use_gpu=True)


class PyTorchExperiment:
    def __init__(self, folder):
        self.folder = folder

    def submit(self, experiment, target):
        estimator = _create_estimator(PyTorch, self.folder, 'train.py', target)
        return experiment.submit(estimator)


run = PyTorchExperiment('src').submit(exp, cluster)
# case: conda_dependencies_changed_after_the_call
# imitates how-to-use-azureml/deployment/onnx/onnx-train-pytorch-aml-deploy-mnist.ipynb (Azure/MachineLearningNotebooks,
# 2019-2020), with a package of its own (without one the estimator ran the prebuilt image, where such
# changes had no effect, and the call stays manual)
from azureml.train.dnn import PyTorch
est = PyTorch(source_directory='src', script_params={'--output-dir': './outputs'}, compute_target=cluster,
              entry_script='train.py', use_gpu=True, pip_packages=['onnx'])
est.conda_dependencies.remove_conda_package('pytorch=0.4.0')
est.conda_dependencies.add_conda_package('pytorch-nightly')
est.conda_dependencies.add_channel('pytorch')
# case: two_estimators_with_different_environments
# different packages: two Environments, two groups of one
from azureml.train.estimator import Estimator
first = Estimator(source_directory='src', entry_script='train.py', compute_target='gpu-cluster', pip_packages=['tqdm'])
run = exp.submit(first)
second = Estimator(source_directory='src', entry_script='train.py', compute_target='gpu-cluster', pip_packages=['rich'])
run = exp.submit(second)
# case: same_environment_but_one_is_changed_later
# the second estimator's environment is changed after it is built: a shared Environment
# would carry the change into the first job too, so each keeps its own
from azureml.train.estimator import Estimator
first = Estimator(source_directory='src', entry_script='train.py', compute_target='gpu-cluster', pip_packages=['tqdm'])
second = Estimator(source_directory='src', entry_script='train.py', compute_target='gpu-cluster', pip_packages=['tqdm'])
second.run_config.environment.python.conda_dependencies.add_pip_package('rich')
run = exp.submit(first)
run = exp.submit(second)
# case: script_params_read_only_by_the_call_is_deleted
# the dict holds literals and nothing else reads it: the rewrite writes them as arguments and
# deletes the dict with the call
from azureml.train.estimator import Estimator
script_params = {
    '--epochs': 10,
    '--layers': [64, 32],
    '--verbose': '',
}
est = Estimator(source_directory='src', entry_script='train.py', script_params=script_params,
                compute_target=cluster, pip_packages=['tqdm'])
run = exp.submit(est)
# case: script_params_read_after_the_call_is_kept
from azureml.train.estimator import Estimator
script_params = {'--epochs': 10}
est = Estimator(source_directory='src', entry_script='train.py', script_params=script_params,
                compute_target=cluster, pip_packages=['tqdm'])
run = exp.submit(est)
epochs = script_params['--epochs']
# case: estimator_config_changed_after_the_call
# imitates finetune/PyTorch/notebooks/BERT_Eval_GLUE.ipynb and pretrain/PyTorch/notebooks/BERT_Pretrain.ipynb
# (microsoft/AzureML-BERT, 6d7e8825): the interpreter of the custom image set through the private
# _estimator_config, which is the estimator's run_config itself
from azureml.train.dnn import PyTorch
estimator = PyTorch(source_directory='src', compute_target=cluster, use_docker=True,
                    custom_docker_image='mcr.microsoft.com/azureml/bert:pretrain-openmpi3.1.2-cuda10.0-cudnn7-ubuntu16.04',
                    user_managed=True, script_params={'--task_name': 'RTE', '--do_train': '', '--max_seq_length': 128},
                    entry_script='train.py', node_count=1, process_count_per_node=4, distributed_backend='mpi',
                    use_gpu=True)
estimator._estimator_config.environment.python.interpreter_path = '/opt/miniconda/envs/amlbert/bin/python'
# case: package_lists_bound_in_the_cell_before
# imitates finetune/PyTorch/notebooks/Pretrained-BERT-NER.ipynb (microsoft/AzureML-BERT, 6d7e8825): conda and
# pip lists bound in the estimator's cell, bound again to other lists in a later cell
from azureml.train.dnn import PyTorch
script_params = {'--data-folder': ds.path('ner').as_mount()}
conda = ['tensorflow', 'keras', 'pytorch', 'scikit-learn']
pip = ["seqeval[gpu]", "pytorch-pretrained-bert==0.4.0", "pandas"]
pt_est = PyTorch(source_directory='src',
                 script_params=script_params,
                 compute_target=cluster,
                 conda_packages=conda,
                 pip_packages=pip,
                 entry_script='train.py',
                 use_gpu=True)
conda = ['tensorflow', 'keras']
pip = ["azureml-defaults", "azureml-monitoring", "torch", "pytorch-pretrained-bert==0.4.0"]
# case: pip_list_bound_before_the_call
# imitates 4-enterprise-readiness/enterprise-readiness.ipynb (danielsc/azureml-workshop-2019, 789d430b), without
# its dataset input (a dataset needs the workspace service)
from azureml.train.estimator import Estimator
pip_packages = [
    'azureml-defaults', 'azureml-contrib-explain-model', 'azureml-core', 'azureml-telemetry',
    'azureml-explain-model', 'sklearn-pandas', 'azureml-dataprep'
]
estimator = Estimator(source_directory='src',
                      compute_target=cluster,
                      entry_script='train.py',
                      pip_packages=pip_packages,
                      conda_packages=['scikit-learn'])
