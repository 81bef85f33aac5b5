"""Replacement code computed from a call's own arguments.

Every API named here is current per the SDK facts: ScriptRunConfig, Environment,
CondaDependencies.add_*_package, DockerConfiguration, MpiConfiguration, PyTorchConfiguration,
TensorflowConfiguration, CommandStep, HyperDriveConfig(run_config=), Dataset.File. The SDK's
own deprecated setters (``env.docker.enabled``, ``env.docker.shm_size``,
``env.environment_variables``) are never suggested.
"""

from __future__ import annotations

import enum
import posixpath
from typing import List, Optional, Tuple

from . import sdk
from .facts import CallFact, Keyword, Value, ValueKind

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


def _is_blank(value: Value) -> bool:
    return value.is_literal and (value.literal is None or value.literal == "")


def arguments_from_script_params(params: Value) -> Optional[str]:
    """The ``[...]`` list the estimator built from a dict display, or None if not a display.

    The estimator flattened key, value in insertion order, expanded list values in place and
    dropped keys and values that were None or ''; DataReferences became ``str(dr)``.
    """
    if params.items is None:
        return None
    parts: List[str] = []
    for key, value in params.items:
        if not _is_blank(key):
            parts.append(code(key))
        if _is_blank(value):
            continue
        if value.is_literal and isinstance(value.literal, (list, tuple)):
            parts.extend(repr(element) for element in value.literal)
        elif value.elements is not None:
            parts.extend(_argument(element) for element in value.elements)
        else:
            parts.append(_argument(value))
    return "[" + ", ".join(parts) + "]"


def _argument(value: Value) -> str:
    return f"str({code(value)})" if value.kind is ValueKind.DATA_REFERENCE else code(value)


def _literal_bool(value: Optional[Value], default: bool) -> Optional[bool]:
    if value is None:
        return default
    if value.is_literal and isinstance(value.literal, bool):
        return value.literal
    return None


def environment_name(call: CallFact) -> str:
    script = call.argument("entry_script")
    if script is not None and script.is_literal and isinstance(script.literal, str) and script.literal:
        stem = posixpath.splitext(posixpath.basename(script.literal))[0]
        return f"{stem}-env"
    return "train-env"


def curated_environment(call: CallFact) -> Tuple[Optional[str], Optional[str]]:
    """(curated environment name, problem) for a framework estimator call."""
    framework = call.canonical
    if framework not in sdk.FRAMEWORK_ESTIMATORS:
        return None, None
    version_value = call.argument("framework_version")
    version: Optional[str] = None
    if version_value is not None:
        if not version_value.is_literal:
            return None, f"pick the curated {framework} environment for framework_version={code(version_value)}"
        version = None if version_value.literal is None else str(version_value.literal)
    use_gpu = _literal_bool(call.argument("use_gpu"), False)
    if use_gpu is None:
        flag = code(call.argument("use_gpu"))
        return None, f"pick the CPU or GPU curated {framework} environment from use_gpu={flag}"
    name = sdk.curated_environment(framework, version, use_gpu)
    if name is None:
        supported = ", ".join(sdk.FRAMEWORK_VERSIONS[framework])
        return None, (f"{framework} {version} was never a supported framework_version ({supported}): "
                      f"build an explicit Environment")
    return name, None


_PACKAGE_PARAMETERS = ("pip_packages", "conda_packages", "conda_dependencies_file",
                       "conda_dependencies_file_path", "pip_requirements_file",
                       "pip_requirements_file_path")


def environment_expression(call: CallFact) -> str:
    """What to pass as ``environment=`` for an estimator call."""
    definition = call.argument("environment_definition")
    if definition is not None:
        return code(definition)
    curated, _ = curated_environment(call)
    has_packages = any(call.keyword(name) for name in _PACKAGE_PARAMETERS)
    if curated is not None and not has_packages:
        return f"Environment.get(ws, '{curated}')"
    return "env"


def _source_path(call: CallFact, file_value: Value) -> str:
    """A file the estimator resolved against source_directory, as the CWD-relative path."""
    source = call.argument("source_directory", 0)
    if (file_value.is_literal and isinstance(file_value.literal, str)
            and (source is None or (source.is_literal and isinstance(source.literal, (str, type(None)))))):
        base = source.literal if source is not None and source.literal else "."
        return repr(posixpath.normpath(posixpath.join(base, file_value.literal)))
    return f"os.path.join({code(source) if source is not None else repr('.')}, {code(file_value)})"


def docker_runtime_config(call: CallFact) -> Optional[str]:
    use_docker = call.argument("use_docker")
    shm_size = call.argument("shm_size")
    if use_docker is None and shm_size is None:
        return None
    parts = [f"use_docker={code(use_docker) if use_docker is not None else 'True'}"]
    if shm_size is not None:
        parts.append(f"shm_size={code(shm_size)}")
    return f"DockerConfiguration({', '.join(parts)})"


def distributed_job_config(call: CallFact) -> Tuple[Optional[str], Optional[str]]:
    """(``distributed_job_config`` expression, note) from the estimator's distributed parameters."""
    config, note = _distributed_job_config(call)
    ignored = _ignored_process_count(call)
    if ignored:
        note = f"{note}; {ignored}" if note else ignored
    return config, note


def _ignored_process_count(call: CallFact) -> Optional[str]:
    """The SDK used the estimator's process_count_per_node only with distributed_backend='mpi'
    and no distributed_training object; anywhere else it was dropped without a word."""
    per_node = call.argument("process_count_per_node")
    if per_node is None or (per_node.is_literal and per_node.literal == 1):
        return None
    backend = call.argument("distributed_backend")
    training = call.argument("distributed_training")
    if training is None and backend is not None and backend.is_literal and str(backend.literal).lower() == "mpi":
        return None
    helper = training.call.canonical if training is not None and training.call is not None else None
    own_count = training.call.argument("process_count_per_node", 0) if helper == "Mpi" else None
    if own_count is not None:
        ran = f"Mpi()'s process_count_per_node={code(own_count)}"
    elif training is None or helper in ("Mpi", "Gloo", "Nccl"):
        ran = "one process per node"
    else:
        ran = f"what {code(training)} sets"
    return (f"{call.canonical} ignored process_count_per_node={code(per_node)} here and ran {ran}: "
            "the rewrite keeps that")


def _distributed_job_config(call: CallFact) -> Tuple[Optional[str], Optional[str]]:
    node_count = call.argument("node_count")
    per_node = call.argument("process_count_per_node")
    backend = call.argument("distributed_backend")
    training = call.argument("distributed_training")
    nodes = f", node_count={code(node_count)}" if node_count is not None else ""
    if training is not None:
        helper = training.call.canonical if training.call is not None else None
        if helper == "Mpi":
            count = training.call.argument("process_count_per_node", 0)
            inner = f"process_count_per_node={code(count)}" if count is not None else ""
            return f"MpiConfiguration({inner}{nodes})".replace("(, ", "("), None
        if helper in ("Gloo", "Nccl"):
            return f"PyTorchConfiguration(communication_backend='{helper}'{nodes})", None
        if helper == "ParameterServer":
            return _tensorflow_config(training.call.argument("worker_count", 0),
                                      training.call.argument("parameter_server_count", 1))
        if helper == "PyTorchConfiguration":
            return (code(training), f"{call.canonical} silently ignored a PyTorchConfiguration: "
                    "as distributed_job_config it takes effect, so check it")
        return code(training), "node_count moves into the configuration object" if nodes else None
    if backend is not None:
        name = backend.literal.lower() if backend.is_literal and isinstance(backend.literal, str) else None
        if name == "mpi":
            inner = f"process_count_per_node={code(per_node)}" if per_node is not None else ""
            return f"MpiConfiguration({inner}{nodes})".replace("(, ", "("), None
        if name in ("nccl", "gloo"):
            return f"PyTorchConfiguration(communication_backend='{name.capitalize()}'{nodes})", None
        if name == "ps":
            return _tensorflow_config(call.argument("worker_count"), call.argument("parameter_server_count"))
        return None, (f"map distributed_backend={code(backend)} to MpiConfiguration, "
                      "PyTorchConfiguration or TensorflowConfiguration")
    if node_count is not None and not (node_count.is_literal and node_count.literal == 1):
        return f"MpiConfiguration(node_count={code(node_count)})", \
            "or PyTorchConfiguration/TensorflowConfiguration, whichever your script uses"
    return None, None


def _tensorflow_config(workers: Optional[Value], servers: Optional[Value]) -> Tuple[str, str]:
    parts = []
    if workers is not None:
        parts.append(f"worker_count={code(workers)}")
    if servers is not None:
        parts.append(f"parameter_server_count={code(servers)}")
    return (f"TensorflowConfiguration({', '.join(parts)})",
            "ScriptRunConfig sets node_count to worker_count; set src.run_config.node_count if they differed")


def script_run_config(call: CallFact, environment: Optional[str] = None,
                      arguments: Optional[Value] = None) -> str:
    """``ScriptRunConfig(...)`` equivalent to an estimator call, on one line.

    ``arguments`` are script arguments given elsewhere: EstimatorStep's
    ``estimator_entry_script_arguments``, which the SDK accepts only when the estimator has no
    script_params.
    """
    parts: List[str] = []
    source = call.argument("source_directory", 0)
    parts.append(f"source_directory={code(source)}" if source is not None else "source_directory='.'")
    script = call.argument("entry_script")
    if script is not None:
        parts.append(f"script={code(script)}")
    params = call.argument("script_params")
    if arguments is not None:
        parts.append(f"arguments={code(arguments)}")
    elif params is not None:
        parts.append(f"arguments={arguments_from_script_params(params) or _flattened(params)}")
    target = call.argument("compute_target")
    if target is not None:
        parts.append(f"compute_target={code(target)}")
    elif call.argument("vm_size") is not None:
        parts.append("compute_target=cluster")  # the AmlCompute cluster that replaces vm_size
    parts.append(f"environment={environment or environment_expression(call)}")
    distributed, _ = distributed_job_config(call)
    if distributed is not None:
        parts.append(f"distributed_job_config={distributed}")
    docker = docker_runtime_config(call)
    if docker is not None:
        parts.append(f"docker_runtime_config={docker}")
    for name in ("resume_from", "max_run_duration_seconds"):
        value = call.argument(name)
        if value is not None:
            parts.append(f"{name}={code(value)}")
    if call.has_star_kwargs:
        parts.append("...")
    return f"ScriptRunConfig({', '.join(parts)})"


def _flattened(params: Value) -> str:
    return f"<{code(params)} flattened to [key, value, ...]>"


def environment_setup(call: CallFact) -> List[str]:
    """Lines building ``env`` for an estimator call (empty when no ``env`` is needed)."""
    if environment_expression(call) != "env":
        return []
    name = repr(environment_name(call))
    lines: List[str] = []
    curated, problem = curated_environment(call)
    conda_file = call.argument("conda_dependencies_file") or call.argument("conda_dependencies_file_path")
    pip_file = call.argument("pip_requirements_file") or call.argument("pip_requirements_file_path")
    if conda_file is not None:
        lines.append(f"env = Environment.from_conda_specification({name}, {_source_path(call, conda_file)})")
    elif pip_file is not None:
        lines.append(f"env = Environment.from_pip_requirements({name}, {_source_path(call, pip_file)})")
        lines.append("env.python.conda_dependencies.add_pip_package('azureml-defaults')")
    elif curated is not None:
        lines.append(f"env = Environment.get(ws, '{curated}').clone({name})")
    else:
        if problem:
            lines.append(f"# {problem}")
        lines.append(f"env = Environment({name})")
        lines.append("env.python.conda_dependencies = CondaDependencies()"
                     "  # python + azureml-defaults, as the estimator had")
    for parameter in ("pip_packages", "conda_packages"):
        value = call.argument(parameter)
        if value is not None:
            lines.extend(_package_lines(parameter, value))
    lines.extend(_docker_lines(call))
    return lines


def _package_lines(parameter: str, value: Value) -> List[str]:
    """``add_pip_package``/``add_conda_package`` calls for a pip_packages/conda_packages value.

    Each package is added to the estimator's own CondaDependencies() base;
    CondaDependencies.create() would bring another Python and no azureml-defaults.
    """
    method = "add_pip_package" if parameter == "pip_packages" else "add_conda_package"
    if value.is_literal and isinstance(value.literal, (list, tuple)):
        return [f"env.python.conda_dependencies.{method}({item!r})" for item in value.literal]
    return [f"for package in {code(value)}: env.python.conda_dependencies.{method}(package)"]


def _docker_lines(call: CallFact) -> List[str]:
    lines = []
    image = call.argument("custom_docker_image")
    if image is None and call.canonical == "Estimator":
        image = call.argument("custom_docker_base_image")
    if image is not None:
        lines.append(f"env.docker.base_image = {code(image)}")
    registry = call.argument("image_registry_details")
    if registry is not None:
        lines.append(f"env.docker.base_image_registry = {code(registry)}")
    if call.canonical == "Estimator" and _literal_bool(call.argument("use_gpu"), False) and image is None:
        lines.append("env.docker.base_image = DEFAULT_GPU_IMAGE  # from azureml.core.runconfig")
    user_managed = call.argument("user_managed")
    if user_managed is not None:
        lines.append(f"env.python.user_managed_dependencies = {code(user_managed)}")
    return lines


def estimator_snippet(call: CallFact) -> str:
    """The multi-line ScriptRunConfig + Environment rewrite of an estimator call."""
    lines = ["from azureml.core import Environment, ScriptRunConfig"]
    setup = environment_setup(call)
    lines.extend(setup)
    lines.append(f"src = {script_run_config(call)}")
    variables = call.argument("environment_variables")
    if variables is not None:
        lines.append(f"src.run_config.environment_variables = {code(variables)}")
    inputs = call.argument("inputs")
    if inputs is not None:
        lines.extend(input_lines(inputs))
    for note in _notes(call):
        lines.append(f"# {note}")
    return "\n".join(lines)


def _notes(call: CallFact) -> List[str]:
    notes = []
    _, distributed_note = distributed_job_config(call)
    if distributed_note:
        notes.append(distributed_note)
    if call.canonical in sdk.FRAMEWORK_ESTIMATORS and call.argument("custom_docker_base_image") is not None:
        notes.append(f"{call.canonical} silently ignored custom_docker_base_image; it is dropped")
    for name in sorted(sdk.RUN_BASED_COMPUTE_PARAMETERS):
        if call.argument(name) is not None:
            notes.append(f"{name} has no ScriptRunConfig equivalent: create an AmlCompute cluster")
    return notes


def input_lines(inputs: Value) -> List[str]:
    if inputs.elements is None:
        return [f"for item in {code(inputs)}: ...  # DataReference -> src.run_config.data_references"
                "[item.data_reference_name] = item.to_config(); dataset input -> src.run_config.data[item.name] = item"]
    lines = []
    for element in inputs.elements:
        text = code(element)
        if element.kind is ValueKind.DATA_REFERENCE:
            lines.append(f"src.run_config.data_references[{text}.data_reference_name] = {text}.to_config()")
        else:
            lines.append(f"src.run_config.data[{text}.name] = {text}")
    return lines


def environment_parameter(call: CallFact, name: str, value: Value) -> str:
    """The exact replacement of one environment parameter of an estimator."""
    cls = call.canonical
    curated, problem = curated_environment(call)
    if name in ("pip_packages", "conda_packages"):
        adds = "; ".join(_package_lines(name, value))
        base = (f"env = Environment.get(ws, '{curated}').clone({environment_name(call)!r})" if curated
                else f"env = Environment({environment_name(call)!r}); "
                     "env.python.conda_dependencies = CondaDependencies()")
        return f"{base}; {adds}; ScriptRunConfig(environment=env) (not CondaDependencies.create(), which differs)"
    if name in ("conda_dependencies_file", "conda_dependencies_file_path"):
        return (f"environment=Environment.from_conda_specification({environment_name(call)!r}, "
                f"{_source_path(call, value)}) (the path is no longer relative to source_directory)")
    if name in ("pip_requirements_file", "pip_requirements_file_path"):
        return (f"environment=Environment.from_pip_requirements({environment_name(call)!r}, "
                f"{_source_path(call, value)}) plus env.python.conda_dependencies.add_pip_package('azureml-defaults')")
    if name == "custom_docker_image":
        return f"env.docker.base_image = {code(value)}; ScriptRunConfig(environment=env)"
    if name == "custom_docker_base_image":
        if cls == "Estimator":
            return f"env.docker.base_image = {code(value)}; ScriptRunConfig(environment=env)"
        return (f"{cls} silently ignored it, so delete it; to really use this image set "
                f"env.docker.base_image = {code(value)}")
    if name == "image_registry_details":
        return f"env.docker.base_image_registry = {code(value)}"
    if name == "user_managed":
        return f"env.python.user_managed_dependencies = {code(value)}"
    if name == "use_gpu":
        if cls in sdk.FRAMEWORK_ESTIMATORS:
            return f"environment=Environment.get(ws, '{curated}')" if curated else problem
        flag = _literal_bool(value, False)
        if flag is True:
            return "env.docker.base_image = DEFAULT_GPU_IMAGE (from azureml.core.runconfig)"
        if flag is False:
            return "delete it: the default image is the CPU one"
        return f"env.docker.base_image = DEFAULT_GPU_IMAGE if {code(value)} else DEFAULT_CPU_IMAGE"
    if name in ("use_docker", "shm_size"):
        return f"docker_runtime_config={docker_runtime_config(call)}"
    if name == "environment_variables":
        return f"src.run_config.environment_variables = {code(value)}"
    if name == "environment_definition":
        return f"ScriptRunConfig(environment={code(value)})"
    if name == "framework_version":
        if curated:
            return f"environment=Environment.get(ws, '{curated}') (curated) or an explicit Environment"
        return problem or "build an explicit Environment"
    raise ValueError(name)


def changes_the_job(keyword: Keyword) -> bool:
    """False for an argument that only restates its parameter's default (``user_managed=False``):
    leaving it out of the rewrite configures the same job, so it is not a finding."""
    value = keyword.value
    return not (value.is_literal and sdk.passes_its_default(keyword.name, value.literal))


def quoted_names(names: List[str]) -> str:
    """``'a'``, ``'a' and 'b'``, ``'a', 'b' and 'c'``."""
    quoted = [f"'{name}'" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def estimator_argument(value: Value, arguments: Optional[Value] = None) -> str:
    """The ScriptRunConfig replacing an estimator argument (a call, or a name holding one)."""
    if value.call is not None and value.call.canonical in sdk.ESTIMATORS:
        return script_run_config(value.call, arguments=arguments)
    text = f"a ScriptRunConfig replacing {code(value)}"
    return text + (f" with arguments={code(arguments)}" if arguments is not None else "")


class RunConfigurationUsage(enum.Enum):
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
