"""AML509 `azureml-v2-sdk-requirement`: its catalog entry, its check and its cases."""

from __future__ import annotations

import re
from typing import Iterator

from ..facts import RequirementString
from . import v2_family
from ..records import record
from .base import Cases, Context, Finding, FixAvailability, Rule


@record
class Message:
    what: str
    replacement: str


#: The v1 SDK's entry packages: a v2 project requires azure-ai-ml and azure-identity instead.
PACKAGES = frozenset({"azureml-core", "azureml-sdk"})
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

RULE = Rule(
    code="AML509", number="24", symbol="azureml-v2-sdk-requirement", name="v2-sdk-requirement",
    summary="A requirement on azureml-core or azureml-sdk, when migrating to SDK v2",
    message=v2_family.MESSAGE,
    fields=Message,
    concerns=v2_family.CONCERNS,
    default_enabled=False,
    target=v2_family.TARGET,
    fix=FixAvailability.NEVER,
    what="""
        Flags a requirement on `azureml-core` or `azureml-sdk` (any specifier, extras or
        markers) in code (`pip_packages=[...]`, `add_pip_package(...)` ...) and, in the audit,
        in requirement and environment files. Part of the v2 family: on with
        `target = "v2"` or when selected.
    """,
    why="""
        A project migrated to SDK v2 submits with `azure-ai-ml` and authenticates with
        `azure-identity`; keeping `azureml-core` installs the unsupported SDK and its pinned
        azure-* ranges, which conflict with azure-ai-ml's.
    """,
    example="""
        cd = CondaDependencies.create(pip_packages=['azureml-core==1.48.0', 'numpy'])
    """,
    instead="""
        requirements = ['azure-ai-ml', 'azure-identity', 'numpy']
    """,
    fix_safety="""
        No rewrite is offered: the v1 package may still be needed by code not yet migrated
        (the training script's `Run.get_context()`), so the requirement is removed by hand
        once nothing imports azureml.
    """,
    cases=Cases(
        invalid=(
            "cd.add_pip_package('azureml-core==1.48.0')\n",
            "cd = CondaDependencies.create(pip_packages=['azureml-sdk[notebooks]>=1.50'])\n",
        ),
        valid=(
            "cd.add_pip_package('azureml-mlflow')\n",
            "cd.add_pip_package('azure-ai-ml')\n",
        ),
    ),
)


@RULE.on_requirements
def check(requirement: RequirementString, context: Context) -> Iterator[Finding]:
    if not v2_family.reports(context):
        return
    found = _NAME.match(requirement.text.strip())
    if found is None or re.sub(r"[._]", "-", found.group(0).lower()) not in PACKAGES:
        return
    yield RULE.finding(requirement.span, Message(
        what=f"the requirement '{requirement.shown or requirement.text}'",
        replacement="require azure-ai-ml and azure-identity instead, once no code imports azureml"),
        manual="code not yet migrated, here or in the training script, may still need the v1 package")
