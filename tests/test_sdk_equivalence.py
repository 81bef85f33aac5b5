"""Hints checked against the real SDK: the ScriptRunConfig and Environment our messages
suggest produce the same job configuration as the estimator call they replace.

Both objects are built offline with the real ``azureml-core``/``azureml-train-core`` from
PyPI; the tables in ``azureml_migrate.sdk`` are compared with what the SDK exports.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import logging
import textwrap

import pytest

pytest.importorskip("azureml.core")
pytest.importorskip("azureml.train.estimator")

from azureml_migrate import hints, sdk  # noqa: E402
from azureml_migrate.builder import build_facts  # noqa: E402


@pytest.fixture(autouse=True)
def _quiet_sdk():
    logging.disable(logging.CRITICAL)
    yield
    logging.disable(logging.NOTSET)


@pytest.fixture()
def source_dir(tmp_path):
    (tmp_path / "train.py").write_text("print('training')\n")
    (tmp_path / "requirements.txt").write_text("pandas\n")
    return tmp_path


def _namespace():
    """Every SDK name an estimator call or its rewrite may use, from the real SDK."""
    import azureml.core
    import azureml.core.conda_dependencies
    import azureml.core.runconfig

    runconfig = azureml.core.runconfig
    return {
        "Environment": azureml.core.Environment,
        "ScriptRunConfig": azureml.core.ScriptRunConfig,
        "CondaDependencies": azureml.core.conda_dependencies.CondaDependencies,
        **{name: getattr(runconfig, name) for name in (
            "DEFAULT_GPU_IMAGE", "DockerConfiguration", "MpiConfiguration", "PyTorchConfiguration",
            "TensorflowConfiguration")},
    }


_IMPORTS = ("from azureml.train.estimator import Estimator\n"
            "from azureml.train.dnn import PyTorch, TensorFlow\n")


def _estimator_call(code: str):
    calls = [c for c in build_facts(ast.parse(code), code).calls if c.canonical in sdk.ESTIMATORS]
    assert len(calls) == 1
    return calls[0]


def _build_both(code: str, source_dir):
    """The estimator the code builds, and the ScriptRunConfig + env our hints build."""
    code = _IMPORTS + textwrap.dedent(code).replace("SRC", repr(str(source_dir)))
    namespace = _namespace()
    exec(code, namespace)  # the test's own code, run against the real SDK
    estimator = namespace["est"]
    call = _estimator_call(code)
    setup = hints.environment_setup(call)
    if setup and setup[0].startswith("env = Environment.get(ws"):
        setup = [f"env = Environment({hints.environment_name(call)!r})"] + setup[1:]
    # a curated environment lives in a workspace: offline, a stand-in Environment takes its place
    rewrite = "\n".join(setup + [f"src = {hints.script_run_config(call, environment='env')}"])
    if not setup:
        namespace["env"] = namespace["Environment"]("curated-stand-in")
    exec(rewrite, namespace)
    return estimator, namespace["src"], namespace.get("env")


def _estimator_run_config(call: str, source_dir) -> str:
    """The whole run configuration an estimator call builds with the real SDK, serialized."""
    import json

    from azureml.core.runconfig import _serialize_to_dict

    namespace = _namespace()
    exec(_IMPORTS + f"est = {call}".replace("SOURCE", repr(str(source_dir))), namespace)
    return json.dumps(_serialize_to_dict(namespace["est"].run_config), sort_keys=True, default=str)


def _pip(environment):
    return sorted(environment.python.conda_dependencies.pip_packages)


def test_script_params_become_the_same_arguments(source_dir):
    estimator, src, _ = _build_both("""
        est = Estimator(source_directory=SRC, entry_script='train.py', compute_target='local',
                        script_params={'--lr': 0.01, '--layers': [64, 32], '--verbose': '', '--skip': None})
    """, source_dir)
    assert src.arguments == estimator.run_config.arguments
    assert src.script == estimator.run_config.script


def test_docker_parameters_become_the_same_docker_configuration(source_dir):
    estimator, src, _ = _build_both("""
        est = PyTorch(source_directory=SRC, entry_script='train.py', compute_target='local',
                      shm_size='8g', use_docker=True, framework_version='1.6')
    """, source_dir)
    assert src.run_config.docker.shm_size == estimator.run_config.docker.shm_size == "8g"
    assert src.run_config.docker.use_docker is estimator.run_config.docker.use_docker is True


@pytest.mark.parametrize("backend_args, section", [
    ("distributed_backend='mpi', process_count_per_node=4", "mpi"),
    ("distributed_training=Mpi(process_count_per_node=3)", "mpi"),
    # the estimator ignores its own process_count_per_node next to a distributed_training object
    ("process_count_per_node=2, distributed_training=Mpi()", "mpi"),
    ("process_count_per_node=2, distributed_backend='nccl'", "pytorch"),
    ("distributed_backend='nccl'", "pytorch"),
    ("distributed_training=Gloo()", "pytorch"),
])
def test_distribution_becomes_the_same_communicator(backend_args, section, source_dir):
    estimator, src, _ = _build_both(f"""
        from azureml.train.dnn import Mpi, Gloo
        est = PyTorch(source_directory=SRC, entry_script='train.py', compute_target='local',
                      framework_version='1.6', {backend_args})
    """, source_dir)
    before, after = estimator.run_config, src.run_config
    family = {"intelmpi": "mpi", "mpi": "mpi", "openmpi": "mpi"}
    assert family.get(after.communicator.lower(), after.communicator.lower()) == \
        family.get(before.communicator.lower(), before.communicator.lower())
    assert after.node_count == before.node_count
    if section == "mpi":
        assert after.mpi.process_count_per_node == before.mpi.process_count_per_node


def test_parameter_server_becomes_tensorflow_configuration(source_dir):
    estimator, src, _ = _build_both("""
        est = TensorFlow(source_directory=SRC, entry_script='train.py', compute_target='local',
                         framework_version='2.1', distributed_backend='ps', worker_count=1,
                         parameter_server_count=1)
    """, source_dir)
    assert src.run_config.tensorflow.worker_count == estimator.run_config.tensorflow.worker_count
    assert src.run_config.tensorflow.parameter_server_count == \
        estimator.run_config.tensorflow.parameter_server_count
    assert src.run_config.communicator.lower() == estimator.run_config.communicator.lower()


def test_packages_and_image_become_the_same_environment(source_dir):
    estimator, src, env = _build_both("""
        est = Estimator(source_directory=SRC, entry_script='train.py', compute_target='local',
                        pip_packages=['pandas', 'scikit-learn'], conda_packages=['numpy'],
                        custom_docker_image='myregistry.azurecr.io/img:1', user_managed=False)
    """, source_dir)
    before = estimator.run_config.environment
    assert src.run_config.environment is env
    assert _pip(env) == _pip(before)
    assert sorted(env.python.conda_dependencies.conda_packages) == \
        sorted(before.python.conda_dependencies.conda_packages)
    assert env.docker.base_image == before.docker.base_image == "myregistry.azurecr.io/img:1"
    assert env.python.user_managed_dependencies == before.python.user_managed_dependencies


def test_use_gpu_on_the_generic_estimator_becomes_the_gpu_image(source_dir):
    estimator, _, env = _build_both("""
        est = Estimator(source_directory=SRC, entry_script='train.py', compute_target='local',
                        use_gpu=True)
    """, source_dir)
    assert env.docker.base_image == estimator.run_config.environment.docker.base_image


def test_pip_requirements_file_becomes_the_same_pip_packages(source_dir, monkeypatch):
    monkeypatch.chdir(source_dir.parent)
    estimator, _, env = _build_both(f"""
        est = Estimator(source_directory={source_dir.name!r}, entry_script='train.py',
                        compute_target='local', pip_requirements_file='requirements.txt')
    """, source_dir)
    assert _pip(env) == _pip(estimator.run_config.environment)


# -- the SDK tables ------------------------------------------------------------------------
def _resolve(path: str):
    """Import the longest importable module prefix of a dotted path, then walk attributes."""
    parts = path.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for name in parts[split:]:
            obj = getattr(obj, name)
        return obj
    raise ImportError(path)


@pytest.mark.parametrize("path", sorted(sdk.CLASS_PATHS))
def test_every_import_path_reaches_its_class(path):
    try:
        obj = _resolve(path)
    except ImportError as error:  # an optional SDK package (automl, pipeline) not installed
        pytest.skip(str(error))
    assert obj.__name__ == sdk.CLASS_PATHS[path]


@pytest.mark.parametrize("module", sorted(sdk.STAR_EXPORTS))
def test_star_exports_match_the_sdk(module):
    try:
        namespace: dict = {}
        exec(f"from {module} import *", namespace)
    except ImportError as error:
        pytest.skip(str(error))
    tracked = set(sdk.CLASS_PATHS.values())
    assert set(namespace) & tracked == set(sdk.STAR_EXPORTS[module])


def test_estimator_parameters_the_rules_name_exist():
    from azureml.train.dnn import Chainer, PyTorch, TensorFlow
    from azureml.train.estimator import Estimator
    from azureml.train.sklearn import SKLearn

    accepted = set()
    for cls in (Estimator, PyTorch, TensorFlow, Chainer, SKLearn):
        accepted |= set(inspect.signature(cls).parameters)
    named = (sdk.ENVIRONMENT_PARAMETERS | sdk.DISTRIBUTED_PARAMETERS | sdk.DATA_PARAMETERS
             | sdk.RUN_BASED_COMPUTE_PARAMETERS | {sdk.SCRIPT_PARAMS_PARAMETER})
    assert named <= accepted


def test_the_defaults_a_finding_skips_are_the_sdks_own():
    """``sdk.passes_its_default`` must agree with every estimator's signature."""
    from azureml.train.dnn import Chainer, PyTorch, TensorFlow
    from azureml.train.estimator import Estimator
    from azureml.train.sklearn import SKLearn

    named = (sdk.ENVIRONMENT_PARAMETERS | sdk.DISTRIBUTED_PARAMETERS | sdk.DATA_PARAMETERS
             | sdk.RUN_BASED_COMPUTE_PARAMETERS | {sdk.SCRIPT_PARAMS_PARAMETER})
    checked = 0
    for cls in (Estimator, PyTorch, TensorFlow, Chainer, SKLearn):
        for name, parameter in inspect.signature(cls).parameters.items():
            if name not in named or parameter.default is inspect.Parameter.empty:
                continue
            checked += 1
            default = parameter.default
            if name == "use_docker":
                assert default is True and not sdk.passes_its_default(name, default)
            else:
                assert sdk.passes_its_default(name, default), (cls.__name__, name, default)
    assert checked > 50


def test_an_argument_equal_to_its_default_configures_the_same_job(source_dir):
    """The arguments no finding is raised for change nothing in the job the SDK builds."""
    plain = _estimator_run_config("TensorFlow(source_directory=SOURCE, entry_script='train.py', "
                                  "framework_version='2.1', compute_target='cluster')", source_dir)
    spelled = _estimator_run_config(
        "TensorFlow(source_directory=SOURCE, entry_script='train.py', framework_version='2.1', "
        "compute_target='cluster', user_managed=False, use_gpu=False, node_count=1, "
        "process_count_per_node=1, worker_count=1, parameter_server_count=1, pip_packages=None, "
        "shm_size=None, inputs=None, script_params=None)", source_dir)
    assert spelled == plain


def test_framework_versions_match_the_sdk():
    from azureml.train.dnn import Chainer, PyTorch, TensorFlow
    from azureml.train.sklearn import SKLearn

    for cls in (PyTorch, TensorFlow, Chainer, SKLearn):
        assert tuple(cls.get_supported_versions()) == sdk.FRAMEWORK_VERSIONS[cls.__name__]
        assert cls.DEFAULT_VERSION == sdk.FRAMEWORK_DEFAULT_VERSION[cls.__name__]


@pytest.mark.parametrize("target, parameters", [
    ("azureml.core.ScriptRunConfig", {"source_directory", "script", "arguments", "compute_target",
                                      "environment", "distributed_job_config",
                                      "docker_runtime_config", "resume_from",
                                      "max_run_duration_seconds", "run_config"}),
    ("azureml.core.runconfig.DockerConfiguration", {"use_docker", "shm_size"}),
    ("azureml.core.runconfig.MpiConfiguration", {"process_count_per_node", "node_count"}),
    ("azureml.core.runconfig.PyTorchConfiguration", {"communication_backend", "node_count"}),
    ("azureml.core.runconfig.TensorflowConfiguration", {"worker_count", "parameter_server_count"}),
    ("azureml.train.hyperdrive.HyperDriveConfig", {"run_config", "hyperparameter_sampling"}),
    ("azureml.core.Environment.from_conda_specification", {"name", "file_path"}),
    ("azureml.core.Environment.from_pip_requirements", {"name", "file_path"}),
    ("azureml.core.compute.AmlCompute.provisioning_configuration", {"vm_size", "vm_priority"}),
])
def test_replacements_named_in_hints_exist(target, parameters):
    try:
        obj = _resolve(target)
    except ImportError as error:
        pytest.skip(str(error))
    assert parameters <= set(inspect.signature(obj).parameters)


def test_command_step_takes_what_aml103_carries_over():
    try:
        from azureml.pipeline.steps import CommandStep
    except ImportError as error:
        pytest.skip(str(error))
    assert {"name", "runconfig", "compute_target", "inputs", "outputs", "allow_reuse"} <= \
        set(inspect.signature(CommandStep).parameters)
