"""AML501 `azureml-v2-script-run-config`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator, NamedTuple

from ..facts import CallFact
from . import v2_family
from .base import Cases, Context, Finding, FixAvailability, Rule


class Message(NamedTuple):
    what: str
    replacement: str


RULE = Rule(
    code="AML501", number="16", symbol="azureml-v2-script-run-config", name="v2-script-run-config",
    summary="ScriptRunConfig(...), when migrating to SDK v2 (azure-ai-ml command jobs)",
    message=v2_family.MESSAGE,
    fields=Message,
    concerns=v2_family.CONCERNS,
    default_enabled=False,
    target=v2_family.TARGET,
    fix=FixAvailability.NEVER,
    what="""
        Flags every `ScriptRunConfig(...)` call. Part of the v2 family: on with
        `target = "v2"` or when selected.
    """,
    why="""
        ScriptRunConfig belongs to SDK v1 (azureml-core), whose support ended on 2026-06-30.
        SDK v2 describes the same job with `azure.ai.ml.command(...)`. The mapping has traps
        that silently change a job: the argument list becomes one shell string (every
        argument must be quoted), `source_directory` defaults to `.` in v1 while `code=None`
        uploads nothing in v2, and the v1 defaults (30-day timeout, effective conda
        specification) must be written out.
    """,
    example="""
        src = ScriptRunConfig(source_directory='src', script='train.py',
                              arguments=['--epochs', 3, '--name', 'run one'],
                              compute_target='gpu-cluster', environment=env)
    """,
    instead="""
        job = command(code='src', command="python train.py --epochs 3 --name 'run one'",
                      environment=Environment(image=image, conda_file=conda),
                      compute='gpu-cluster', timeout=2592000)
    """,
    fix_safety="""
        No rewrite is offered yet: a v2 rewrite is offered only where the v2 harness proves
        the command job the same as the v1 job in the canonical form (argv, code, compute,
        distribution, environment, variables, shm, timeout). The message says what to write.
    """,
    cases=Cases(
        invalid=(
            "from azureml.core import ScriptRunConfig\nsrc = ScriptRunConfig('src', script='train.py')\n",
            "import azureml.core\nsrc = azureml.core.ScriptRunConfig('src', 'train.py')\n",
        ),
        valid=(
            "from azure.ai.ml import command\njob = command(code='src', command='python train.py')\n",
            "from azureml.core import ScriptRunConfig\n",
        ),
    ),
)


@RULE.on_calls("ScriptRunConfig")
def check(call: CallFact, context: Context) -> Iterator[Finding]:
    if not v2_family.reports(context):
        return
    yield RULE.finding(call.span, Message(
        what="ScriptRunConfig(...)",
        replacement="build the job with azure.ai.ml.command(code=..., command='python <script> <quoted args>', "
                    "environment=..., compute=..., timeout=...) and submit it with ml_client.jobs.create_or_update"),
        confidence=call.confidence)
