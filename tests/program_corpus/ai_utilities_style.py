# Imitates: microsoft/ai-utilities (2019) azure_utils/machine_learning/training_arg_parsers + experiment classes, which pass the estimator class to a helper
"""An experiment class that builds its estimator through a helper taking the estimator class."""
from azureml.core import Experiment, Workspace
from azureml.train.dnn import PyTorch


def _create_estimator(estimator_class, project_folder, compute_target, script, **kwargs):
    return estimator_class(source_directory=project_folder, compute_target=compute_target,
                           entry_script=script, **kwargs)


class PyTorchExperiment:
    def __init__(self, workspace, name):
        self.experiment = Experiment(workspace, name)

    def submit(self, project_folder='src', entry_script='train.py', compute='gpu-cluster'):
        estimator = _create_estimator(PyTorch, project_folder, compute, entry_script,
                                      use_gpu=True, framework_version='1.6')
        return self.experiment.submit(estimator)


ws = Workspace.from_config()
PyTorchExperiment(ws, 'ai-utilities').submit()
