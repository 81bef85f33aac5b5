"""AML102: importing deprecated names (one finding per name), star imports, compat blocks."""
from azureml.train.estimator import Estimator, Mpi  # [azureml-deprecated-import, azureml-deprecated-import]
from azureml.train.dnn import PyTorch as PT, Gloo, Nccl  # [azureml-deprecated-import, azureml-deprecated-import, azureml-deprecated-import]
from azureml.train.hyperdrive import HyperDriveRunConfig, HyperDriveConfig  # [azureml-deprecated-import]
from azureml.pipeline.steps import EstimatorStep, MpiStep, PythonScriptStep  # [azureml-deprecated-import, azureml-deprecated-import]
from azureml.train.estimator import MMLBaseEstimator, MMLBaseEstimatorRunConfig  # [azureml-deprecated-import, azureml-deprecated-import]
from azureml.train._distributed_training import ParameterServer  # [azureml-deprecated-import]
from azureml.train.estimator import *  # [azureml-deprecated-import]
from azureml.core import *
from azureml.core import ScriptRunConfig, Environment, RunConfiguration
import azureml.train.dnn
from .local_module import PyTorch as OwnPyTorch
from estimators import Estimator as OtherEstimator

try:
    from azureml.core import ScriptRunConfig as Runner
except ImportError:
    from azureml.train.estimator import Estimator as Runner

try:
    from azureml.core.runconfig import MpiConfiguration
except (ImportError, ModuleNotFoundError):
    from azureml.train.dnn import Mpi as MpiConfiguration

job = Runner('src', script='train.py')
mpi = MpiConfiguration(process_count_per_node=2)
