"""AML101: constructing deprecated estimators, through every kind of name."""
import azureml.train.dnn as dnn
import azureml.train.estimator
from azureml.train.dnn import *  # expect: AML102:1
from azureml.train.estimator import Estimator as LegacyEstimator  # expect: AML102:1
from azureml.train.dnn._pytorch import PyTorch as PrivatePyTorch  # expect: AML102:1
from azureml.train.sklearn import SKLearn  # expect: AML102:1
from sklearn.base import BaseEstimator

run = LegacyEstimator(source_directory='src', entry_script='train.py')  # expect: AML101:7
one = dnn.PyTorch('src', entry_script='train.py')  # expect: AML101:7
full = azureml.train.estimator.Estimator('src')  # expect: AML101:8
star = Chainer('src', entry_script='train.py')  # expect: AML101:8
private = PrivatePyTorch('src')  # expect: AML101:11
tf = TensorFlow(  # expect: AML101:6
    'src',
    entry_script='train.py',
)
sk = SKLearn('src', entry_script='train.py')  # expect: AML101:6
kwargs = {'entry_script': 'train.py'}
spread = dnn.PyTorch('src', **kwargs)  # expect: AML101:10
nested = print(dnn.TensorFlow('src'))  # expect: AML101:16


class Estimator(BaseEstimator):
    """A user's own scikit-learn style estimator: same name, not the SDK class."""


mine = Estimator()
docs = "PyTorch(source_directory='src') in a string is not code"
# PyTorch(source_directory='src') in a comment is not code either


def shadowed(PyTorch):
    return PyTorch('src')


def rebound():
    TensorFlow = dict
    return TensorFlow(a=1)


def late():
    return SKLearn('src')  # expect: AML101:12


one_line = LegacyEstimator('src'); two = dnn.Chainer('src')  # expect: AML101:12 AML101:42
