"""AML502 `azureml-v2-environment`: its catalog entry, its check and its cases."""

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


#: v1 environment classes, by the modules they are imported from (checked against the SDK).
NAMES = {
    "Environment": ("azureml.core", "azureml.core.environment"),
    "CondaDependencies": ("azureml.core.conda_dependencies",),
    "DockerConfiguration": ("azureml.core.runconfig", "azureml.core.script_run_config"),
}

_REPLACEMENTS = {
    "Environment": "use azure.ai.ml.entities.Environment(image=..., conda_file=...) with the image tag and "
                   "the effective conda specification written out; environment variables go on command()",
    "CondaDependencies": "write the effective conda specification as Environment(conda_file=...): "
                         "CondaDependencies() silently adds a python pin, azureml-defaults and the channels "
                         "anaconda and conda-forge",
    "DockerConfiguration": "pass shm_size= and docker_args= to command(); v2 jobs always run in Docker",
}

RULE = Rule(
    code="AML502", number="17", symbol="azureml-v2-environment", name="v2-environment",
    summary="v1 Environment, CondaDependencies or DockerConfiguration, when migrating to SDK v2",
    message=v2_family.MESSAGE,
    fields=Message,
    concerns=v2_family.CONCERNS,
    default_enabled=False,
    target=v2_family.TARGET,
    fix=FixAvailability.SOMETIMES,
    what="""
        Flags the import of the v1 `Environment` (`azureml.core`), `CondaDependencies` and
        `DockerConfiguration`, once per imported name. Part of the v2 family: on with
        `target = "v2"` or when selected.
    """,
    why="""
        These classes belong to SDK v1. In SDK v2 an environment is
        `azure.ai.ml.entities.Environment(image=..., conda_file=...)`, with no environment
        variables and no registry credentials of its own. The v1 defaults must be written
        out: `CondaDependencies()` adds `python=<version>`, `azureml-defaults` and the
        channels `anaconda` and `conda-forge`; the v1 default image carries a dated tag; a v1
        `Environment` adds `EXAMPLE_ENV_VAR=EXAMPLE_VALUE` to the run's variables.
    """,
    example="""
        env = Environment('train-env')
        env.python.conda_dependencies = CondaDependencies.create(pip_packages=['numpy'])
        docker = DockerConfiguration(use_docker=True, shm_size='4g')
    """,
    instead="""
        env = Environment(image='mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:20251130.v1',
                          conda_file=conda_specification)
        job = command(code='src', command='python train.py', environment=env, shm_size='4g')
    """,
    fix_safety="""
        No rewrite is offered yet: the effective conda specification and image are what the
        v1 SDK computes, and a rewrite is offered only where the v2 harness proves the job the
        same. The message names what to write out.
        Under `target = "v2"`, an import of these names that nothing reads any more (the v2
        rewrites of its uses left it behind) is deleted, safely.
    """,
    cases=Cases(
        invalid=(
            "from azureml.core import Environment\nenv = Environment('e')\n",
            "from azureml.core.conda_dependencies import CondaDependencies\n",
            "from azureml.core.runconfig import DockerConfiguration\n",
        ),
        valid=(
            "from azure.ai.ml.entities import Environment\nenv = Environment(image='python:3.11')\n",
            "from azureml.core import ScriptRunConfig\n",
        ),
    ),
)


@RULE.on_imports
def check(fact: ImportFact, context: Context) -> Iterator[Finding]:
    if not v2_family.reports(context):
        return
    name = v2_family.imported(fact, NAMES)
    if name is not None:
        yield RULE.finding(fact.span, Message(what=f"{name} (from {fact.module})", replacement=_REPLACEMENTS[name]),
                           **v2_family.import_fix_or_manual(fact, context))
