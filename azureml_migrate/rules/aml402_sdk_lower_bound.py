"""AML402 `azureml-sdk-lower-bound`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator

from .. import sdk
from ..facts import RequirementString
from ..records import record
from .base import Cases, Context, Finding, FixAvailability, Rule


@record
class Message:
    requirement: str
    minimum: str
    replacement: str


RULE = Rule(
    code="AML402", number="15", symbol="azureml-sdk-lower-bound", name="sdk-lower-bound-too-low",
    summary='An azureml SDK constraint whose lower bound admits versions below the minimum (off by default)',
    message="'{requirement}' allows azureml SDK versions below {minimum}: {replacement}",
    fields=Message,
    default_enabled=False,
    concerns=sdk.DEFAULT_MIN_SDK_VERSION,
    fix=FixAvailability.SOMETIMES,
    what="""
        Flags a requirement on an SDK release-train package that allows versions at or
        above the minimum but also older ones (`>=1.0`). Off by default: the resolver will
        usually pick a new version anyway.
    """,
    why="""
        An old lock file, a constraints file or a cached environment can still resolve such a
        range to an SDK without ScriptRunConfig's parameters.
    """,
    example="""
        cd = CondaDependencies.create(pip_packages=['azureml-core>=1.0'])
    """,
    instead="""
        cd = CondaDependencies.create(pip_packages=['azureml-core>=1.15.0'])
    """,
    fix_safety="""
        The fix raises the lower bound to the minimum in the requirement's own text, keeping
        the package name as spelled, extras, markers, quoting and the upper bounds and
        exclusions that still allow the minimum (`>=1.0,<2` becomes `>=1.15.0,<2`; `~=1.1`
        becomes `~=1.15`); an exact pin is never flagged here (it allows no older version;
        `azureml-sdk-too-old` raises one below the minimum, keeping it exact). It is unsafe:
        an old lock or cache no longer satisfies the raised range, so what installs can
        change; test the job with the raised SDK. It is manual, saying why, when the text
        cannot be rewritten faithfully (a conda build string, a
        Poetry table, pip's hash-checking mode, escapes, several lines).
    """,
    cases=Cases(
        invalid=(
            (
                'from azureml.core.conda_dependencies import CondaDependencies\n'
                "cd = CondaDependencies.create(pip_packages=['azureml-core>=1.0'])\n"
            ),
        ),
        valid=(
            (
                'from azureml.core.conda_dependencies import CondaDependencies\n'
                "cd = CondaDependencies.create(pip_packages=['azureml-core>=1.15.0'])\n"
            ),
        ),
    ),
)


@RULE.on_requirements
def check(requirement: RequirementString, context: Context) -> Iterator[Finding]:
    from ..requirements import Reach, verdict_on

    minimum = context.options.minimum_sdk_version()
    verdict = verdict_on(requirement.text, requirement.kind, minimum, Reach.ALSO_BELOW)
    if verdict is not None:
        from ..requirement_fixes import flagged  # the raise and its fix: only for a flagged requirement

        found = flagged(requirement, minimum, verdict)
        replacement = f"raise the lower bound: '{found.raised}'"
        yield RULE.finding(requirement.span, Message(requirement=found.requirement, minimum=str(minimum),
                                                     replacement=replacement), fix=found.fix)
