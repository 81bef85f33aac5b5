"""AML305 `azureml-run-based-compute`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator

from .. import hints, sdk
from ..facts import CallFact
from ..rewrite.shared import fix_for_estimator
from ..records import record
from .base import Cases, Context, Finding, Rule


@record
class Message:
    params: str
    cls: str
    replacement: str


RULE = Rule(
    code="AML305", number="13", symbol="azureml-run-based-compute", name="run-based-compute-parameter",
    summary='Run-based compute parameters on an estimator (vm_size, vm_priority)',
    message="run-based compute asked for by {params} on {cls}: {replacement}",
    fields=Message,
    concerns="1.19.0",
    what="""
        Flags `vm_size=` and `vm_priority=` on an estimator call, once per call.
    """,
    why="""
        They created a cluster per run, a feature the SDK itself deprecated. ScriptRunConfig
        has no equivalent: create a persistent `AmlCompute` cluster once and pass it as
        `compute_target`.
    """,
    example="""
        est = Estimator('src', entry_script='train.py', vm_size='STANDARD_NC6')
    """,
    instead="""
        config = AmlCompute.provisioning_configuration(vm_size='STANDARD_NC6')
        cluster = ComputeTarget.create(ws, 'gpu-cluster', config)
        src = ScriptRunConfig('src', script='train.py', compute_target=cluster,
                              environment=env)
    """,
    fix_safety="""
        ScriptRunConfig has no run-based compute: `vm_size`/`vm_priority` need an `AmlCompute`
        cluster that the job does not create itself, a decision about cost and quota. The
        call's rewrite (the fix every finding on it carries) is therefore manual, and says so.
    """,
    cases=Cases(
        invalid=(
            "from azureml.train.estimator import Estimator\nest = Estimator('src', vm_size='STANDARD_NC6')\n",
        ),
        valid=(
            "from azureml.train.estimator import Estimator\nest = Estimator('src', compute_target=cluster)\n",
        ),
    ),
)


@RULE.on_calls(*sdk.ESTIMATORS)
def check(call: CallFact, context: Context) -> Iterator[Finding]:
    keywords = [keyword for keyword in call.keywords
                if keyword.name in sdk.RUN_BASED_COMPUTE_PARAMETERS and hints.changes_the_job(keyword)]
    if not keywords:
        return
    replacement = "create an AmlCompute cluster once and pass it as compute_target"
    yield RULE.finding(keywords[0].span, Message(params=hints.quoted_names([keyword.name for keyword in keywords]),
                                                 cls=call.canonical, replacement=replacement),
                       confidence=call.confidence, fix=fix_for_estimator(call, context.facts, context.options.target,
                                                                         context.options.line_length))
