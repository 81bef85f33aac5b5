"""AML101: constructing deprecated estimators, through every kind of name."""
import azureml.train.dnn as dnn
import azureml.train.estimator
from azureml.train.dnn import *  # [azureml-deprecated-import]
from azureml.train.estimator import Estimator as LegacyEstimator  # [azureml-deprecated-import]
from azureml.train.dnn._pytorch import PyTorch as PrivatePyTorch  # [azureml-deprecated-import]
from azureml.train.sklearn import SKLearn  # [azureml-deprecated-import]
from sklearn.base import BaseEstimator

run = LegacyEstimator(source_directory='src', entry_script='train.py')  # [azureml-estimator]
one = dnn.PyTorch('src', entry_script='train.py')  # [azureml-estimator]
full = azureml.train.estimator.Estimator('src')  # [azureml-estimator]
star = Chainer('src', entry_script='train.py')  # [azureml-estimator]
private = PrivatePyTorch('src')  # [azureml-estimator]
tf = TensorFlow(  # [azureml-estimator]
    'src',
    entry_script='train.py',
)
sk = SKLearn('src', entry_script='train.py')  # [azureml-estimator]
kwargs = {'entry_script': 'train.py'}
spread = dnn.PyTorch('src', **kwargs)  # [azureml-estimator]
nested = print(dnn.TensorFlow('src'))  # [azureml-estimator]


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
    return SKLearn('src')  # [azureml-estimator]


one_line = LegacyEstimator('src'); two = dnn.Chainer('src')  # [azureml-estimator, azureml-estimator]
