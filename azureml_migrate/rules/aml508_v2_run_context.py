"""AML508 `azureml-v2-run-context`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator

from ..facts import ImportFact
from . import v2_family
from ..records import record
from .base import Cases, Context, Finding, FixAvailability, Rule


@record
class Message:
    what: str
    replacement: str


#: The v1 run class, by the modules it is imported from (checked against the SDK).
NAMES = {"Run": ("azureml.core", "azureml.core.run")}

RULE = Rule(
    code="AML508", number="23", symbol="azureml-v2-run-context", name="v2-run-context",
    summary="The v1 Run in a training script (Run.get_context(), run.log, Run.input_datasets), for SDK v2",
    message=v2_family.MESSAGE,
    fields=Message,
    concerns=v2_family.CONCERNS,
    default_enabled=False,
    target=v2_family.TARGET,
    fix=FixAvailability.NEVER,
    what="""
        Flags the import of `Run` from `azureml.core`: every `Run.get_context()`, `run.log(...)`
        and `Run.input_datasets` goes through it. Part of the v2 family: on with
        `target = "v2"` or when selected.
    """,
    why="""
        A v2 job's script logs with MLflow (`mlflow.log_metric`) and receives its inputs as
        paths (on the command line, or `$AZURE_ML_INPUT_<name>`), not through
        `Run.get_context()` and `Run.input_datasets`. A sweep's primary metric is read from
        MLflow. This is a change to the training script, not to the submission.
    """,
    example="""
        run = Run.get_context()
        run.log('accuracy', accuracy)
    """,
    instead="""
        mlflow.log_metric('accuracy', accuracy)
    """,
    fix_safety="""
        Never rewritten: the script's own logging and data access change meaning, which no
        job comparison can prove. The finding marks the script change to make.
    """,
    cases=Cases(
        invalid=(
            "from azureml.core import Run\nrun = Run.get_context()\n",
            "from azureml.core.run import Run\n",
        ),
        valid=(
            "import mlflow\nmlflow.log_metric('accuracy', 0.9)\n",
        ),
    ),
)


@RULE.on_imports
def check(fact: ImportFact, context: Context) -> Iterator[Finding]:
    if v2_family.reports(context) and v2_family.imported(fact, NAMES):
        yield RULE.finding(fact.span, Message(
            what=f"Run (from {fact.module})",
            replacement="log with MLflow (mlflow.log_metric) and read inputs as paths (argv or "
                        "$AZURE_ML_INPUT_<name>): a change to the training script"),
            manual="the script's logging and data access change meaning, which no job comparison proves")
