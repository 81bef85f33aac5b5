"""Whole-job proof harness: build jobs offline with the real Azure ML SDK and compare them whole.

Every rewrite ``azureml-migrate fix`` makes must be proven by the SDK itself: run the original
and the rewritten code (a module text that imports the real SDK), serialize the complete job
the SDK would submit for every interesting object, and compare everything.

- :func:`jobs_of` runs code in a prepared namespace and serializes its jobs;
- :func:`canonical` applies the one listed set of tolerated differences, :data:`TOLERANCES`;
- :func:`assert_same_job` compares two programs' jobs and reports a path-level diff.

The namespace offers ``ws`` (Workspace), ``ds`` (``mydatastore``), ``ds2`` (``mydatastore2``),
``cluster`` (AmlCompute ``gpu-cluster`` in ``eastus``) and ``exp`` (an Experiment whose
``submit`` records instead of contacting a service); ``Dataset.get_by_name`` and the dataset
factories give real datasets over those stores (``sdk_offline.dataset_service``); see
``tests/sdk_offline.py``.
"""

from __future__ import annotations

import copy
import json
import os
import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List

from sdk_offline import (OfflineViolation, dataset_service, datastore_service, no_network, quiet,
                         recording_experiment, workspace_objects, working_directory,
                         write_project)
from sdk_steps import serialize_step

__all__ = ["jobs_of", "canonical", "assert_same_job", "diff_jobs", "TOLERANCES", "Tolerance",
           "OfflineViolation", "refused_by_sdk"]


# --------------------------------------------------------------------------- serialization

def _plain(value):
    """JSON-shaped data; an object the service could not receive stays visible in the diff."""
    return json.loads(json.dumps(value, default=lambda o: f"<unserializable {type(o).__name__}: {o}>"))


def _snapshot(source_directory) -> str:
    """The snapshot root as a path relative to the workdir ('src' and './src' are one snapshot)."""
    return os.path.relpath(os.path.abspath(source_directory or "."))


def _script_run_config_job(src, workspace, experiment_name: str) -> dict:
    """What ``azureml.core.script_run_config.submit`` sends, up to the service call.

    Follows ``submit`` (``get_run_config_from_script_run``, ``credential_passthrough=False``,
    ``_update_args_and_io``) and ``_commands.start_run`` (``_setup_run``: target check, script
    path normalised against the snapshot and required to exist; ``_run_config_modification``;
    ``_serialize_run_config_to_dict`` as put in the request's "Configuration").
    """
    from azureml._execution import _commands
    from azureml._project.project import Project
    from azureml.core.script_run_config import _update_args_and_io, get_run_config_from_script_run

    run_config = get_run_config_from_script_run(src)
    run_config.credential_passthrough = False
    _update_args_and_io(workspace, run_config)
    project = object.__new__(Project)  # its constructor opens a snapshot client on the service
    project.__dict__.update(_workspace=workspace, directory=src.source_directory,
                            _project_path=os.path.abspath(src.source_directory or "."),
                            _experiment=None)
    setup = _commands._setup_run(project, run_config)
    _commands._run_config_modification(run_config)
    return _plain({
        "experiment": experiment_name,
        "snapshot": _snapshot(src.source_directory),
        "target_details": setup.custom_target_dict,
        "run_config": _commands._serialize_run_config_to_dict(run_config),
    })


def _estimator_job(estimator, workspace, experiment_name: str, submit_kwargs: dict) -> dict:
    """What ``Experiment.submit(estimator, **kwargs)`` sends.

    Runs the estimator's registered submit function (``_estimator_submit_method``: its
    overrides, including ``source_directory_data_store`` = the workspace blob store when
    ``node_count > 1``) and captures, at ``_fit``, the ScriptRunConfig that ``_submit`` would
    hand to ``Experiment.submit``; that one is serialized like any ScriptRunConfig.
    """
    from azureml.core._experiment_method import ExperimentSubmitRegistrar

    submit_function = ExperimentSubmitRegistrar.get_submit_function(estimator)
    captured = {}
    injects_store = (submit_kwargs.get("source_directory_data_store") is None
                     and estimator._estimator_config.source_directory_data_store is None
                     and estimator._estimator_config.node_count > 1)
    own_references = _own_data_references(estimator, submit_kwargs)

    def fit(fit_workspace, fit_experiment_name):
        src = estimator._get_script_run_config()
        captured["job"] = _script_run_config_job(src, fit_workspace, fit_experiment_name)

    estimator._fit = fit
    try:
        submit_function(estimator, workspace, experiment_name, **submit_kwargs)
    finally:
        del estimator._fit
    job = captured["job"]
    store = job["run_config"].get("sourceDirectoryDataStore")
    if injects_store and store:
        job[INJECTED_BY_SUBMIT] = {"sourceDirectoryDataStore": store,
                                   "dataReference": None if store in own_references else store}
    return job


#: Where :func:`_estimator_job` notes what the estimator's submit added on its own (facts N8):
#: the source-directory store, and its data reference unless the user's own inputs or
#: script_params reference the same key (then it is the user's and is compared).
INJECTED_BY_SUBMIT = "injected_by_estimator_submit"


def _own_data_references(estimator, submit_kwargs: dict) -> set:
    """Data-reference keys the user's constructor and submit arguments give the estimator,
    computed with the SDK's own ``_get_data_inputs``/``_get_data_configuration`` (no store)."""
    from azureml.train._estimator_helper import _get_data_configuration, _get_data_inputs

    own = set(estimator._estimator_config.data_references or {})
    if submit_kwargs.get("script_params") or submit_kwargs.get("inputs"):
        references, _datasets = _get_data_configuration(
            submit_kwargs.get("inputs"), *_get_data_inputs(submit_kwargs.get("script_params")), None)
        own |= set(references)
    return own


def _hyperdrive_job(config, workspace, experiment_name: str) -> dict:
    """What ``hyperdrive._search.search`` sends in its CreateExperimentDto, offline.

    The child runs' configuration comes from the SDK's own
    ``_get_platform_config_data_from_run_config`` (estimator or ScriptRunConfig → run
    configuration, ``_remove_duplicate_arguments``, run-based cluster settings,
    ``_update_args_and_io``, serialization); the remaining DTO fields are built as
    ``_search._create_experiment_dto`` builds them. Service address/scope and the snapshot id
    (service answers) are left out; the snapshot is recorded as its directory.
    """
    from azureml.train.restclients.hyperdrive.models import (
        CreateExperimentDto, CreateExperimentDtoGeneratorConfig, CreateExperimentDtoPolicyConfig,
        CreateExperimentDtoPrimaryMetricConfig, RunKey)

    platform_data = config._get_platform_config_data_from_run_config(workspace)
    run_config = platform_data["Definition"].pop("Overrides")
    platform_config = {"SubscriptionId": workspace.subscription_id,
                       "ResourceGroupName": workspace.resource_group,
                       "WorkspaceName": workspace.name, "ExperimentName": experiment_name,
                       **platform_data}
    run_keys = lambda keys: [RunKey.from_dict(k) for k in keys] if keys else None  # noqa: E731
    dto = CreateExperimentDto(
        generator_config=CreateExperimentDtoGeneratorConfig.from_dict(config._generator_config),
        max_concurrent_jobs=config._max_concurrent_runs, max_total_jobs=config._max_total_runs,
        max_duration_minutes=config._max_duration_minutes, platform=config._platform,
        platform_config=platform_config,
        policy_config=CreateExperimentDtoPolicyConfig.from_dict(config._policy_config),
        primary_metric_config=CreateExperimentDtoPrimaryMetricConfig.from_dict(
            config._primary_metric_config),
        resume_from=run_keys(config._resume_from), resume_child_runs=run_keys(config._resume_child_runs),
        user="nobody@example.com", name=experiment_name, debug_flag=config._debug_flag)
    return _plain({
        "snapshot": _snapshot(config.source_directory),
        "custom_run_id": config._custom_run_id,
        "hyperdrive": dto.serialize(),
        "run_config": run_config,
    })


def _job_kinds():
    from azureml.core import ScriptRunConfig
    from azureml.pipeline.steps import CommandStep, EstimatorStep, MpiStep, PythonScriptStep
    from azureml.train.estimator import MMLBaseEstimator
    from azureml.train.hyperdrive import HyperDriveConfig

    return MMLBaseEstimator, ScriptRunConfig, HyperDriveConfig, (
        EstimatorStep, MpiStep, CommandStep, PythonScriptStep)


def _serialize(obj, env: dict, submit_kwargs: dict):
    """The job for ``obj``, or None when it is not a kind the harness serializes."""
    estimator_kind, src_kind, hyperdrive_kind, step_kinds = _job_kinds()
    ws, experiment = env["ws"], env["exp"]
    if isinstance(obj, estimator_kind):
        return _estimator_job(obj, ws, experiment.name, submit_kwargs)
    if isinstance(obj, hyperdrive_kind):
        return _hyperdrive_job(obj, ws, experiment.name)
    if isinstance(obj, src_kind):
        return _script_run_config_job(obj, ws, experiment.name)
    if isinstance(obj, step_kinds):
        return _plain(serialize_step(obj, ws, experiment, env["default_ds"],
                                     {env["cluster"].name: env["cluster"]}))
    return None


def _serialize_variable(value, env: dict):
    """A variable's job; if the SDK refuses to submit it, that refusal is its job.

    (An EstimatorStep empties its estimator's target, facts Q11: the estimator variable can no
    longer be submitted, and both sides of a comparison must agree on that too.)
    """
    from azureml.exceptions import AzureMLException

    try:
        return _serialize(value, env, {})
    except OfflineViolation:
        raise
    except AzureMLException as refusal:  # the SDK refusing the job, never a harness bug
        message = getattr(refusal, "message", None) or str(refusal)
        return {"submit_error": f"{type(refusal).__name__}: {message}"}


def refused_by_sdk(error: BaseException) -> bool:
    """Whether ``error`` (escaping :func:`jobs_of`) is the SDK refusing what the code asked for.

    That is one of the SDK's own exception types (``AzureMLException``: ``TrainingException``,
    ``UserErrorException``, ``ComputeTargetException``...), raised inside the ``azureml``
    package while the job's own code was running. Anything else is no refusal but a bug to
    report: a ``TypeError`` from a call the class cannot take, a ``KeyError`` in this harness,
    an :class:`OfflineViolation`.
    """
    import azureml
    from azureml.exceptions import AzureMLException

    if not isinstance(error, AzureMLException) or isinstance(error, OfflineViolation):
        return False
    frames = traceback.extract_tb(error.__traceback__)
    sdk_roots = tuple(os.path.join(os.path.abspath(root), "") for root in azureml.__path__)
    return (bool(frames) and os.path.abspath(frames[-1].filename).startswith(sdk_roots)
            and any(Path(frame.filename).name == JOB_FILE for frame in frames))


#: the file name the job's code is compiled under, so its frames can be told from the harness's
JOB_FILE = "job.py"


def jobs_of(code: str, workdir: Path) -> Dict[str, dict]:
    """Run ``code`` offline against the real SDK and return its jobs, uncanonicalised.

    ``workdir`` receives ``src/train.py``, ``src/requirements.txt`` and ``src/environment.yml``
    (``sdk_offline.PROJECT_FILES``) and is the current directory while the code runs. Keys:
    each module-level variable holding an estimator, ScriptRunConfig, HyperDriveConfig or
    pipeline step (EstimatorStep, MpiStep, CommandStep, PythonScriptStep), by name; and
    ``submit:1``, ``submit:2``, ... for each ``exp.submit(...)``, serialized at submission.
    Raises :class:`OfflineViolation` if anything tried to use the network.
    """
    workdir = Path(workdir)
    write_project(workdir)
    jobs: Dict[str, dict] = {}
    with quiet(), no_network() as attempts, working_directory(workdir):
        env = workspace_objects()
        datastores = {d.name: d for d in (env["ds"], env["ds2"], env["default_ds"])}

        def record(config, tags, kwargs):
            job = _serialize(config, env, kwargs)
            if job is None:
                raise TypeError(f"exp.submit({type(config).__name__}) is not a job kind the harness knows")
            job["tags"] = _plain(tags)
            jobs[f"submit:{sum(k.startswith('submit:') for k in jobs) + 1}"] = job

        env["exp"] = recording_experiment(env["ws"], record)
        namespace = {"__name__": "__job__", **{k: env[k] for k in ("ws", "ds", "ds2", "cluster", "exp")}}
        with datastore_service(datastores), dataset_service(env["ws"], env["default_ds"]):
            exec(compile(code, str(workdir / JOB_FILE), "exec"), namespace)  # the test's own code
            for name, value in list(namespace.items()):
                job = None if name.startswith("__") else _serialize_variable(value, env)
                if job is not None:
                    jobs[name] = job
    if attempts:
        raise OfflineViolation(f"the job build tried to use the network: {attempts}")
    return jobs


# --------------------------------------------------------------------------- canonical form

@dataclass(frozen=True)
class Tolerance:
    """One tolerated difference: what it forgives, where that is established, and why."""
    name: str
    source: str
    why: str
    apply: Callable[[dict], None]
    assumption: bool = False


_RANDOM_DATA_REFERENCE = re.compile(r"[0-9a-f]{32}")  # str(uuid.uuid4().hex), data_reference.py
_DATA_REFERENCE_IN_TEXT = re.compile(r"(?<=\$AZUREML_DATAREFERENCE_)[0-9a-f]{32}(?![0-9a-f])")


def _walk_strings(value, visit):
    """Every dict key and string in document order, keys before their values."""
    if isinstance(value, dict):
        for key, item in value.items():
            visit(key)
            _walk_strings(item, visit)
    elif isinstance(value, list):
        for item in value:
            _walk_strings(item, visit)
    elif isinstance(value, str):
        visit(value)


def _rename_strings(value, rename):
    if isinstance(value, dict):
        return {rename(k): _rename_strings(v, rename) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename_strings(v, rename) for v in value]
    return rename(value) if isinstance(value, str) else value


def _stable_data_reference_names(job: dict) -> None:
    order: Dict[str, str] = {}

    def note(text):
        found = [text] if _RANDOM_DATA_REFERENCE.fullmatch(text) else _DATA_REFERENCE_IN_TEXT.findall(text)
        for name in found:
            order.setdefault(name, f"DATAREF_{len(order) + 1}")

    _walk_strings(job, note)

    def rename(text):
        if text in order:
            return order[text]
        return _DATA_REFERENCE_IN_TEXT.sub(lambda m: order.get(m.group(0), m.group(0)), text)

    renamed = _rename_strings(job, rename)
    job.clear()
    job.update(renamed)


def _run_configs(job: dict) -> List[dict]:
    return [job["run_config"]] if isinstance(job.get("run_config"), dict) else []


def _drop_environment_identity(job):
    for rc in _run_configs(job):
        if isinstance(rc.get("environment"), dict):
            rc["environment"].pop("name", None)
            rc["environment"].pop("version", None)


def _effective_environment_variables(job):
    for rc in _run_configs(job):
        env = rc.get("environment") or {}
        from_environment = env.pop("environmentVariables", None) or {}
        from_run_config = rc.get("environmentVariables") or {}
        clashes = {k for k in from_environment.keys() & from_run_config.keys()
                   if from_environment[k] != from_run_config[k]}
        if clashes:  # which one the service applies is not knowable offline: keep both visible
            env["environmentVariables"] = from_environment
            continue
        rc["environmentVariables"] = {**from_environment, **from_run_config}


def _default_max_run_duration(job):
    for rc in _run_configs(job):
        if rc.get("maxRunDurationSeconds") is None and "maxRunDurationSeconds" in rc:
            rc["maxRunDurationSeconds"] = 2592000  # ScriptRunConfig.MAX_DURATION_SECONDS_DEFAULT


def _implicit_source_directory_store(job):
    from sdk_offline import DEFAULT_DATASTORE

    injected = job.pop(INJECTED_BY_SUBMIT, None)
    if not injected:
        return
    store = injected["sourceDirectoryDataStore"]
    for rc in _run_configs(job):
        if rc.get("sourceDirectoryDataStore") == store == DEFAULT_DATASTORE:
            rc["sourceDirectoryDataStore"] = None
        references = rc.get("dataReferences") or {}
        key = injected["dataReference"]
        if key is not None and references.get(key) == _root_mount_of(store):
            del references[key]


def _root_mount_of(store: str) -> dict:
    """The exact reference ``_get_data_configuration`` adds for a source-directory store
    (``AbstractAzureStorageDatastore._get_data_reference().to_config()``, serialized)."""
    return {"dataStoreName": store, "pathOnDataStore": None, "mode": "mount", "overwrite": False,
            "pathOnCompute": None}


def _default_shm_size(job):
    from azureml.core.environment import _DEFAULT_SHM_SIZE

    for rc in _run_configs(job):
        docker = rc.get("docker") or {}
        if "shmSize" in docker and docker["shmSize"] is None:
            docker["shmSize"] = _DEFAULT_SHM_SIZE


def _spark_only_for_pyspark(job):
    for rc in _run_configs(job):
        if str(rc.get("framework", "")).lower() != "pyspark" and isinstance(rc.get("environment"), dict):
            rc["environment"].pop("spark", None)


def _amlcompute_only_for_run_based_compute(job):
    for rc in _run_configs(job):
        if rc.get("target") != "amlcompute":
            rc.pop("amlcompute", None)


def _full_build_for_prebuilt_image(job):
    from sdk_framework import expand_prebuilt_framework_image

    for rc in _run_configs(job):
        expand_prebuilt_framework_image(rc)


_MPI_FAMILY = {"mpi": "intelmpi", "intelmpi": "intelmpi"}


def _helper_spelling(job):
    for rc in _run_configs(job):
        communicator = str(rc.get("communicator", "")).lower()
        rc["communicator"] = _MPI_FAMILY.get(communicator, communicator)
        rc["framework"] = str(rc.get("framework", "")).lower()


def _estimator_step_as_python_script_step(job):
    module = job.get("module")
    if not isinstance(module, dict) or module.get("StepType") not in ("EstimatorStep", "MpiStep", "PythonScriptStep"):
        return
    module["StepType"] = "PythonScriptStep"
    for rc in _run_configs(job):
        rc["script"] = rc["target"] = None


def _drop_random_ids(job):
    for rc in _run_configs(job):
        amlcompute = rc.get("amlcompute") or {}
        if rc.get("target") == "amlcompute" and amlcompute.get("name"):
            amlcompute["name"] = "<hyperdrive cluster>"
    if "node" in job:
        job["node"].pop("Id", None)
        job.get("module", {}).pop("IdentifierHash", None)


TOLERANCES: List[Tolerance] = [
    Tolerance(
        "random data-reference names", "DESIGN.md (quality bars); azureml/data/data_reference.py",
        "DataReference() without a name takes str(uuid4().hex): every build names it anew. Names "
        "are mapped to DATAREF_1, DATAREF_2... in order of first appearance in the job (keys, "
        "$AZUREML_DATAREFERENCE_<name> text, name fields), so each reference still has to be "
        "bound and used in the same places on both sides.",
        _stable_data_reference_names),
    Tolerance(
        "other SDK-generated ids", "hyperdrive/runconfig.py _set_amlcompute_runconfig_properties; "
        "pipeline/core/graph.py _generate_node_id; _module_builder.calculate_hash",
        "HyperDrive names its run-based cluster str(uuid4()); a graph node id is uuid4()[:8]; a "
        "module's IdentifierHash is a hash of the module definition (which embeds the random "
        "data-reference names) and the snapshot, both compared field by field.",
        _drop_random_ids),
    Tolerance(
        "environment name and version", "facts N6",
        "They label the environment (registration key); its contents are compared in full.",
        _drop_environment_identity),
    Tolerance(
        "effective runtime environment variables", "facts 3.2 and section 7 (environment.py:1042)",
        "Environment.environment_variables and RunConfiguration.environment_variables both set "
        "variables of the run's process; the SDK deprecates the first 'Use "
        "RunConfiguration.environment_variables to set runtime variables', which is where "
        "PyTorch's implicit NCCL_TREE_THRESHOLD=0 must move. The two are merged (None = {}); "
        "every variable and value is still compared, and a name set to different values in "
        "the two places is left unmerged.",
        _effective_environment_variables),
    Tolerance(
        "max_run_duration_seconds None == 2592000", "facts N3",
        "The Estimator leaves it unset, ScriptRunConfig sends its default 2592000 (30 days), "
        "the service's own limit.",
        _default_max_run_duration),
    Tolerance(
        "workspace blob store as source-directory store", "facts N8; _estimator_helper._estimator_submit_method",
        "For node_count > 1 the Estimator's submit silently makes the workspace default blob "
        "store the source_directory_data_store (and adds its data reference); ScriptRunConfig "
        "does not. It is where the service keeps the project files for the nodes, not what the "
        "script sees. Only what that submit added on its own is dropped, as the harness observed "
        "it: the store name, and the reference only when no input or script_params of the user "
        "has the same key and it has exactly the injected shape (the store's root, mounted). A "
        "user's own ws.get_default_datastore().as_mount() is compared like any reference.",
        _implicit_source_directory_store),
    Tolerance(
        "docker shm_size None == the SDK default", "DockerConfiguration docstring (runconfig.py); facts 3.2",
        "The SDK documents DockerConfiguration.shm_size 'If not set, the default "
        "azureml.core.environment._DEFAULT_SHM_SIZE is used' ('2g'). The Estimator leaves it "
        "None, ScriptRunConfig sends '2g'. Any explicit size is still compared.",
        _default_shm_size),
    Tolerance(
        "environment.spark outside PySpark jobs", "facts N15, 3.2",
        "Every estimator sets environment.spark.precache_packages=False; the spark section is "
        "only read for framework PySpark, so it is compared only there.",
        _spark_only_for_pyspark),
    Tolerance(
        "amlcompute section outside run-based compute", "facts N14; _commands._setup_run",
        "The amlcompute section (vm_size, priority, cluster max node count) describes the "
        "cluster the service creates for target 'amlcompute'; the SDK only reads it for that "
        "target (the Estimator fills cluster_max_node_count=node_count for every target). "
        "It is compared whenever the target is 'amlcompute'; node_count itself always is.",
        _amlcompute_only_for_run_based_compute),
    Tolerance(
        "prebuilt framework image = full build of its scenario", "facts N7, section 4",
        "A framework estimator on an AmlCompute in a cached region without user packages runs "
        "viennaprivate.azurecr.io/<fw>:<ver>-<cpu|gpu> with user-managed dependencies; it is "
        "replaced by what the SDK's own full-build path builds from the same scenario file. "
        "That the prebuilt image contains that build is NOT verifiable offline: rewrites that "
        "rely on this are labelled unsafe.",
        _full_build_for_prebuilt_image, assumption=True),
    Tolerance(
        "communicator and framework spelling", "facts N1, Q9",
        "The deprecated helpers spell what their replacements spell otherwise: train.Mpi() sends "
        "communicator 'Mpi' with framework 'python' (MpiConfiguration: 'IntelMpi', 'Python'), "
        "Nccl() 'Nccl'/'pytorch' (PyTorchConfiguration: 'nccl'/'PyTorch'), ParameterServer() "
        "framework 'tensorflow' (TensorflowConfiguration: 'TensorFlow'). The SDK's own deprecation "
        "messages map each helper to its replacement; that the service reads the spellings alike "
        "cannot be checked offline. Everything else in the distribution sections is compared.",
        _helper_spelling, assumption=True),
    Tolerance(
        "EstimatorStep node = PythonScriptStep node", "pipeline/steps/estimator_step.py, mpi_step.py __init__",
        "EstimatorStep and MpiStep are PythonScriptStep subclasses that pass an estimator's "
        "script, source directory and run configuration on; their nodes differ only in the "
        "StepType label and in the run configuration's script and target (EstimatorStep blanked "
        "them), while the node's own script_name and compute_target say which script runs where. "
        "That the service reads the label only for display cannot be checked offline.",
        _estimator_step_as_python_script_step, assumption=True),
]


def canonical(job: dict, *, assumptions: bool = True) -> dict:
    """``job`` with every :data:`TOLERANCES` entry applied (a new dict; ``job`` is untouched).

    ``assumptions=False`` leaves out the entries marked as assumptions, to prove that a rewrite
    labelled safe does not rely on one.
    """
    result = copy.deepcopy(job)
    for tolerance in TOLERANCES:
        if assumptions or not tolerance.assumption:
            tolerance.apply(result)
    return result


# --------------------------------------------------------------------------- comparison

def diff_jobs(before, after, path: str = "") -> List[str]:
    """Every path where two canonical jobs differ, as ``path: before != after`` lines."""
    if isinstance(before, dict) and isinstance(after, dict):
        lines = []
        for key in list(before) + [k for k in after if k not in before]:
            where = f"{path}.{key}" if path else str(key)
            if key not in after:
                lines.append(f"{where}: only before: {before[key]!r}")
            elif key not in before:
                lines.append(f"{where}: only after: {after[key]!r}")
            else:
                lines.extend(diff_jobs(before[key], after[key], where))
        return lines
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [line for i, (b, a) in enumerate(zip(before, after))
                for line in diff_jobs(b, a, f"{path}[{i}]")]
    return [] if before == after and type(before) is type(after) else [f"{path}: {before!r} != {after!r}"]


def assert_same_job(before: str, after: str, workdir: Path, *, assumptions: bool = True) -> None:
    """Raise AssertionError naming every differing field unless both programs submit the same jobs
    (and at least one: two programs without a job prove nothing)."""
    workdir = Path(workdir)
    jobs_before = jobs_of(before, workdir / "before")
    jobs_after = jobs_of(after, workdir / "after")
    if not jobs_before:
        raise AssertionError("no job to compare: the original builds none, so nothing would be proven")
    if jobs_before.keys() != jobs_after.keys():
        raise AssertionError(f"different jobs: before has {sorted(jobs_before)}, "
                             f"after has {sorted(jobs_after)}")
    lines = []
    for key in jobs_before:
        lines.extend(diff_jobs(canonical(jobs_before[key], assumptions=assumptions),
                               canonical(jobs_after[key], assumptions=assumptions), key))
    if lines:
        raise AssertionError("the jobs differ:\n  " + "\n  ".join(lines))
