"""AML202 `azureml-pipeline-runconfig`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator

from .. import hints, sdk
from ..facts import CallFact
from ..records import record
from .base import Cases, Context, Finding, Rule


@record
class Message:
    replacement: str


RULE = Rule(
    code="AML202", number="07", symbol="azureml-pipeline-runconfig", name="pipeline-runconfig",
    summary='RunConfiguration(...) that only feeds pipeline steps (off by default)',
    message="RunConfiguration built by hand for a pipeline step: {replacement}",
    fields=Message,
    default_enabled=False,
    concerns=sdk.DEFAULT_MIN_SDK_VERSION,
    what="""
        Flags a hand-built `RunConfiguration(...)` whose value only flows into pipeline
        consumers: `PythonScriptStep`/`CommandStep`/`ModuleStep`/`DatabricksStep`
        `runconfig=`, `Module.publish_python_script(runconfig=)` or
        `AutoMLConfig(run_configuration=)`. Off by default, because this is still a
        documented v1 pipeline pattern.
    """,
    why="""
        A ScriptRunConfig describes the same job with less room for mistakes, and its
        `run_config` property gives steps the RunConfiguration they need.
    """,
    example="""
        rc = RunConfiguration()
        rc.environment = env
        step = PythonScriptStep(script_name='prep.py', source_directory='src',
                                runconfig=rc, compute_target=cluster)
    """,
    instead="""
        src = ScriptRunConfig('src', script='prep.py', environment=env)
        step = PythonScriptStep(script_name='prep.py', source_directory='src',
                                runconfig=src.run_config, compute_target=cluster)
    """,
    fix_safety="""
        A step's `runconfig=` can take `src.run_config` of a ScriptRunConfig, but which
        attributes of the hand-built RunConfiguration map to which ScriptRunConfig parameter
        depends on code the fix cannot follow: nothing is rewritten, and the message names the
        replacement.
    """,
    cases=Cases(
        invalid=(
            (
                'from azureml.core import RunConfiguration\n'
                'from azureml.pipeline.steps import PythonScriptStep\n'
                'rc = RunConfiguration()\n'
                "step = PythonScriptStep(script_name='prep.py', runconfig=rc)\n"
            ),
        ),
        valid=(
            'from azureml.core import RunConfiguration\nrc = RunConfiguration()\nsubmit(rc)\n',
        ),
    ),
)


@RULE.on_calls("RunConfiguration")
def check(call: CallFact, context: Context) -> Iterator[Finding]:
    if hints.run_configuration_usage(call) is not hints.RunConfigurationUsage.PIPELINE:
        return
    source, extra = hints.run_configuration_source(call)
    hint = (f"src = {source}" + (f"  # {extra.strip()}" if extra else "")
            + "\n# pass runconfig=src.run_config to the step")
    yield RULE.finding(call.span, Message(replacement="pass runconfig=src.run_config of a ScriptRunConfig"),
                       confidence=call.confidence, hint=hint,
                       manual="move its settings to a ScriptRunConfig and its Environment")
