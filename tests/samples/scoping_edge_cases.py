"""Name resolution corner cases: branches, shadowing, class scopes, late binding, del, match."""
import azureml.core
from azureml.train.dnn import PyTorch, Mpi  # expect: AML102:1 AML102:1
from azureml.core import RunConfiguration, Datastore, ScriptRunConfig
from azureml.pipeline.steps import PythonScriptStep

if FLAG:
    from azureml.train.estimator import Estimator as Chosen  # expect: AML102:5
else:
    Chosen = dict
picked = Chosen(a=1)

if FLAG:
    Other = dict
else:
    from azureml.train.estimator import Estimator as Other  # expect: AML102:5
other = Other('src')  # expect: AML101:9

try:
    from azureml.train.sklearn import SKLearn  # expect: AML102:5
except (ValueError, ImportError):
    SKLearn = None
else:
    made = SKLearn('src')  # expect: AML101:12
finally:
    pass


class Holder:
    """Class-level names are visible in the class body only."""

    Factory = PyTorch
    built = PyTorch('src')  # expect: AML101:13

    def method(self):
        PyTorch = self
        return PyTorch('src')

    def other(self):
        return Mpi(2)  # expect: AML105:16


def uses_global():
    global LATE
    LATE = PyTorch
    return LATE('src')  # expect: AML101:12


def outer():
    Helper = Mpi

    def inner():
        nonlocal Helper
        return Helper(1)  # expect: AML105:16
    return inner


squares = [PyTorch(x) for x in range(3)]  # expect: AML101:12
shadowed = [PyTorch('src') for PyTorch in range(3)]
generated = {key: Mpi(value) for key, value in {}.items()}  # expect: AML105:19
labelled = f"{PyTorch('src')}"  # expect: AML101:15
deferred = lambda: Mpi(3)  # expect: AML105:20
walrus = (Fresh := Mpi(4))  # expect: AML105:20


def decorated(arg=Mpi(5)):  # expect: AML105:19
    return arg


class Derived(PyTorch('src').__class__):  # expect: AML101:15
    """Bases are evaluated in the enclosing scope."""


store = Datastore(ws, 'blobs')
store_path = store.path('raw')
store_path.as_mount()  # expect: AML203:1
Datastore.get(ws, 'b').as_download()  # expect: AML203:1
Datastore.register_azure_blob_container(ws, 'n', 'c', 'a').as_mount()  # expect: AML203:1
rebound_store = ws.get_default_datastore()
rebound_store = dataset
rebound_store.as_mount()
annotated_store: Datastore = ws.datastores['x']
annotated_store.path('p').as_download()  # expect: AML203:1
src.run_config.data_references = {}  # expect: AML203:1
src.run_config.data_references['k'] = 1  # expect: AML203:1
src.run_config.data_references: dict = {}  # expect: AML203:1
del src.run_config.data_references['k']  # expect: AML203:5
for src.run_config.data_references in []:  # expect: AML203:5
    pass

pipeline_only = RunConfiguration()  # expect: AML202:17
PythonScriptStep(script_name='a.py', runconfig=pipeline_only)


def later_use():
    return PythonScriptStep(script_name='b.py', runconfig=pipeline_only)


tweaked = RunConfiguration()  # expect: AML202:11
tweaked.environment = env
tweaked.environment.docker.enabled = True
del tweaked.target
PythonScriptStep(script_name='a.py', runconfig=tweaked)
indexed = RunConfiguration()  # expect: AML201:11
indexed[0]
augmented = RunConfiguration()  # expect: AML201:13
augmented += 1
copied = RunConfiguration()  # expect: AML201:10
alias = copied
PythonScriptStep(script_name='a.py', runconfig=alias)
replaced = RunConfiguration()  # expect: AML202:12
PythonScriptStep(script_name='a.py', runconfig=replaced)
replaced = RunConfiguration()  # expect: AML201:12
ScriptRunConfig('.', run_config=replaced)
first = second = RunConfiguration()  # expect: AML201:18
PythonScriptStep(script_name='a.py', runconfig=first)
typed: RunConfiguration = RunConfiguration()  # expect: AML202:27
PythonScriptStep(script_name='a.py', runconfig=typed)
(named := RunConfiguration())  # expect: AML202:11
PythonScriptStep(script_name='a.py', runconfig=named)
unused = RunConfiguration()  # expect: AML201:10
by_module = azureml.core.RunConfiguration()  # expect: AML202:13
PythonScriptStep(script_name='a.py', runconfig=by_module)
spread = RunConfiguration()  # expect: AML201:10
PythonScriptStep(script_name='a.py', **spread)
in_function = RunConfiguration()  # expect: AML201:15


def sends_elsewhere():
    return submit(in_function)


redefined_later = RunConfiguration()  # expect: AML201:19


def sees_final_binding():
    return PythonScriptStep(script_name='a.py', runconfig=redefined_later)


redefined_later = None
from azureml.train.dnn import *  # expect: AML102:1
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
TensorFlow('src')  # expect: AML101:1


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


from azureml.train.dnn import Mpi as HelperMpi  # expect: AML102:1


class SeesTheImport:
    """HelperMpi is still the SDK class here."""

    early = HelperMpi()  # expect: AML105:13
    HelperMpi = None
    later = HelperMpi()
    listed = [HelperMpi() for _ in range(2)]  # expect: AML105:15

    class Nested:
        """Nested class bodies run on the spot too."""

        deep = HelperMpi()  # expect: AML105:16


HelperMpi = None

def handler_binding_is_local():
    try:
        pass
    except Exception as Estimator:
        Estimator()
    return Estimator()


try:
    from azureml.train.dnn import TensorFlow as TryBodyTensorFlow  # expect: AML102:5
except RuntimeError:
    handled = TryBodyTensorFlow('src')  # expect: AML101:15


def reads_before_binding():
    TryBodyTensorFlow: object = TryBodyTensorFlow('src')
    return TryBodyTensorFlow


(TryBodyTensorFlow := TryBodyTensorFlow('src'))  # expect: AML101:23


def fallback_import_makes_a_local():
    """A fallback import binds nothing, but the name is still local to the function."""
    built = TryBodyTensorFlow('src')
    try:
        pass
    except ImportError:
        from azureml.train.dnn import TensorFlow as TryBodyTensorFlow
    return built
