"""The SDK v2 proof harness: real azure-ai-ml in its own environment, offline, compared with v1
jobs in one canonical form (``tests/job_canonical.py``), and a mutation test of that comparison."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("azureml.core")
pytest.importorskip("azureml.train.hyperdrive")

sys.path.insert(0, str(Path(__file__).parent))

from job_canonical import NORMALISATIONS, diff_jobs, v1_canonical, v2_canonical  # noqa: E402
from sdk_jobs import jobs_of  # noqa: E402
from sdk_v2_jobs import V2BuildError, v2_jobs_of, v2_results  # noqa: E402

V1_PROGRAM = """
from azureml.core import Environment, ScriptRunConfig
from azureml.core.conda_dependencies import CondaDependencies
from azureml.core.runconfig import DockerConfiguration, PyTorchConfiguration
from azureml.train.hyperdrive import (BanditPolicy, HyperDriveConfig, PrimaryMetricGoal,
                                      RandomParameterSampling, choice)
env = Environment("train-env")
env.python.conda_dependencies = CondaDependencies.create(pip_packages=["numpy==1.24.4"])
data = ds.path("images").as_mount()
src = ScriptRunConfig(source_directory="src", script="train.py",
                      arguments=["--epochs", 3, "--name", "run one", "--data", data],
                      compute_target=cluster, environment=env,
                      distributed_job_config=PyTorchConfiguration(process_count=4, node_count=2),
                      docker_runtime_config=DockerConfiguration(use_docker=True, shm_size="4g"))
src.run_config.data_references = {data.data_reference_name: data.to_config()}
src.run_config.environment_variables = {"MODE": "full"}
hd = HyperDriveConfig(run_config=src, hyperparameter_sampling=RandomParameterSampling({"--lr": choice(0.1, 0.2)}),
                      primary_metric_name="accuracy", primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                      max_total_runs=4, policy=BanditPolicy(slack_factor=0.1))
"""

#: The same two jobs written for SDK v2, every trap of the facts file spelt out. ``{conda}`` is
#: the v1 environment's effective conda specification, read from the v1 job.
V2_HEADER = """
from azure.ai.ml import Input, PyTorchDistribution, command
from azure.ai.ml.entities import Environment
from azure.ai.ml.sweep import BanditPolicy, Choice
env = Environment(image="mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:20251130.v1",
                  conda_file={conda})
data = Input(type="uri_folder", path="azureml://datastores/mydatastore/paths/images", mode="ro_mount")
"""
V2_COMMAND = """
src = command(code="src", command="python train.py --epochs 3 --name 'run one' --data ${{{{inputs.data}}}}",
              inputs={{"data": data}}, environment=env, compute="gpu-cluster", instance_count=2,
              distribution=PyTorchDistribution(process_count_per_instance=2),
              environment_variables={{"EXAMPLE_ENV_VAR": "EXAMPLE_VALUE", "MODE": "full"}},
              shm_size="4g", timeout=2592000)
"""
V2_SWEEP = """
hd = command(code="src",
             command="python train.py --epochs 3 --name 'run one' --data ${{{{inputs.data}}}} --lr ${{{{inputs.lr}}}}",
             inputs={{"data": data, "lr": Choice([0.1, 0.2])}}, environment=env, compute="gpu-cluster",
             instance_count=2, distribution=PyTorchDistribution(process_count_per_instance=2),
             environment_variables={{"EXAMPLE_ENV_VAR": "EXAMPLE_VALUE", "MODE": "full"}},
             shm_size="4g").sweep(primary_metric="accuracy", goal="maximize", sampling_algorithm="random",
             early_termination_policy=BanditPolicy(slack_factor=0.1, evaluation_interval=1, delay_evaluation=0))
hd.set_limits(max_total_trials=4, max_concurrent_trials=4, timeout=604800, trial_timeout=2592000)
"""

#: One change of one field each: (what changes, template, old text, new text).
V2_MUTATIONS = [
    ("argument value", V2_COMMAND, "--epochs 3", "--epochs 4"),
    ("argument quoting", V2_COMMAND, "'run one'", "run one"),
    ("input mode", V2_HEADER, 'mode="ro_mount"', 'mode="download"'),
    ("input path", V2_HEADER, "paths/images", "paths/images2"),
    ("input datastore", V2_HEADER, "datastores/mydatastore/", "datastores/mydatastore2/"),
    ("code directory", V2_COMMAND, 'code="src"', 'code="."'),
    ("compute", V2_COMMAND, 'compute="gpu-cluster"', 'compute="cpu-cluster"'),
    ("instance count", V2_COMMAND, "instance_count=2", "instance_count=1"),
    ("processes per instance", V2_COMMAND, "process_count_per_instance=2", "process_count_per_instance=4"),
    ("distribution kind", V2_COMMAND, "PyTorchDistribution(process_count_per_instance=2)",
     '{{"type": "mpi", "process_count_per_instance": 2}}'),
    ("image", V2_HEADER, ":20251130.v1", ":20250601.v1"),
    ("conda specification", V2_HEADER, "conda_file={conda}", "conda_file={{**{conda}, 'channels': ['conda-forge']}}"),
    ("environment variable value", V2_COMMAND, '"MODE": "full"', '"MODE": "fast"'),
    ("environment variable dropped", V2_COMMAND, '"EXAMPLE_ENV_VAR": "EXAMPLE_VALUE", ', ""),
    ("shm size", V2_COMMAND, 'shm_size="4g"', 'shm_size="2g"'),
    ("timeout value", V2_COMMAND, "timeout=2592000", "timeout=3600"),
    ("timeout left to the v2 default", V2_COMMAND, ", timeout=2592000", ""),
    ("extra output", V2_COMMAND, 'shm_size="4g"',
     'shm_size="4g", outputs={{"out": {{"type": "uri_folder", "mode": "rw_mount"}}}}'),
    ("search space", V2_SWEEP, "Choice([0.1, 0.2])", "Choice([0.1, 0.3])"),
    ("parameter flag", V2_SWEEP, "--lr ${{{{inputs.lr}}}}", "--learning-rate ${{{{inputs.lr}}}}"),
    ("goal", V2_SWEEP, 'goal="maximize"', 'goal="minimize"'),
    ("primary metric", V2_SWEEP, 'primary_metric="accuracy"', 'primary_metric="loss"'),
    ("sampling", V2_SWEEP, 'sampling_algorithm="random"', 'sampling_algorithm="grid"'),
    ("policy slack", V2_SWEEP, "slack_factor=0.1", "slack_factor=0.2"),
    ("policy evaluation interval left to the v2 default", V2_SWEEP, ", evaluation_interval=1", ""),
    ("policy kind", V2_SWEEP, "BanditPolicy(slack_factor=0.1, evaluation_interval=1, delay_evaluation=0)",
     "None"),
    ("max total trials", V2_SWEEP, "max_total_trials=4", "max_total_trials=5"),
    ("max concurrent trials", V2_SWEEP, "max_concurrent_trials=4", "max_concurrent_trials=2"),
    ("sweep timeout left to the v2 default", V2_SWEEP, "timeout=604800, ", ""),
    ("trial timeout given to command() (dropped by sweep)", V2_SWEEP, ', trial_timeout=2592000)',
     ")\nhd.trial.timeout = 2592000"),
]

#: Single-field changes of the v1 program, against the unchanged v2 program.
V1_MUTATIONS = [
    ("argument value", '"--epochs", 3', '"--epochs", 4'),
    ("argument split", '"--name", "run one"', '"--name", "run", "one"'),
    ("data reference unbound", "src.run_config.data_references = {data.data_reference_name: data.to_config()}\n", ""),
    ("data mode", 'ds.path("images").as_mount()', 'ds.path("images").as_download()'),
    ("node count", "node_count=2", "node_count=1"),
    ("total processes", "process_count=4", "process_count=6"),
    ("pip package", 'pip_packages=["numpy==1.24.4"]', 'pip_packages=["numpy==1.26.0"]'),
    ("environment variable", '{"MODE": "full"}', '{"MODE": "full", "SEED": "1"}'),
    ("shm size", 'shm_size="4g"', 'shm_size="8g"'),
    ("max run duration", 'src.run_config.environment_variables', 'src.run_config.max_run_duration_seconds = 60\n'
                                                                 'src.run_config.environment_variables'),
    ("source directory", 'source_directory="src"', 'source_directory="."'),
    ("max total runs", "max_total_runs=4", "max_total_runs=6"),
    ("policy evaluation interval", "BanditPolicy(slack_factor=0.1)",
     "BanditPolicy(slack_factor=0.1, evaluation_interval=2)"),
    ("credential passthrough", 'src.run_config.environment_variables', 'src.run_config.credential_passthrough = True\n'
                                                                       'src.run_config.environment_variables'),
]


def _v2_program(conda, command=V2_COMMAND, sweep=V2_SWEEP, header=V2_HEADER) -> str:
    return (header + command + sweep).format(conda=repr(conda))


@pytest.fixture(scope="module")
def v1_jobs(tmp_path_factory):
    return jobs_of(V1_PROGRAM, tmp_path_factory.mktemp("v1"))


@pytest.fixture(scope="module")
def conda(v1_jobs):
    return v1_jobs["src"]["run_config"]["environment"]["python"]["condaDependencies"]


def _differences(v1_job, v2_job):
    return diff_jobs(v1_canonical(v1_job), v2_canonical(v2_job))


def test_the_v2_program_is_the_v1_job_in_canonical_form(v1_jobs, conda, tmp_path):
    v2_jobs = v2_jobs_of(_v2_program(conda), tmp_path)
    assert set(v2_jobs) == {"src", "hd"}
    for name in ("src", "hd"):
        assert _differences(v1_jobs[name], v2_jobs[name]) == [], name
    form = v2_canonical(v2_jobs["src"])
    assert form["argv"] == ["python", "train.py", "--epochs", "3", "--name", "run one", "--data",
                            "<input:uri_folder:azureml://datastores/mydatastore/paths/images:ro_mount>"]
    assert form["distribution"] == {"type": "pytorch", "process_count_per_instance": 2}


def test_submission_through_ml_client_is_recorded_with_its_experiment(conda, tmp_path):
    program = _v2_program(conda, sweep="") + 'ml_client.jobs.create_or_update(src, experiment_name="exp")\n'
    jobs = v2_jobs_of(program, tmp_path)
    assert jobs["submit:1"]["properties"]["experimentName"] == "exp"
    assert v2_canonical(jobs["submit:1"]) == v2_canonical(jobs["src"])


def test_every_single_field_mutation_of_the_v2_job_is_caught(v1_jobs, conda, tmp_path):
    programs = []
    for _what, template, old, new in V2_MUTATIONS:
        assert template.count(old) == 1, old
        programs.append(_v2_program(conda, **{
            {id(V2_HEADER): "header", id(V2_COMMAND): "command", id(V2_SWEEP): "sweep"}[id(template)]:
                template.replace(old, new)}))
    results = v2_results(programs, tmp_path)
    survivors = []
    for (what, template, _old, _new), result in zip(V2_MUTATIONS, results):
        assert "error" not in result, f"{what}: {result.get('error')}"
        names = ("src", "hd") if template is V2_HEADER else ("hd",) if template is V2_SWEEP else ("src",)
        if not all(_differences(v1_jobs[name], result["jobs"][name]) for name in names):
            survivors.append(what)
    assert survivors == [], f"mutation score {len(V2_MUTATIONS) - len(survivors)}/{len(V2_MUTATIONS)}"


@pytest.mark.parametrize("what, old, new", V1_MUTATIONS, ids=[m[0] for m in V1_MUTATIONS])
def test_every_single_field_mutation_of_the_v1_job_is_caught(what, old, new, conda, tmp_path_factory):
    assert V1_PROGRAM.count(old) == 1, old
    mutated = jobs_of(V1_PROGRAM.replace(old, new), tmp_path_factory.mktemp("mutant"))
    v2_jobs = _v2_jobs_once(conda, tmp_path_factory)
    assert _differences(mutated["src"], v2_jobs["src"]) or _differences(mutated["hd"], v2_jobs["hd"]), what


_CACHE = {}


def _v2_jobs_once(conda, tmp_path_factory):
    if "jobs" not in _CACHE:
        _CACHE["jobs"] = v2_jobs_of(_v2_program(conda), tmp_path_factory.mktemp("v2"))
    return _CACHE["jobs"]


def test_the_v2_sdk_validation_refuses_an_invalid_job(tmp_path):
    program = ('from azure.ai.ml import command\n'
               'job = command(command="python train.py ${{inputs.missing}}", environment="azureml:env:1",'
               ' compute="c")\n')
    with pytest.raises(V2BuildError, match="missing"):
        v2_jobs_of(program, tmp_path)


def test_network_access_fails_the_build(tmp_path):
    program = 'import urllib.request\nurllib.request.urlopen("http://example.com/")\n'
    (result,) = v2_results([program], tmp_path)
    assert result["error"].startswith("OfflineViolation")


def test_the_v2_harness_runs_another_interpreter_with_azure_ai_ml(tmp_path):
    program = "import azure.ai.ml, sys\nassert 'azureml.core' not in sys.modules\n"
    (result,) = v2_results([program], tmp_path)
    assert result == {"jobs": {}, "events": []}
    with pytest.raises(ImportError):
        __import__("azure.ai.ml")


def test_every_normalisation_says_why_and_where():
    assert len({n.name for n in NORMALISATIONS}) == len(NORMALISATIONS)
    for normalisation in NORMALISATIONS:
        assert len(normalisation.why) > 40 and normalisation.source, normalisation.name
