"""Name resolution corner cases: pylint (astroid lookup) must agree with flake8 on each."""
import azureml.core
from azureml.train.dnn import PyTorch, Mpi  # [azureml-deprecated-import, azureml-deprecated-import]
from azureml.core import RunConfiguration, Datastore, ScriptRunConfig
from azureml.pipeline.steps import PythonScriptStep

if FLAG:
    from azureml.train.estimator import Estimator as Chosen  # [azureml-deprecated-import]
else:
    Chosen = dict
picked = Chosen(a=1)

if FLAG:
    Other = dict
else:
    from azureml.train.estimator import Estimator as Other  # [azureml-deprecated-import]
other = Other('src')  # [azureml-estimator]

try:
    from azureml.train.sklearn import SKLearn  # [azureml-deprecated-import]
except (ValueError, ImportError):
    SKLearn = None
else:
    made = SKLearn('src')  # [azureml-estimator]
finally:
    pass


class Holder:
    """Class-level names are visible in the class body only."""

    Factory = PyTorch
    built = PyTorch('src')  # [azureml-estimator]

    def method(self):
        PyTorch = self
        return PyTorch('src')

    def other(self):
        return Mpi(2)  # [azureml-distributed-helper]


def uses_global():
    global LATE
    LATE = PyTorch
    return LATE('src')  # [azureml-estimator]


def outer():
    Helper = Mpi

    def inner():
        nonlocal Helper
        return Helper(1)  # [azureml-distributed-helper]
    return inner


squares = [PyTorch(x) for x in range(3)]  # [azureml-estimator]
shadowed = [PyTorch('src') for PyTorch in range(3)]
generated = {key: Mpi(value) for key, value in {}.items()}  # [azureml-distributed-helper]
labelled = f"{PyTorch('src')}"  # [azureml-estimator]
deferred = lambda: Mpi(3)  # [azureml-distributed-helper]
walrus = (Fresh := Mpi(4))  # [azureml-distributed-helper]


def decorated(arg=Mpi(5)):  # [azureml-distributed-helper]
    return arg


class Derived(PyTorch('src').__class__):  # [azureml-estimator]
    """Bases are evaluated in the enclosing scope."""


store = Datastore(ws, 'blobs')
store_path = store.path('raw')
store_path.as_mount()  # [azureml-data-reference]
Datastore.get(ws, 'b').as_download()  # [azureml-data-reference]
Datastore.register_azure_blob_container(ws, 'n', 'c', 'a').as_mount()  # [azureml-data-reference]
rebound_store = ws.get_default_datastore()
rebound_store = dataset
rebound_store.as_mount()
annotated_store: Datastore = ws.datastores['x']
annotated_store.path('p').as_download()  # [azureml-data-reference]
src.run_config.data_references = {}  # [azureml-data-reference]
src.run_config.data_references['k'] = 1  # [azureml-data-reference]
src.run_config.data_references: dict = {}  # [azureml-data-reference]
del src.run_config.data_references['k']  # [azureml-data-reference]
for src.run_config.data_references in []:  # [azureml-data-reference]
    pass

pipeline_only = RunConfiguration()  # [azureml-pipeline-runconfig]
PythonScriptStep(script_name='a.py', runconfig=pipeline_only)


def later_use():
    return PythonScriptStep(script_name='b.py', runconfig=pipeline_only)


tweaked = RunConfiguration()  # [azureml-pipeline-runconfig]
tweaked.environment = env
tweaked.environment.docker.enabled = True
del tweaked.target
PythonScriptStep(script_name='a.py', runconfig=tweaked)
indexed = RunConfiguration()  # [azureml-handmade-runconfig]
indexed[0]
augmented = RunConfiguration()  # [azureml-handmade-runconfig]
augmented += 1
copied = RunConfiguration()  # [azureml-handmade-runconfig]
alias = copied
PythonScriptStep(script_name='a.py', runconfig=alias)
replaced = RunConfiguration()  # [azureml-pipeline-runconfig]
PythonScriptStep(script_name='a.py', runconfig=replaced)
replaced = RunConfiguration()  # [azureml-handmade-runconfig]
ScriptRunConfig('.', run_config=replaced)
first = second = RunConfiguration()  # [azureml-handmade-runconfig]
PythonScriptStep(script_name='a.py', runconfig=first)
typed: RunConfiguration = RunConfiguration()  # [azureml-pipeline-runconfig]
PythonScriptStep(script_name='a.py', runconfig=typed)
(named := RunConfiguration())  # [azureml-pipeline-runconfig]
PythonScriptStep(script_name='a.py', runconfig=named)
unused = RunConfiguration()  # [azureml-handmade-runconfig]
by_module = azureml.core.RunConfiguration()  # [azureml-pipeline-runconfig]
PythonScriptStep(script_name='a.py', runconfig=by_module)
spread = RunConfiguration()  # [azureml-handmade-runconfig]
PythonScriptStep(script_name='a.py', **spread)
in_function = RunConfiguration()  # [azureml-handmade-runconfig]


def sends_elsewhere():
    return submit(in_function)


redefined_later = RunConfiguration()  # [azureml-handmade-runconfig]


def sees_final_binding():
    return PythonScriptStep(script_name='a.py', runconfig=redefined_later)


redefined_later = None
from azureml.train.dnn import *  # [azureml-deprecated-import]
del Chainer
Chainer('src')
for Gloo in factories:
    Gloo()
with context as Nccl:
    Nccl()
try:
    pass
except Exception as ParameterServer:
    ParameterServer()
TensorFlow = TensorFlow
TensorFlow('src')  # [azureml-estimator]


class RunsWhereItStands:
    """A class body sees the bindings made before the class statement, not later ones."""

    early = Gloo()
    Gloo = None
    shadowed = Gloo()
    listed = [Nccl() for _ in range(2)]

    class Nested:
        """Nested class bodies run on the spot too."""

        deep = ParameterServer()

    def later(self):
        return ParameterServer()


ParameterServer = None
Nccl = None


from azureml.train.dnn import Mpi as HelperMpi  # [azureml-deprecated-import]


class SeesTheImport:
    """HelperMpi is still the SDK class here."""

    early = HelperMpi()  # [azureml-distributed-helper]
    HelperMpi = None
    later = HelperMpi()
    listed = [HelperMpi() for _ in range(2)]  # [azureml-distributed-helper]

    class Nested:
        """Nested class bodies run on the spot too."""

        deep = HelperMpi()  # [azureml-distributed-helper]


HelperMpi = None

def handler_binding_is_local():
    try:
        pass
    except Exception as Estimator:
        Estimator()
    return Estimator()


try:
    from azureml.train.dnn import TensorFlow as TryBodyTensorFlow  # [azureml-deprecated-import]
except RuntimeError:
    handled = TryBodyTensorFlow('src')  # [azureml-estimator]


def reads_before_binding():
    TryBodyTensorFlow: object = TryBodyTensorFlow('src')
    return TryBodyTensorFlow


(TryBodyTensorFlow := TryBodyTensorFlow('src'))  # [azureml-estimator]


def fallback_import_makes_a_local():
    """A fallback import binds nothing, but the name is still local to the function."""
    built = TryBodyTensorFlow('src')
    try:
        pass
    except ImportError:
        from azureml.train.dnn import TensorFlow as TryBodyTensorFlow
    return built
