"""AML501 `azureml-v2-script-run-config`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator

from ..facts import CallFact, ImportFact
from ..rewrite.shared import script_run_config_v2_fix
from . import v2_family
from ..records import record
from .base import Cases, Context, Finding, FixAvailability, Rule


@record
class Message:
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
    fix=FixAvailability.SOMETIMES,
    what="""
        Flags every `ScriptRunConfig(...)` call, and under `target = "v2"` an import of
        `ScriptRunConfig` that nothing reads (left behind by the rewrite). Part of the v2
        family: on with `target = "v2"` or when selected.
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
        With `target = "v2"`, a `name = ScriptRunConfig(...)` whose arguments are all literals
        (source_directory, script, arguments of strings and numbers, compute_target,
        max_run_duration_seconds, and a `distributed_job_config=` MpiConfiguration,
        PyTorchConfiguration or TensorflowConfiguration written in the call) becomes
        `name = command(...)` with the v1 defaults written out (image, effective conda
        specification, `EXAMPLE_ENV_VAR`, the 30-day timeout; PyTorch's total process count
        divided per node, TensorFlow's one parameter server, instance_count), which the v2
        harness proves the same job in the canonical form. Safe when every argument reads the
        same through the v2 shell; unsafe, naming them, when arguments must be quoted for it.
        Manual, with the reason: `environment=`, `run_config=`, a bound or non-literal
        distribution configuration, a PyTorch total that does not divide by the node count, a
        non-Nccl backend (v2 has no backend field), other parameters not rendered yet, a non-literal
        argument, a local run (v2 local jobs always run in Docker), a `${{` argument, and a job
        whose name is used again (the v1 `Experiment.submit` or `HyperDriveConfig` reading it
        cannot take a v2 command job), unless that read is its `Experiment(ws, name).submit(job)`:
        then the job and its submission are rewritten together. Once nothing reads
        the `ScriptRunConfig` import any more, it is flagged and deleted, safely. Under the
        ScriptRunConfig target no rewrite is offered.
    """,
    cases=Cases(
        invalid=(
            "from azureml.core import ScriptRunConfig\nsrc = ScriptRunConfig('src', script='train.py')\n",
            "import azureml.core\nsrc = azureml.core.ScriptRunConfig('src', 'train.py')\n",
        ),
        valid=(
            "from azure.ai.ml import command\njob = command(code='src', command='python train.py')\n",
            "from azureml.core import ScriptRunConfig\nconfigs = [ScriptRunConfig]\n",
        ),
    ),
)


@RULE.on_calls("ScriptRunConfig")
def check(call: CallFact, context: Context) -> Iterator[Finding]:
    if not v2_family.reports(context):
        return
    fix = script_run_config_v2_fix(call, context.facts) if context.options.target == v2_family.TARGET else None
    yield RULE.finding(call.span, Message(
        what="ScriptRunConfig(...)",
        replacement="build the job with azure.ai.ml.command(code=..., command='python <script> <quoted args>', "
                    "environment=..., compute=..., timeout=...) and submit it with ml_client.jobs.create_or_update"),
        confidence=call.confidence, fix=fix)


#: where ScriptRunConfig is imported from (checked against the SDK)
_MODULES = {"ScriptRunConfig": ("azureml.core", "azureml.core.script_run_config")}


@RULE.on_imports
def check_unused_import(fact: ImportFact, context: Context) -> Iterator[Finding]:
    """The import the rewrite of every ScriptRunConfig call leaves behind."""
    if not v2_family.reports(context) or fact.used or v2_family.imported(fact, _MODULES) is None:
        return
    fix = v2_family.unused_fix(fact, context)
    if fix is not None:
        yield RULE.finding(fact.span, Message(what=f"ScriptRunConfig (from {fact.module}), read by nothing,",
                                              replacement="delete the import"), fix=fix)
