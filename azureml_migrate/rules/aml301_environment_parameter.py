"""AML301 `azureml-estimator-environment-param`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator

from .. import hints, sdk
from ..facts import CallFact
from ..rewrite.shared import PARAMETER_FIX_SAFETY, fix_for_estimator, parameter_replacement
from ..records import record
from .base import Cases, Context, Finding, FixAvailability, Rule


@record
class Message:
    param: str
    cls: str
    replacement: str


RULE = Rule(
    code="AML301", number="09", symbol="azureml-estimator-environment-param", name="estimator-environment-parameter",
    summary=(
        'An environment parameter on an estimator call (pip_packages, '
        'custom_docker_image, use_gpu, shm_size, framework_version, ...)'
    ),
    message="'{param}' on {cls} belongs to the environment: {replacement}",
    fields=Message,
    concerns="1.19.0",
    what="""
        Flags, on an estimator call, each of `pip_packages`, `conda_packages`,
        `conda_dependencies_file(_path)`, `pip_requirements_file(_path)`,
        `custom_docker_image`, `custom_docker_base_image`, `image_registry_details`,
        `use_gpu`, `use_docker`, `user_managed`, `shm_size`, `environment_variables`,
        `environment_definition` and `framework_version`, at the keyword. The message is the
        exact Environment, DockerConfiguration or `src.run_config` equivalent.
    """,
    why="""
        ScriptRunConfig has no environment parameters: an `Environment` object carries the
        packages and image, `DockerConfiguration` the docker runtime, and
        `src.run_config.environment_variables` the run's variables. The SDK's own setters
        `env.docker.enabled`, `env.docker.shm_size` and `env.environment_variables` are
        deprecated too and are never suggested.
    """,
    example="""
        est = Estimator('src', entry_script='train.py', pip_packages=['pandas'],
                        shm_size='8g', environment_variables={'MODE': 'fast'})
    """,
    instead="""
        env = Environment('train-env')
        cd = CondaDependencies()
        cd.add_pip_package('pandas')
        env.python.conda_dependencies = cd
        src = ScriptRunConfig('src', script='train.py', environment=env,
                              docker_runtime_config=DockerConfiguration(use_docker=True,
                                                                        shm_size='8g'))
        src.run_config.environment_variables = {'MODE': 'fast'}
    """,
    fix_safety=PARAMETER_FIX_SAFETY,
    fix=FixAvailability.SOMETIMES,
    cases=Cases(
        invalid=(
            "from azureml.train.estimator import Estimator\nest = Estimator('src', pip_packages=['pandas'])\n",
            "from azureml.train.dnn import PyTorch\nest = PyTorch('src', shm_size='8g')\n",
        ),
        valid=(
            "from azureml.train.estimator import Estimator\nest = Estimator('src', entry_script='train.py')\n",
        ),
    ),
)


@RULE.on_calls(*sdk.ESTIMATORS)
def check(call: CallFact, context: Context) -> Iterator[Finding]:
    for keyword in call.keywords:
        if keyword.name in sdk.ENVIRONMENT_PARAMETERS and hints.changes_the_job(keyword):
            fix = fix_for_estimator(call, context.facts, context.options.target,
                                    context.options.line_length)
            replacement = parameter_replacement(fix, keyword.name,
                                                "set it on the ScriptRunConfig's Environment")
            yield RULE.finding(keyword.span, Message(param=keyword.name, cls=call.canonical, replacement=replacement),
                               confidence=call.confidence, fix=fix)
