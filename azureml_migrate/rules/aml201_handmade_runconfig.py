"""AML201 `azureml-handmade-runconfig`: its catalog entry, its check and its cases."""

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
    code="AML201", number="06", symbol="azureml-handmade-runconfig", name="handmade-runconfig",
    summary='Constructing RunConfiguration(...) yourself to configure a training run',
    message="RunConfiguration built by hand: {replacement}",
    fields=Message,
    concerns=sdk.DEFAULT_MIN_SDK_VERSION,
    what="""
        Flags `RunConfiguration(...)` built by hand, stand-alone or passed to
        `ScriptRunConfig(run_config=...)`. `RunConfiguration.load(...)`, reading or
        tweaking `src.run_config.<attr>` are not flagged. A RunConfiguration used only by
        pipeline steps is reported by the pipeline rule instead (off by default).
    """,
    why="""
        The SDK asks users not to build RunConfiguration objects: ScriptRunConfig builds
        one from `environment=`, `compute_target=`, `distributed_job_config=` and
        `docker_runtime_config=`. When `run_config=` is given, ScriptRunConfig silently
        ignores those parameters.
    """,
    example="""
        rc = RunConfiguration()
        rc.environment = env
        rc.target = cluster
        src = ScriptRunConfig('src', script='train.py', run_config=rc)
    """,
    instead="""
        src = ScriptRunConfig('src', script='train.py', compute_target=cluster,
                              environment=env)
    """,
    fix_safety="""
        Splitting a hand-built RunConfiguration between ScriptRunConfig's parameters and
        `src.run_config` depends on every attribute set on it, wherever in the program that
        happens, and ScriptRunConfig ignores its own parameters when `run_config=` is given:
        no rewrite is proven to give the same job, so the message says what to move where.
    """,
    cases=Cases(
        invalid=(
            "from azureml.core import RunConfiguration\nrc = RunConfiguration()\nrc.target = 'cluster'\n",
            (
                'from azureml.core import RunConfiguration, ScriptRunConfig\n'
                "src = ScriptRunConfig('src', run_config=RunConfiguration())\n"
            ),
        ),
        valid=(
            "from azureml.core import RunConfiguration\nrc = RunConfiguration.load('config.yml')\n",
            (
                'from azureml.core import RunConfiguration\n'
                'defaults = RunConfiguration().environment.python.conda_dependencies\n'
            ),
        ),
    ),
)


_IGNORED = ("# with run_config= ScriptRunConfig ignores compute_target, environment, "
            "distributed_job_config, docker_runtime_config and max_run_duration_seconds")


@RULE.on_calls("RunConfiguration")
def check(call: CallFact, context: Context) -> Iterator[Finding]:
    usage = hints.run_configuration_usage(call)
    if usage is not hints.RunConfigurationUsage.RUN:
        return
    source, extra = hints.run_configuration_source(call)
    lines = [f"src = {source[:-1]}, compute_target=..., distributed_job_config=...,",
             "                      docker_runtime_config=DockerConfiguration(...))"]
    if extra:
        lines.append(f"# {extra.strip()}")
    lines.append("# set anything else on src.run_config")
    if any(c.canonical == "ScriptRunConfig" and c.keyword == "run_config" for c in call.consumers):
        lines.append(_IGNORED)
    yield RULE.finding(call.span, Message(replacement="use ScriptRunConfig with an Environment"),
                       confidence=call.confidence, hint="\n".join(lines),
                       manual="move its settings to a ScriptRunConfig and its Environment")
