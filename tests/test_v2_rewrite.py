"""The first v2 rendering (``azureml_migrate.rewrite.v2_command``), proven with both real SDKs:
the v1 ScriptRunConfig's job and the rendered command job have one canonical form."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

pytest.importorskip("azureml.core")

sys.path.insert(0, str(Path(__file__).parent))

from azureml_migrate.builder import build_facts  # noqa: E402
from azureml_migrate.rewrite.v2_command import Manual, V2Command, render  # noqa: E402
from job_canonical import diff_jobs, v1_canonical, v2_canonical  # noqa: E402
from sdk_jobs import jobs_of  # noqa: E402
from sdk_v2_jobs import v2_results  # noqa: E402

IMPORT = ("from azureml.core import ScriptRunConfig\n"
          "from azureml.core.runconfig import MpiConfiguration, PyTorchConfiguration, TensorflowConfiguration\n")

PROVEN = [
    ("literal arguments", "ScriptRunConfig('src', 'train.py', arguments=['--epochs', 3, '--lr', 0.01], "
                          "compute_target='gpu-cluster')", False),
    ("no arguments", "ScriptRunConfig(source_directory='src', script='train.py', compute_target='gpu-cluster')",
     False),
    ("arguments the shell must not split or expand",
     "ScriptRunConfig('src', script='train.py', arguments=['--name', 'run one', '--files', '*.csv', '--cost', '$5'], "
     "compute_target='cpu-cluster', max_run_duration_seconds=3600)", True),
    # v1 process_count is the total over the nodes, v2 process_count_per_instance is per node
    ("pytorch total process count", "ScriptRunConfig('src', 'train.py', compute_target='gpu-cluster', "
     "distributed_job_config=PyTorchConfiguration(process_count=8, node_count=2))", False),
    ("pytorch process count defaults to the node count", "ScriptRunConfig('src', 'train.py', "
     "compute_target='gpu-cluster', distributed_job_config=PyTorchConfiguration(node_count=3))", False),
    ("mpi per node", "ScriptRunConfig('src', 'train.py', compute_target='gpu-cluster', "
     "distributed_job_config=MpiConfiguration(process_count_per_node=4, node_count=2))", False),
    # v1 parameter servers default to 1, v2 to 0; the job runs on worker_count nodes
    ("tensorflow default parameter server", "ScriptRunConfig('src', 'train.py', compute_target='gpu-cluster', "
     "distributed_job_config=TensorflowConfiguration(worker_count=3))", False),
]

MANUAL = [
    ("ScriptRunConfig('src', 'train.py', compute_target='gpu-cluster', environment=env)", "environment="),
    ("ScriptRunConfig('src', 'train.py')", "v2 local jobs always run in Docker"),
    ("ScriptRunConfig('src', 'train.py', arguments=args, compute_target='c')", "arguments= is not a literal"),
    ("ScriptRunConfig('src', 'train.py', arguments=['--flag', True], compute_target='c')", "not a string or a number"),
    ("ScriptRunConfig('src', 'train.py', arguments=['${{inputs.x}}'], compute_target='c')", "v2 substitutes"),
    ("ScriptRunConfig('src', 'train.py', run_config=rc)", "run_config="),
    ("ScriptRunConfig('src', 'train.py', compute_target='c', distributed_job_config=d)", "distributed_job_config="),
    ("ScriptRunConfig('src', 'train.py', compute_target='c', "
     "distributed_job_config=PyTorchConfiguration(process_count=3, node_count=2))", "does not divide evenly"),
    ("ScriptRunConfig('src', 'train.py', compute_target='c', "
     "distributed_job_config=PyTorchConfiguration(communication_backend='Gloo'))", "v2 has no backend field"),
    ("ScriptRunConfig('src', 'train.py', compute_target='c', **options)", "* or **"),
]


def _rendered(call_text: str):
    source = IMPORT + f"src = {call_text}\n"
    facts = build_facts(ast.parse(source), source)
    (call,) = [call for call in facts.calls if call.canonical == "ScriptRunConfig"]
    return render(call)


def _v2_program(rendered: V2Command, drop: str = "") -> str:
    return "\n".join(rendered.imports) + f"\nsrc = {rendered.code.replace(drop, '') if drop else rendered.code}\n"


@pytest.fixture(scope="module")
def proven(tmp_path_factory):
    """For each proven case: its v1 job, its rendering and the v2 job built from that rendering."""
    rendered = [_rendered(call) for _, call, _ in PROVEN]
    assert all(isinstance(item, V2Command) for item in rendered), rendered
    v1 = [jobs_of(IMPORT + f"src = {call}\n", tmp_path_factory.mktemp("v1"))["src"] for _, call, _ in PROVEN]
    v2 = v2_results([_v2_program(item) for item in rendered], tmp_path_factory.mktemp("v2"))
    return list(zip(v1, rendered, v2))


@pytest.mark.parametrize("index", range(len(PROVEN)), ids=[case[0] for case in PROVEN])
def test_the_rendered_command_job_is_the_v1_job(index, proven):
    v1_job, rendered, result = proven[index]
    assert "error" not in result, result.get("error")
    assert diff_jobs(v1_canonical(v1_job, assumptions=False), v2_canonical(result["jobs"]["src"])) == []
    assert bool(rendered.assumptions) is PROVEN[index][2]


#: Each v1 default the rendering writes out, because v2 differs or says nothing.
WRITTEN_DEFAULTS = [
    ("v1 environment variable", ", environment_variables={'EXAMPLE_ENV_VAR': 'EXAMPLE_VALUE'}"),
    ("v1 timeout", ", timeout=2592000"),
    ("v1 python pin", "'python=3.8.13', "),
    ("v1 channels", ", 'channels': ['anaconda', 'conda-forge']"),
]


def test_each_v1_default_the_rendering_writes_is_needed(proven, tmp_path):
    v1_job, rendered, _ = proven[0]
    assert all(dropped in rendered.code for _, dropped in WRITTEN_DEFAULTS)
    results = v2_results([_v2_program(rendered, drop=dropped) for _, dropped in WRITTEN_DEFAULTS], tmp_path)
    for (what, _), result in zip(WRITTEN_DEFAULTS, results):
        assert "error" not in result, (what, result.get("error"))
        assert diff_jobs(v1_canonical(v1_job), v2_canonical(result["jobs"]["src"])) != [], what


@pytest.mark.parametrize("call, reason", MANUAL)
def test_what_is_not_rendered_says_why(call, reason):
    outcome = _rendered(call)
    assert isinstance(outcome, Manual) and reason in outcome.reason, outcome


#: The distribution traps: the v2 spelling of each is needed (v2's default or v1's number differs).
DISTRIBUTION_TRAPS = [
    ("pytorch total process count", "process_count_per_instance=4", "process_count_per_instance=8"),
    ("tensorflow default parameter server", ", parameter_server_count=1", ""),
    ("mpi per node", "instance_count=2, ", ""),
]


def test_each_distribution_trap_written_is_needed(proven, tmp_path):
    names = [case[0] for case in PROVEN]
    programs, expected = [], []
    for case, old, new in DISTRIBUTION_TRAPS:
        v1_job, rendered, _ = proven[names.index(case)]
        assert rendered.code.count(old) == 1, (case, rendered.code)
        programs.append("\n".join(rendered.imports) + f"\nsrc = {rendered.code.replace(old, new)}\n")
        expected.append(v1_job)
    for (case, _, _), v1_job, result in zip(DISTRIBUTION_TRAPS, expected, v2_results(programs, tmp_path)):
        assert "error" not in result, (case, result.get("error"))
        assert diff_jobs(v1_canonical(v1_job), v2_canonical(result["jobs"]["src"])) != [], case
