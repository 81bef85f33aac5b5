"""Self-tests of the whole-job proof harness (tests/sdk_jobs.py).

Pairs from facts section 3.3 that are the same job must compare equal; pairs that differ in
exactly one behaviour must fail with a message naming that field. Everything runs the real SDK
offline.
"""

from __future__ import annotations

import copy
import re
import socket
import sys
from pathlib import Path

import pytest

pytest.importorskip("azureml.core")
pytest.importorskip("azureml.train.estimator")
pytest.importorskip("azureml.pipeline.steps")

sys.path.insert(0, str(Path(__file__).parent))

from sdk_jobs import (INJECTED_BY_SUBMIT, OfflineViolation, TOLERANCES, assert_same_job,  # noqa: E402
                      canonical, diff_jobs, jobs_of, refused_by_sdk)

IMPORTS = """\
from azureml.core import Environment, ScriptRunConfig
from azureml.core.conda_dependencies import CondaDependencies
from azureml.core.runconfig import DockerConfiguration, MpiConfiguration
from azureml.train.estimator import Estimator
from azureml.train.dnn import PyTorch
"""

PIP_BEFORE = IMPORTS + """
est = Estimator(source_directory='src', entry_script='train.py', compute_target='local',
                pip_packages=['tqdm', 'numpy==1.24.4'])
"""
PIP_AFTER = IMPORTS + """
env = Environment('train-env')
cd = CondaDependencies()
cd.add_pip_package('tqdm')
cd.add_pip_package('numpy==1.24.4')
env.python.conda_dependencies = cd
est = ScriptRunConfig(source_directory='src', script='train.py', compute_target='local',
                      environment=env, docker_runtime_config=DockerConfiguration(use_docker=True))
"""

SHM_BEFORE = IMPORTS + """
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                shm_size='16g')
"""
SHM_AFTER = IMPORTS + """
est = ScriptRunConfig(source_directory='src', script='train.py', compute_target=cluster,
                      environment=Environment('train-env'),
                      docker_runtime_config=DockerConfiguration(use_docker=True, shm_size='16g'))
"""

ENV_VARS_BEFORE = IMPORTS + """
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                environment_variables={'MY_FLAG': '1'})
"""
ENV_VARS_AFTER = IMPORTS + """
est = ScriptRunConfig(source_directory='src', script='train.py', compute_target=cluster,
                      environment=Environment('train-env'),
                      docker_runtime_config=DockerConfiguration(use_docker=True))
est.run_config.environment_variables = {'MY_FLAG': '1'}
"""

MPI_BEFORE = IMPORTS + """
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                node_count=2, distributed_training=MpiConfiguration(process_count_per_node=4))
"""
MPI_AFTER = IMPORTS + """
est = ScriptRunConfig(source_directory='src', script='train.py', compute_target=cluster,
                      environment=Environment('train-env'),
                      docker_runtime_config=DockerConfiguration(use_docker=True),
                      distributed_job_config=MpiConfiguration(process_count_per_node=4))
est.run_config.node_count = 2
"""

PYTORCH_BEFORE = IMPORTS + """
est = PyTorch(source_directory='src', entry_script='train.py', compute_target='local',
              framework_version='1.6')
"""
PYTORCH_AFTER = IMPORTS + """
env = Environment('pytorch-1.6-cpu')
cd = CondaDependencies()
cd.set_python_version('3.6.2')
for package in ['torch==1.6.0', 'torchvision==0.5.0', 'horovod==0.19.5', 'tensorboard==1.14.0',
                'future==0.17.1']:
    cd.add_pip_package(package)
env.python.conda_dependencies = cd
env.docker.base_image = 'mcr.microsoft.com/azureml/openmpi3.1.2-ubuntu16.04'
est = ScriptRunConfig(source_directory='src', script='train.py', compute_target='local',
                      environment=env, docker_runtime_config=DockerConfiguration(use_docker=True))
est.run_config.environment_variables = {'NCCL_TREE_THRESHOLD': '0'}
"""

DATA_BEFORE = IMPORTS + """
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                script_params={'--data': ds.path('x').as_mount()})
"""
DATA_AFTER = IMPORTS + """
dr = ds.path('x').as_mount()
est = ScriptRunConfig(source_directory='src', script='train.py', compute_target=cluster,
                      arguments=['--data', str(dr)], environment=Environment('train-env'),
                      docker_runtime_config=DockerConfiguration(use_docker=True))
est.run_config.data_references[dr.data_reference_name] = dr.to_config()
"""

ROOT_MOUNT_BEFORE = IMPORTS + """
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                node_count=2, distributed_training=MpiConfiguration(process_count_per_node=4),
                script_params={'--data': ws.get_default_datastore().as_mount()})
"""
ROOT_MOUNT_AFTER = IMPORTS + """
dr = ws.get_default_datastore().as_mount()
est = ScriptRunConfig(source_directory='src', script='train.py', compute_target=cluster,
                      arguments=['--data', str(dr)], environment=Environment('train-env'),
                      docker_runtime_config=DockerConfiguration(use_docker=True),
                      distributed_job_config=MpiConfiguration(process_count_per_node=4))
est.run_config.node_count = 2
est.run_config.data_references[dr.data_reference_name] = dr.to_config()
"""

SAME_JOB_PAIRS = {
    "pip_packages": (PIP_BEFORE, PIP_AFTER),
    "shm_size": (SHM_BEFORE, SHM_AFTER),
    "environment_variables": (ENV_VARS_BEFORE, ENV_VARS_AFTER),
    "mpi distributed": (MPI_BEFORE, MPI_AFTER),
    "pytorch scenario": (PYTORCH_BEFORE, PYTORCH_AFTER),
    "data reference": (DATA_BEFORE, DATA_AFTER),
    "the user's root mount of the default store, multi-node": (ROOT_MOUNT_BEFORE, ROOT_MOUNT_AFTER),
}


@pytest.mark.parametrize("name", SAME_JOB_PAIRS)
def test_rewrites_that_are_the_same_job_compare_equal(name, tmp_path):
    before, after = SAME_JOB_PAIRS[name]
    assert_same_job(before, after, tmp_path)


def _one_change(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


BROKEN_REWRITES = {
    "NCCL env var dropped": (
        PYTORCH_BEFORE,
        _one_change(PYTORCH_AFTER, "est.run_config.environment_variables = {'NCCL_TREE_THRESHOLD': '0'}\n", ""),
        "est.run_config.environmentVariables.NCCL_TREE_THRESHOLD: only before: '0'"),
    "data reference not registered": (
        DATA_BEFORE,
        _one_change(DATA_AFTER, "est.run_config.data_references[dr.data_reference_name] = dr.to_config()\n", ""),
        "est.run_config.dataReferences.DATAREF_1: only before"),
    "use_docker lost on local": (
        PIP_BEFORE,
        _one_change(PIP_AFTER, ", docker_runtime_config=DockerConfiguration(use_docker=True)", ""),
        "est.run_config.docker.useDocker: True != False"),
    "shm_size lost": (
        SHM_BEFORE,
        _one_change(SHM_AFTER, ", shm_size='16g'", ""),
        "est.run_config.docker.shmSize: '16g' != '2g'"),
    "pip package missing": (
        PIP_BEFORE,
        _one_change(PIP_AFTER, "cd.add_pip_package('tqdm')\n", ""),
        "est.run_config.environment.python.condaDependencies.dependencies[1].pip: "
        "['azureml-defaults', 'tqdm', 'numpy==1.24.4'] != ['azureml-defaults', 'numpy==1.24.4']"),
    "the user's root mount of the default store dropped (multi-node)": (
        ROOT_MOUNT_BEFORE,
        _one_change(ROOT_MOUNT_AFTER, "est.run_config.data_references[dr.data_reference_name] = dr.to_config()\n", ""),
        "est.run_config.dataReferences.workspaceblobstore: only before"),
    "node count put inside the MPI section": (
        MPI_BEFORE,
        _one_change(MPI_AFTER, "MpiConfiguration(process_count_per_node=4)",
                    "MpiConfiguration(process_count_per_node=4, node_count=2)"),
        "est.run_config.mpi.nodeCount: 1 != 2"),
    "node_count different": (
        MPI_BEFORE,
        _one_change(MPI_AFTER, "node_count = 2", "node_count = 3"),
        "est.run_config.nodeCount: 2 != 3"),
}


@pytest.mark.parametrize("name", BROKEN_REWRITES)
def test_a_rewrite_that_changes_one_behaviour_fails_naming_it(name, tmp_path):
    before, after, expected = BROKEN_REWRITES[name]
    with pytest.raises(AssertionError) as failure:
        assert_same_job(before, after, tmp_path)
    assert expected in str(failure.value)


def test_every_broken_rewrite_differs_in_exactly_one_field(tmp_path):
    """The failing pairs above are single-behaviour changes, not accidents of the harness."""
    for name, (before, after, _expected) in BROKEN_REWRITES.items():
        with pytest.raises(AssertionError) as failure:
            assert_same_job(before, after, tmp_path / name.replace(" ", "_"))
        diff_lines = str(failure.value).splitlines()[1:]
        assert len(diff_lines) == 1, (name, diff_lines)


def test_random_data_reference_names_compare_equal(tmp_path):
    code = IMPORTS + """
dr = ds.path('x').as_mount()
src = ScriptRunConfig(source_directory='src', script='train.py', arguments=['--data', str(dr)])
src.run_config.data_references[dr.data_reference_name] = dr.to_config()
"""
    first, second = jobs_of(code, tmp_path / "a")["src"], jobs_of(code, tmp_path / "b")["src"]
    assert first["run_config"]["dataReferences"] != second["run_config"]["dataReferences"]
    assert canonical(first) == canonical(second)
    assert canonical(first)["run_config"]["arguments"] == ["--data", "$AZUREML_DATAREFERENCE_DATAREF_1"]


def test_data_references_swapped_between_arguments_do_not_compare_equal(tmp_path):
    before = IMPORTS + """
a, b = ds.path('x').as_mount(), ds2.path('y').as_mount()
src = ScriptRunConfig(source_directory='src', script='train.py',
                      arguments=['--train', str(a), '--test', str(b)])
src.run_config.data_references = {a.data_reference_name: a.to_config(), b.data_reference_name: b.to_config()}
"""
    after = _one_change(before, "['--train', str(a), '--test', str(b)]", "['--train', str(b), '--test', str(a)]")
    with pytest.raises(AssertionError, match="dataReferences"):
        assert_same_job(before, after, tmp_path)


def test_a_job_present_on_one_side_only_fails(tmp_path):
    extra = SHM_AFTER + "other = ScriptRunConfig(source_directory='src', script='train.py')\n"
    with pytest.raises(AssertionError, match="other"):
        assert_same_job(SHM_BEFORE, extra, tmp_path)


def test_submissions_are_recorded_in_order_and_compared(tmp_path):
    before = SHM_BEFORE + "exp.submit(est)\n"
    after = SHM_AFTER + "exp.submit(est)\n"
    assert_same_job(before, after, tmp_path)
    jobs = jobs_of(before + "exp.submit(est, tags={'a': '1'})\n", tmp_path / "twice")
    assert [k for k in jobs if k.startswith("submit:")] == ["submit:1", "submit:2"]
    assert jobs["submit:2"]["tags"] == {"a": "1"}
    with pytest.raises(AssertionError, match="submit:1.run_config.docker.shmSize"):
        assert_same_job(before, _one_change(after, ", shm_size='16g'", ""), tmp_path / "broken")


def test_submit_serializes_at_submission_time(tmp_path):
    code = SHM_AFTER + "exp.submit(est)\nest.run_config.node_count = 5\n"
    jobs = jobs_of(code, tmp_path)
    assert jobs["submit:1"]["run_config"]["nodeCount"] == 1
    assert jobs["est"]["run_config"]["nodeCount"] == 5


def test_multi_node_estimator_submission_uses_the_workspace_blob_store(tmp_path):
    """_estimator_submit_method: node_count > 1 sets source_directory_data_store (facts N8)."""
    job = jobs_of(MPI_BEFORE, tmp_path)["est"]
    assert job["run_config"]["sourceDirectoryDataStore"] == "workspaceblobstore"
    assert job["run_config"]["dataReferences"]["workspaceblobstore"]["dataStoreName"] == "workspaceblobstore"
    assert canonical(job)["run_config"]["sourceDirectoryDataStore"] is None
    assert canonical(job)["run_config"]["dataReferences"] == {}
    single = jobs_of(MPI_BEFORE.replace("node_count=2", "node_count=1"), tmp_path / "one")["est"]
    assert single["run_config"]["sourceDirectoryDataStore"] is None


def test_a_network_attempt_fails_loudly(tmp_path):
    code = "import socket\ntry:\n    socket.create_connection(('example.com', 80))\nexcept Exception:\n    pass\n"
    with pytest.raises(OfflineViolation):
        jobs_of(code, tmp_path)
    assert socket.create_connection.__name__ == "create_connection"  # restored afterwards


def test_prebuilt_framework_image_is_expanded_only_as_an_assumption(tmp_path):
    """N7: PyTorch on an AmlCompute uses a prebuilt image; its full build is the scenario's."""
    before = PYTORCH_BEFORE.replace("compute_target='local'", "compute_target=cluster")
    after = PYTORCH_AFTER.replace("compute_target='local'", "compute_target=cluster")
    assert jobs_of(before, tmp_path / "raw")["est"]["run_config"]["environment"]["docker"]["baseImage"] \
        == "pytorch:1.6-cpu"
    assert_same_job(before, after, tmp_path / "assumed")
    with pytest.raises(AssertionError, match="baseImage"):
        assert_same_job(before, after, tmp_path / "strict", assumptions=False)
    assert [t.name for t in TOLERANCES if t.assumption] == [
        "prebuilt framework image = full build of its scenario",
        "communicator and framework spelling",
        "EstimatorStep node = PythonScriptStep node"]


HYPERDRIVE = IMPORTS + """
from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, PrimaryMetricGoal, choice
sampling = RandomParameterSampling({'lr': choice(0.01, 0.1)})
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                script_params={ARGS})
hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=sampling, primary_metric_name='acc',
                      primary_metric_goal=PrimaryMetricGoal.MAXIMIZE, max_total_runs=4)
"""


def _hyperdrive_rewrite(arguments: str) -> str:
    return (HYPERDRIVE.replace("script_params={ARGS}", "script_params={}")
            .replace("hd = HyperDriveConfig(estimator=est,", f"""hd = HyperDriveConfig(
    run_config=ScriptRunConfig(source_directory='src', script='train.py', compute_target=cluster,
                               arguments={arguments}, environment=Environment('train-env'),
                               docker_runtime_config=DockerConfiguration(use_docker=True)),"""))


def _hyperdrive_diff(before: str, after: str, workdir: Path):
    """Differences of the HyperDrive job alone (the estimator variables differ on purpose)."""
    job_before, job_after = jobs_of(before, workdir / "b")["hd"], jobs_of(after, workdir / "a")["hd"]
    return diff_jobs(canonical(job_before), canonical(job_after), "hd")


def test_hyperdrive_jobs_include_child_arguments_after_duplicate_removal(tmp_path):
    before = HYPERDRIVE.replace("{ARGS}", "{'--lr': 0.5, '--epochs': 3}")
    job = jobs_of(before, tmp_path / "raw")["hd"]
    assert job["run_config"]["arguments"] == ["--epochs", 3]  # '--lr' is in the parameter space
    assert job["hyperdrive"]["primary_metric_config"] == {"goal": "maximize", "name": "acc"}
    assert job["hyperdrive"]["max_total_jobs"] == 4
    assert _hyperdrive_diff(before, _hyperdrive_rewrite("['--epochs', 3]"), tmp_path / "same") == []
    # HyperDriveConfig(run_config=...) keeps duplicated arguments (facts section 2)
    assert _hyperdrive_diff(before, _hyperdrive_rewrite("['--lr', 0.5, '--epochs', 3]"),
                            tmp_path / "dup") == [
        "hd.run_config.arguments: ['--epochs', 3] != ['--lr', 0.5, '--epochs', 3]"]


STEP = IMPORTS + """
from azureml.pipeline.core import PipelineData
from azureml.pipeline.steps import PythonScriptStep
out = PipelineData('out', datastore=ds)
dr = ds.path('x').as_mount()
step = PythonScriptStep(name='train', script_name='train.py', source_directory='src',
                        arguments=['--data', dr, '--out', out], inputs=[dr], outputs=[out],
                        compute_target=cluster, allow_reuse=True)
"""


def test_pipeline_steps_are_serialized_with_module_node_and_edges(tmp_path):
    job = canonical(jobs_of(STEP, tmp_path / "raw")["step"])
    assert job["snapshot"] == "snapshot:src"
    assert job["module"]["IsDeterministic"] is True
    assert [e["bound_to"]["dataStoreName"] for e in job["edges"]] == ["mydatastore"]
    arguments = job["module"]["StructuredInterface"]["Arguments"]
    assert [a["ValueType"] for a in arguments] == ["Literal", "Input", "Literal", "Output"]
    assert_same_job(STEP, STEP, tmp_path / "same")
    with pytest.raises(AssertionError, match="step.module.IsDeterministic: True != False"):
        assert_same_job(STEP, _one_change(STEP, "allow_reuse=True", "allow_reuse=False"), tmp_path / "reuse")
    with pytest.raises(AssertionError, match="step.edges"):
        assert_same_job(STEP, _one_change(STEP, "ds.path('x')", "ds.path('y')"), tmp_path / "path")


def test_an_estimator_emptied_by_an_estimator_step_records_the_sdk_refusal(tmp_path):
    """Facts Q11: EstimatorStep sets its estimator's target to None; submitting it then fails."""
    code = IMPORTS + """
from azureml.pipeline.steps import EstimatorStep
est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster)
step = EstimatorStep(name='train', estimator=est, estimator_entry_script_arguments=[], compute_target=cluster)
"""
    jobs = jobs_of(code, tmp_path)
    assert "Must specify a target" in jobs["est"]["submit_error"]
    assert canonical(jobs["step"], assumptions=False)["run_config"]["script"] == "train.py"


def _escaping_error(code: str, workdir: Path) -> BaseException:
    with pytest.raises(Exception) as failure:
        jobs_of(IMPORTS + code, workdir)
    return failure.value


def test_only_the_sdk_refusing_the_code_counts_as_a_refusal(tmp_path):
    """What the fuzz test may skip: the SDK's own exception from its own validation, nothing else."""
    refusal = _escaping_error("Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,"
                              " node_count=2)\n", tmp_path / "sdk")
    assert type(refusal).__name__ == "TrainingException" and refused_by_sdk(refusal)
    not_taken = _escaping_error("from azureml.train.sklearn import SKLearn\n"
                                "SKLearn(source_directory='src', entry_script='train.py', node_count=2)\n",
                                tmp_path / "typeerror")
    assert isinstance(not_taken, TypeError) and not refused_by_sdk(not_taken)
    raised_by_the_code = _escaping_error("from azureml.exceptions import TrainingException\n"
                                         "raise TrainingException('not the SDK')\n", tmp_path / "own")
    assert type(raised_by_the_code).__name__ == "TrainingException" and not refused_by_sdk(raised_by_the_code)
    with pytest.raises(OfflineViolation) as offline:
        jobs_of("import socket\nsocket.create_connection(('example.com', 80))\n", tmp_path / "net")
    assert not refused_by_sdk(offline.value)


# --------------------------------------------------------------------------- the harness, broken on purpose

MUTATED_PROGRAMS = {
    "estimator with a data reference": DATA_BEFORE,
    "multi-node MPI estimator": MPI_BEFORE,
    "user's root mount, multi-node": ROOT_MOUNT_BEFORE,
    "PyTorch on local": PYTORCH_BEFORE,
    "HyperDrive": HYPERDRIVE.replace("{ARGS}", "{'--lr': 0.5, '--epochs': 3}"),
    "PythonScriptStep": STEP,
}
#: every field a mutation may change without the comparison noticing, and the tolerance that says so
FORGIVEN = {
    "run_config.environment.name": "environment name and version",
    "run_config.environment.version": "environment name and version",
    **{f"run_config.environment.spark.{field}": "environment.spark outside PySpark jobs"
       for field in ("repositories", "packages", "precachePackages")},
    **{f"run_config.amlcompute.{field}": "amlcompute section outside run-based compute"
       for field in ("vmSize", "vmPriority", "retainCluster", "name", "clusterMaxNodeCount")},
    "node.Id": "other SDK-generated ids",
    "module.IdentifierHash": "other SDK-generated ids",
}
#: forgiven only with the assumptions (a pipeline step's run configuration names no script/target)
FORGIVEN_AS_ASSUMPTION = {"run_config.script": "EstimatorStep node = PythonScriptStep node",
                          "run_config.target": "EstimatorStep node = PythonScriptStep node"}


#: fields a tolerance moves before comparing ("effective runtime environment variables")
MOVED = {"run_config.environment.environmentVariables.": "run_config.environmentVariables."}


#: fields whose absence a tolerance reads as their default: the same job
DELETION_FORGIVEN = {"run_config.environmentVariables": "effective runtime environment variables (absent == {})",
                     "run_config.maxRunDurationSeconds": "max_run_duration_seconds None == 2592000"}
_RANDOM_NAME = re.compile(r"[0-9a-f]{32}|DATAREF_[0-9]+")


def _names(line: str, key: str, where: str) -> bool:
    """Whether a diff line names the field at ``where`` or the entry holding it (a reference
    that lost its injected shape is reported whole); data-reference names are random."""
    reported = line.split(": ", 1)[0]
    for old, new in MOVED.items():
        if where.startswith(old):
            where = new + where[len(old):]
    reported, where = _RANDOM_NAME.sub("NAME", reported), _RANDOM_NAME.sub("NAME", f"{key}.{where}")
    return "refused it" in line or where == reported or reported.startswith(where + ".") or (
        where.startswith(reported + ".") and reported.count(".") >= 3)


def _dotted(path) -> str:
    """A path as diff_jobs writes it: ``run_config.arguments[0]``."""
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path).lstrip(".")


def _leaves(value, path=()):
    if isinstance(value, dict) and value:
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path, value


def _mutation(value):
    """A different value of the same kind where there is one."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    if isinstance(value, str):
        return value + "~"
    return {"mutated": "1"} if value in ({}, None) else ["mutated"]


def _replaced(job, path, value):
    mutated = copy.deepcopy(job)
    target = mutated
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return mutated


def _differences(before, after, key, assumptions):
    try:
        return diff_jobs(canonical(before, assumptions=assumptions), canonical(after, assumptions=assumptions), key)
    except (AttributeError, TypeError, KeyError) as crash:  # a malformed job fails loudly: never equal
        return [f"{key}: canonical() refused it: {crash!r}"]


@pytest.mark.parametrize("assumptions", [True, False])
@pytest.mark.parametrize("program", MUTATED_PROGRAMS)
def test_changing_any_one_field_of_a_real_job_is_reported_at_that_field(program, assumptions, tmp_path):
    """Mutate each field of each serialized job in turn: the comparison must name that field,
    unless a listed tolerance forgives exactly that field."""
    forgiven = {**FORGIVEN, **(FORGIVEN_AS_ASSUMPTION if assumptions else {})}
    jobs = jobs_of(MUTATED_PROGRAMS[program], tmp_path)
    assert jobs
    for key, job in jobs.items():
        assert not _differences(job, copy.deepcopy(job), key, assumptions)
        leaves = list(_leaves(job))
        assert len(leaves) > 40, (key, len(leaves))  # a whole job, not a few chosen fields
        silent, silent_deletions = set(), set()
        for path, value in leaves:
            where = _dotted(path)
            lines = _differences(job, _replaced(job, path, _mutation(value)), key, assumptions)
            if not lines:
                silent.add(where)
            elif path[0] != INJECTED_BY_SUBMIT:  # the harness's own note moves the store's report
                assert any(_names(line, key, where) for line in lines), (where, lines)
            if len(path) > 1 and not isinstance(path[-1], int):
                parent = {k: v for k, v in _at(job, path[:-1]).items() if k != path[-1]}
                if not _differences(job, _replaced(job, path[:-1], parent), key, assumptions):
                    silent_deletions.add(where)
        assert silent <= set(forgiven), sorted(silent - set(forgiven))
        assert silent_deletions <= set(forgiven) | set(DELETION_FORGIVEN), \
            sorted(silent_deletions - set(forgiven) - set(DELETION_FORGIVEN))


def _at(job, path):
    for step in path:
        job = job[step]
    return job


def test_the_comparison_reports_an_added_field_and_a_changed_type(tmp_path):
    job = jobs_of(DATA_BEFORE, tmp_path)["est"]
    added = copy.deepcopy(job)
    added["run_config"]["extra"] = 1
    assert diff_jobs(canonical(job), canonical(added), "est") == ["est.run_config.extra: only after: 1"]
    typed = _replaced(job, ("run_config", "nodeCount"), "1")
    assert diff_jobs(canonical(job), canonical(typed), "est") == ["est.run_config.nodeCount: 1 != '1'"]
    shorter = _replaced(job, ("run_config", "arguments"), job["run_config"]["arguments"][:-1])
    assert diff_jobs(canonical(job), canonical(shorter), "est")


def test_a_comparison_of_programs_that_build_no_job_fails(tmp_path):
    with pytest.raises(AssertionError, match="no job"):
        assert_same_job("x = 1\n", "x = 1\n", tmp_path)
