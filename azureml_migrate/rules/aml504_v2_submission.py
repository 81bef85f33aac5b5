"""AML504 `azureml-v2-submission`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator

from .. import sdk
from ..facts import ImportFact, Span, Submission
from ..rewrite.shared import submission_group
from . import v2_family
from ..records import record
from .base import Cases, Context, Finding, FixAvailability, Rule


@record
class Message:
    what: str
    replacement: str


#: v1 submission classes, by the modules they are imported from (checked against the SDK).
NAMES = {
    "Experiment": ("azureml.core", "azureml.core.experiment"),
    "Workspace": ("azureml.core", "azureml.core.workspace"),
}
#: v1 job kinds: a module that builds one submits with its Workspace
_JOB_CLASSES = frozenset({"ScriptRunConfig", "HyperDriveConfig", "Estimator", "PyTorch", "TensorFlow",
                          "SKLearn", "Chainer", "RunConfiguration"})

_REPLACEMENTS = {
    "Experiment": f"submit with {sdk.V2_CLIENT}; ml_client.jobs.create_or_update(job, experiment_name=<name>)",
    "Workspace": f"connect with {sdk.V2_CLIENT} (azure.ai.ml, azure.identity)",
}

#: why a Workspace still read stays: its reads have v2 counterparts on the client, which no
#: rewrite writes yet (the objects differ: an AmlCompute is not a v2 compute)
_WORKSPACE_STILL_READ = ("still read here: get compute and datastores from ml_client (ml_client.compute.get, "
                         "ml_client.datastores.get), then remove it")

RULE = Rule(
    code="AML504", number="19", symbol="azureml-v2-submission", name="v2-submission",
    summary="Experiment(...).submit and a Workspace used to submit, when migrating to SDK v2",
    message=v2_family.MESSAGE,
    fields=Message,
    concerns=v2_family.CONCERNS,
    default_enabled=False,
    target=v2_family.TARGET,
    fix=FixAvailability.SOMETIMES,
    what="""
        Flags the import of `Experiment`, and of `Workspace` in a module that submits (one
        that imports `Experiment` or builds a v1 job: ScriptRunConfig, HyperDriveConfig, an
        estimator, a RunConfiguration) or that already connects with `MLClient.from_config`.
        In a module with a job call it also flags each top-level
        `[run =] Experiment(ws, name).submit(job)` (or `exp.submit(job)` with
        `exp = Experiment(ws, name)`), and each `run.wait_for_completion(show_output=True)`
        statement on the run it returns. Part of the v2 family: on with `target = "v2"` or
        when selected.
    """,
    why="""
        SDK v2 submits through a client: `MLClient.from_config(credential=...)` reads the
        same `config.json` as `Workspace.from_config()`, and
        `ml_client.jobs.create_or_update(job, experiment_name=name)` replaces
        `Experiment(ws, name).submit(config)`.
    """,
    example="""
        ws = Workspace.from_config()
        run = Experiment(ws, 'train').submit(src)
    """,
    instead="""
        ml_client = MLClient.from_config(credential=DefaultAzureCredential())
        returned = ml_client.jobs.create_or_update(job, experiment_name='train')
    """,
    fix_safety="""
        With `target = "v2"`, a job bound once and read only by its submission is rewritten
        together with it, as one fix group: the job becomes `command(...)`,
        the submission `ml_client.jobs.create_or_update(job, experiment_name=name)`, and
        `ws = Workspace.from_config()` becomes
        `ml_client = MLClient.from_config(credential=DefaultAzureCredential())` when nothing
        else reads `ws` (else the client goes right after it, and the Workspace import stays
        flagged); an `exp = Experiment(ws, name)` read only there goes, and
        `run.wait_for_completion(show_output=True)` becomes `ml_client.jobs.stream(run.name)`.
        The v2 harness proves the job and its experiment name the same. Always unsafe: the
        client signs in with DefaultAzureCredential instead of the v1 interactive login, and a
        failed job raises azure.ai.ml's JobException when streamed. Manual, with the reason:
        any other read of the returned run (the v2 Job has no `get_metrics`,
        `wait_for_completion`...), `submit(tags=...)`, a workspace not bound once by
        `Workspace.from_config()` before the submission, a job the v2 fix does not rewrite.
        The imports of `Experiment` and `Workspace` are deleted once nothing reads them.
    """,
    cases=Cases(
        invalid=(
            "from azureml.core import Experiment\nexp = Experiment(ws, 'train')\n",
            "from azureml.core import Workspace, ScriptRunConfig\nws = Workspace.from_config()\n"
            "src = ScriptRunConfig('src', 'train.py')\n",
            "from azureml.core import Workspace\nws = Workspace.from_config()\n"
            "ml_client = MLClient.from_config(credential=DefaultAzureCredential())\n"
            "cluster = ws.compute_targets['gpu']\n",
        ),
        valid=(
            "from azureml.core import Workspace\nws = Workspace.from_config()\nmodel = ws.models['m']\n",
            "from azure.ai.ml import MLClient\n",
        ),
    ),
)


@RULE.on_imports
def check(fact: ImportFact, context: Context) -> Iterator[Finding]:
    if not v2_family.reports(context):
        return
    name = v2_family.imported(fact, NAMES)
    unused = v2_family.unused_fix(fact, context)
    if name == "Workspace" and not _submits(context) and not _connects_with_v2(context) and unused is None:
        return
    if name is not None:
        outcome = v2_family.import_fix_or_manual(fact, context)
        if name == "Workspace" and "manual" in outcome:
            outcome = {"manual": _WORKSPACE_STILL_READ}
        yield RULE.finding(fact.span, Message(what=f"{name} (from {fact.module})", replacement=_REPLACEMENTS[name]),
                           **outcome)


@RULE.on_submissions
def check_submission(submission: Submission, context: Context) -> Iterator[Finding]:
    if not v2_family.reports(context):
        return
    fixes = submission_group(submission, context.facts) if context.options.target == v2_family.TARGET else None
    call = (f"ml_client.jobs.create_or_update({submission.job}, "
            f"experiment_name={submission.experiment_name})")
    yield RULE.finding(submission.span, Message(what=f"Experiment(...).submit({submission.job})",
                                                replacement=f"submit with {call}"),
                       fix=fixes.submit if fixes is not None else None)
    for read in submission.run_reads:
        if read.streamed_wait:
            yield RULE.finding(read.span, Message(
                what=f"{read.text} on the v1 Run",
                replacement=f"wait with ml_client.jobs.stream({submission.target}.name)"),
                fix=fixes.waits.get(read.span) if fixes is not None else None)
    if fixes is not None and fixes.connection is not None:
        where, fix = fixes.connection
        yield RULE.finding(where, Message(what=f"{submission.workspace} = Workspace.from_config()",
                                          replacement=f"connect with {sdk.V2_CLIENT}"), fix=fix)
    if fixes is not None and fixes.experiment is not None:
        where, fix = fixes.experiment
        where = Span(where.line, 0, where.line, 0)
        yield RULE.finding(where, Message(what=f"Experiment({submission.workspace}, {submission.experiment_name})",
                                          replacement="its submission names the experiment"), fix=fix)


def _connects_with_v2(context: Context) -> bool:
    """The module connects with the v2 client (``ml_client = MLClient.from_config(...)``): a
    Workspace it still reads keeps azureml-core installed beside it (the v2 fix leaves one when
    ``ws`` is read for more than submitting)."""
    return context.facts.client_line > 0


def _submits(context: Context) -> bool:
    facts = context.facts
    return any(call.canonical in _JOB_CLASSES for call in facts.calls) or any(
        v2_family.imported(fact, {"Experiment": NAMES["Experiment"]}) for fact in facts.imports)
