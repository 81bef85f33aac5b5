"""AML101 `azureml-estimator`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator

from .. import sdk
from ..facts import CallFact
from ..rewrite.shared import fix_for_estimator
from ..records import record
from .base import Cases, Context, Finding, FixAvailability, Rule


@record
class Message:
    cls: str


RULE = Rule(
    code="AML101", number="01", symbol="azureml-estimator", name="deprecated-estimator",
    summary='Constructing a deprecated Estimator (Estimator, PyTorch, TensorFlow, Chainer, SKLearn)',
    message=("'{cls}' is deprecated since azureml SDK " + sdk.ESTIMATOR_DEPRECATED_IN
             + ": use ScriptRunConfig with an Environment"),
    fields=Message,
    concerns=sdk.ESTIMATOR_DEPRECATED_IN,
    fix=FixAvailability.SOMETIMES,
    what="""
        Flags every construction of `Estimator`, `PyTorch`, `TensorFlow`, `Chainer` and
        `SKLearn`, however the class was imported: public or private module path, alias,
        module attribute (`dnn.PyTorch`) or star import. The rewrite shown with the finding is the
        `ScriptRunConfig(...)` code built from this call's own arguments.
    """,
    why="""
        The SDK deprecated every Estimator class in 1.19.0. Training runs are configured
        with `ScriptRunConfig`, and everything about the software environment moves into an
        `Environment` object. New SDK features (and the v2 migration tooling) only
        understand ScriptRunConfig.
    """,
    example="""
        from azureml.train.dnn import PyTorch

        est = PyTorch(source_directory='src', entry_script='train.py',
                      script_params={'--epochs': 10}, compute_target=cluster,
                      framework_version='1.6', use_gpu=True)
    """,
    # "Use instead" is what `fix` writes for the example (the curated AzureML-PyTorch-1.6-GPU
    # environment is not written: it may no longer exist in a workspace, and its contents cannot
    # be checked offline)
    instead="",
    instead_is_fix=True,
    instead_v2="""
        from azure.ai.ml import MLClient, command
        from azure.ai.ml.entities import Environment
        from azure.identity import DefaultAzureCredential

        job = command(code='src', command='python train.py --epochs 10',
                      environment=Environment(image=framework_image, conda_file=framework_conda),
                      compute='gpu-cluster', timeout=2592000)
        ml_client = MLClient.from_config(credential=DefaultAzureCredential())
        ml_client.jobs.create_or_update(job, experiment_name='train')
    """,
    fix_safety="""
        The fix replaces the call by ScriptRunConfig code that replays what the estimator's
        constructor did with each argument (the same CondaDependencies calls in order, the
        framework scenario's image and packages, the Docker default, PyTorch's
        `NCCL_TREE_THRESHOLD`, data references registered in the run configuration, dataset
        inputs in its data section or in the arguments, where the estimator put them); the test
        suite builds both jobs with the real SDK and compares them whole. It is safe when every
        argument is replayed exactly; unsafe when sameness rests on a stated assumption (a
        prebuilt framework image assumed to hold the scenario's packages, an argument assumed
        to be a plain value, or a dataset input of a dataset the module does not make, the
        communicator spelling of the deprecated
        `Mpi()`/`Nccl()`/`ParameterServer()` helpers); manual, with the reason, when an argument has
        no ScriptRunConfig equivalent (`vm_size`, `vm_priority`,
        `source_directory_data_store`) or cannot be read without running the code. A
        `script_params` dict or a `pip_packages`/`conda_packages` list of strings bound to a name
        is read when the binding that reaches the call in execution order is unchanged there; the
        estimator's `conda_dependencies` and `_estimator_config` read later become the paths they
        stand for in the ScriptRunConfig's `run_config`.
        The rewrite is one fix group with every call that reads the estimator as an estimator
        (`HyperDriveConfig(estimator=...)`, `EstimatorStep`, `HyperDriveRunConfig`): the group is
        applied whole or not at all, at its weakest member's safety, and the finding says which
        member decides it. So an estimator handed to an `EstimatorStep` is unsafe (the step's fix
        is). HyperDrive removed the tuned parameters from an estimator's arguments: the
        rewrite leaves them out too when HyperDrive is the estimator's only reader, and when
        the estimator is also submitted on its own it writes a second ScriptRunConfig for
        HyperDrive without them, sharing the first one's run configuration.
        Rewrites of one statement list whose Environments would be equal write it once, with
        the first of them, and pass it to each ScriptRunConfig (one fix group), but only when
        each estimator's name is read by nothing but `.submit(...)` and HyperDrive (a
        ScriptRunConfig keeps a reference to its Environment, so a later change through one
        would reach the others' jobs) and the rewrites are equally safe. A `script_params`
        dict of literals on lines of its own that only the call read is deleted with it.
        `azureml-migrate fix` applies safe fixes, and unsafe ones only with `--unsafe-fixes`.
        With `target = "v2"` the fix is instead `name = command(...)` for an estimator whose
        arguments are literals (script_params, pip/conda packages, environment variables,
        shm_size, timeout, framework_version, use_gpu, node_count and the distributed settings;
        a compute_target passed by name is unsafe: `compute=cluster.name` assumes an
        azureml.core ComputeTarget). A framework estimator gets its scenario's image and
        effective conda specification (unsafe where the estimator may have run its prebuilt
        image instead); the distribution writes every v1 default (`instance_count` = node_count,
        one PyTorch process per node, one TensorFlow parameter server). Each is proven the same
        job by the v2 harness; every other parameter, a distribution configuration bound to a
        name, and an estimator whose name is read again (its v1 submission cannot take a v2 job)
        are manual, with the reason.
    """,
    cases=Cases(
        invalid=(
            "from azureml.train.dnn import PyTorch\nest = PyTorch('src', entry_script='train.py')\n",
            "import azureml.train.estimator as e\nest = e.Estimator('src')\n",
        ),
        valid=(
            'from sklearn.base import BaseEstimator\nclass Estimator(BaseEstimator): pass\nEstimator()\n',
            "from azureml.core import ScriptRunConfig\nsrc = ScriptRunConfig('src', script='train.py')\n",
        ),
    ),
)


@RULE.on_calls(*sdk.ESTIMATORS)
def check(call: CallFact, context: Context) -> Iterator[Finding]:
    yield RULE.finding(call.span, Message(cls=call.canonical), confidence=call.confidence,
                       fix=fix_for_estimator(call, context.facts, context.options.target,
                                             context.options.line_length))
