# Estimator calls with v1 Dataset inputs (issue 16): test_fix_dataset_inputs.py rewrites each with
# --unsafe-fixes, builds the original and rewritten jobs with the real SDK offline (datasets from
# sdk_offline.dataset_service) and compares them whole. The second line of a case is its expected
# label, "# safe", "# unsafe" or "# manual: <start of the reason>", then "# data: <input names>" the
# names the job's data section must hold. Cases are separated by "# case: <name>" lines; ws, ds,
# ds2, cluster and exp come from the offline harness.
# case: inputs_registered_file_dataset_named
# safe
# data: iris
from azureml.core import Dataset
from azureml.train.sklearn import SKLearn
dataset = Dataset.get_by_name(ws, 'iris')
est = SKLearn(source_directory='src', entry_script='train.py', inputs=[dataset.as_named_input('iris')],
              pip_packages=['azureml-dataset-runtime[fuse]', 'packaging'], compute_target=cluster)
# case: inputs_tabular_dataset_from_files
# safe
# data: titanic
from azureml.core import Dataset
from azureml.train.estimator import Estimator
titanic = Dataset.Tabular.from_delimited_files(path=[(ds, 'titanic/titanic.csv')])
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                inputs=[titanic.as_named_input('titanic')], pip_packages=['azureml-dataset-runtime[pandas]'])
# case: inputs_unnamed_download_and_mount
# safe
# data: INPUT_1 INPUT_2
from azureml.core.dataset import Dataset
from azureml.train.estimator import Estimator
mnist = Dataset.File.from_files(path=(ds, 'mnist/'))
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                inputs=[mnist.as_download(), mnist.as_mount()])
# case: inputs_bound_consumption_and_data_reference
# safe
# data: mnist
from azureml.core import Dataset
from azureml.train.estimator import Estimator
mnist_input = Dataset.get_by_name(ws, 'mnist', version=2).as_named_input('mnist').as_mount('/data/mnist')
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                inputs=[mnist_input, ds.path('labels').as_download()])
# case: script_params_registered_mount
# safe
# data: mnist
from azureml.core import Dataset
from azureml.train.dnn import TensorFlow
dataset = Dataset.get_by_name(ws, 'mnist dataset')
est = TensorFlow(source_directory='src', entry_script='train.py', compute_target=cluster, framework_version='2.0',
                 script_params={'--data-folder': dataset.as_named_input('mnist').as_mount(), '--batch-size': 64},
                 pip_packages=['azureml-dataset-runtime[pandas,fuse]'])
# case: script_params_held_download_and_direct_tabular
# safe
# data: train test
from azureml.core import Dataset
from azureml.train.estimator import Estimator
train = Dataset.get_by_name(ws, 'train-files')
test = Dataset.Tabular.from_delimited_files(path=(ds, 'test.csv'))
script_params = {
    '--train': train.as_named_input('train').as_download(path_on_compute='/tmp/train'),
    '--test': test.as_named_input('test'),
}
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster, script_params=script_params)
# case: script_params_and_inputs_together
# safe
# data: mnist labels
from azureml.core import Dataset
from azureml.train.estimator import Estimator
mnist = Dataset.get_by_name(ws, 'mnist')
labels = Dataset.get_by_name(ws, 'labels')
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                script_params={'--data': mnist.as_named_input('mnist').as_mount()},
                inputs=[labels.as_named_input('labels').as_download()])
# case: inputs_dataset_made_elsewhere
# unsafe
# data: iris
from azureml.train.estimator import Estimator
from azureml.core import Dataset
def registered(name):
    return Dataset.get_by_name(ws, name)
iris = registered('iris')
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                inputs=[iris.as_named_input('iris')])
# case: inputs_and_script_params_same_name
# manual: inputs and script_params both have a dataset input named 'mnist'
from azureml.core import Dataset
from azureml.train.estimator import Estimator
mnist = Dataset.get_by_name(ws, 'mnist')
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                script_params={'--data': mnist.as_named_input('mnist').as_mount()},
                inputs=[mnist.as_named_input('mnist').as_download()])
# case: inputs_not_a_list_written_here
# manual: inputs=dataset_inputs is not a list written here
from azureml.core import Dataset
from azureml.train.estimator import Estimator
dataset_inputs = [Dataset.get_by_name(ws, 'mnist').as_named_input('mnist')]
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster, inputs=dataset_inputs)
# case: hyperdrive_tunes_the_key_of_a_dataset_input
# safe
# data: mnist
# compare: hd
# HyperDrive removed '--data' and its value from the arguments; the estimator had put the dataset
# input in its data section all the same, so the rewrite must too
from azureml.core import Dataset
from azureml.train.estimator import Estimator
from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, PrimaryMetricGoal, choice
mnist = Dataset.get_by_name(ws, 'mnist')
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                script_params={'--epochs': 10, '--data': mnist.as_named_input('mnist').as_mount()})
sampling = RandomParameterSampling({'--data': choice('a', 'b'), '--epochs': choice(5, 20)})
hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling, primary_metric_name='acc',
                      primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=2)
# case: hyperdrive_tunes_the_key_of_a_held_dataset_input
# safe
# data: mnist
# compare: hd
from azureml.core import Dataset
from azureml.train.dnn import TensorFlow
from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, PrimaryMetricGoal, choice
mnist = Dataset.get_by_name(ws, 'mnist')
script_params = {'--data-folder': mnist.as_named_input('mnist').as_mount(), '--batch-size': 64}
est = TensorFlow(source_directory='src', entry_script='train.py', compute_target=cluster, framework_version='2.0',
                 script_params=script_params, pip_packages=['azureml-dataset-runtime[pandas,fuse]'])
sampling = RandomParameterSampling({'--data-folder': choice('a', 'b'), '--batch-size': choice(16, 32)})
hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling, primary_metric_name='acc',
                      primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=2)
