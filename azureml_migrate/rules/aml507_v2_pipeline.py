"""AML507 `azureml-v2-pipeline`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator

from ..facts import CallFact, ImportFact
from . import v2_family
from ..records import record
from .base import Cases, Context, Finding, FixAvailability, Rule


@record
class Message:
    what: str
    replacement: str


_STEPS = ("PythonScriptStep", "CommandStep", "EstimatorStep", "MpiStep", "ModuleStep", "DatabricksStep")
#: v1 pipeline classes, by the modules they are imported from (checked against the SDK).
NAMES = {"Pipeline": ("azureml.pipeline.core", "azureml.pipeline.core.pipeline")}
_REPLACEMENT = ("write a @dsl.pipeline function of command components (azure.ai.ml.dsl); pipelines are not "
                "rewritten: migrate them by hand")

RULE = Rule(
    code="AML507", number="22", symbol="azureml-v2-pipeline", name="v2-pipeline",
    summary="v1 pipeline steps and Pipeline, when migrating to SDK v2 (manual)",
    message=v2_family.MESSAGE,
    fields=Message,
    concerns=v2_family.CONCERNS,
    default_enabled=False,
    target=v2_family.TARGET,
    fix=FixAvailability.NEVER,
    what="""
        Flags `PythonScriptStep(...)`, `CommandStep(...)`, `EstimatorStep(...)`,
        `MpiStep(...)`, `ModuleStep(...)` and `DatabricksStep(...)` calls and the import of
        `Pipeline` from `azureml.pipeline.core`. Part of the v2 family: on with
        `target = "v2"` or when selected.
    """,
    why="""
        SDK v2 pipelines are `@dsl.pipeline` functions whose steps are components (a
        `command(...)` is one); data passes between them as inputs and outputs rather than
        `PipelineData`. The two models differ too much for a rewrite to be proven the same
        pipeline, so this is a manual migration.
    """,
    example="""
        step = PythonScriptStep(script_name='prep.py', source_directory='src', compute_target='cpu')
        pipeline = Pipeline(workspace=ws, steps=[step])
    """,
    instead="""
        @dsl.pipeline(compute='cpu')
        def prepare():
            command(code='src', command='python prep.py', environment=env)()
    """,
    fix_safety="""
        Never rewritten: pipelines are not modelled by the rewrite plan. The finding is a
        reminder of manual work, with the v2 form to write.
    """,
    cases=Cases(
        invalid=(
            "from azureml.pipeline.steps import PythonScriptStep\nstep = PythonScriptStep(script_name='a.py')\n",
            "from azureml.pipeline.core import Pipeline\n",
        ),
        valid=(
            "from azure.ai.ml import dsl\n",
        ),
    ),
)


#: why no pipeline is rewritten (the fix safety section says so at length)
_NOT_MODELLED = "the rewrite plan does not model pipelines, so no job comparison proves one"


@RULE.on_calls(*_STEPS)
def check_step(call: CallFact, context: Context) -> Iterator[Finding]:
    if v2_family.reports(context):
        yield RULE.finding(call.span, Message(what=f"{call.canonical}(...)", replacement=_REPLACEMENT),
                           confidence=call.confidence, manual=_NOT_MODELLED)


@RULE.on_imports
def check_import(fact: ImportFact, context: Context) -> Iterator[Finding]:
    if v2_family.reports(context) and v2_family.imported(fact, NAMES):
        yield RULE.finding(fact.span, Message(what=f"Pipeline (from {fact.module})", replacement=_REPLACEMENT),
                           manual=_NOT_MODELLED)
