"""AML401 `azureml-sdk-too-old`: its catalog entry, its check and its cases."""

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
    code="AML401", number="14", symbol="azureml-sdk-too-old", name="sdk-pinned-too-old",
    summary='An azureml SDK package pinned so that no version >= the minimum (1.15.0) is allowed',
    message="'{requirement}' keeps the azureml SDK below {minimum}: {replacement}",
    fields=Message,
    concerns=sdk.DEFAULT_MIN_SDK_VERSION,
    fix=FixAvailability.SOMETIMES,
    what="""
        Flags a requirement on a package of the azureml SDK release train (azureml-core,
        azureml-train-core, azureml-defaults, azureml-pipeline*, ...) whose specifier allows
        no version at or above the minimum (`==1.0.85`, `<1.15`, `~=1.12.0`). Versions
        compare as versions: `1.1.5.3` is older than `1.15.0`. In code it checks
        `pip_packages=[...]`, `conda_packages=[...]`, `add_pip_package(...)` and
        `add_conda_package(...)` strings; the audit also reads requirement and environment
        files. The minimum is configurable.
    """,
    why="""
        ScriptRunConfig gained `environment`, `compute_target`, `distributed_job_config`
        and `docker_runtime_config` in 1.15.0: migrated code cannot run on an older SDK.
    """,
    example="""
        env.python.conda_dependencies.add_pip_package('azureml-core==1.0.85')
    """,
    instead="""
        env.python.conda_dependencies.add_pip_package('azureml-core==1.15.0')
    """,
    fix_safety="""
        The fix replaces exactly the requirement's text and changes only its version
        specifier: the package name as spelled, extras, environment markers, a conda channel
        and the file's quoting (a Python string's quotes, a shell word's quotes, added when the
        new `>=` would be a shell redirection, also in the script of a Dockerfile's
        `RUN ["/bin/bash", "-c", "..."]`, JSON-escaped there) stay. Lower bounds below the
        minimum go, as do prefixes and upper bounds that allow no version at or above it;
        upper bounds and exclusions that still allow it stay; `>=<minimum>` comes first.

        An exact pin stays exact, with its own operator (`==1.0.76` becomes `==1.15.0`, conda
        `=1.0.76` becomes `=1.15.0`): it is raised to the first release of the train at or
        above the minimum (a version azureml-sdk or azureml-core published; the train's
        packages release in step), or to a later release another train package in the same
        list (one `pip_packages=[...]`, one manifest file or notebook cell) is pinned to, so
        the pins of one list keep matching; every old train pin of the list is raised to
        that same release. The fix's reason names the azureml pins beside it that it leaves
        as they are: packages on their own train (`azureml-dataprep==1.1.20`) and train pins
        that exclude that release. With no known release at or above a configured minimum,
        the pin becomes `>=<minimum>`.

        It is unsafe: it changes what installs, so test the job with the raised SDK. It is
        manual, saying why, when the text cannot be raised faithfully: a URL requirement, a
        conda build string, bracket spec or alternatives, a Poetry or Pipfile table or list,
        a requirements file in pip's hash-checking mode (`--hash`: the new version needs its
        own hashes), or a requirement written with escapes or over several lines.
    """,
    cases=Cases(
        invalid=(
            (
                'from azureml.core.conda_dependencies import CondaDependencies\n'
                "cd = CondaDependencies.create(pip_packages=['azureml-core==1.0.85'])\n"
            ),
            "env.python.conda_dependencies.add_pip_package('azureml-defaults<1.15')  # azureml\n",
        ),
        valid=(
            (
                'from azureml.core.conda_dependencies import CondaDependencies\n'
                "cd = CondaDependencies.create(pip_packages=['azureml-core>=1.15.0', 'azureml-dataprep==1.1.0'])\n"
            ),
        ),
    ),
)


@RULE.on_requirements
def check(requirement: RequirementString, context: Context) -> Iterator[Finding]:
    from ..requirements import Reach, verdict_on

    minimum = context.options.minimum_sdk_version()
    verdict = verdict_on(requirement.text, requirement.kind, minimum, Reach.NEVER)
    if verdict is not None:
        from ..requirement_fixes import flagged  # the raise and its fix: only for a flagged requirement

        found = flagged(requirement, minimum, verdict)
        yield RULE.finding(requirement.span, Message(requirement=found.requirement, minimum=str(minimum),
                                                     replacement=f"require '{found.raised}'"), fix=found.fix)
