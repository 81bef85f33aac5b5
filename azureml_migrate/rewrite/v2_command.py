"""A ScriptRunConfig written as the SDK v2 command job that runs the same job.

The first piece of the v2 target: a ScriptRunConfig whose every argument is a literal the
rendering understands becomes ``command(...)`` with every v1 default written out (the default
environment's image, its effective conda specification and its variable, the 30-day
timeout), because each differs from or is unknown to v2. Anything else is manual, with the
parameter that makes it so. The rendering is proven by ``tests/test_v2_rewrite.py``: the v1
job and the rendered v2 job, both built offline by their real SDKs, have one canonical form.
``rewrite/v2_fix.py`` turns the rendering into the fix ``azureml-migrate fix --target v2`` applies.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Union

from ..facts import CallFact, ValueKind

#: What a ScriptRunConfig without ``environment=`` runs in (azureml-core 1.61 ``Environment``
#: defaults: ``DEFAULT_CPU_IMAGE``, ``CondaDependencies()``), proven by the v2 rewrite tests.
V1_DEFAULT_IMAGE = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:20251130.v1"
V1_DEFAULT_CONDA: Dict[str, Any] = {
    "name": "project_environment",
    "dependencies": ["python=3.8.13", {"pip": ["azureml-defaults"]}],
    "channels": ["anaconda", "conda-forge"],
}
#: A v1 Environment sets this variable for the run; a v2 job has it only if written.
V1_DEFAULT_ENVIRONMENT_VARIABLES = {"EXAMPLE_ENV_VAR": "EXAMPLE_VALUE"}
#: ``ScriptRunConfig.MAX_DURATION_SECONDS_DEFAULT``; v2's own default is undocumented.
V1_DEFAULT_TIMEOUT = 2592000
#: the v2 names a rendering uses, by the module they are imported from
COMMAND = ("azure.ai.ml", "command")
ENVIRONMENT = ("azure.ai.ml.entities", "Environment")
IMPORTS = ("from azure.ai.ml import command", "from azure.ai.ml.entities import Environment")
#: the name to write for (module, name): the fix machinery's ``Names.imported``, else the name itself
NameFor = Callable[[str, str], str]

#: ScriptRunConfig's parameters in signature order (positional arguments map onto these).
_PARAMETERS = ("source_directory", "script", "arguments", "run_config", "_telemetry_values", "compute_target",
               "environment", "distributed_job_config", "resume_from", "max_run_duration_seconds", "command",
               "docker_runtime_config")
_RENDERED = {"source_directory", "script", "arguments", "compute_target", "max_run_duration_seconds",
             "distributed_job_config"}
#: the distributed configurations rendered when written in the call: parameters in signature order, defaults
_CONFIGURATIONS = {
    "MpiConfiguration": (("process_count_per_node", 1), ("node_count", 1)),
    "PyTorchConfiguration": (("communication_backend", "Nccl"), ("process_count", None), ("node_count", 1)),
    "TensorflowConfiguration": (("worker_count", 1), ("parameter_server_count", 1)),
}
_WHY_NOT = {
    "run_config": "a RunConfiguration's settings are not read statically",
    "environment": "the environment's image and effective conda specification are not known statically",
    "docker_runtime_config": "Docker settings are not rendered for v2 yet",
    "command": "a v1 command list is not rendered for v2 yet",
    "resume_from": "v2 has no resume_from",
    "_telemetry_values": "a private parameter",
}

_UNMOUNTED = ("arguments= holds a DataReference, which v1 never mounted from a ScriptRunConfig's arguments without "
              "run_config.data_references[...] (the script received the literal $AZUREML_DATAREFERENCE_... text, "
              "facts P5): a v2 input would change the job; decide what the script should get, then pass an Input")


@dataclass(frozen=True)
class V2Command:
    """The v2 job expression, the imports it needs, and the assumptions it rests on."""

    code: str
    imports: Tuple[str, ...] = IMPORTS
    #: the call's arguments (``code='src'``...), in the order ``code`` writes them
    arguments: Tuple[str, ...] = ()
    #: why the job is the same only under an assumption (empty: the same job as far as offline proof goes)
    assumptions: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Manual:
    reason: str


def _given(call: CallFact) -> Union[Dict[str, Any], Manual]:
    if call.has_star_kwargs or len(call.args) > len(_PARAMETERS):
        return Manual("arguments passed with * or ** are not read statically")
    given = {name: value for name, value in zip(_PARAMETERS, call.args)}
    for keyword in call.keywords:
        given[keyword.name] = keyword.value
    for name in given:
        if name not in _RENDERED:
            return Manual(f"{name}=: {_WHY_NOT.get(name, 'not rendered for v2')}")
    values = {}
    for name, value in given.items():
        if name == "distributed_job_config":
            configuration = _configuration(value)
            if isinstance(configuration, Manual):
                return configuration
            values[name] = configuration
            continue
        if name == "arguments" and any(element.kind is ValueKind.DATA_REFERENCE for element in value.elements or ()):
            return Manual(_UNMOUNTED)
        if not value.is_literal:
            return Manual(f"{name}= is not a literal")
        values[name] = value.literal
    return values


def literal_arguments(call: Any, parameters: Sequence[Tuple[str, Any]], shown: str) -> Union[Dict[str, Any], Manual]:
    """The values of a configuration or helper call whose arguments are all literals: its
    ``(name, default)`` parameter table filled from the call, or why they cannot be read."""
    if call.has_star_kwargs or len(call.args) > len(parameters):
        return Manual(f"{shown}: its arguments are not read statically")
    given = dict(zip((name for name, _ in parameters), call.args))
    given.update((keyword.name, keyword.value) for keyword in call.keywords)
    values = dict(parameters)
    for name, argument in given.items():
        if name not in values or not argument.is_literal:
            return Manual(f"{shown}: {name}= is not a literal of {call.canonical}")
        values[name] = argument.literal
    return values


def _configuration(value: Any) -> Union[Tuple[str, Dict[str, Any]], Manual]:
    """``distributed_job_config=PyTorchConfiguration(...)`` written in the call, with literal arguments."""
    call = value.call
    if value.text.isidentifier() or call is None or call.canonical not in _CONFIGURATIONS:
        return Manual("distributed_job_config=: only an MpiConfiguration, PyTorchConfiguration or "
                      "TensorflowConfiguration written in the call is rendered for v2 (a bound one may change later)")
    values = literal_arguments(call, _CONFIGURATIONS[call.canonical], f"distributed_job_config={value.text}")
    if isinstance(values, Manual):
        return values
    for name, count in values.items():
        if name != "communication_backend" and count is not None and (
                not isinstance(count, int) or isinstance(count, bool) or count < 0):
            return Manual(f"distributed_job_config: {name} must be a whole number")
    return call.canonical, values


def _distribution(configuration: Tuple[str, Dict[str, Any]]) -> Union[Tuple[Any, ...], Manual]:
    """(instance_count, v2 class, its keyword arguments) with every v1 default written.

    v1 PyTorchConfiguration.process_count is the total over all nodes (None: one per node), v2's
    process_count_per_instance is per node; a TensorflowConfiguration's job runs on worker_count
    nodes with one parameter server by default, where v2's default is none.
    """
    kind, values = configuration
    if min(values.get("node_count", 1), values.get("worker_count", 1), values.get("process_count_per_node", 1)) < 1:
        return Manual("distributed_job_config: node, worker and per-node process counts must be at least 1")
    if kind == "MpiConfiguration":
        return (values["node_count"], "MpiDistribution",
                ("process_count_per_instance", values["process_count_per_node"]))
    if kind == "PyTorchConfiguration":
        if values["communication_backend"] != "Nccl":
            return Manual(f"communication_backend={values['communication_backend']!r}: v2 has no backend field "
                          "(the script's init_process_group decides)")
        nodes = values["node_count"]
        total = values["process_count"] if values["process_count"] is not None else nodes
        if nodes < 1 or total % nodes:
            return Manual(f"process_count={total} over node_count={nodes}: v2 starts the same number of processes "
                          "on every node, and this total does not divide evenly")
        return nodes, "PyTorchDistribution", ("process_count_per_instance", total // nodes)
    return (values["worker_count"], "TensorFlowDistribution", ("worker_count", values["worker_count"]),
            ("parameter_server_count", values["parameter_server_count"]))


def _argument(value: Any) -> Union[str, Manual]:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return Manual(f"the argument {value!r} is not a string or a number")
    text = str(value)
    if "${{" in text:
        return Manual(f"the argument {text!r} holds '${{{{', which v2 substitutes in its command")
    return text


def own_name(module: str, name: str) -> str:
    return name


def script_run_config_as_command(call: CallFact, name_for: NameFor = own_name) -> Union[V2Command, Manual]:
    """The v2 ``command(...)`` for a ScriptRunConfig call, or why there is none; ``name_for``
    gives the names ``command`` and ``Environment`` are written by."""
    values = _given(call)
    if isinstance(values, Manual):
        return values
    source_directory = values.get("source_directory", ".")
    script = values.get("script")
    compute = values.get("compute_target", "local")
    timeout = values.get("max_run_duration_seconds", V1_DEFAULT_TIMEOUT)
    arguments = values.get("arguments") or []
    if not isinstance(source_directory, str) or not isinstance(script, str) or not script:
        return Manual("source_directory and script must be strings")
    if compute == "local" or not isinstance(compute, str):
        return Manual("a local v1 run without Docker has no v2 form: v2 local jobs always run in Docker")
    if not isinstance(timeout, int) or isinstance(timeout, bool):
        return Manual("max_run_duration_seconds must be a whole number")
    if not isinstance(arguments, (list, tuple)):
        return Manual("arguments must be a list")
    words: List[str] = ["python", script]
    for argument in arguments:
        text = _argument(argument)
        if isinstance(text, Manual):
            return text
        words.append(text)
    distribution_arguments: Tuple[str, ...] = ()
    imports = IMPORTS
    if "distributed_job_config" in values:
        distribution = _distribution(values["distributed_job_config"])
        if isinstance(distribution, Manual):
            return distribution
        nodes, kind, *keywords = distribution
        distribution_arguments = (f"instance_count={nodes!r}", f"distribution={name_for('azure.ai.ml', kind)}("
                                  + ", ".join(f"{key}={count!r}" for key, count in keywords) + ")")
        imports = IMPORTS + (f"from azure.ai.ml import {kind}",)
    quoted = [shlex.quote(word) for word in words]
    assumptions = ()
    if quoted != words:
        assumptions = ("v2 runs its command through a shell: arguments are quoted for it "
                       f"({' '.join(q for q, w in zip(quoted, words) if q != w)})",)
    environment = f"{name_for(*ENVIRONMENT)}(image={V1_DEFAULT_IMAGE!r}, conda_file={V1_DEFAULT_CONDA!r})"
    parameters = (f"code={source_directory!r}", f"command={' '.join(quoted)!r}", f"environment={environment}",
                  f"compute={compute!r}", *distribution_arguments,
                  f"environment_variables={V1_DEFAULT_ENVIRONMENT_VARIABLES!r}", f"timeout={timeout!r}")
    code = f"{name_for(*COMMAND)}({', '.join(parameters)})"
    return V2Command(code=code, imports=imports, arguments=parameters, assumptions=assumptions)


def render(call: Optional[CallFact]) -> Union[V2Command, Manual]:
    """``script_run_config_as_command`` for a ScriptRunConfig call; Manual for anything else."""
    if call is None or call.canonical != "ScriptRunConfig":
        return Manual("only ScriptRunConfig calls are rendered for v2 yet")
    return script_run_config_as_command(call)
