"""The SDK tables checked against the real SDK: import paths, star exports, defaults, framework
versions and scenarios, and every replacement API a rewrite names. Whether a rewrite submits
the same job is proven whole in test_fix_sdk_proof.py.
"""

from __future__ import annotations

import importlib
import inspect
import logging

import pytest

pytest.importorskip("azureml.core")
pytest.importorskip("azureml.train.estimator")

from azureml_migrate import sdk  # noqa: E402


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


def _estimator_run_config(call: str, source_dir) -> str:
    """The whole run configuration an estimator call builds with the real SDK, serialized."""
    import json

    from azureml.core.runconfig import _serialize_to_dict

    namespace = _namespace()
    exec(_IMPORTS + f"est = {call}".replace("SOURCE", repr(str(source_dir))), namespace)
    return json.dumps(_serialize_to_dict(namespace["est"].run_config), sort_keys=True, default=str)


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


@pytest.mark.parametrize("path", sorted(sdk.DATASET_CLASS_PATHS))
def test_every_dataset_path_reaches_a_dataset_class_with_the_methods_the_builder_reads(path):
    """``Dataset.get_by_name``, ``Dataset.File.from_files``... make datasets, and a dataset's
    ``as_named_input``/``as_mount``/``as_download`` make a DatasetConsumptionConfig."""
    from azureml.data.abstract_dataset import AbstractDataset
    from azureml.data.dataset_consumption_config import DatasetConsumptionConfig

    dataset_class = _resolve(path)
    assert issubclass(dataset_class, AbstractDataset) or dataset_class.get_by_name is AbstractDataset.get_by_name
    assert all(callable(getattr(dataset_class, name)) for name in sdk.DATASET_LOOKUPS)
    if dataset_class.__name__ == "Dataset":
        made = {factory: {name for name in sdk.DATASET_FACTORY_METHODS
                          if callable(getattr(getattr(dataset_class, factory), name, None))}
                for factory in sdk.DATASET_FACTORY_ATTRIBUTES}
        assert all(made.values()) and set().union(*made.values()) == set(sdk.DATASET_FACTORY_METHODS), made
    assert all(hasattr(DatasetConsumptionConfig, name) for name in sdk.DATASET_MODE_METHODS)
    assert hasattr(AbstractDataset, sdk.DATASET_INPUT_METHOD)


@pytest.mark.parametrize("module", sorted(sdk.STAR_EXPORTS))
def test_star_exports_match_the_sdk(module):
    try:
        namespace: dict = {}
        exec(f"from {module} import *", namespace)
    except ImportError as error:
        pytest.skip(str(error))
    tracked = set(sdk.CLASS_PATHS.values())
    assert set(namespace) & tracked == set(sdk.STAR_EXPORTS[module])


@pytest.mark.parametrize("name", sorted(set(sdk.REPLACEMENT_PATHS.values())))
def test_every_path_of_a_replacement_name_binds_the_same_object(name):
    """A rewrite reuses a name the user imported through any path of the table: each path
    must reach the very object the others do, and no other name's object."""
    paths = sorted(path for path, listed in sdk.REPLACEMENT_PATHS.items() if listed == name)
    objects = {path: _resolve(path) for path in paths}
    first = objects[paths[0]]
    assert all(obj is first for obj in objects.values()), {path: id(obj) for path, obj in objects.items()}
    assert all(path.rsplit(".", 1)[1] == name for path in paths)
    others = {_resolve(path) is first for path, listed in sdk.REPLACEMENT_PATHS.items() if listed != name}
    assert others == {False}


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
    ("azureml.core.runconfig.MpiConfiguration", {"process_count_per_node"}),
    ("azureml.core.runconfig.PyTorchConfiguration", {"communication_backend"}),
    ("azureml.core.runconfig.TensorflowConfiguration", {"worker_count", "parameter_server_count"}),
    ("azureml.train.hyperdrive.HyperDriveConfig", {"run_config", "hyperparameter_sampling"}),
    ("azureml.core.conda_dependencies.CondaDependencies.set_pip_requirements", {"pip_requirements"}),
    ("azureml.core.conda_dependencies.CondaDependencies.add_conda_package", {"conda_package"}),
    ("azureml.core.conda_dependencies.CondaDependencies.add_pip_package", {"pip_package"}),
    ("azureml.core.conda_dependencies.CondaDependencies.merge_requirements", {"requirements"}),
    ("azureml.core.compute.AmlCompute.provisioning_configuration", {"vm_size", "vm_priority"}),
])
def test_replacements_named_in_hints_exist(target, parameters):
    try:
        obj = _resolve(target)
    except ImportError as error:
        pytest.skip(str(error))
    assert parameters <= set(inspect.signature(obj).parameters)


def test_python_script_step_takes_what_aml103_carries_over():
    try:
        from azureml.pipeline.steps import PythonScriptStep
    except ImportError as error:
        pytest.skip(str(error))
    from azureml_migrate.rewrite import steps

    parameters = set(inspect.signature(PythonScriptStep).parameters)
    assert set(steps._CARRIED) | set(steps._MPI_CARRIED) | {"script_name", "runconfig", "params",
                                                            "source_directory"} <= parameters


def test_the_framework_scenarios_are_the_sdks_own():
    """The rewrite spells out each framework scenario; the table must be the SDK's files."""
    import os

    import yaml
    from azureml.train import estimator as package

    from azureml_migrate.rewrite import frameworks

    folder = os.path.join(os.path.dirname(package.__file__), "scenarios")
    found = {}
    for name in os.listdir(folder):
        framework, version, processor = name[:-len(".yml")].split("-")
        spelled = {"pytorch": "PyTorch", "tensorflow": "TensorFlow", "chainer": "Chainer", "sklearn": "SKLearn"}
        if framework not in spelled:
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            scenario = yaml.safe_load(handle)
        dependencies = scenario["inlineCondaDependencies"]["dependencies"]
        assert [item for item in dependencies if isinstance(item, str)] == [frameworks.SCENARIO_PYTHON]
        pip = [package for item in dependencies if isinstance(item, dict) for package in item["pip"]]
        assert pip[0] == frameworks.SCENARIO_DEFAULT_PIP
        found[(spelled[framework], version, processor)] = (scenario["baseImage"], tuple(pip[1:]))
    assert found == frameworks.SCENARIOS
