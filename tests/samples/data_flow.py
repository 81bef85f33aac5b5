"""Data flow inside a module: classes and requirement strings reached through names."""
from azureml.core import RunConfiguration
from azureml.core.conda_dependencies import CondaDependencies
from azureml.pipeline.steps import PythonScriptStep
from azureml.train.dnn import PyTorch, TensorFlow  # expect: AML102:1 AML102:1
from azureml.train.estimator import Estimator  # expect: AML102:1
from azureml.train.sklearn import SKLearn  # expect: AML102:1

pip_packages = ['azureml-core==1.0.76', 'pandas']  # expect: AML401:17
extra = ('azureml-defaults==1.0.76',)  # expect: AML401:10
est = Estimator('.', pip_packages=pip_packages + list(extra))  # expect: AML101:7 AML301:22
again = Estimator('.', pip_packages=pip_packages)  # expect: AML101:9 AML301:24
never_used = ['azureml-core==1.0.76']


class Job:
    def __init__(self):
        self.requirements = ['azureml-train-core==1.0.76']  # expect: AML401:30
        self.notes = ['azureml-core==1.0.76']

    def environment(self):
        return CondaDependencies.create(pip_packages=self.requirements)


cls = SKLearn
sklearn_run = cls('src', entry_script='t.py')  # expect: AML101:15


def make(estimator_class=PyTorch):
    return estimator_class('src', use_gpu=True)  # expect: AML101:12 AML301:35


def submit(estimator_class, folder):
    return estimator_class(folder, node_count=2)  # expect: AML101:12 AML303:36


submit(TensorFlow, 'src')


def pass_through(factory):
    return factory('src')


class PrepStep(PythonScriptStep):
    def __init__(self, name):
        config = RunConfiguration()  # expect: AML202:18
        super().__init__(script_name='prep.py', runconfig=config, name=name)


PyTorch = dict
rebound = PyTorch(source_directory='src')
