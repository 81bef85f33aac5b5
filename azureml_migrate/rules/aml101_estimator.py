"""AML101 `azureml-estimator`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator, NamedTuple

from .. import hints, sdk
from ..facts import CallFact
from .aml301_environment_parameter import RULE as ENVIRONMENT_PARAMETER_RULE
from .base import Cases, Context, Finding, Rule


class Message(NamedTuple):
    cls: str
    replacement: str


RULE = Rule(
    code="AML101", number="01", symbol="azureml-estimator", name="deprecated-estimator",
    summary='Constructing a deprecated Estimator (Estimator, PyTorch, TensorFlow, Chainer, SKLearn)',
    message="'{cls}' is deprecated since azureml SDK " + sdk.ESTIMATOR_DEPRECATED_IN + ": use {replacement}",
    fields=Message,
    concerns=sdk.ESTIMATOR_DEPRECATED_IN,
    what="""
        Flags every construction of `Estimator`, `PyTorch`, `TensorFlow`, `Chainer` and
        `SKLearn`, however the class was imported: public or private module path, alias,
        module attribute (`dnn.PyTorch`) or star import. The message is the
        `ScriptRunConfig(...)` call built from this call's own arguments.
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
    instead="""
        from azureml.core import Environment, ScriptRunConfig

        env = Environment.get(ws, 'AzureML-PyTorch-1.6-GPU')
        src = ScriptRunConfig(source_directory='src', script='train.py',
                              arguments=['--epochs', 10], compute_target=cluster,
                              environment=env)
    """,
    fix_safety="""
        A rewrite of an estimator call into `ScriptRunConfig(...)` plus an `Environment` is
        safe only when every argument has an exact equivalent, so that the SDK builds the same
        job (run configuration, environment, data); it is unsafe when the job stays the same
        only under an assumption the fix states (a curated environment standing for a framework
        version, say); it is manual when an argument has no equivalent or is not a literal the
        fix can read (`**kwargs`, a computed `script_params`), and the finding says which.
        `azureml-migrate fix` applies safe fixes, and unsafe ones only with `--unsafe-fixes`.
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
    replacement = hints.script_run_config(call)
    setup = [line for line in hints.environment_setup(call) if line.startswith("env = ")]
    if setup:
        replacement += f" where {setup[0]} ({ENVIRONMENT_PARAMETER_RULE.code} findings give the rest)"
    yield RULE.finding(call.span, Message(cls=call.canonical, replacement=replacement),
                       hint=hints.estimator_snippet(call), confidence=call.confidence)
