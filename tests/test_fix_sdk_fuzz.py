"""Estimator calls drawn at random from every parameter's realistic values, each rewritten by
``fix --unsafe-fixes`` and proven with the real SDK like tests/fix_proof/: a seeded sweep that
finds the combinations nobody wrote a case for. A call the SDK itself refuses (its own
exception, raised by the original; sdk_jobs.refused_by_sdk) is skipped, any other error fails;
a call left manual must say why."""

from __future__ import annotations

import ast
import inspect
import random
import sys
from pathlib import Path

import pytest

pytest.importorskip("azureml.core")
pytest.importorskip("azureml.train.estimator")

sys.path.insert(0, str(Path(__file__).parent))
from sdk_jobs import canonical, diff_jobs, jobs_of, refused_by_sdk  # noqa: E402

from azureml_migrate.engine import check_source  # noqa: E402
from azureml_migrate.fixer import fix_text  # noqa: E402

VERSIONS = {"PyTorch": ["1.0", "1.3", "1.4", "1.6", None], "TensorFlow": ["1.13", "2.0", "2.1", "2.3", None],
            "Chainer": ["5.1.0", "7.0.0", None], "SKLearn": ["0.20.3", None]}
IMPORTS = {"Estimator": "from azureml.train.estimator import Estimator, Mpi",
           "PyTorch": "from azureml.train.dnn import PyTorch, Nccl, Mpi",
           "TensorFlow": "from azureml.train.dnn import TensorFlow, ParameterServer, Mpi",
           "Chainer": "from azureml.train.dnn import Chainer, Mpi",
           "SKLearn": "from azureml.train.sklearn import SKLearn"}
PIP = [["tqdm"], ["torch==1.7", "pillow"], ["scikit-learn==0.24", "azureml-defaults"], ["horovod==0.21"]]
ARGUMENTS = ["'--lr{i}': 0.01", "'--epochs{i}': 5", "'--flag{i}': ''", "'--none{i}': None",
             "'--layers{i}': [64, 32]", "'--data{i}': store.path('d{i}').as_mount()", "'--name{i}': 'abc'"]
HELPERS = {"PyTorch": "Nccl()", "TensorFlow": "ParameterServer(worker_count=2, parameter_server_count=1)"}
#: the estimators that take node_count and a distribution (SKLearn takes neither)
DISTRIBUTED = ("Estimator", "PyTorch", "TensorFlow", "Chainer")
PACKAGE_PARAMETERS = ("pip_packages", "conda_packages", "conda_dependencies_file", "pip_requirements_file")


def random_call(rng: random.Random) -> str:
    """One estimator call with a random, realistic choice of parameters."""
    cls = rng.choice(list(IMPORTS))
    kw = {"source_directory": "'src'", "entry_script": "'train.py'",
          "compute_target": rng.choice(["'local'", "cluster", "'gpu-cluster'"])}
    lines = ["from azureml.core import Datastore, Environment", IMPORTS[cls],
             "store = Datastore.get(ws, 'mydatastore')"]
    if cls in VERSIONS and rng.random() < 0.8:
        kw["framework_version"] = repr(rng.choice(VERSIONS[cls]))
    if cls != "SKLearn" and rng.random() < 0.4:
        kw["use_gpu"] = rng.choice(["True", "False"])
    if rng.random() < 0.1:
        lines.append("my_env = Environment('mine')")
        kw["environment_definition"] = "my_env"
    else:
        _environment(rng, cls, kw)
    if rng.random() < 0.15 and "custom_docker_image" not in kw:
        kw["use_docker"] = "False"
    if rng.random() < 0.5:
        items = [rng.choice(ARGUMENTS).format(i=i) for i in range(rng.randint(1, 4))]
        kw["script_params"] = "{" + ", ".join(items) + "}"
    if rng.random() < 0.15:
        kw["inputs"] = "[store.path('inp').as_download()]"
    if rng.random() < 0.2:
        kw["max_run_duration_seconds"] = "600"
    if rng.random() < 0.35 and kw["compute_target"] == "cluster" and cls in DISTRIBUTED:
        _distribution(rng, cls, kw)
    arguments = ", ".join(f"{name}={value}" for name, value in kw.items())
    return "\n".join(lines) + f"\nest = {cls}({arguments})\n"


def _environment(rng: random.Random, cls: str, kw: dict) -> None:
    choice = rng.random()
    if choice < 0.15:
        kw["conda_dependencies_file"] = "'environment.yml'"
    elif choice < 0.25 and cls == "Estimator":
        kw["pip_requirements_file"] = "'requirements.txt'"
    else:
        if rng.random() < 0.5:
            kw["pip_packages"] = repr(rng.choice(PIP))
        if rng.random() < 0.3:
            kw["conda_packages"] = repr(rng.choice([["numpy"], ["pandas=1.1", "scipy"]]))
    if rng.random() < 0.2:
        kw["custom_docker_image"] = "'myreg.azurecr.io/img:1'"
    if rng.random() < 0.1 and cls == "Estimator":
        kw["custom_docker_base_image"] = "'myreg.azurecr.io/base:1'"
    if rng.random() < 0.2:
        kw["environment_variables"] = "{'A': '1', 'B': 'x'}"
    if rng.random() < 0.2:
        kw["shm_size"] = "'8g'"
    if rng.random() < 0.1 and not any(name in kw for name in PACKAGE_PARAMETERS):
        kw["user_managed"] = "True"


def _distribution(rng: random.Random, cls: str, kw: dict) -> None:
    kw["node_count"] = str(rng.choice([1, 2, 3]))
    choice = rng.random()
    if choice < 0.3:
        kw["distributed_backend"] = "'mpi'"
        kw["process_count_per_node"] = str(rng.choice([1, 2, 4]))
    elif choice < 0.45 and cls == "PyTorch":
        kw["distributed_backend"] = "'nccl'"
    elif choice < 0.6 and cls == "TensorFlow":
        kw.update(distributed_backend="'ps'", worker_count="2", parameter_server_count="1")
    elif choice < 0.75 and cls != "SKLearn":
        kw["distributed_training"] = rng.choice(["Mpi(2)", HELPERS.get(cls, "Mpi()")])


ESTIMATOR_RULES = ("AML101", "AML103", "AML104", "AML3")


SEEDS = range(120)


def test_every_generated_call_passes_only_parameters_its_class_takes():
    """The generator's own mistakes (SKLearn(node_count=...) is a TypeError) are not SDK refusals."""
    import azureml.train.dnn
    import azureml.train.estimator
    import azureml.train.sklearn

    classes = {name: getattr(module, name) for module in (azureml.train.dnn, azureml.train.estimator,
                                                          azureml.train.sklearn)
               for name in IMPORTS if hasattr(module, name)}
    for seed in SEEDS:
        call = ast.parse(random_call(random.Random(seed))).body[-1].value
        taken = inspect.signature(classes[call.func.id]).parameters
        assert {k.arg for k in call.keywords} <= set(taken), (seed, call.func.id,
                                                              {k.arg for k in call.keywords} - set(taken))


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_a_random_estimator_call_is_rewritten_to_the_same_job_or_says_why(seed, tmp_path):
    code = random_call(random.Random(seed))
    try:
        before = jobs_of(code, tmp_path / "before")
    except Exception as error:  # noqa: BLE001 -- only the SDK's own refusal skips
        if not refused_by_sdk(error):
            raise
        pytest.skip(f"the SDK refuses it: {type(error).__name__}: {getattr(error, 'message', error)}"[:200])
    if any("submit_error" in job for job in before.values()):
        pytest.skip("the SDK cannot submit it")
    after = fix_text(code, "python", unsafe=True).text
    left = [f for f in check_source(after) if f.code.startswith(ESTIMATOR_RULES)]
    if left:
        assert all(f.fix is not None and f.fix.reason for f in left), code
        return
    safe = {f.fix.applicability.value for f in check_source(code) if f.fix and f.fix.applies} == {"safe"}
    rewritten = jobs_of(after, tmp_path / "after")
    assert before, f"nothing to compare: the original builds no job\n{code}"
    differences = [line for key in before for line in diff_jobs(
        canonical(before[key], assumptions=not safe), canonical(rewritten.get(key, {}), assumptions=not safe), key)]
    assert not differences, code + "\n".join(differences)
    assert fix_text(after, "python", unsafe=True).text == after
