"""The rule catalog: the one place rule ids, messages and docs are written.

flake8 messages, pylint ``msgs``, ``azureml-migrate rules``/``explain``, report metadata and
the README rule table are all generated from ``RULES``; tests prove they agree. Codes are
never reused or renumbered: a retired rule keeps its entry with ``retired=True``.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from types import MappingProxyType
from typing import Dict, Mapping, Tuple

#: pylint checker id shared by every message (external range 51-99, unused by well-known plugins)
PYLINT_CHECKER_ID = "73"
FLAKE8_PREFIX = "AML"
#: Not a rule: reported when the plugin itself fails on a file, so the run goes on.
INTERNAL_ERROR_CODE = "AML000"


@dataclass(frozen=True)
class Rule:
    code: str
    number: str
    symbol: str
    name: str
    summary: str
    message: str
    what: str
    why: str
    example: str
    instead: str
    default_enabled: bool = True
    concerns: str = "1.19.0"
    pylint_category: str = "W"
    retired: bool = False

    @property
    def msgid(self) -> str:
        return f"{self.pylint_category}{PYLINT_CHECKER_ID}{self.number}"

    def format(self, **arguments: str) -> str:
        return self.message.format(**arguments)

    def docs(self) -> str:
        """The rule's documentation page, Markdown, same sections for every rule."""
        state = "On by default." if self.default_enabled else "Off by default: select it to use it."
        return "\n".join([
            f"# {self.code} `{self.symbol}` ({self.msgid})",
            "",
            f"{self.summary}. {state}",
            "",
            "## What it does",
            "",
            self.what,
            "",
            "## Why",
            "",
            self.why,
            "",
            "## Example",
            "",
            "```python",
            self.example,
            "```",
            "",
            "## Use instead",
            "",
            "```python",
            self.instead,
            "```",
            "",
        ])


DOC_SECTIONS = ("## What it does", "## Why", "## Example", "## Use instead")


def _rule(**fields) -> Rule:
    for key in ("what", "why", "example", "instead"):
        fields[key] = textwrap.dedent(fields[key]).strip()
    return Rule(**fields)


RULES: Tuple[Rule, ...] = (
    _rule(
        code="AML101", number="01", symbol="azureml-estimator", name="deprecated-estimator",
        summary="Constructing a deprecated Estimator (Estimator, PyTorch, TensorFlow, Chainer, SKLearn)",
        message="'{cls}' is deprecated since azureml SDK 1.19.0: use {replacement}",
        what="""
            Flags every construction of `Estimator`, `PyTorch`, `TensorFlow`, `Chainer` and
            `SKLearn`, however the class was imported: public or private module path, alias,
            module attribute (`dnn.PyTorch`) or star import. The message is the
            `ScriptRunConfig(...)` call built from this call's own arguments.""",
        why="""
            The SDK deprecated every Estimator class in 1.19.0. Training runs are configured
            with `ScriptRunConfig`, and everything about the software environment moves into an
            `Environment` object. New SDK features (and the v2 migration tooling) only
            understand ScriptRunConfig.""",
        example="""
            from azureml.train.dnn import PyTorch

            est = PyTorch(source_directory='src', entry_script='train.py',
                          script_params={'--epochs': 10}, compute_target=cluster,
                          framework_version='1.6', use_gpu=True)""",
        instead="""
            from azureml.core import Environment, ScriptRunConfig

            env = Environment.get(ws, 'AzureML-PyTorch-1.6-GPU')
            src = ScriptRunConfig(source_directory='src', script='train.py',
                                  arguments=['--epochs', 10], compute_target=cluster,
                                  environment=env)""",
    ),
    _rule(
        code="AML102", number="02", symbol="azureml-deprecated-import", name="deprecated-import",
        summary="Importing a deprecated training name (estimators, Mpi/Gloo/Nccl/ParameterServer, "
                "HyperDriveRunConfig, EstimatorStep, MpiStep, estimator bases)",
        message="'{name}' from {module} is deprecated: {replacement}",
        what="""
            Flags each deprecated name imported from the SDK, one finding per name, and star
            imports from modules that export deprecated names. Imports inside
            `try: ... except ImportError:` fallback blocks are compatibility code and are not
            flagged.""",
        why="""
            Removing the import is the last step of a migration: once nothing imports the old
            names, no code path can construct them. The finding names the import to use
            instead.""",
        example="""
            from azureml.train.estimator import Estimator, Mpi""",
        instead="""
            from azureml.core import Environment, ScriptRunConfig
            from azureml.core.runconfig import MpiConfiguration""",
    ),
    _rule(
        code="AML103", number="03", symbol="azureml-estimator-step", name="deprecated-pipeline-step",
        summary="EstimatorStep(...) or MpiStep(...) in a pipeline",
        message="{cls} is deprecated: use {replacement}",
        what="""
            Flags `EstimatorStep(...)` and `MpiStep(...)` calls.""",
        why="""
            Both steps wrap an Estimator and are deprecated by the SDK, which points to
            `CommandStep`. A `PythonScriptStep` given `runconfig=src.run_config` is the other
            documented replacement.""",
        example="""
            step = EstimatorStep(name='train', estimator=est, compute_target=cluster,
                                 estimator_entry_script_arguments=['--epochs', 10])""",
        instead="""
            src = ScriptRunConfig(source_directory='src', script='train.py',
                                  arguments=['--epochs', 10], environment=env)
            step = CommandStep(name='train', runconfig=src, compute_target=cluster)""",
    ),
    _rule(
        code="AML104", number="04", symbol="azureml-hyperdrive-estimator", name="hyperdrive-estimator",
        summary="HyperDriveConfig(estimator=...) or HyperDriveRunConfig(...)",
        message="{what} is deprecated: use {replacement}",
        what="""
            Flags the `estimator=` keyword of `HyperDriveConfig(...)` (reported at the keyword)
            and every `HyperDriveRunConfig(...)` call.""",
        why="""
            HyperDrive sweeps a ScriptRunConfig through `run_config=`. Beware one behaviour
            change: with `estimator=` HyperDrive removed script arguments that also appear in
            the parameter space; with `run_config=` they are no longer stripped, so remove them
            from `arguments` yourself.""",
        example="""
            hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling,
                                  primary_metric_name='accuracy',
                                  primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                                  max_total_runs=8)""",
        instead="""
            hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=sampling,
                                  primary_metric_name='accuracy',
                                  primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                                  max_total_runs=8)""",
    ),
    _rule(
        code="AML105", number="05", symbol="azureml-distributed-helper", name="distributed-helper",
        summary="Mpi(), Gloo(), Nccl() or ParameterServer() from azureml.train",
        message="{cls}() is deprecated: use {replacement}",
        what="""
            Flags construction of the deprecated distributed-training helpers `Mpi`, `Gloo`,
            `Nccl` and `ParameterServer`.""",
        why="""
            They only work with estimators. ScriptRunConfig takes `MpiConfiguration`,
            `PyTorchConfiguration(communication_backend=...)` or `TensorflowConfiguration` as
            `distributed_job_config=`, with the node count inside the configuration.""",
        example="""
            est = PyTorch('src', entry_script='train.py', node_count=2,
                          distributed_training=Nccl())""",
        instead="""
            src = ScriptRunConfig('src', script='train.py', environment=env,
                                  distributed_job_config=PyTorchConfiguration(
                                      communication_backend='Nccl', node_count=2))""",
    ),
    _rule(
        code="AML201", number="06", symbol="azureml-handmade-runconfig", name="handmade-runconfig",
        summary="Constructing RunConfiguration(...) yourself to configure a training run",
        message="RunConfiguration built by hand: {replacement}",
        concerns="1.15.0",
        what="""
            Flags `RunConfiguration(...)` built by hand, stand-alone or passed to
            `ScriptRunConfig(run_config=...)`. `RunConfiguration.load(...)`, reading or
            tweaking `src.run_config.<attr>` are not flagged. A RunConfiguration used only by
            pipeline steps is AML202 instead.""",
        why="""
            The SDK asks users not to build RunConfiguration objects: ScriptRunConfig builds
            one from `environment=`, `compute_target=`, `distributed_job_config=` and
            `docker_runtime_config=`. When `run_config=` is given, ScriptRunConfig silently
            ignores those parameters.""",
        example="""
            rc = RunConfiguration()
            rc.environment = env
            rc.target = cluster
            src = ScriptRunConfig('src', script='train.py', run_config=rc)""",
        instead="""
            src = ScriptRunConfig('src', script='train.py', compute_target=cluster,
                                  environment=env)""",
    ),
    _rule(
        code="AML202", number="07", symbol="azureml-pipeline-runconfig", name="pipeline-runconfig",
        summary="RunConfiguration(...) that only feeds pipeline steps (off by default)",
        message="RunConfiguration built by hand for a pipeline step: {replacement}",
        default_enabled=False,
        concerns="1.15.0",
        what="""
            Flags a hand-built `RunConfiguration(...)` whose value only flows into pipeline
            consumers: `PythonScriptStep`/`CommandStep`/`ModuleStep`/`DatabricksStep`
            `runconfig=`, `Module.publish_python_script(runconfig=)` or
            `AutoMLConfig(run_configuration=)`. Off by default, because this is still a
            documented v1 pipeline pattern.""",
        why="""
            A ScriptRunConfig describes the same job with less room for mistakes, and its
            `run_config` property gives steps the RunConfiguration they need.""",
        example="""
            rc = RunConfiguration()
            rc.environment = env
            step = PythonScriptStep(script_name='prep.py', source_directory='src',
                                    runconfig=rc, compute_target=cluster)""",
        instead="""
            src = ScriptRunConfig('src', script='prep.py', environment=env)
            step = PythonScriptStep(script_name='prep.py', source_directory='src',
                                    runconfig=src.run_config, compute_target=cluster)""",
    ),
    _rule(
        code="AML203", number="08", symbol="azureml-data-reference", name="legacy-data-reference",
        summary="Legacy data references (DataReference, datastore .as_mount()/.as_download(), "
                ".data_references)",
        message="legacy data reference {what}: {replacement}",
        concerns="1.0.69",
        what="""
            Flags `DataReference(...)`, `<datastore>.path(...).as_mount()` /
            `.as_download()`, `<datastore>.as_mount()` / `.as_download()` on an object known to
            be a datastore, and assignments to `.data_references`. `Dataset ... .as_mount()`
            is the replacement and is not flagged.""",
        why="""
            The SDK deprecated datastore mounting after 1.0.69 in favour of datasets, and
            ScriptRunConfig does not process DataReference objects in `arguments`: they have to
            be stringified and registered in `src.run_config.data_references` by hand.""",
        example="""
            ds = ws.get_default_datastore()
            src = ScriptRunConfig('src', script='train.py',
                                  arguments=['--data', ds.path('mnist').as_mount()])""",
        instead="""
            mnist = Dataset.File.from_files(path=(ds, 'mnist'))
            src = ScriptRunConfig('src', script='train.py',
                                  arguments=['--data', mnist.as_mount()])""",
    ),
    _rule(
        code="AML301", number="09", symbol="azureml-estimator-environment-param",
        name="estimator-environment-parameter",
        summary="An environment parameter on an estimator call (pip_packages, custom_docker_image, "
                "use_gpu, shm_size, framework_version, ...)",
        message="'{param}' on {cls} belongs to the environment: {replacement}",
        what="""
            Flags, on an estimator call, each of `pip_packages`, `conda_packages`,
            `conda_dependencies_file(_path)`, `pip_requirements_file(_path)`,
            `custom_docker_image`, `custom_docker_base_image`, `image_registry_details`,
            `use_gpu`, `use_docker`, `user_managed`, `shm_size`, `environment_variables`,
            `environment_definition` and `framework_version`, at the keyword. The message is the
            exact Environment, DockerConfiguration or `src.run_config` equivalent.""",
        why="""
            ScriptRunConfig has no environment parameters: an `Environment` object carries the
            packages and image, `DockerConfiguration` the docker runtime, and
            `src.run_config.environment_variables` the run's variables. The SDK's own setters
            `env.docker.enabled`, `env.docker.shm_size` and `env.environment_variables` are
            deprecated too and are never suggested.""",
        example="""
            est = Estimator('src', entry_script='train.py', pip_packages=['pandas'],
                            shm_size='8g', environment_variables={'MODE': 'fast'})""",
        instead="""
            env = Environment('train-env')
            cd = CondaDependencies()
            cd.add_pip_package('pandas')
            env.python.conda_dependencies = cd
            src = ScriptRunConfig('src', script='train.py', environment=env,
                                  docker_runtime_config=DockerConfiguration(use_docker=True,
                                                                            shm_size='8g'))
            src.run_config.environment_variables = {'MODE': 'fast'}""",
    ),
    _rule(
        code="AML302", number="10", symbol="azureml-script-params", name="script-params",
        summary="script_params= on an estimator call",
        message="'script_params' on {cls}: use {replacement}",
        what="""
            Flags `script_params=` on an estimator call. When the dict is a literal the message
            is the exact `arguments=[...]` list.""",
        why="""
            ScriptRunConfig takes a flat `arguments` list. The estimator flattened the dict in
            insertion order, expanded list values in place and dropped keys or values that were
            `None` or `''`; the suggested list does the same.""",
        example="""
            est = Estimator('src', entry_script='train.py',
                            script_params={'--lr': 0.01, '--verbose': ''})""",
        instead="""
            src = ScriptRunConfig('src', script='train.py', arguments=['--lr', 0.01, '--verbose'])""",
    ),
    _rule(
        code="AML303", number="11", symbol="azureml-estimator-distributed-param",
        name="estimator-distributed-parameter",
        summary="Distributed-training parameters on an estimator (node_count, distributed_training, ...)",
        message="'{param}' on {cls} configures distribution: use {replacement}",
        what="""
            Flags `node_count`, `process_count_per_node`, `distributed_backend`,
            `distributed_training`, `worker_count` and `parameter_server_count` on an estimator
            call, with the `distributed_job_config=` computed from all of them.""",
        why="""
            ScriptRunConfig reads distribution from one `MpiConfiguration`,
            `PyTorchConfiguration` or `TensorflowConfiguration`, and the node count moves into
            that object. Some estimator combinations were silently ignored by the SDK (a
            `PyTorchConfiguration` passed as `distributed_training`); the message says so.""",
        example="""
            est = PyTorch('src', entry_script='train.py', node_count=2,
                          distributed_backend='nccl')""",
        instead="""
            src = ScriptRunConfig('src', script='train.py', environment=env,
                                  distributed_job_config=PyTorchConfiguration(
                                      communication_backend='Nccl', node_count=2))""",
    ),
    _rule(
        code="AML304", number="12", symbol="azureml-estimator-data-param",
        name="estimator-data-parameter",
        summary="Data parameters on an estimator (inputs, source_directory_data_store)",
        message="'{param}' on {cls} attaches data: {replacement}",
        what="""
            Flags `inputs=` and `source_directory_data_store=` on an estimator call.""",
        why="""
            ScriptRunConfig has neither parameter. Datasets go into `arguments` (as
            `ds.as_mount()`), or into `src.run_config.data`; a source-directory datastore is
            set on `src.run_config`.""",
        example="""
            est = Estimator('src', entry_script='train.py', inputs=[mnist.as_named_input('mnist')])""",
        instead="""
            src = ScriptRunConfig('src', script='train.py', environment=env,
                                  arguments=['--data', mnist.as_named_input('mnist').as_mount()])""",
    ),
    _rule(
        code="AML305", number="13", symbol="azureml-run-based-compute",
        name="run-based-compute-parameter",
        summary="Run-based compute parameters on an estimator (vm_size, vm_priority)",
        message="'{param}' on {cls} asks for run-based compute, which ScriptRunConfig cannot: {replacement}",
        what="""
            Flags `vm_size=` and `vm_priority=` on an estimator call.""",
        why="""
            They created a cluster per run, a feature the SDK itself deprecated. ScriptRunConfig
            has no equivalent: create a persistent `AmlCompute` cluster once and pass it as
            `compute_target`.""",
        example="""
            est = Estimator('src', entry_script='train.py', vm_size='STANDARD_NC6')""",
        instead="""
            config = AmlCompute.provisioning_configuration(vm_size='STANDARD_NC6')
            cluster = ComputeTarget.create(ws, 'gpu-cluster', config)
            src = ScriptRunConfig('src', script='train.py', compute_target=cluster,
                                  environment=env)""",
    ),
    _rule(
        code="AML401", number="14", symbol="azureml-sdk-too-old", name="sdk-pinned-too-old",
        summary="An azureml SDK package pinned so that no version >= the minimum (1.15.0) is allowed",
        message="'{requirement}' keeps the azureml SDK below {minimum}: {replacement}",
        concerns="1.15.0",
        what="""
            Flags a requirement on a package of the azureml SDK release train (azureml-core,
            azureml-train-core, azureml-defaults, azureml-pipeline*, ...) whose specifier allows
            no version at or above the minimum (`==1.0.85`, `<1.15`, `~=1.12.0`). Versions
            compare as versions: `1.1.5.3` is older than `1.15.0`. In code it checks
            `pip_packages=[...]`, `conda_packages=[...]`, `add_pip_package(...)` and
            `add_conda_package(...)` strings; the audit also reads requirement and environment
            files. The minimum is configurable.""",
        why="""
            ScriptRunConfig gained `environment`, `compute_target`, `distributed_job_config`
            and `docker_runtime_config` in 1.15.0: migrated code cannot run on an older SDK.""",
        example="""
            env.python.conda_dependencies.add_pip_package('azureml-core==1.0.85')""",
        instead="""
            env.python.conda_dependencies.add_pip_package('azureml-core>=1.15.0')""",
    ),
    _rule(
        code="AML402", number="15", symbol="azureml-sdk-lower-bound", name="sdk-lower-bound-too-low",
        summary="An azureml SDK constraint whose lower bound admits versions below the minimum "
                "(off by default)",
        message="'{requirement}' allows azureml SDK versions below {minimum}: {replacement}",
        default_enabled=False,
        concerns="1.15.0",
        what="""
            Flags a requirement on an SDK release-train package that allows versions at or
            above the minimum but also older ones (`>=1.0`). Off by default: the resolver will
            usually pick a new version anyway.""",
        why="""
            An old lock file, a constraints file or a cached environment can still resolve such a
            range to an SDK without ScriptRunConfig's parameters.""",
        example="""
            cd = CondaDependencies.create(pip_packages=['azureml-core>=1.0'])""",
        instead="""
            cd = CondaDependencies.create(pip_packages=['azureml-core>=1.15.0'])""",
    ),
)

RULES_BY_CODE: Mapping[str, Rule] = MappingProxyType({rule.code: rule for rule in RULES})
RULES_BY_SYMBOL: Mapping[str, Rule] = MappingProxyType({rule.symbol: rule for rule in RULES})
DEFAULT_DISABLED: Tuple[str, ...] = tuple(rule.code for rule in RULES if not rule.default_enabled)


def rule_for(key: str) -> Rule:
    """Look a rule up by code, symbol or pylint msgid (case-insensitive)."""
    wanted = key.strip()
    for rule in RULES:
        if wanted.upper() in (rule.code, rule.msgid) or wanted.lower() == rule.symbol:
            return rule
    raise KeyError(key)


def rules_table_markdown() -> str:
    """The README rule table."""
    lines = [
        "| code | pylint | symbol | default | what it flags |",
        "|---|---|---|---|---|",
    ]
    for rule in RULES:
        default = "on" if rule.default_enabled else "off"
        lines.append(f"| {rule.code} | {rule.msgid} | `{rule.symbol}` | {default} | {rule.summary} |")
    return "\n".join(lines)


def all_docs_markdown() -> str:
    """docs/rules.md: every rule's page, in catalog order."""
    header = ("<!-- generated from azureml_migrate/catalog.py: "
              "python -m azureml_migrate.catalog > docs/rules.md -->\n\n# Rules\n\n"
              + rules_table_markdown() + "\n\n")
    pages = []
    for rule in RULES:
        lines = rule.docs().splitlines()
        pages.append("\n".join(
            "#" + line if line.startswith("#") and not _in_code(lines, i) else line
            for i, line in enumerate(lines)))
    return header + "\n\n".join(pages) + "\n"


def _in_code(lines, index: int) -> bool:
    return sum(1 for line in lines[:index] if line.startswith("```")) % 2 == 1


def as_dicts() -> Tuple[Dict[str, object], ...]:
    return tuple(
        {
            "code": rule.code,
            "msgid": rule.msgid,
            "symbol": rule.symbol,
            "name": rule.name,
            "default_enabled": rule.default_enabled,
            "summary": rule.summary,
            "concerns_sdk_version": rule.concerns,
        }
        for rule in RULES
    )


if __name__ == "__main__":
    print(all_docs_markdown(), end="")
