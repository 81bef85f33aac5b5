"""One written canonical form for an SDK v1 job and an SDK v2 job, so the two can be compared.

A v1 job is what ``sdk_jobs.jobs_of`` serializes (ScriptRunConfig, estimator or HyperDrive);
a v2 job is what ``sdk_v2_jobs.v2_jobs_of`` returns (the REST body plus its anonymous
environments). :func:`v1_canonical` and :func:`v2_canonical` both give::

    argv                  the process the job starts, after shell splitting, inputs substituted
    code                  the snapshot / code directory, relative to the program's directory
    compute               the compute target's name ('local' for a local run)
    instance_count        nodes
    distribution          None or {"type": ..., the per-type counts}
    image, conda          the environment's image and conda specification (None: user-managed)
    environment_variables the job's runtime variables
    shm_size, timeout     timeout in seconds; for a sweep, the per-trial timeout
    sweep                 None or {search_space, objective, sampling, policy, limits}
    unmodelled            every v1 or v2 setting outside this form that is not at its default

``unmodelled`` is what keeps the form honest: a setting that is not compared field by field is
still compared as present, so a rewrite can never drop it silently. Every normalisation made to
bring the two SDKs' spellings together is listed in :data:`NORMALISATIONS`, with its reason and
source; those marked ``assumption`` rest on service behaviour neither SDK shows.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

import yaml

from sdk_jobs import canonical as v1_tolerated, diff_jobs

__all__ = ["v1_canonical", "v2_canonical", "NORMALISATIONS", "Normalisation", "diff_jobs"]


@dataclass(frozen=True)
class Normalisation:
    name: str
    why: str
    source: str
    assumption: bool = False


NORMALISATIONS: Tuple[Normalisation, ...] = (
    Normalisation(
        "v1 tolerances first",
        "The v1 job is first put in the v1 harness's own canonical form (sdk_jobs.TOLERANCES: "
        "merged environment variables, documented shm/max-duration defaults, random names).",
        "tests/sdk_jobs.py"),
    Normalisation(
        "v1 interpreter in argv",
        "v1 runs '<interpreter_path> <script> <arguments...>' with interpreter_path 'python' "
        "(any other interpreter is unmodelled); v2 names the interpreter in its command.",
        "azureml _execution/_commands; facts: python.interpreter_path is a gap"),
    Normalisation(
        "inputs substituted before shell splitting",
        "v2 replaces ${{inputs.x}} in the command text, then a shell splits it: a literal input "
        "becomes its text, a data input the token <input:TYPE:URI:MODE[:PATH_ON_COMPUTE]>. v1 "
        "passes each argument as one argv entry, a bound $AZUREML_DATAREFERENCE_n becoming the "
        "same token; an unbound one stays literal text (v1 never mounted it, facts P5).",
        "facts: mapping table (script + arguments; DataReference), P5"),
    Normalisation(
        "registered datasets by name and version",
        "A v1 DatasetConsumptionConfig on the command line (DatasetConsumptionConfig:<name>, its "
        "run_config.data entry) is the token of azureml:<name>:<version>, the v2 path of the same "
        "registered dataset ('V1 FileDataset = V2 uri_folder'); its download is the v2 mode, its "
        "mount ro_mount under the same assumption as a datastore's (neither SDK shows whether the "
        "v1 dataset mount was writable); any other setting of the entry is kept in the mode. The input's own name "
        "(environment variable, Run.input_datasets key) is not compared: a script reads it only "
        "through the run, which facts A7 makes a script change.", "facts S3, S5, A7"),
    Normalisation(
        "v1 mount = v2 ro_mount", "A v1 datastore mount was writable; ro_mount assumes the "
        "script only reads it (without the assumptions it is the mode 'v1-mount(writable)', "
        "which no v2 input equals). v2's mode None is the service default ro_mount (facts P). "
        "A v1 overwrite=True has no v2 field and is kept in the mode ('+overwrite').",
        "facts A3", assumption=True),
    Normalisation(
        "sweep parameters appended as '<flag> <value>'",
        "v1 HyperDrive appends '<key> <sampled value>' to the arguments for each parameter, "
        "service-side; v2 writes '<key> ${{search_space.<name>}}' in the command. A sampled "
        "value is the token ${param:<name>}.", "facts A6", assumption=True),
    Normalisation(
        "parameter names as identifiers",
        "v2 search-space names must be identifiers: a v1 key '--batch-size' is named batch_size "
        "(leading dashes dropped, '-' as '_'); the same REST expression is compared.",
        "facts: mapping table (parameter space)"),
    Normalisation(
        "compute spelling", "'azureml:<name>' and '<name>' name one compute in v2; v2 sends "
        "'local' as resources.properties.IsLocal.", "facts S4, S10, P (IsLocal)"),
    Normalisation(
        "v2 local runtime variable",
        "create_or_update adds AZUREML_COMPUTE_USE_COMMON_RUNTIME=true for compute 'local': "
        "the v2 SDK's choice of local runtime, not the user's job.", "facts P (IsLocal)"),
    Normalisation(
        "distribution per instance",
        "v1 PyTorchConfiguration.process_count is the total (None = node_count), v2 "
        "process_count_per_instance is per node: v1 is divided by node_count when it divides "
        "(otherwise kept as a total, which no v2 job equals). v2 documented defaults: PyTorch "
        "process_count_per_instance 1, TensorFlow worker_count = instance_count, "
        "parameter_server_count 0.", "facts S6, S6b, S7, S9"),
    Normalisation(
        "documented v2 defaults",
        "v2 leaves unsent: instance_count 1 and shm_size '2g' (command job schema); sweep "
        "max_total_trials 1000, max_concurrent_trials = total, timeout 5184000 s (sweep job "
        "schema). An unsent command timeout or trial timeout stays None: its default is "
        "undocumented, so a rewrite must write it.", "facts S7, S8, R1"),
    Normalisation(
        "durations in seconds", "v2 sends ISO-8601 durations, v1 seconds or minutes.", "facts P"),
    Normalisation(
        "conda specification without its name",
        "The conda 'name' labels the environment (like the environment's name and version, "
        "sdk_jobs 'environment name and version'); channels and dependencies are compared.",
        "facts N6"),
    Normalisation(
        "image with its registry",
        "v1 base_image_registry.address + base_image is the image v2 names whole.",
        "facts: mapping table (base_image)"),
    Normalisation(
        "spelling of goals, sampling and policies",
        "v1 and v2 send the same choices spelt differently (MAXIMIZE/maximize, "
        "BayesianOptimization/Bayesian, slack_factor/slackFactor).", "facts S2, S8"),
    Normalisation(
        "v1 truncation's fixed exclude_finished_jobs",
        "v1 TruncationSelectionPolicy always sends exclude_finished_jobs=False (it takes no such "
        "parameter); v2's policy has no such field and is assumed to do the same. Left out only "
        "when assumptions are allowed, so a rewrite relying on it must be unsafe.",
        "azureml.train.hyperdrive.policy.TruncationSelectionPolicy; azure.ai.ml.sweep "
        "TruncationSelectionPolicy", assumption=True),
    Normalisation(
        "experiment name left out",
        "It files the run, it does not change what runs; submissions compare it separately.",
        "facts: mapping table (Experiment.submit)"),
)


# --------------------------------------------------------------------------- shared pieces

_DURATION = re.compile(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?")


def seconds(iso: Optional[str]) -> Optional[float]:
    """An ISO-8601 duration in seconds (an int when whole, as v1 sends them)."""
    if iso is None:
        return None
    found = _DURATION.fullmatch(iso)
    if not found or iso in ("P", "PT"):
        raise ValueError(f"not an ISO-8601 duration: {iso!r}")
    days, hours, minutes, secs = (float(part) if part else 0.0 for part in found.groups())
    total = ((days * 24 + hours) * 60 + minutes) * 60 + secs
    return int(total) if total.is_integer() else total


def _input_token(kind: str, uri: str, mode: str, path_on_compute: Optional[str]) -> str:
    return f"<input:{kind}:{uri}:{mode}" + (f":{path_on_compute}>" if path_on_compute else ">")


def parameter_name(key: str) -> str:
    return key.lstrip("-").replace("-", "_")


def _param_token(name: str) -> str:
    return "${param:" + name + "}"


def _conda(spec: Any) -> Any:
    if isinstance(spec, dict):
        return {key: value for key, value in spec.items() if key != "name"}
    return spec


def _not_default(found: Dict[str, Any], where: str, value: Any, default: Any) -> None:
    if value != default:
        found[where] = value


# --------------------------------------------------------------------------- v1

_V1_DATA_REFERENCE = re.compile(r"\$AZUREML_DATAREFERENCE_(\w+)")
_V1_MODES = {"mount": "ro_mount", "download": "download"}
_V1_SAMPLING = {"RANDOM": "random", "GRID": "grid", "BAYESIANOPTIMIZATION": "bayesian"}
_V1_POLICIES = {"Bandit": "bandit", "MedianStopping": "median_stopping",
                "TruncationSelection": "truncation_selection", "Default": None}
_V1_HISTORY = {"outputCollection": True, "snapshotProject": True, "directoriesToWatch": ["logs"]}


_V1_DATASET_MODES = {"mount": "ro_mount", "download": "download"}
_V1_DATASET_DEFAULTS = {"createOutputDirectories": False, "overwrite": False, "options": None}


def _v1_dataset(name: str, data: Dict[str, dict], used: set, assumptions: bool) -> Optional[str]:
    """``DatasetConsumptionConfig:<name>`` as the input token of the dataset it names: a
    registered dataset by ``azureml:<name>:<version>``, anything else by its id."""
    consumption = data.get(name)
    if consumption is None:
        return None
    used.add(name)
    dataset = (consumption.get("dataLocation") or {}).get("dataset") or {}
    if dataset.get("name") is not None and dataset.get("version") is not None:
        uri = f"azureml:{dataset['name']}:{dataset['version']}"
    else:
        uri = f"v1-dataset-id:{dataset.get('id')}"
    mechanism = str(consumption.get("mechanism", "")).lower()
    mode = _V1_DATASET_MODES.get(mechanism, f"v1-{mechanism}") if assumptions or mechanism != "mount" \
        else "v1-mount(dataset)"
    for key, default in _V1_DATASET_DEFAULTS.items():
        if consumption.get(key, default) != default:
            mode += f"+{key}={consumption.get(key)}"
    return _input_token("uri_folder", uri, mode, consumption.get("pathOnCompute"))


def _v1_argument(argument: Any, references: Dict[str, dict], used: set, assumptions: bool = True,
                 data: Optional[Dict[str, dict]] = None, used_data: Optional[set] = None) -> str:
    text = argument if isinstance(argument, str) else str(argument)
    if text.startswith("DatasetConsumptionConfig:") and data is not None and used_data is not None:
        token = _v1_dataset(text[len("DatasetConsumptionConfig:"):], data, used_data, assumptions)
        if token is not None:
            return token
    if text.startswith("<unserializable DataReference: ") and text.endswith(">"):
        text = text[len("<unserializable DataReference: "):-1]
    found = _V1_DATA_REFERENCE.fullmatch(text)
    if found and found.group(1) in references:
        used.add(found.group(1))
        reference = references[found.group(1)]
        uri = f"azureml://datastores/{reference.get('dataStoreName')}/paths/{reference.get('pathOnDataStore') or ''}"
        mode = str(reference.get("mode", "")).lower()
        shown = _V1_MODES.get(mode, f"v1-{mode}") if assumptions or mode != "mount" else "v1-mount(writable)"
        if reference.get("overwrite"):
            shown += "+overwrite"
        return _input_token("uri_folder", uri, shown, reference.get("pathOnCompute"))
    return text


def _v1_distribution(rc: dict) -> Optional[dict]:
    framework = str(rc.get("framework", "")).lower()
    communicator = str(rc.get("communicator", "")).lower()
    nodes = rc.get("nodeCount") or 1
    if framework == "pytorch" or communicator == "nccl" and framework != "python":
        total = (rc.get("pytorch") or {}).get("processCount") or nodes
        if total % nodes:
            return {"type": "pytorch", "process_count_total": total}
        return {"type": "pytorch", "process_count_per_instance": total // nodes}
    if framework == "tensorflow" or communicator == "parameterserver":
        section = rc.get("tensorflow") or {}
        return {"type": "tensorflow", "worker_count": section.get("workerCount"),
                "parameter_server_count": section.get("parameterServerCount")}
    if communicator in ("intelmpi", "mpi", "openmpi"):
        return {"type": "mpi", "process_count_per_instance": (rc.get("mpi") or {}).get("processCountPerNode")}
    if communicator in ("none", ""):
        return None
    return {"type": f"v1-{framework}-{communicator}"}


def _v1_unmodelled(rc: dict, references: Dict[str, dict], used: set, used_data: set) -> Dict[str, Any]:
    env = rc.get("environment") or {}
    docker_env = env.get("docker") or {}
    registry = docker_env.get("baseImageRegistry") or {}
    found: Dict[str, Any] = {}
    _not_default(found, "v1.data", {name: value for name, value in (rc.get("data") or {}).items()
                                    if name not in used_data}, {})
    _not_default(found, "v1.outputData", rc.get("outputData") or {}, {})
    _not_default(found, "v1.datacaches", rc.get("datacaches") or [], [])
    _not_default(found, "v1.sourceDirectoryDataStore", rc.get("sourceDirectoryDataStore"), None)
    _not_default(found, "v1.credentialPassthrough", bool(rc.get("credentialPassthrough")), False)
    _not_default(found, "v1.priority", rc.get("priority"), None)
    _not_default(found, "v1.history", rc.get("history"), _V1_HISTORY)
    _not_default(found, "v1.docker.arguments", (rc.get("docker") or {}).get("arguments") or [], [])
    if rc.get("target") == "local":
        _not_default(found, "v1.docker.useDocker", (rc.get("docker") or {}).get("useDocker"), True)
    if rc.get("target") == "amlcompute":
        found["v1.amlcompute"] = rc.get("amlcompute")
    _not_default(found, "v1.environment.docker.baseDockerfile", docker_env.get("baseDockerfile"), None)
    _not_default(found, "v1.environment.docker.buildContext", docker_env.get("buildContext"), None)
    for secret in ("username", "password", "registryIdentity"):
        _not_default(found, f"v1.environment.docker.baseImageRegistry.{secret}", registry.get(secret), None)
    _not_default(found, "v1.environment.python.interpreterPath",
                 (env.get("python") or {}).get("interpreterPath", "python"), "python")
    unused = {name: references[name] for name in references if name not in used}
    _not_default(found, "v1.dataReferences (not on the command line)", unused, {})
    return found


def v1_canonical(job: dict, *, assumptions: bool = True) -> dict:
    """The canonical form of a v1 job serialized by ``sdk_jobs.jobs_of``."""
    if "submit_error" in job:  # the SDK refused to submit it: that refusal is the whole job
        return {"submit_error": job["submit_error"]}
    job = v1_tolerated(job, assumptions=assumptions)
    rc = job["run_config"]
    env = rc.get("environment") or {}
    python = env.get("python") or {}
    docker_env = env.get("docker") or {}
    references = rc.get("dataReferences") or {}
    data = rc.get("data") or {}
    used: set = set()
    used_data: set = set()
    if rc.get("command"):
        command = rc["command"]
        argv = shlex.split(" ".join(command) if isinstance(command, list) else command)
    else:
        argv = ["python", rc.get("script")] + [_v1_argument(a, references, used, assumptions, data, used_data)
                                               for a in rc.get("arguments") or []]
    address = (docker_env.get("baseImageRegistry") or {}).get("address")
    image = docker_env.get("baseImage")
    form = {
        "argv": argv,
        "code": job.get("snapshot"),
        "compute": rc.get("target"),
        "instance_count": rc.get("nodeCount") or 1,
        "distribution": _v1_distribution(rc),
        "image": f"{address.rstrip('/')}/{image}" if address and image else image,
        "conda": None if python.get("userManagedDependencies") else _conda(python.get("condaDependencies")),
        "environment_variables": rc.get("environmentVariables") or {},
        "shm_size": (rc.get("docker") or {}).get("shmSize"),
        "timeout": rc.get("maxRunDurationSeconds"),
        "sweep": None,
        "unmodelled": _v1_unmodelled(rc, references, used, used_data),
    }
    if "hyperdrive" in job:
        form["sweep"] = _v1_sweep(job["hyperdrive"], form, assumptions)
    return form


def _v1_sweep(dto: dict, form: dict, assumptions: bool = True) -> dict:
    generator = dto.get("generator_config") or {}
    space = generator.get("parameter_space") or {}
    for key in space:
        form["argv"] += [key, _param_token(parameter_name(key))]
    policy = dto.get("policy_config") or {}
    policy_type = _V1_POLICIES.get(policy.get("name"), f"v1-{policy.get('name')}")
    properties = dict(policy.get("properties") or {})
    if assumptions and policy_type == "truncation_selection" and properties.get("exclude_finished_jobs") is False:
        del properties["exclude_finished_jobs"]
    sampling = {"type": _V1_SAMPLING.get(str(generator.get("name")).upper(), generator.get("name")),
                **(generator.get("properties") or {})}
    metric = dto.get("primary_metric_config") or {}
    if dto.get("resume_from") or dto.get("resume_child_runs"):
        form["unmodelled"]["v1.hyperdrive.resume"] = [dto.get("resume_from"), dto.get("resume_child_runs")]
    return {
        "search_space": {parameter_name(key): value for key, value in space.items()},
        "objective": {"goal": str(metric.get("goal")).lower(), "primary_metric": metric.get("name")},
        "sampling": sampling,
        "policy": None if policy_type is None else {"type": policy_type, **properties},
        "max_total_trials": dto.get("max_total_jobs"),
        "max_concurrent_trials": dto.get("max_concurrent_jobs") or dto.get("max_total_jobs"),
        "timeout": dto["max_duration_minutes"] * 60 if dto.get("max_duration_minutes") is not None else None,
    }


# --------------------------------------------------------------------------- v2

_V2_REFERENCE = re.compile(r"\$\{\{(inputs|search_space)\.(\w+)\}\}")
_V2_MODES = {None: "ro_mount", "ReadOnlyMount": "ro_mount", "Download": "download",
             "ReadWriteMount": "rw_mount", "Direct": "direct", "EvalMount": "eval_mount",
             "EvalDownload": "eval_download"}
_V2_POLICY_FIELDS = {"evaluationInterval": "evaluation_interval", "delayEvaluation": "delay_evaluation",
                     "slackFactor": "slack_factor", "slackAmount": "slack_amount",
                     "truncationPercentage": "truncation_percentage"}
_V2_POLICIES = {"Bandit": "bandit", "MedianStopping": "median_stopping",
                "TruncationSelection": "truncation_selection"}


def _v2_input_text(value: dict) -> str:
    if value.get("jobInputType") == "literal":
        return str(value.get("value"))
    return _input_token(value.get("jobInputType"), value.get("uri"), _V2_MODES.get(value.get("mode"),
                        f"v2-{value.get('mode')}"), value.get("pathOnCompute"))


def _v2_argv(command: str, inputs: Dict[str, dict], used: set) -> List[str]:
    def substitute(found: "re.Match") -> str:
        kind, name = found.groups()
        if kind == "search_space":
            return _param_token(name)
        used.add(name)
        return _v2_input_text(inputs[name]) if name in inputs else found.group(0)
    return shlex.split(_V2_REFERENCE.sub(substitute, command))


def _v2_distribution(distribution: Optional[dict], instance_count: int) -> Optional[dict]:
    if not distribution:
        return None
    kind = distribution.get("distributionType")
    if kind == "PyTorch":
        return {"type": "pytorch", "process_count_per_instance": distribution.get("processCountPerInstance") or 1}
    if kind == "TensorFlow":
        return {"type": "tensorflow", "worker_count": distribution.get("workerCount") or instance_count,
                "parameter_server_count": distribution.get("parameterServerCount") or 0}
    if kind == "Mpi":
        return {"type": "mpi", "process_count_per_instance": distribution.get("processCountPerInstance")}
    return {"type": f"v2-{kind}", **distribution}


_V2_KNOWN_COMMAND = {"command", "codeId", "computeId", "properties", "experimentName", "isArchived", "inputs",
                     "outputs", "environmentId", "tags", "environmentVariables", "resources", "jobType",
                     "distribution", "limits", "displayName", "trial", "searchSpace", "samplingAlgorithm",
                     "earlyTermination", "objective"}


def v2_canonical(job: dict) -> dict:
    """The canonical form of a v2 job returned by ``sdk_v2_jobs.v2_jobs_of``."""
    body = job["properties"]
    sweep = body.get("jobType") == "Sweep"
    trial = body.get("trial") or {} if sweep else body
    inputs = body.get("inputs") or {}
    resources = body.get("resources") or {}
    local = bool((resources.get("properties") or {}).get("IsLocal"))
    environment = (job.get("environments") or {}).get(trial.get("environmentId"))
    unmodelled: Dict[str, Any] = {}
    if environment is None:
        unmodelled["v2.environmentId"] = trial.get("environmentId")
        environment = {}
    used: set = set()
    argv = _v2_argv(trial.get("command") or "", inputs, used)
    variables = dict(body.get("environmentVariables") or (trial.get("environmentVariables") or {}))
    if local and variables.get("AZUREML_COMPUTE_USE_COMMON_RUNTIME") == "true":
        del variables["AZUREML_COMPUTE_USE_COMMON_RUNTIME"]
    compute = "local" if local else body.get("computeId")
    if isinstance(compute, str) and compute.startswith("azureml:"):
        compute = compute[len("azureml:"):]
    instance_count = resources.get("instanceCount") or 1
    limits = body.get("limits") or {}
    for key in set(body) - _V2_KNOWN_COMMAND:
        _not_default(unmodelled, f"v2.{key}", body[key], None)
    _not_default(unmodelled, "v2.outputs", body.get("outputs") or {}, {})
    _not_default(unmodelled, "v2.properties", body.get("properties") or {}, {})
    for key in set(resources) - {"instanceCount", "shmSize", "properties"}:
        unmodelled[f"v2.resources.{key}"] = resources[key]
    _not_default(unmodelled, "v2.resources.properties",
                 {k: v for k, v in (resources.get("properties") or {}).items() if k != "IsLocal"}, {})
    for key in set(environment) - {"image", "condaFile", "isAnonymous", "isArchived", "osType"}:
        unmodelled[f"v2.environment.{key}"] = environment[key]
    _not_default(unmodelled, "v2.environment.osType", environment.get("osType"), None)
    _not_default(unmodelled, "v2.inputs (not in the command)",
                 {name: value for name, value in inputs.items() if name not in used}, {})
    conda = environment.get("condaFile")
    form = {
        "argv": argv,
        "code": trial.get("codeId"),
        "compute": compute,
        "instance_count": instance_count,
        "distribution": _v2_distribution(trial.get("distribution") or body.get("distribution"), instance_count),
        "image": environment.get("image"),
        "conda": _conda(yaml.safe_load(conda)) if isinstance(conda, str) else _conda(conda),
        "environment_variables": variables,
        "shm_size": resources.get("shmSize") or "2g",
        "timeout": seconds(limits.get("trialTimeout") if sweep else limits.get("timeout")),
        "sweep": _v2_sweep(body, limits) if sweep else None,
        "unmodelled": unmodelled,
    }
    if isinstance(form["code"], str):
        form["code"] = re.sub(r"^\./", "", form["code"]).rstrip("/") or "."
    return form


def _v2_sweep(body: dict, limits: dict) -> dict:
    policy = body.get("earlyTermination")
    sampling = dict(body.get("samplingAlgorithm") or {})
    sampling_type = str(sampling.pop("samplingAlgorithmType", "")).lower()
    objective = body.get("objective") or {}
    total = limits.get("maxTotalTrials") or 1000
    return {
        "search_space": body.get("searchSpace") or {},
        "objective": {"goal": str(objective.get("goal")).lower(), "primary_metric": objective.get("primaryMetric")},
        "sampling": {"type": sampling_type, **sampling},
        "policy": None if not policy else {
            "type": _V2_POLICIES.get(policy.get("policyType"), f"v2-{policy.get('policyType')}"),
            **{_V2_POLICY_FIELDS.get(key, key): value for key, value in policy.items() if key != "policyType"}},
        "max_total_trials": total,
        "max_concurrent_trials": limits.get("maxConcurrentTrials") or total,
        "timeout": seconds(limits.get("timeout")) if limits.get("timeout") else 5184000,
    }
