"""AML103 `azureml-estimator-step`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator, NamedTuple

from .. import hints, sdk
from ..facts import CallFact
from ..rewrite.steps import step_fix
from .base import Cases, Context, Finding, FixAvailability, Rule


class Message(NamedTuple):
    cls: str
    replacement: str


RULE = Rule(
    code="AML103", number="03", symbol="azureml-estimator-step", name="deprecated-pipeline-step",
    summary='EstimatorStep(...) or MpiStep(...) in a pipeline',
    message="{cls} is deprecated: use {replacement}",
    fields=Message,
    concerns=sdk.ESTIMATOR_DEPRECATED_IN,
    what="""
        Flags `EstimatorStep(...)` and `MpiStep(...)` calls.
    """,
    why="""
        Both steps wrap an Estimator and are deprecated by the SDK, which points to
        `CommandStep`. A `PythonScriptStep` given `runconfig=src.run_config` is the other
        documented replacement.
    """,
    example="""
        step = EstimatorStep(name='train', estimator=est, compute_target=cluster,
                             estimator_entry_script_arguments=['--epochs', 10])
    """,
    instead="""
        src = ScriptRunConfig(source_directory='src', script='train.py',
                              arguments=['--epochs', 10], environment=env)
        step = CommandStep(name='train', runconfig=src, compute_target=cluster)
    """,
    fix=FixAvailability.SOMETIMES,
    fix_safety="""
        `EstimatorStep(estimator=est, ...)` becomes `PythonScriptStep(script_name=...,
        arguments=..., runconfig=est.run_config, source_directory=..., ...)` once `est` is
        rewritten to a ScriptRunConfig: EstimatorStep always was a PythonScriptStep built from
        the estimator's script and run configuration, so the pipeline node is the same (the
        test suite compares both nodes with the real SDK). The fix is never more trusted than
        the estimator's own rewrite. `CommandStep(runconfig=src)` is not offered as a fix: it
        only reads `ScriptRunConfig.command`. MpiStep, an estimator not bound in the same
        module, or an estimator with `inputs` (which EstimatorStep wiped) stay manual.
    """,
    cases=Cases(
        invalid=(
            "from azureml.pipeline.steps import EstimatorStep\nstep = EstimatorStep(name='train', estimator=est)\n",
            (
                'from azureml.pipeline.steps import MpiStep\n'
                "step = MpiStep(name='mpi', source_directory='src', script_name='t.py')\n"
            ),
        ),
        valid=(
            "from azureml.pipeline.steps import CommandStep\nstep = CommandStep(name='train', runconfig=src)\n",
        ),
    ),
)


@RULE.on_calls(*sdk.DEPRECATED_STEPS)
def check(call: CallFact, context: Context) -> Iterator[Finding]:
    if call.canonical == "EstimatorStep":
        estimator = call.argument("estimator")
        arguments = call.argument("estimator_entry_script_arguments")
        source = (hints.estimator_argument(estimator, arguments) if estimator is not None
                  else "ScriptRunConfig(...)")
    else:
        source = _mpi_step_source(call)
    fix = step_fix(call, context.facts)
    if fix.applies:
        replacement = f"{fix.code} ({fix.applicability.value} fix)"
    else:
        replacement = (f"PythonScriptStep(..., runconfig=src.run_config) or CommandStep(command=[...]) where "
                       f"src = {source}; no automatic fix: {fix.reason}")
    yield RULE.finding(call.span, Message(cls=call.canonical, replacement=replacement), confidence=call.confidence,
                       fix=fix)


def _mpi_step_source(call: CallFact) -> str:
    parts = [f"source_directory={hints.code(call.argument('source_directory'))}",
             f"script={hints.code(call.argument('script_name'))}"]
    if call.argument("arguments") is not None:
        parts.append(f"arguments={hints.code(call.argument('arguments'))}")
    mpi = ", ".join(
        f"{label}={hints.code(value)}"
        for label, value in (("process_count_per_node", call.argument("process_count_per_node")),
                             ("node_count", call.argument("node_count")))
        if value is not None
    )
    parts.append("environment=env")
    parts.append(f"distributed_job_config=MpiConfiguration({mpi})")
    return f"ScriptRunConfig({', '.join(parts)})"
