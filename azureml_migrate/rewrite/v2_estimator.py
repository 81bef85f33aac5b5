"""An Estimator (generic or framework) written as the SDK v2 command job that runs the same job.

The estimator's effective job is what its constructor built (``_estimator_helper`` and
``_FrameworkBaseEstimator._setup_environment``): the image and the effective conda
specification, the v1 Environment's ``EXAMPLE_ENV_VAR`` next to the given variables
(PyTorch's ``NCCL_TREE_THRESHOLD=0`` too), the script parameters as flags and values in dict
order (an empty string value is a bare flag), the node count and the distributed
configuration, the 2g shared memory and the 30-day timeout. Each is written out for v2:

- a generic Estimator runs the default CPU image with ``CondaDependencies()`` plus its pip
  packages after ``azureml-defaults`` and its conda packages after the pip section;
- a framework estimator (PyTorch, TensorFlow, Chainer, SKLearn) runs its scenario's image with
  the scenario's ``python`` pin and packages (``rewrite/frameworks.py``): the user's pip
  packages, then ``azureml-defaults`` and the scenario's packages the user did not name, then
  the user's conda packages. On an AmlCompute cluster in a cached region without user packages
  the estimator ran a prebuilt image of that scenario instead, which is an assumption the
  rendering names;
- the distribution with every v1 default spelt out (v2's differ): ``node_count`` is
  ``instance_count``; MPI's per-node process count is ``process_count_per_instance``; a PyTorch
  (NCCL) job starts one process per node (v1's total defaulted to the node count); TensorFlow's
  parameter servers default to 1 in v1 and 0 in v2.

A compute_target passed by name (``cluster``) becomes ``compute=cluster.name``, unsafe: it
assumes an azureml.core ComputeTarget. Anything else is manual with the parameter that makes
it so. The rendering is proven by ``tests/test_v2_estimator.py`` against the v1 estimator's job
in the canonical form.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple, Union

from .. import sdk
from ..facts import CallFact, Value
from . import frameworks
from .code import package_name
from .environment import may_run_prebuilt_image
from .v2_command import (COMMAND, ENVIRONMENT, V1_DEFAULT_CONDA, V1_DEFAULT_ENVIRONMENT_VARIABLES, V1_DEFAULT_IMAGE,
                         V1_DEFAULT_TIMEOUT, Manual, NameFor, V2Command, literal_arguments, own_name)
from .v2_inputs import DataInput, data_input, input_name, reference

#: the parameters rendered, when literal
_RENDERED = frozenset({"source_directory", "entry_script", "compute_target", "script_params", "pip_packages",
                       "conda_packages", "environment_variables", "max_run_duration_seconds", "shm_size", "use_gpu",
                       "use_docker", "framework_version", "node_count", "process_count_per_node",
                       "distributed_backend", "distributed_training", "worker_count", "parameter_server_count",
                       "conda_dependencies_file", "conda_dependencies_file_path"})
#: client-side switches with no effect on the job
_DROPPED = frozenset({"_disable_validation", "_show_lint_warnings", "_show_package_warnings"})
_DISTRIBUTED = frozenset({"node_count", "process_count_per_node", "distributed_backend", "distributed_training"})
#: rendered parameters an estimator does not take (the SDK rejects the call)
_NOT_TAKEN = {
    "Estimator": frozenset({"framework_version", "worker_count", "parameter_server_count"}),
    "PyTorch": frozenset({"worker_count", "parameter_server_count"}),
    "Chainer": frozenset({"worker_count", "parameter_server_count"}),
    "TensorFlow": frozenset(),
    "SKLearn": frozenset({"use_gpu", "worker_count", "parameter_server_count"}) | _DISTRIBUTED,
}
_PACKAGE_NAME = re.compile(r"[A-Za-z0-9_.\-]+")
_V2 = "azure.ai.ml"
#: what the deprecated helpers were sent as (the v1 ScriptRunConfig rewrite names the same assumption)
_HELPER_SPELLING = ("the service ran the deprecated {helper}() helper's communicator as {replacement} does; v2's "
                    "{distribution} is assumed to start the same processes")
#: the distribution helpers of azureml.train.dnn and azureml.core.runconfig, by the estimator they fit
_HELPERS = {"Mpi": None, "MpiConfiguration": None, "Nccl": "PyTorch", "PyTorchConfiguration": None,
            "ParameterServer": "TensorFlow", "TensorflowConfiguration": "TensorFlow"}


#: ``azureml.core.runconfig.DEFAULT_GPU_IMAGE`` (azureml-core 1.61), which the SDK sends untagged
V1_DEFAULT_GPU_IMAGE = "mcr.microsoft.com/azureml/openmpi4.1.0-cuda11.8-cudnn8-ubuntu22.04"
GPU_IMAGE_ASSUMPTION = (f"the generic Estimator's GPU image {V1_DEFAULT_GPU_IMAGE} has no tag, in v1 as in the v2 "
                        "environment: the service takes whichever image the name stands for when it builds the "
                        "environment (pin a tag to fix it)")
#: why parameters that v2 has no place for are manual
_WHY_NOT = {
    "inputs": "inputs= that are not on the command line reached the v1 script through Run.input_datasets or "
              "$AZUREML_DATAREFERENCE_<name>, a v2 script through $AZURE_ML_INPUT_<name>: a change to the script "
              "(pass the data in script_params to have it rewritten)",
    "pip_requirements_file": "pip_requirements_file=: v1 read the file's lines into the conda specification after "
                             "azureml-defaults (CondaDependencies().set_pip_requirements), v2 takes a conda file: "
                             "write the effective specification as conda_file",
    "source_directory_data_store": "source_directory_data_store=: v2 has no equivalent",
}
_WHY_NOT["pip_requirements_file_path"] = _WHY_NOT["pip_requirements_file"]


@dataclass(frozen=True)
class _Params:
    """``script_params={...}`` written in the call with data references among its values:
    each (flag, literal value or DataInput) in dict order."""

    pairs: Tuple[Tuple[Any, Any], ...]


@dataclass(frozen=True)
class _Compute:
    """A compute_target passed as a name the module binds (``compute_target=cluster``)."""

    name: str


@dataclass(frozen=True)
class _Helper:
    """``distributed_training=Mpi(2)``: the helper and its literal arguments by parameter name."""

    name: str
    values: Dict[str, Any]


#: the helpers' parameters in signature order, with their defaults
_HELPER_PARAMETERS = {
    "Mpi": (("process_count_per_node", 1),),
    "MpiConfiguration": (("process_count_per_node", 1), ("node_count", 1)),
    "Nccl": (),
    "PyTorchConfiguration": (("communication_backend", "Nccl"), ("process_count", None), ("node_count", 1)),
    "ParameterServer": (("worker_count", 1), ("parameter_server_count", 1)),
    "TensorflowConfiguration": (("worker_count", 1), ("parameter_server_count", 1)),
}


@dataclass(frozen=True)
class _Distribution:
    """What the v2 job writes for the estimator's nodes and processes."""

    instance_count: int
    #: (class name, its keyword arguments) or None for a plain job
    distribution: Optional[Tuple[str, Tuple[Tuple[str, int], ...]]]
    assumptions: Tuple[str, ...] = ()


def estimator_as_command(call: CallFact, name_for: NameFor = own_name) -> Union[V2Command, Manual]:
    """The v2 ``command(...)`` for an estimator call, or why there is none."""
    framework = call.canonical if call.canonical in sdk.FRAMEWORK_ESTIMATORS else None
    values = _values(call)
    if isinstance(values, Manual):
        return values
    if values.get("use_docker", True) is not True:
        return Manual(f"use_docker={values['use_docker']!r}: v2 jobs always run in Docker")
    gpu = values.get("use_gpu", False)
    if not isinstance(gpu, bool):
        return Manual("use_gpu must be True or False")
    source_directory = values.get("source_directory", ".")
    script = values.get("entry_script")
    compute = values.get("compute_target")
    if not isinstance(source_directory, str) or not isinstance(script, str) or not script.endswith(".py"):
        return Manual("source_directory and entry_script must be strings naming a Python script")
    assumptions: List[str] = []
    if isinstance(compute, _Compute):
        assumptions.append(f"{compute.name} is an azureml.core ComputeTarget: v2 takes its name ({compute.name}.name)")
        compute_code = f"{compute.name}.name"
    elif isinstance(compute, str) and compute != "local":
        compute_code = repr(compute)
    else:
        return Manual("compute_target must be a cluster: local and run-based compute are not rendered for v2")
    found_words = _words(script, values.get("script_params") or {})
    if isinstance(found_words, Manual):
        return found_words
    words, inputs = found_words
    for _, given in inputs:
        assumptions.extend(given.assumptions)
    pip, conda_packages = values.get("pip_packages") or [], values.get("conda_packages") or []
    conda_file = _conda_file(values, source_directory)
    if isinstance(conda_file, Manual):
        return conda_file
    if conda_file is not None:
        image = V1_DEFAULT_GPU_IMAGE if gpu else V1_DEFAULT_IMAGE
        if framework is not None:
            found = frameworks.scenario(framework, values.get("framework_version"), gpu)
            if found is None:
                return Manual(f"the SDK ships no {framework} scenario for framework_version="
                              f"{values.get('framework_version')!r} with use_gpu={gpu}")
            image = found[0]
        conda: Any = conda_file
    elif framework is None:
        image, conda = V1_DEFAULT_GPU_IMAGE if gpu else V1_DEFAULT_IMAGE, _conda(pip, conda_packages)
    else:
        found = _framework_environment(call, framework, values.get("framework_version"), gpu, pip, conda_packages)
        if isinstance(found, Manual):
            return found
        image, conda, prebuilt = found
        assumptions.extend(prebuilt)
    if isinstance(conda, Manual):
        return conda
    if gpu and framework is None:
        assumptions.append(GPU_IMAGE_ASSUMPTION)
    variables = values.get("environment_variables") or {}
    if not isinstance(variables, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                  for k, v in variables.items()):
        return Manual("environment_variables must map strings to strings")
    timeout = values.get("max_run_duration_seconds", V1_DEFAULT_TIMEOUT)
    if not isinstance(timeout, int) or isinstance(timeout, bool):
        return Manual("max_run_duration_seconds must be a whole number")
    shm_size = values.get("shm_size", "2g")
    if not isinstance(shm_size, str):
        return Manual("shm_size must be a string")
    distribution = _distribution(call.canonical, values)
    if isinstance(distribution, Manual):
        return distribution
    assumptions.extend(distribution.assumptions)
    references = {reference(name) for name, _ in inputs}
    quoted = [word if word in references else shlex.quote(word) for word in words]
    if quoted != words:
        assumptions.append("v2 runs its command through a shell: arguments are quoted for it "
                           f"({' '.join(q for q, w in zip(quoted, words) if q != w)})")
    environment = f"{name_for(*ENVIRONMENT)}(image={image!r}, conda_file={conda!r})"
    implied = dict(V1_DEFAULT_ENVIRONMENT_VARIABLES)
    if framework == "PyTorch":
        implied["NCCL_TREE_THRESHOLD"] = "0"  # the PyTorch estimator sets it unless given
    variables = dict(implied, **variables)
    parameters = [f"code={source_directory!r}", f"command={' '.join(quoted)!r}"]
    if inputs:
        parameters.append("inputs={" + ", ".join(f"{name!r}: {given.code(name_for)}" for name, given in inputs) + "}")
    parameters += [f"environment={environment}", f"compute={compute_code}"]
    if distribution.distribution is not None or "node_count" in values:
        parameters.append(f"instance_count={distribution.instance_count!r}")
    if distribution.distribution is not None:
        kind, arguments = distribution.distribution
        parameters.append(f"distribution={name_for(_V2, kind)}("
                          f"{', '.join(f'{key}={value!r}' for key, value in arguments)})")
    parameters += [f"environment_variables={variables!r}", f"shm_size={shm_size!r}", f"timeout={timeout!r}"]
    return V2Command(code=f"{name_for(*COMMAND)}({', '.join(parameters)})", arguments=tuple(parameters),
                     assumptions=tuple(assumptions))


def _values(call: CallFact) -> Union[Dict[str, Any], Manual]:
    if call.has_star_kwargs or len(call.args) > 1:
        return Manual("only source_directory may be passed by position, and nothing with * or **")
    given = {"source_directory": call.args[0]} if call.args else {}
    given.update((keyword.name, keyword.value) for keyword in call.keywords)
    values = {}
    for name, value in given.items():
        if name in _DROPPED:
            continue
        if name in _WHY_NOT:
            return Manual(_WHY_NOT[name])
        if name not in _RENDERED:
            return Manual(f"{name}= is not rendered for v2 yet")
        if name in _NOT_TAKEN.get(call.canonical or "", frozenset()):
            return Manual(f"the {call.canonical} estimator takes no {name}=")
        if name == "compute_target" and not value.is_literal and value.text.isidentifier():
            values[name] = _Compute(value.text)
            continue
        if name == "distributed_training" and not value.is_literal:
            helper = _helper(value)
            if isinstance(helper, Manual):
                return helper
            values[name] = helper
            continue
        if name == "script_params" and not value.is_literal and value.items is not None and not value.held:
            params = _params(value)
            if isinstance(params, Manual):
                return params
            values[name] = params
            continue
        if not value.is_literal:
            return Manual(f"{name}= is not a literal")
        values[name] = value.literal
    if "conda_dependencies_file" in values and "conda_dependencies_file_path" in values:
        return Manual("conda_dependencies_file= and conda_dependencies_file_path= are both given")
    return values


def _params(value: Value) -> Union[_Params, Manual]:
    """A script_params display whose values are literals or data references written in it."""
    pairs = []
    for key, item in value.items or ():
        if not key.is_literal:
            return Manual("script_params=: a flag is not a literal")
        if item.is_literal:
            pairs.append((key.literal, item.literal))
            continue
        if item.call is None and item.text.endswith(")") and item.text.split(".")[-1].startswith("as_named_input("):
            return Manual(f"script_params={{{key.text}: ...}}: a dataset passed as it is (as_named_input without "
                          "as_mount() or as_download()) is a TabularDataset or a FileDataset in direct mode: a "
                          "TabularDataset needs an MLTable input and a script that reads a path in v2")
        if item.call is None and item.kind is None:
            return Manual(f"script_params={{{key.text}: {item.text}}}: the value is not a literal")
        given = data_input(item)
        if isinstance(given, Manual):
            return Manual(f"script_params={{{key.text}: ...}}: {given.reason}")
        pairs.append((key.literal, given))
    return _Params(tuple(pairs))


def _conda_file(values: Dict[str, Any], source_directory: str) -> Union[str, None, Manual]:
    """The conda file v1 read (relative to source_directory) as a path from the current directory.

    The estimator sent the file's specification as it is (no python pin, azureml-defaults or
    channel added: SDK facts, proven), and v2's ``conda_file=`` reads the same file when the
    job is built, as v1 read it when the estimator was."""
    given = values.get("conda_dependencies_file", values.get("conda_dependencies_file_path"))
    if given is None:
        return None
    if not isinstance(given, str) or not given:
        return Manual("conda_dependencies_file must be a string")
    if values.get("pip_packages") or values.get("conda_packages"):
        return Manual("conda_dependencies_file= with pip_packages= or conda_packages=: the SDK refuses the call")
    return posixpath.normpath(posixpath.join(source_directory, given))


def _helper(value: Value) -> Union[_Helper, Manual]:
    """A distribution helper made in the call (``Mpi(2)``), with literal arguments only."""
    helper = value.call
    if value.text.isidentifier():
        return Manual(f"distributed_training={value.text} is a configuration bound to a name, whose attributes may "
                      "change after it is made: write the helper in the call")
    if helper is None or helper.canonical not in _HELPER_PARAMETERS:
        return Manual(f"distributed_training={value.text} is not a distribution helper made in the call "
                      "(Mpi, Nccl, ParameterServer, MpiConfiguration, TensorflowConfiguration, PyTorchConfiguration)")
    values = literal_arguments(helper, _HELPER_PARAMETERS[helper.canonical], value.text)
    if isinstance(values, Manual):
        return values
    return _Helper(helper.canonical, values)


def _count(values: Dict[str, Any], name: str, default: int) -> Union[int, Manual]:
    count = values.get(name, default)
    if count is None:
        count = default
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        return Manual(f"{name} must be a whole number of at least 1")
    return count


def _distribution(estimator: str, values: Dict[str, Any]) -> Union[_Distribution, Manual]:
    """The v2 instance count and distribution of the estimator's node and process settings.

    Follows the estimator (SDK facts Q1, Q8, Q9): ``process_count_per_node`` counts only for
    MPI, a PyTorchConfiguration passed as ``distributed_training`` is ignored, and the node
    count comes from ``node_count`` alone, whatever the configuration object says.
    """
    nodes = _count(values, "node_count", 1)
    if isinstance(nodes, Manual):
        return nodes
    training = values.get("distributed_training")
    backend = values.get("distributed_backend")
    if isinstance(training, _Helper):
        fits = _HELPERS[training.name]
        if fits is not None and fits != estimator:
            return Manual(f"{training.name}() is not rendered for the {estimator} estimator")
        if training.name == "PyTorchConfiguration":
            # the estimator ignored it (facts Q1): so does the v2 job, which the user should hear of
            return _Distribution(nodes, None, (
                f"the {estimator} estimator ignored distributed_training=PyTorchConfiguration(...) and ran no "
                "distributed job; the v2 job has no distribution either (write PyTorchDistribution if one was "
                "meant)",))
        if training.name in ("Mpi", "MpiConfiguration"):
            kind, backend_values = "mpi", {"process_count_per_node": training.values["process_count_per_node"]}
        elif training.name == "Nccl":
            kind, backend_values = "nccl", {}
        else:
            kind, backend_values = "ps", {key: training.values[key]
                                          for key in ("worker_count", "parameter_server_count")}
        spelling = {"Mpi": ("MpiConfiguration", "MpiDistribution"),
                    "Nccl": ("PyTorchConfiguration", "PyTorchDistribution"),
                    "ParameterServer": ("TensorflowConfiguration", "TensorFlowDistribution")}.get(training.name)
        assumptions = (_HELPER_SPELLING.format(helper=training.name, replacement=spelling[0],
                                               distribution=spelling[1]),) if spelling else ()
        return _backend(kind, backend_values, nodes, assumptions)
    if training is not None:
        return Manual(f"distributed_training={training!r} is not a distribution helper")
    if backend is None:
        return _Distribution(nodes, None)
    if not isinstance(backend, str):
        return Manual("distributed_backend must be a string")
    kind = backend.lower()
    if kind == "nccl" and estimator != "PyTorch" or kind == "ps" and estimator != "TensorFlow":
        return Manual(f"distributed_backend={backend!r} is not rendered for the {estimator} estimator")
    return _backend(kind, values, nodes, ())


def _backend(kind: str, values: Dict[str, Any], nodes: int,
             assumptions: Tuple[str, ...]) -> Union[_Distribution, Manual]:
    if kind == "mpi":
        per_node = _count(values, "process_count_per_node", 1)
        if isinstance(per_node, Manual):
            return per_node
        return _Distribution(nodes, ("MpiDistribution", (("process_count_per_instance", per_node),)), assumptions)
    if kind == "nccl":
        # v1's PyTorch process count is a total that defaulted to the node count: one per node
        return _Distribution(nodes, ("PyTorchDistribution", (("process_count_per_instance", 1),)), assumptions)
    if kind == "ps":
        workers = _count(values, "worker_count", 1)
        servers = values.get("parameter_server_count", 1)
        if isinstance(workers, Manual):
            return workers
        if not isinstance(servers, int) or isinstance(servers, bool) or servers < 0:
            return Manual("parameter_server_count must be a whole number")
        # v1 defaults to one parameter server, v2 to none: written either way
        return _Distribution(nodes, ("TensorFlowDistribution", (("worker_count", workers),
                                                                ("parameter_server_count", servers))), assumptions)
    if kind == "gloo":
        return Manual("distributed_backend='gloo' kept the run configuration's PyTorch backend 'nccl'; which one "
                      "the service honoured cannot be checked offline, and v2 has no backend field")
    return Manual(f"distributed_backend={kind!r} is not a backend the SDK takes")


def _words(script: str, params: Any) -> Union[Tuple[List[str], List[Tuple[str, DataInput]]], Manual]:
    """``python <script>`` then each flag and its value, in dict order ('' is a bare flag), and
    the inputs the values that are data references became (named in the words as ``${{inputs.x}}``)."""
    if isinstance(params, _Params):
        pairs = list(params.pairs)
    elif isinstance(params, dict):
        pairs = list(params.items())
    else:
        return Manual("script_params must be a dict")
    if len({flag for flag, _ in pairs}) != len(pairs):
        return Manual("script_params repeats a flag: the dict keeps its last value only")
    words = ["python", script]
    inputs: List[Tuple[str, DataInput]] = []
    for flag, value in pairs:
        if not isinstance(flag, str):
            return Manual(f"the script parameter {flag!r} is not a string")
        if "${{" in flag:
            return Manual("a script parameter holds '${{', which v2 substitutes in its command")
        words.append(flag)
        if isinstance(value, DataInput):
            name = input_name(flag, [taken for taken, _ in inputs])
            inputs.append((name, value))
            words.append(reference(name))
            continue
        if value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return Manual(f"the value of script parameter {flag!r} is not a string or a number")
        if "${{" in str(value):
            return Manual("a script parameter holds '${{', which v2 substitutes in its command")
        words.append(str(value))
    if "${{" in script:
        return Manual("the entry script's name holds '${{', which v2 substitutes in its command")
    return words, inputs


def _user_packages(pip: Any, conda: Any) -> Optional[Manual]:
    if not isinstance(pip, list) or not isinstance(conda, list) or not all(
            isinstance(item, str) for item in pip + conda):
        return Manual("pip_packages and conda_packages must be lists of strings")
    names = [_PACKAGE_NAME.match(item) for item in pip + conda]
    seen = [match.group(0).lower() if match else "" for match in names]
    if "" in seen or len(set(seen)) != len(seen) or {"azureml-defaults", "python"} & set(seen) or any(
            item.endswith(".whl") for item in pip + conda):
        return Manual("a package repeats, is unreadable, is a wheel or is one CondaDependencies already holds: its "
                      "effective specification is not rendered for v2")
    return None


def _conda(pip: Any, conda: Any) -> Union[Dict[str, Any], Manual]:
    """The generic estimator's effective conda specification, where adding the packages is plain appending."""
    refused = _user_packages(pip, conda)
    if refused is not None:
        return refused
    base = V1_DEFAULT_CONDA
    dependencies = [base["dependencies"][0], {"pip": ["azureml-defaults", *pip]}, *conda]
    return {"name": base["name"], "dependencies": dependencies, "channels": list(base["channels"])}


def _framework_environment(call: CallFact, framework: str, version: Any, gpu: bool, pip: Any,
                           conda: Any) -> Union[Tuple[str, Dict[str, Any], Tuple[str, ...]], Manual]:
    """The framework scenario's full build: its image and the effective conda specification the
    estimator merged (``_setup_environment``), and the prebuilt-image assumption where it applies."""
    if version is not None and not isinstance(version, str):
        return Manual("framework_version must be a string")
    found = frameworks.scenario(framework, version, gpu)
    if found is None:
        return Manual(f"the SDK ships no {framework} scenario for framework_version={version!r} with use_gpu={gpu}")
    refused = _user_packages(pip, conda)
    if refused is not None:
        return refused
    image, scenario_pip = found
    # the packages the user names replace the scenario's of the same name (``_remove_package_conflicts``);
    # every scenario package is then re-added at the end of the pip list, azureml-defaults first
    named = {package_name(item) for item in pip + conda}
    kept = [item for item in scenario_pip if package_name(item) not in named]
    dependencies = [frameworks.SCENARIO_PYTHON, {"pip": [*pip, frameworks.SCENARIO_DEFAULT_PIP, *kept]}, *conda]
    spec = {"name": V1_DEFAULT_CONDA["name"], "dependencies": dependencies,
            "channels": list(V1_DEFAULT_CONDA["channels"])}
    assumptions: Tuple[str, ...] = ()
    if may_run_prebuilt_image(call):
        chosen = version or frameworks.DEFAULT_VERSIONS[framework]
        processor = "gpu" if gpu else "cpu"
        target = call.argument("compute_target")
        assumptions = (f"if {target.text if target is not None else 'the compute'} is an AmlCompute cluster in a "
                       f"cached region, the estimator ran the prebuilt image {frameworks.PREBUILT_REGISTRY}/"
                       f"{framework.lower()}:{chosen}-{processor} as it was; the rewrite builds the same scenario's "
                       "image and packages instead (assumed to be what that image holds)",)
    return image, spec, assumptions
