"""AML303 `azureml-estimator-distributed-param`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator

from .. import hints, sdk
from ..facts import CallFact
from ..rewrite.shared import PARAMETER_FIX_SAFETY, fix_for_estimator, parameter_replacement
from ..records import record
from .base import Cases, Context, Finding, FixAvailability, Rule


@record
class Message:
    params: str
    cls: str
    replacement: str


RULE = Rule(
    code="AML303", number="11", symbol="azureml-estimator-distributed-param", name="estimator-distributed-parameter",
    summary='Distributed-training parameters on an estimator (node_count, distributed_training, ...)',
    message="distribution set by {params} on {cls}: {replacement}",
    fields=Message,
    concerns="1.19.0",
    what="""
        Flags `node_count`, `process_count_per_node`, `distributed_backend`,
        `distributed_training`, `worker_count` and `parameter_server_count` on an estimator
        call, once per call (at the first of them), with the `distributed_job_config=`
        computed from all of them. An argument equal to its default (`node_count=1`) is not
        flagged.
    """,
    why="""
        ScriptRunConfig reads distribution from one `MpiConfiguration`,
        `PyTorchConfiguration` or `TensorflowConfiguration`, and the node count moves into
        that object. Some estimator combinations were silently ignored by the SDK (a
        `PyTorchConfiguration` passed as `distributed_training`, `process_count_per_node`
        anywhere but with `distributed_backend='mpi'`); the message says so.
    """,
    example="""
        est = PyTorch('src', entry_script='train.py', node_count=2,
                      distributed_backend='nccl')
    """,
    instead="""
        src = ScriptRunConfig('src', script='train.py', environment=env,
                              distributed_job_config=PyTorchConfiguration(
                                  communication_backend='Nccl', node_count=2))
    """,
    fix_safety=PARAMETER_FIX_SAFETY,
    fix=FixAvailability.SOMETIMES,
    cases=Cases(
        invalid=(
            "from azureml.train.dnn import PyTorch\nest = PyTorch('src', node_count=2, distributed_backend='nccl')\n",
        ),
        valid=(
            "from azureml.train.dnn import PyTorch\nest = PyTorch('src', entry_script='train.py')\n",
        ),
    ),
)


@RULE.on_calls(*sdk.ESTIMATORS)
def check(call: CallFact, context: Context) -> Iterator[Finding]:
    """One finding per call, at its first distributed parameter: they describe one configuration."""
    keywords = [keyword for keyword in call.keywords
                if keyword.name in sdk.DISTRIBUTED_PARAMETERS and hints.changes_the_job(keyword)]
    if not keywords:
        return
    fix = fix_for_estimator(call, context.facts, context.options.target,
                            context.options.line_length)
    replacement = parameter_replacement(
        fix, [keyword.name for keyword in keywords],
        "distributed_job_config=... and src.run_config.node_count",
        dropped="nothing: the estimator ignored them here, so the rewrite drops them")
    params = hints.quoted_names([keyword.name for keyword in keywords])
    yield RULE.finding(keywords[0].span, Message(params=params, cls=call.canonical, replacement=replacement),
                       confidence=call.confidence, fix=fix)
