"""AML103 `azureml-estimator-step`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator

from .. import sdk
from ..facts import CallFact
from ..rewrite.shared import fix_for_consumer
from ..records import record
from .base import Cases, Context, Finding, FixAvailability, Rule


@record
class Message:
    cls: str


RULE = Rule(
    code="AML103", number="03", symbol="azureml-estimator-step", name="deprecated-pipeline-step",
    summary='EstimatorStep(...) or MpiStep(...) in a pipeline',
    message="{cls} is deprecated: use PythonScriptStep(runconfig=<its ScriptRunConfig>.run_config)",
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
        Both steps always were PythonScriptSteps. `EstimatorStep(estimator=est, ...)` becomes
        `PythonScriptStep(script_name=..., arguments=..., runconfig=est.run_config,
        source_directory=..., ...)` once `est` is rewritten to a ScriptRunConfig; `MpiStep(...)`
        becomes a ScriptRunConfig with `MpiConfiguration` (the Estimator MpiStep built inside)
        and a PythonScriptStep over its `run_config`, with `environment_variables` kept as the
        step `params` they were. The test suite compares both pipeline nodes with the real SDK:
        they differ only in the step-type label (and in the script and target EstimatorStep
        blanked in its run configuration), so the fix is unsafe: applied with
        `--unsafe-fixes`. The step's fix and its estimator's rewrite are one fix group, applied
        together or not at all: the estimator's rewrite is unsafe too (in safe mode neither is
        applied, since the SDK rejects a ScriptRunConfig as `estimator=`), and a manual
        estimator keeps the step manual. An estimator also read by other code stays manual:
        EstimatorStep blanked its target, arguments and data references in place, and those
        readers saw that.
        `CommandStep(runconfig=src)` is not offered: it only reads `ScriptRunConfig.command`.
        An estimator not bound in the same module, an estimator with `inputs` (which
        EstimatorStep wiped) or node counts that may be PipelineParameters stay manual.
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
    fix = fix_for_consumer(call, context.facts, context.options.target,
                           context.options.line_length)
    assert fix is not None
    yield RULE.finding(call.span, Message(cls=call.canonical), confidence=call.confidence, fix=fix)
