"""The v2 rendering of a generic Estimator (``rewrite/v2_estimator.py``), proven with both real
SDKs, and its fix run for real (``azureml-migrate fix --target v2``).

Every estimator call of the per-call suite (``fix_proof/estimators.py``) and of the realistic
suite (``realistic/estimator_calls.py``) is rendered as a command job or is manual with a reason;
each rendered one is proven: the v1 estimator's job (the case program run by the v1 harness) and
the v2 job of the rendering (run by the v2 harness) have one canonical form. The v2 side has no
azureml-core: a compute passed by name (``cluster``) is bound there to a stand-in with the v1
cluster's name, which is the assumption the fix names.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

pytest.importorskip("azureml.core")

sys.path.insert(0, str(Path(__file__).parent))

from azureml_migrate import sdk  # noqa: E402
from azureml_migrate.builder import build_facts  # noqa: E402
from azureml_migrate.rewrite.v2_command import V2Command  # noqa: E402
from azureml_migrate.rewrite.v2_estimator import estimator_as_command  # noqa: E402
from fix_proving import read_cases  # noqa: E402
from job_canonical import diff_jobs, v1_canonical, v2_canonical  # noqa: E402
from sdk_jobs import jobs_of  # noqa: E402
from sdk_v2_jobs import v2_results  # noqa: E402
from tests.test_fix_cli import run_fix  # noqa: E402

HERE = Path(__file__).parent
SUITES = {"fix_proof": HERE / "fix_proof" / "estimators.py", "realistic": HERE / "realistic" / "estimator_calls.py"}
#: the v1 harness's ``cluster`` (``sdk_offline``), as the v2 side sees it under the fix's assumption
CLUSTER = "class _Cluster:\n    name = 'gpu-cluster'\ncluster = _Cluster()\n"
V2_IMPORTS = ("from azure.ai.ml import Input, MpiDistribution, PyTorchDistribution, TensorFlowDistribution, command\n"
              "from azure.ai.ml.entities import Environment\n")
#: the v1 classes a case's estimator statement may name, for the statement run alone
V1_IMPORTS = ("from azureml.core import Dataset, Datastore\n"
              "from azureml.data.data_reference import DataReference\n"
              "from azureml.train.estimator import Estimator\n"
              "from azureml.train.dnn import Chainer, Gloo, Mpi, Nccl, ParameterServer, PyTorch, TensorFlow\n"
              "from azureml.train.sklearn import SKLearn\n"
              "from azureml.core.runconfig import MpiConfiguration, PyTorchConfiguration, TensorflowConfiguration\n")
#: the assumptions whose v1 side is a tolerance of the v1 harness marked ``assumption``
#: (``sdk_jobs.TOLERANCES``): a rendering that names one is proven with those tolerances on
V1_TOLERATED_ASSUMPTIONS = ("the prebuilt image", "deprecated", "a v1 mount was writable", "dataset mount")

OWN_CASES = {
    "everything rendered": "from azureml.train.estimator import Estimator\n"
    "est = Estimator(source_directory='src', entry_script='train.py', compute_target='gpu-cluster',\n"
    "                script_params={'--lr': 0.01, '--name': 'run one', '--verbose': ''},\n"
    "                pip_packages=['tqdm', 'pandas==1.0'], conda_packages=['numpy'],\n"
    "                environment_variables={'MODE': 'fast'}, max_run_duration_seconds=3600, shm_size='16g',\n"
    "                use_gpu=False, use_docker=True, _disable_validation=True)\n",
    "defaults": "from azureml.train.estimator import Estimator\n"
    "est = Estimator('src', entry_script='train.py', compute_target='cpu-cluster')\n",
    "compute by name": "from azureml.train.estimator import Estimator\n"
    "est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,\n"
    "                script_params={'--epochs': 5})\n",
    # the traps of the framework estimators and their distributed settings
    "pytorch nccl: v1 total process count defaulted to the node count": V1_IMPORTS +
    "est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster, node_count=2,\n"
    "              distributed_backend='nccl', use_gpu=True, framework_version='1.6',\n"
    "              pip_packages=['tqdm', 'torchvision==0.6.0'], environment_variables={'MODE': 'fast'})\n",
    "pytorch prebuilt image on a cluster": V1_IMPORTS +
    "est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster,\n"
    "              script_params={'--epochs': 3})\n",
    "pytorch mpi: process_count_per_node per instance": V1_IMPORTS +
    "est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster, node_count=2,\n"
    "              distributed_backend='mpi', process_count_per_node=4, pip_packages=['tqdm'])\n",
    "pytorch ignores a PyTorchConfiguration": V1_IMPORTS +
    "est = PyTorch(source_directory='src', entry_script='train.py', compute_target=cluster, node_count=2,\n"
    "              distributed_training=PyTorchConfiguration(process_count=8, node_count=2),\n"
    "              pip_packages=['tqdm'])\n",
    "tensorflow ps: v1 parameter servers default to 1": V1_IMPORTS +
    "est = TensorFlow(source_directory='src', entry_script='train.py', compute_target=cluster, node_count=2,\n"
    "                 distributed_backend='ps', worker_count=2, pip_packages=['pillow'])\n",
    "tensorflow ParameterServer helper, nodes from node_count": V1_IMPORTS +
    "est = TensorFlow(source_directory='src', entry_script='train.py', compute_target=cluster, node_count=3,\n"
    "                 distributed_training=ParameterServer(worker_count=3, parameter_server_count=2),\n"
    "                 framework_version='2.1', conda_packages=['tensorflow=2.1.0'])\n",
    "tensorflow gpu, a conda package replaces the scenario's pip package": V1_IMPORTS +
    "est = TensorFlow(source_directory='src', entry_script='train.py', compute_target='gpu-cluster',\n"
    "                 use_gpu=True, framework_version='2.2', conda_packages=['tensorflow-gpu=2.2.0'],\n"
    "                 shm_size='8g', max_run_duration_seconds=7200)\n",
    "chainer Mpi helper": V1_IMPORTS +
    "est = Chainer(source_directory='src', entry_script='train.py', compute_target=cluster, node_count=2,\n"
    "              distributed_training=Mpi(3), conda_packages=['numpy'])\n",
    "estimator MpiConfiguration keeps node_count from the estimator": V1_IMPORTS +
    "est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster, node_count=2,\n"
    "                distributed_training=MpiConfiguration(process_count_per_node=2, node_count=5))\n",
    "estimator mpi backend": V1_IMPORTS +
    "est = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster, node_count=3,\n"
    "                distributed_backend='mpi', process_count_per_node=4)\n",
    "sklearn on a named compute": V1_IMPORTS +
    "est = SKLearn(source_directory='src', entry_script='train.py', compute_target='cpu-cluster',\n"
    "              script_params={'--alpha': 0.5}, pip_packages=['scipy==1.5.0'], framework_version='0.20.3')\n",
}

MANUAL = [
    ("PyTorch(source_directory='src', entry_script='train.py', compute_target='c', framework_version='9.9')",
     "no PyTorch scenario"),
    ("PyTorch(source_directory='src', entry_script='train.py', compute_target='c', distributed_backend='gloo')",
     "v2 has no backend field"),
    ("PyTorch(source_directory='src', entry_script='train.py', compute_target='c', distributed_training=Gloo())",
     "not a distribution helper"),
    ("SKLearn(source_directory='src', entry_script='train.py', compute_target='c', node_count=2)",
     "takes no node_count="),
    ("PyTorch(source_directory='src', entry_script='train.py', compute_target='c', distributed_training=mpi)",
     "bound to a name"),
    ("PyTorch(source_directory='src', entry_script='train.py', compute_target='c', framework_version=version)",
     "framework_version= is not a literal"),
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='local')", "local"),
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='c', pip_requirements_file='r.txt')",
     "write the effective specification as conda_file"),
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='c', inputs=[r])", "inputs="),
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='c', script_params=p)",
     "script_params= is not a literal"),
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='c', pip_packages=['a', 'a'])",
     "a package repeats"),
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='c', script_params={'--x': [1]})",
     "not a string or a number"),
]


def _estimators(program: str):
    facts = build_facts(ast.parse(program), program)
    return [call for call in facts.calls if call.canonical in sdk.ESTIMATORS]


def _cases():
    cases = [(f"own:{name}", program) for name, program in OWN_CASES.items()]
    for suite, path in SUITES.items():
        cases.extend((f"{suite}:{name}", program) for name, program in read_cases(path).items())
    return cases


def _statement(lines, call) -> str:
    span = call.span
    text = "\n".join(lines[span.line - 1:span.end_line])
    return text[span.col:len(text) - len(lines[span.end_line - 1]) + span.end_col]


def _read_by_the_call(node: ast.stmt, read: set) -> bool:
    """A module constant (the rendering reads constants bound once as literals), or a datastore
    or registered dataset bound to a name the call reads (a data input names it through it)."""
    if not isinstance(node, ast.Assign):
        return False
    value = node.value
    if isinstance(value, ast.Constant):
        return True
    text = ast.unparse(value)
    bound = {target.id for target in node.targets if isinstance(target, ast.Name)}
    return bool(bound & read) and isinstance(value, (ast.Call, ast.Subscript)) and (
        text.startswith("Datastore(") or text.startswith("Datastore.get") or text.endswith(".get_default_datastore()")
        or ".datastores[" in text or text.startswith("Dataset.get_by_name("))


def _alone(program: str, call, name: str) -> str:
    """The estimator's statement as a program of its own, with the constants, datastores and
    datasets it reads bound before it: the v1 job of the call, whatever else the case does (a
    case may reach the network for a dataset the estimator does not read)."""
    lines = program.splitlines()
    text = _statement(lines, call)
    read = {node.id for node in ast.walk(ast.parse(f"_{text[text.index('('):]}", mode="eval"))
            if isinstance(node, ast.Name)}
    kept = [ast.get_source_segment(program, node) for node in ast.parse(program).body
            if node.lineno < call.site.span.line and _read_by_the_call(node, read)]
    return V1_IMPORTS + "".join(f"{line}\n" for line in kept) + f"{name} = {call.canonical}{text[text.index('('):]}\n"


def renderings():
    """Per estimator call of every case: (case, the call alone, bound name, rendering or Manual)."""
    out = []
    for case, program in _cases():
        facts = build_facts(ast.parse(program), program)
        for call in [call for call in facts.calls if call.canonical in sdk.ESTIMATORS]:
            name = call.site.target if call.site is not None else None
            outcome = estimator_as_command(call)
            alone = _alone(program, call, name) if name and isinstance(outcome, V2Command) else program
            out.append((case, alone, name, outcome))
    return out


RENDERINGS = renderings()
PROVABLE = [item for item in RENDERINGS if isinstance(item[3], V2Command) and item[2]]


def test_every_suite_estimator_is_rendered_or_says_why():
    assert RENDERINGS
    for case, _, _, outcome in RENDERINGS:
        assert isinstance(outcome, V2Command) or outcome.reason, case
    assert {case for case, *_ in PROVABLE} >= {f"own:{name}" for name in OWN_CASES}


@pytest.fixture(scope="module")
def proven(tmp_path_factory):
    v1 = [jobs_of(program, tmp_path_factory.mktemp("v1"))[name] for _, program, name, _ in PROVABLE]
    programs = [CLUSTER + V2_IMPORTS + f"{name} = {rendered.code}\n" for _, _, name, rendered in PROVABLE]
    return list(zip(v1, v2_results(programs, tmp_path_factory.mktemp("v2"))))


@pytest.mark.parametrize("index", range(len(PROVABLE)), ids=[item[0] for item in PROVABLE])
def test_each_rendered_estimator_is_the_v1_job(index, proven):
    v1_job, result = proven[index]
    _, _, name, rendered = PROVABLE[index]
    assert "error" not in result, result.get("error")
    tolerated = _names_v1_tolerated_assumption(rendered)
    assert diff_jobs(v1_canonical(v1_job, assumptions=tolerated), v2_canonical(result["jobs"][name])) == []


def _names_v1_tolerated_assumption(rendered) -> bool:
    return any(words in assumption for assumption in rendered.assumptions for words in V1_TOLERATED_ASSUMPTIONS)


def test_a_tolerated_assumption_is_named_only_where_the_jobs_differ_without_it(proven):
    """A rendering proven with the v1 harness's assumption tolerances on differs from the v1 job
    with them off (the assumption it names is real), and names it: the fix is unsafe."""
    assumed = [index for index, item in enumerate(PROVABLE) if _names_v1_tolerated_assumption(item[3])]
    assert any(PROVABLE[index][0] == "own:pytorch prebuilt image on a cluster" for index in assumed)
    for index in assumed:
        v1_job, result = proven[index]
        name = PROVABLE[index][2]
        exact = diff_jobs(v1_canonical(v1_job, assumptions=False), v2_canonical(result["jobs"][name]))
        helper = any("deprecated" in assumption for assumption in PROVABLE[index][3].assumptions)
        assert exact or helper, PROVABLE[index][0]


def test_the_cluster_stand_in_matters(proven, tmp_path):
    """The compute's name is part of the comparison: another cluster name is a different job."""
    index = next(i for i, item in enumerate(PROVABLE) if item[0] == "own:compute by name")
    _, _, name, rendered = PROVABLE[index]
    (result,) = v2_results([CLUSTER.replace("gpu-cluster", "cpu-cluster") + V2_IMPORTS + f"{name} = {rendered.code}\n"],
                           tmp_path)
    assert diff_jobs(v1_canonical(proven[index][0], assumptions=False), v2_canonical(result["jobs"][name])) != []
    assert "cluster is an azureml.core ComputeTarget" in rendered.assumptions[0]


@pytest.mark.parametrize("call, reason", MANUAL)
def test_what_is_not_rendered_says_why(call, reason):
    program = f"{V1_IMPORTS}mpi = Mpi(2)\nest = {call}\n"
    (estimator,) = _estimators(program)
    outcome = estimator_as_command(estimator)
    assert not isinstance(outcome, V2Command) and reason in outcome.reason, outcome


def test_fix_target_v2_rewrites_an_estimator_and_leaves_a_submitted_one(tmp_path):
    program = OWN_CASES["defaults"] + "est2 = Estimator('src', entry_script='train.py', compute_target='c')\n" \
                                      "from azureml.core import Experiment\nExperiment(ws, 'x').submit(est2)\n"
    (tmp_path / "job.py").write_text(program)
    done = run_fix("--target", "v2", "job.py", cwd=tmp_path)
    text = (tmp_path / "job.py").read_text()
    assert "est = command(" in text and "est2 = Estimator(" in text, text
    assert "from azure.ai.ml import command" in text, text
    assert "AML101 the experiment's workspace ws is not bound once by Workspace.from_config()" in done.stdout, \
        done.stdout


def test_fix_target_v2_writes_a_framework_estimator_with_its_distribution(tmp_path):
    program = OWN_CASES["tensorflow ps: v1 parameter servers default to 1"]
    (tmp_path / "job.py").write_text(program)
    done = run_fix("--target", "v2", "--unsafe-fixes", "job.py", cwd=tmp_path)
    text = (tmp_path / "job.py").read_text()
    assert "from azure.ai.ml import TensorFlowDistribution, command" in text, text
    assert "distribution=TensorFlowDistribution(worker_count=2, parameter_server_count=1)" in text, text
    assert "instance_count=2" in text and "'tensorflow==1.13.1'" in text, text
    assert "framework image and packages are not rendered" not in done.stdout, done.stdout
