"""AML103 `azureml-estimator-step`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator, NamedTuple

from .. import hints, sdk
from ..facts import CallFact
from .base import Cases, Context, Finding, Rule


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
    fix_safety="""
        Nothing is rewritten: the replacement step (`CommandStep`, or `PythonScriptStep` with
        `runconfig=src.run_config`) takes other parameters than the estimator step, and no
        rewrite is proven to submit the same pipeline step; the message names the
        replacement.
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


_CARRIED = ("name", "compute_target", "inputs", "outputs", "allow_reuse")


@RULE.on_calls(*sdk.DEPRECATED_STEPS)
def check(call: CallFact, context: Context) -> Iterator[Finding]:
    carried = [f"{name}={hints.code(call.argument(name))}" for name in _CARRIED if call.argument(name) is not None]
    if call.canonical == "EstimatorStep":
        estimator = call.argument("estimator")
        arguments = call.argument("estimator_entry_script_arguments")
        source = (hints.estimator_argument(estimator, arguments) if estimator is not None
                  else "ScriptRunConfig(...)")
    else:
        source = _mpi_step_source(call)
    replacement = f"CommandStep({', '.join([*carried, 'runconfig=src'])}) where src = {source}"
    yield RULE.finding(call.span, Message(cls=call.canonical, replacement=replacement), confidence=call.confidence)


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
