"""AML504 `azureml-v2-submission`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator, NamedTuple

from ..facts import ImportFact
from . import v2_family
from .base import Cases, Context, Finding, FixAvailability, Rule


class Message(NamedTuple):
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

_CLIENT = "ml_client = MLClient.from_config(credential=DefaultAzureCredential())"
_REPLACEMENTS = {
    "Experiment": f"submit with {_CLIENT}; ml_client.jobs.create_or_update(job, experiment_name=<name>)",
    "Workspace": f"connect with {_CLIENT} (azure.ai.ml, azure.identity)",
}

RULE = Rule(
    code="AML504", number="19", symbol="azureml-v2-submission", name="v2-submission",
    summary="Experiment(...).submit and a Workspace used to submit, when migrating to SDK v2",
    message=v2_family.MESSAGE,
    fields=Message,
    concerns=v2_family.CONCERNS,
    default_enabled=False,
    target=v2_family.TARGET,
    fix=FixAvailability.NEVER,
    what="""
        Flags the import of `Experiment`, and of `Workspace` in a module that submits: one
        that imports `Experiment` or builds a v1 job (ScriptRunConfig, HyperDriveConfig, an
        estimator, a RunConfiguration). Part of the v2 family: on with `target = "v2"` or
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
        No rewrite is offered yet: the client and the job are rewritten together, once the
        job itself is proven the same by the v2 harness.
    """,
    cases=Cases(
        invalid=(
            "from azureml.core import Experiment\nexp = Experiment(ws, 'train')\n",
            "from azureml.core import Workspace, ScriptRunConfig\nws = Workspace.from_config()\n"
            "src = ScriptRunConfig('src', 'train.py')\n",
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
    if name == "Workspace" and not _submits(context):
        return
    if name is not None:
        yield RULE.finding(fact.span, Message(what=f"{name} (from {fact.module})", replacement=_REPLACEMENTS[name]))


def _submits(context: Context) -> bool:
    facts = context.facts
    return any(call.canonical in _JOB_CLASSES for call in facts.calls) or any(
        v2_family.imported(fact, {"Experiment": NAMES["Experiment"]}) for fact in facts.imports)
