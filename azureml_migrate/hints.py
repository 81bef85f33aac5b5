"""Small pieces of message text computed from a call's own arguments, for the findings that
have no fix to quote (rewrites live in ``azureml_migrate.rewrite``). The SDK's own deprecated
setters (``env.docker.enabled``, ``env.docker.shm_size``, ``env.environment_variables``) are
never suggested.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

from . import sdk
from .choices import Choice
from .facts import CallFact, Keyword, Value

_MAX_CODE = 160


def code(value: Optional[Value]) -> str:
    """Python source for a value: its literal repr, else its own text (shortened if huge)."""
    if value is None:
        return "None"
    if value.is_literal:
        text = repr(value.literal)
    else:
        text = " ".join(value.text.split())
    return text if len(text) <= _MAX_CODE else text[: _MAX_CODE - 3] + "..."


def changes_the_job(keyword: Keyword) -> bool:
    """False for an argument that only restates its parameter's default (``user_managed=False``):
    leaving it out of the rewrite configures the same job, so it is not a finding."""
    value = keyword.value
    return not (value.is_literal and sdk.passes_its_default(keyword.name, value.literal))


def quoted_names(names: List[str]) -> str:
    """``'a'``, ``'a' and 'b'``, ``'a', 'b' and 'c'``."""
    quoted = [f"'{name}'" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


class RunConfigurationUsage(Choice):
    """What a hand-built RunConfiguration is for, judged from where its value goes."""

    #: configures a run (stand-alone, submitted, or passed to ScriptRunConfig)
    RUN = "run"
    #: only feeds pipeline steps, a documented v1 pipeline pattern
    PIPELINE = "pipeline"
    #: a throwaway instance whose attributes are only read (its defaults)
    READ_ONLY = "read_only"


def run_configuration_usage(call: CallFact) -> RunConfigurationUsage:
    consumers = call.consumers
    if consumers and all(c.read_only for c in consumers):
        return RunConfigurationUsage.READ_ONLY
    if consumers and all(
        (c.canonical, c.keyword) in sdk.PIPELINE_RUNCONFIG_CONSUMERS
        or (c.method, c.keyword) in sdk.PIPELINE_RUNCONFIG_METHODS
        for c in consumers
    ):
        return RunConfigurationUsage.PIPELINE
    return RunConfigurationUsage.RUN


def run_configuration_source(call: CallFact) -> Tuple[str, str]:
    """The ScriptRunConfig replacing a RunConfiguration call, and what to set on its environment."""
    parts = ["source_directory='.'"]
    for name, position in (("script", 0), ("arguments", 1)):
        value = call.argument(name, position)
        if value is not None:
            parts.append(f"{name}={code(value)}")
    parts.append("environment=env")
    conda = call.argument("conda_dependencies", 4)
    extra = f" with env.python.conda_dependencies = {code(conda)}" if conda is not None else ""
    return f"ScriptRunConfig({', '.join(parts)})", extra
