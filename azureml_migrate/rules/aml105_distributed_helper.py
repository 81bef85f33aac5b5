"""AML105 `azureml-distributed-helper`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator

from .. import hints, sdk
from ..facts import CallFact
from ..records import record
from .base import Cases, Context, Finding, Rule


@record
class Message:
    cls: str
    replacement: str


RULE = Rule(
    code="AML105", number="05", symbol="azureml-distributed-helper", name="distributed-helper",
    summary='Mpi(), Gloo(), Nccl() or ParameterServer() from azureml.train',
    message="{cls}() is deprecated: use {replacement}",
    fields=Message,
    concerns=sdk.ESTIMATOR_DEPRECATED_IN,
    what="""
        Flags construction of the deprecated distributed-training helpers `Mpi`, `Gloo`,
        `Nccl` and `ParameterServer`.
    """,
    why="""
        They only work with estimators. ScriptRunConfig takes `MpiConfiguration`,
        `PyTorchConfiguration(communication_backend=...)` or `TensorflowConfiguration` as
        `distributed_job_config=`; the estimator's node count becomes
        `src.run_config.node_count`, as the estimator set it.
    """,
    example="""
        est = PyTorch('src', entry_script='train.py', node_count=2,
                      distributed_training=Nccl())
    """,
    instead="""
        src = ScriptRunConfig('src', script='train.py', environment=env,
                              distributed_job_config=PyTorchConfiguration(
                                  communication_backend='Nccl'))
        src.run_config.node_count = 2
    """,
    instead_v2="""
        job = command(code='src', command='python train.py', environment=env, compute='gpu-cluster',
                      instance_count=2, distribution=PyTorchDistribution(process_count_per_instance=1))
    """,
    fix_safety="""
        The helper is an argument of an estimator call; its replacement
        (`MpiConfiguration`, `PyTorchConfiguration`, `TensorflowConfiguration`) goes to
        `ScriptRunConfig(distributed_job_config=...)` with the node count on the run configuration, so
        the helper cannot be rewritten on its own: it changes together with the estimator
        call, which the estimator rule reports.
    """,
    cases=Cases(
        invalid=(
            'from azureml.train.dnn import Mpi\nmpi = Mpi(process_count_per_node=2)\n',
            'from azureml.train.dnn import Nccl\nbackend = Nccl()\n',
        ),
        valid=(
            (
                'from azureml.core.runconfig import MpiConfiguration\n'
                'config = MpiConfiguration(process_count_per_node=2)\n'
            ),
        ),
    ),
)


@RULE.on_calls(*sdk.DISTRIBUTED_HELPERS)
def check(call: CallFact, context: Context) -> Iterator[Finding]:
    cls = call.canonical
    if cls == "Mpi":
        count = call.argument("process_count_per_node", 0)
        config = f"MpiConfiguration({'process_count_per_node=' + hints.code(count) if count else ''})"
    elif cls in ("Gloo", "Nccl"):
        config = f"PyTorchConfiguration(communication_backend='{cls}')"
    else:
        parts = [f"{label}={hints.code(value)}" for label, value in (
            ("worker_count", call.argument("worker_count", 0)),
            ("parameter_server_count", call.argument("parameter_server_count", 1))) if value is not None]
        config = f"TensorflowConfiguration({', '.join(parts)})"
    yield RULE.finding(call.span, Message(cls=cls, replacement=f"distributed_job_config={config}"),
                       confidence=call.confidence, manual="the estimator's rewrite replaces it")
