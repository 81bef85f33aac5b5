"""AML503 `azureml-v2-run-configuration`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator

from ..facts import CallFact
from . import v2_family
from ..records import record
from .base import Cases, Context, Finding, FixAvailability, Rule


@record
class Message:
    what: str
    replacement: str


_REPLACEMENTS = {
    "RunConfiguration": "its settings become command() arguments: compute=, instance_count=, distribution=, "
                        "environment=, environment_variables=, shm_size=, timeout=",
    "MpiConfiguration": "use distribution=MpiDistribution(process_count_per_instance=<per node>) with "
                        "instance_count=<node_count>",
    "PyTorchConfiguration": "use distribution=PyTorchDistribution(process_count_per_instance=<process_count / "
                            "node_count>) with instance_count=<node_count>: v1 process_count is the total, "
                            "v2 counts per node",
    "TensorflowConfiguration": "use distribution=TensorFlowDistribution(worker_count=..., "
                               "parameter_server_count=...) and write parameter_server_count: v1 defaults it "
                               "to 1, v2 to 0",
}

RULE = Rule(
    code="AML503", number="18", symbol="azureml-v2-run-configuration", name="v2-run-configuration",
    summary="RunConfiguration(...) and the v1 distribution configurations, when migrating to SDK v2",
    message=v2_family.MESSAGE,
    fields=Message,
    concerns=v2_family.CONCERNS,
    default_enabled=False,
    target=v2_family.TARGET,
    fix=FixAvailability.NEVER,
    what="""
        Flags `RunConfiguration(...)`, `MpiConfiguration(...)`, `PyTorchConfiguration(...)`
        and `TensorflowConfiguration(...)` calls. Part of the v2 family: on with
        `target = "v2"` or when selected.
    """,
    why="""
        A v1 run configuration has no v2 object: its settings are arguments of
        `command(...)`. The distribution mapping has traps: `PyTorchConfiguration.process_count`
        is the total over all nodes while v2's `process_count_per_instance` is per node, and
        `TensorflowConfiguration.parameter_server_count` defaults to 1 in v1 and 0 in v2.
    """,
    example="""
        distributed = PyTorchConfiguration(process_count=8, node_count=2)
    """,
    instead="""
        job = command(code='src', command='python train.py', environment=env, compute='gpu-cluster',
                      instance_count=2, distribution=PyTorchDistribution(process_count_per_instance=4))
    """,
    fix_safety="""
        No rewrite is offered: a run configuration is not a job by itself; its settings move
        into the command job that replaces the ScriptRunConfig using it.
    """,
    cases=Cases(
        invalid=(
            "from azureml.core import RunConfiguration\nrc = RunConfiguration()\n",
            "from azureml.core.runconfig import PyTorchConfiguration\nd = PyTorchConfiguration(process_count=4)\n",
        ),
        valid=(
            "from azure.ai.ml import PyTorchDistribution\nd = PyTorchDistribution(process_count_per_instance=4)\n",
        ),
    ),
)


@RULE.on_calls(*_REPLACEMENTS)
def check(call: CallFact, context: Context) -> Iterator[Finding]:
    if not v2_family.reports(context):
        return
    yield RULE.finding(call.span, Message(what=f"{call.canonical}(...)", replacement=_REPLACEMENTS[call.canonical]),
                       confidence=call.confidence,
                       manual="no job by itself: it moves into the command job that replaces the job reading it")
