# Imitates: Azure/MachineLearningNotebooks (2019-06) how-to-use-azureml/training-with-deep-learning/train-tensorflow-resume-training, as a script
"""TensorFlow 2 with environment variables, a run time limit and a mounted datastore folder."""
from azureml.core import Workspace, Experiment
from azureml.train.dnn import TensorFlow

ws = Workspace.from_config()
ds = ws.get_default_datastore()
compute_target = ws.compute_targets['gpu-cluster']
estimator = TensorFlow(source_directory='src',
                       entry_script='train.py',
                       compute_target=compute_target,
                       script_params={'--data-folder': '/tmp/data', '--epochs': 2},
                       environment_variables={'TF_CPP_MIN_LOG_LEVEL': '2'},
                       max_run_duration_seconds=3600,
                       framework_version='2.1',
                       use_gpu=True)
run = Experiment(ws, 'tf-resume').submit(estimator)
run.wait_for_completion(show_output=True)
