"""What the linter knows about the Azure ML SDK v1.

Written from ``shared/reference/azureml-sdk-v1-facts.md`` (facts gathered by running the real
SDK offline) and checked against the installed SDK by ``tests/test_sdk_equivalence.py``. Every
qualified name a user can import a tracked class through maps to one canonical class name,
so rules compare canonical names and never care which path or alias was used.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Dict, FrozenSet, Mapping, Optional, Tuple


def _paths(canonical: str, *paths: str) -> Dict[str, str]:
    return {path: canonical for path in paths}


#: Every import path (public, private and re-export) of every class a rule looks at.
CLASS_PATHS: Mapping[str, str] = MappingProxyType({
    # deprecated estimators
    **_paths("Estimator",
             "azureml.train.estimator.Estimator",
             "azureml.train.estimator._estimator.Estimator"),
    **_paths("PyTorch", "azureml.train.dnn.PyTorch", "azureml.train.dnn._pytorch.PyTorch"),
    **_paths("TensorFlow",
             "azureml.train.dnn.TensorFlow", "azureml.train.dnn._tensorflow.TensorFlow"),
    **_paths("Chainer", "azureml.train.dnn.Chainer", "azureml.train.dnn._chainer.Chainer"),
    **_paths("SKLearn", "azureml.train.sklearn.SKLearn"),
    # deprecated bases and helpers
    **_paths("MMLBaseEstimator",
             "azureml.train.estimator.MMLBaseEstimator",
             "azureml.train.estimator._estimator.MMLBaseEstimator",
             "azureml.train.estimator._mml_base_estimator.MMLBaseEstimator",
             "azureml.train.estimator._framework_base_estimator.MMLBaseEstimator"),
    **_paths("_FrameworkBaseEstimator",
             "azureml.train.sklearn._FrameworkBaseEstimator",
             "azureml.train.estimator._FrameworkBaseEstimator",
             "azureml.train.dnn._chainer._FrameworkBaseEstimator",
             "azureml.train.dnn._pytorch._FrameworkBaseEstimator",
             "azureml.train.dnn._tensorflow._FrameworkBaseEstimator",
             "azureml.train.estimator._framework_base_estimator._FrameworkBaseEstimator"),
    **_paths("MMLBaseEstimatorRunConfig",
             "azureml.train.estimator.MMLBaseEstimatorRunConfig",
             "azureml.train.estimator._mml_base_estimator.MMLBaseEstimatorRunConfig"),
    **_paths("Mpi",
             "azureml.train.dnn.Mpi", "azureml.train.estimator.Mpi",
             "azureml.train._estimator_helper.Mpi", "azureml.train._distributed_training.Mpi"),
    **_paths("ParameterServer",
             "azureml.train.dnn.ParameterServer", "azureml.train.estimator.ParameterServer",
             "azureml.train._estimator_helper.ParameterServer",
             "azureml.train._distributed_training.ParameterServer"),
    **_paths("Gloo",
             "azureml.train.dnn.Gloo", "azureml.train.estimator.Gloo",
             "azureml.train._distributed_training.Gloo"),
    **_paths("Nccl",
             "azureml.train.dnn.Nccl", "azureml.train.estimator.Nccl",
             "azureml.train._distributed_training.Nccl"),
    **_paths("HyperDriveRunConfig",
             "azureml.train.hyperdrive.HyperDriveRunConfig",
             "azureml.train.hyperdrive.runconfig.HyperDriveRunConfig"),
    **_paths("EstimatorStep",
             "azureml.pipeline.steps.EstimatorStep",
             "azureml.pipeline.steps.estimator_step.EstimatorStep"),
    **_paths("MpiStep", "azureml.pipeline.steps.MpiStep", "azureml.pipeline.steps.mpi_step.MpiStep"),
    # current APIs the rules need to recognise
    **_paths("HyperDriveConfig",
             "azureml.train.hyperdrive.HyperDriveConfig",
             "azureml.train.hyperdrive.run.HyperDriveConfig",
             "azureml.train.hyperdrive.runconfig.HyperDriveConfig"),
    **_paths("RunConfiguration",
             "azureml.core.RunConfiguration",
             "azureml.core.runconfig.RunConfiguration",
             "azureml.core.script_run.RunConfiguration",
             "azureml.core.script_run_config.RunConfiguration",
             "azureml.train._estimator_helper.RunConfiguration",
             "azureml.pipeline.core._databricks_step_base.RunConfiguration",
             "azureml.pipeline.core._pipeline_yaml_parser.RunConfiguration",
             "azureml.train.estimator._mml_base_estimator.RunConfiguration",
             "azureml.pipeline.core._parallel_run_step_base.RunConfiguration",
             "azureml.pipeline.core._python_script_step_base.RunConfiguration",
             "azureml.pipeline.core._synapse_spark_step_base.RunConfiguration",
             "azureml.pipeline.steps.automl_step.RunConfiguration",
             "azureml.train.automl.automlconfig.RunConfiguration",
             "azureml.data.dataset_profile_run_config.RunConfiguration"),
    **_paths("RandomParameterSampling", "azureml.train.hyperdrive.RandomParameterSampling",
             "azureml.train.hyperdrive.sampling.RandomParameterSampling"),
    **_paths("GridParameterSampling", "azureml.train.hyperdrive.GridParameterSampling",
             "azureml.train.hyperdrive.sampling.GridParameterSampling"),
    **_paths("BayesianParameterSampling", "azureml.train.hyperdrive.BayesianParameterSampling",
             "azureml.train.hyperdrive.sampling.BayesianParameterSampling"),
    **_paths("ScriptRunConfig",
             "azureml.core.ScriptRunConfig",
             "azureml.core.script_run_config.ScriptRunConfig",
             "azureml.train.hyperdrive.runconfig.ScriptRunConfig",
             "azureml.pipeline.steps.command_step.ScriptRunConfig",
             "azureml.train.estimator._mml_base_estimator.ScriptRunConfig"),
    **_paths("PythonScriptStep",
             "azureml.pipeline.steps.PythonScriptStep",
             "azureml.pipeline.steps.mpi_step.PythonScriptStep",
             "azureml.pipeline.steps.estimator_step.PythonScriptStep",
             "azureml.pipeline.steps.python_script_step.PythonScriptStep"),
    **_paths("CommandStep",
             "azureml.pipeline.steps.CommandStep", "azureml.pipeline.steps.command_step.CommandStep"),
    **_paths("ModuleStep",
             "azureml.pipeline.steps.ModuleStep", "azureml.pipeline.steps.module_step.ModuleStep"),
    **_paths("DatabricksStep",
             "azureml.pipeline.steps.DatabricksStep",
             "azureml.pipeline.steps.databricks_step.DatabricksStep"),
    **_paths("AutoMLConfig",
             "azureml.train.automl.AutoMLConfig",
             "azureml.train.automl.automlconfig.AutoMLConfig",
             "azureml.pipeline.steps.automl_step.AutoMLConfig"),
    **_paths("MpiConfiguration",
             "azureml.core.runconfig.MpiConfiguration",
             "azureml.core.script_run_config.MpiConfiguration",
             "azureml.train._estimator_helper.MpiConfiguration",
             "azureml.train._distributed_training.MpiConfiguration",
             "azureml.train.estimator._mml_base_estimator.MpiConfiguration"),
    **_paths("PyTorchConfiguration",
             "azureml.core.runconfig.PyTorchConfiguration",
             "azureml.core.script_run_config.PyTorchConfiguration"),
    **_paths("TensorflowConfiguration",
             "azureml.core.runconfig.TensorflowConfiguration",
             "azureml.train.dnn._tensorflow.TensorflowConfiguration",
             "azureml.core.script_run_config.TensorflowConfiguration",
             "azureml.train._distributed_training.TensorflowConfiguration",
             "azureml.train.estimator._mml_base_estimator.TensorflowConfiguration"),
    **_paths("DataReference",
             "azureml.data.data_reference.DataReference",
             "azureml.data.datapath.DataReference",
             "azureml.data.azure_storage_datastore.DataReference",
             "azureml.data.dataset_factory.DataReference",
             "azureml.data.sql_data_reference.DataReference",
             "azureml.pipeline.core.builder.DataReference",
             "azureml.pipeline.core.graph.DataReference",
             "azureml.pipeline.core.module_step_base.DataReference",
             "azureml.pipeline.steps.hyper_drive_step.DataReference",
             "azureml.train._estimator_helper.DataReference"),
    **_paths("Datastore",
             "azureml.core.Datastore", "azureml.core.datastore.Datastore", "azureml.core.run.Datastore",
             "azureml.pipeline.core.schedule.Datastore",
             "azureml.pipeline.core.pipeline_output_dataset.Datastore"),
})

#: Every import path of every object a rewrite writes by name, to that name: all the paths of
#: one name bind the very same object (checked against the real SDK by
#: ``tests/test_sdk_equivalence.py``), so a name the user already bound through any of them is
#: reused by a rewrite, and only a name bound to something else gets an alias.
REPLACEMENT_PATHS: Mapping[str, str] = MappingProxyType({
    **_paths("ScriptRunConfig",
             "azureml.core.ScriptRunConfig",
             "azureml.core.script_run_config.ScriptRunConfig",
             "azureml.train.hyperdrive.runconfig.ScriptRunConfig",
             "azureml.pipeline.steps.command_step.ScriptRunConfig",
             "azureml.train.estimator._mml_base_estimator.ScriptRunConfig"),
    **_paths("Environment",
             "azureml.core.Environment",
             "azureml.core.run.Environment",
             "azureml.core.model.Environment",
             "azureml.core.runconfig.Environment",
             "azureml.core.environment.Environment",
             "azureml.pipeline.core._synapse_spark_step_base.Environment",
             "azureml.pipeline.core._parallel_run_config_base.Environment"),
    **_paths("CondaDependencies",
             "azureml.core.runconfig.CondaDependencies",
             "azureml.core.environment.CondaDependencies",
             "azureml.core.conda_dependencies.CondaDependencies",
             "azureml.train._estimator_helper.CondaDependencies",
             "azureml.train._script_validation.CondaDependencies",
             "azureml.train.estimator._mml_base_estimator.CondaDependencies",
             "azureml.train.estimator._framework_base_estimator.CondaDependencies"),
    **_paths("DockerConfiguration",
             "azureml.core.runconfig.DockerConfiguration",
             "azureml.core.script_run_config.DockerConfiguration",
             "azureml.train._estimator_helper.DockerConfiguration"),
    **_paths("DEFAULT_GPU_IMAGE",
             "azureml.core.runconfig.DEFAULT_GPU_IMAGE",
             "azureml.core.environment.DEFAULT_GPU_IMAGE",
             "azureml.core.experiment.DEFAULT_GPU_IMAGE",
             "azureml.train._estimator_helper.DEFAULT_GPU_IMAGE"),
    **{path: name for path, name in CLASS_PATHS.items()
       if name in ("MpiConfiguration", "PyTorchConfiguration", "TensorflowConfiguration", "PythonScriptStep",
                   "HyperDriveConfig")},
})

ESTIMATORS: FrozenSet[str] = frozenset({"Estimator", "PyTorch", "TensorFlow", "Chainer", "SKLearn"})
FRAMEWORK_ESTIMATORS: FrozenSet[str] = frozenset({"PyTorch", "TensorFlow", "Chainer", "SKLearn"})
DISTRIBUTED_HELPERS: FrozenSet[str] = frozenset({"Mpi", "Gloo", "Nccl", "ParameterServer"})
DEPRECATED_STEPS: FrozenSet[str] = frozenset({"EstimatorStep", "MpiStep"})

#: HyperDrive's parameter samplings: their parameter space decides which arguments it removed
PARAMETER_SAMPLINGS: FrozenSet[str] = frozenset({
    "RandomParameterSampling", "GridParameterSampling", "BayesianParameterSampling"})

#: Deprecated names whose import is reported, with the import that replaces them.
DEPRECATED_IMPORTS: Mapping[str, str] = MappingProxyType({
    **{name: "from azureml.core import ScriptRunConfig, Environment" for name in ESTIMATORS},
    "MMLBaseEstimator": "from azureml.core import ScriptRunConfig",
    "_FrameworkBaseEstimator": "from azureml.core import ScriptRunConfig",
    "MMLBaseEstimatorRunConfig": "from azureml.core import ScriptRunConfig",
    "Mpi": "from azureml.core.runconfig import MpiConfiguration",
    "Gloo": "from azureml.core.runconfig import PyTorchConfiguration",
    "Nccl": "from azureml.core.runconfig import PyTorchConfiguration",
    "ParameterServer": "from azureml.core.runconfig import TensorflowConfiguration",
    "HyperDriveRunConfig": "from azureml.train.hyperdrive import HyperDriveConfig",
    "EstimatorStep": "from azureml.pipeline.steps import CommandStep",
    "MpiStep": "from azureml.pipeline.steps import CommandStep",
})


#: Tracked names that ``from <module> import *`` binds, per module, as the installed SDK does
#: it (``__all__`` where the module has one: azureml.train.estimator's lists the private
#: ``_FrameworkBaseEstimator``). Checked against the real SDK by ``tests/test_sdk_tables.py``.
STAR_EXPORTS: Mapping[str, FrozenSet[str]] = MappingProxyType({
    "azureml.core": frozenset({"Datastore", "RunConfiguration", "ScriptRunConfig"}),
    "azureml.core.runconfig": frozenset({
        "MpiConfiguration", "PyTorchConfiguration", "RunConfiguration", "TensorflowConfiguration"}),
    "azureml.core.script_run_config": frozenset({
        "MpiConfiguration", "PyTorchConfiguration", "RunConfiguration", "ScriptRunConfig",
        "TensorflowConfiguration"}),
    "azureml.core.datastore": frozenset({"Datastore"}),
    "azureml.data.data_reference": frozenset({"DataReference"}),
    "azureml.data.datapath": frozenset({"DataReference"}),
    "azureml.train.estimator": frozenset({
        "Estimator", "MMLBaseEstimator", "MMLBaseEstimatorRunConfig", "_FrameworkBaseEstimator",
        "Mpi", "Gloo", "Nccl", "ParameterServer"}),
    "azureml.train.dnn": frozenset({
        "PyTorch", "TensorFlow", "Chainer", "Mpi", "Gloo", "Nccl", "ParameterServer"}),
    "azureml.train.sklearn": frozenset({"SKLearn"}),
    "azureml.train.hyperdrive": frozenset({"HyperDriveConfig", "HyperDriveRunConfig", "RandomParameterSampling",
                                           "GridParameterSampling", "BayesianParameterSampling"}),
    "azureml.train.hyperdrive.runconfig": frozenset({
        "HyperDriveConfig", "HyperDriveRunConfig", "ScriptRunConfig", "BayesianParameterSampling"}),
    "azureml.pipeline.steps": frozenset({
        "PythonScriptStep", "EstimatorStep", "MpiStep", "CommandStep", "ModuleStep", "DatabricksStep"}),
    "azureml.train.automl": frozenset({"AutoMLConfig"}),
    "azureml.train._distributed_training": frozenset({
        "Mpi", "Gloo", "Nccl", "ParameterServer", "MpiConfiguration", "TensorflowConfiguration"}),
    "azureml.train._estimator_helper": frozenset({
        "DataReference", "Mpi", "MpiConfiguration", "ParameterServer", "RunConfiguration"}),
})

#: Pipeline consumers of a RunConfiguration, by canonical class and keyword.
PIPELINE_RUNCONFIG_CONSUMERS: FrozenSet[Tuple[str, str]] = frozenset({
    ("PythonScriptStep", "runconfig"),
    ("CommandStep", "runconfig"),
    ("ModuleStep", "runconfig"),
    ("DatabricksStep", "runconfig"),
    # deprecated itself (its own finding), yet a pipeline step all the same
    ("MpiStep", "runconfig"),
    ("AutoMLConfig", "run_configuration"),
})
#: Methods (on objects we cannot resolve) that consume a RunConfiguration in a pipeline.
PIPELINE_RUNCONFIG_METHODS: FrozenSet[Tuple[str, str]] = frozenset({
    ("publish_python_script", "runconfig"),
})
PIPELINE_RUNCONFIG_METHOD_NAMES: FrozenSet[str] = frozenset(name for name, _ in PIPELINE_RUNCONFIG_METHODS)
#: Exceptions whose ``except`` block holds compatibility fallbacks, not findings.
IMPORT_ERROR_NAMES: FrozenSet[str] = frozenset({"ImportError", "ModuleNotFoundError"})

#: Methods that return a Datastore whatever object they are called on.
DATASTORE_FACTORY_METHODS: FrozenSet[str] = frozenset({"get_default_datastore"})
#: Datastore class methods returning a Datastore (``Datastore.get(ws, name)`` ...).
DATASTORE_CLASS_FACTORIES: FrozenSet[str] = frozenset({
    "get", "get_default",
    "register_azure_blob_container", "register_azure_file_share",
    "register_azure_data_lake", "register_azure_data_lake_gen2",
    "register_azure_sql_database", "register_azure_postgre_sql", "register_azure_my_sql",
    "register_dbfs", "register_hdfs",
})
#: Attribute holding a mapping of name -> Datastore (``ws.datastores['name']``).
DATASTORE_MAPPING_ATTRIBUTE = "datastores"
#: Legacy DataReference producers: ``<datastore>.as_mount()`` and ``<datapath>.as_mount()``.
DATA_REFERENCE_METHODS: FrozenSet[str] = frozenset({"as_mount", "as_download", "as_upload"})
DATASTORE_PATH_METHOD = "path"

#: The v1 dataset classes, by every import path (checked against the real SDK by
#: ``tests/test_sdk_equivalence.py``): calls on them make datasets (``facts.DatasetInput``).
DATASET_CLASS_PATHS: FrozenSet[str] = frozenset({
    "azureml.core.Dataset", "azureml.core.dataset.Dataset",
    "azureml.data.FileDataset", "azureml.data.file_dataset.FileDataset",
    "azureml.data.TabularDataset", "azureml.data.tabular_dataset.TabularDataset",
    "azureml.data.abstract_dataset.AbstractDataset",
})
#: Dataset class methods returning a dataset of the workspace (``Dataset.get_by_name(ws, n)``).
DATASET_LOOKUPS: FrozenSet[str] = frozenset({"get_by_name", "get_by_id"})
#: ``Dataset.File`` and ``Dataset.Tabular``: the factories' attributes on the Dataset class.
DATASET_FACTORY_ATTRIBUTES: FrozenSet[str] = frozenset({"File", "Tabular"})
#: Factory methods returning a new dataset (``Dataset.File.from_files(path)``).
DATASET_FACTORY_METHODS: FrozenSet[str] = frozenset({
    "from_files", "from_delimited_files", "from_parquet_files", "from_json_lines_files", "from_sql_query"})
#: Dataset methods returning a dataset again (``dataset.register(ws, name)``, ``dataset.take(5)``).
DATASET_DERIVING_METHODS: FrozenSet[str] = frozenset({
    "register", "take", "skip", "take_sample", "filter", "keep_columns", "drop_columns"})
#: ``dataset.as_named_input(name)``: a DatasetConsumptionConfig in direct mode.
DATASET_INPUT_METHOD = "as_named_input"
#: Methods of a FileDataset or a DatasetConsumptionConfig making a consumption in that mode.
DATASET_MODE_METHODS: Mapping[str, str] = MappingProxyType({"as_mount": "mount", "as_download": "download"})
DATA_REFERENCES_ATTRIBUTE = "data_references"
#: The lookup of a registered dataset by name and version (``Dataset.get_by_name(ws, n, version)``),
#: what a v2 input names as ``azureml:<name>:<version>``.
DATASET_LOOKUP = "get_by_name"

#: Calls that carry requirement strings in code: keyword -> spec kind (a ``RequirementKind``
#: value: the enums wait for the fact builder, these tables are read at every flake8 start).
REQUIREMENT_KEYWORDS: Mapping[str, str] = MappingProxyType({
    "pip_packages": "pip",
    "conda_packages": "conda",
})
#: Methods whose first positional argument(s) are requirement strings.
REQUIREMENT_METHODS: Mapping[str, str] = MappingProxyType({
    "add_pip_package": "pip",
    "add_conda_package": "conda",
    "set_pip_requirements": "pip",
})

#: Estimator keywords by the rule that reports them.
ENVIRONMENT_PARAMETERS: FrozenSet[str] = frozenset({
    "pip_packages", "conda_packages",
    "conda_dependencies_file", "conda_dependencies_file_path",
    "pip_requirements_file", "pip_requirements_file_path",
    "custom_docker_image", "custom_docker_base_image", "image_registry_details",
    "use_gpu", "use_docker", "user_managed", "shm_size",
    "environment_variables", "environment_definition", "framework_version",
})
SCRIPT_PARAMS_PARAMETER = "script_params"
DISTRIBUTED_PARAMETERS: FrozenSet[str] = frozenset({
    "node_count", "process_count_per_node", "distributed_backend", "distributed_training",
    "worker_count", "parameter_server_count",
})
DATA_PARAMETERS: FrozenSet[str] = frozenset({"inputs", "source_directory_data_store"})
#: Estimator parameters whose default (from the SDK's signatures) configures the same job as
#: leaving them out of the ScriptRunConfig and Environment; every other flagged parameter
#: defaults to None. ``use_docker`` is absent on purpose: the estimator's True is not
#: ScriptRunConfig's default.
SAME_JOB_DEFAULTS: Mapping[str, object] = MappingProxyType({
    "user_managed": False, "use_gpu": False, "node_count": 1, "process_count_per_node": 1,
    "worker_count": 1, "parameter_server_count": 1,
})
#: Flagged estimator parameters that default to something other than None.
NON_NONE_DEFAULTS: FrozenSet[str] = frozenset(SAME_JOB_DEFAULTS) | {"use_docker"}
RUN_BASED_COMPUTE_PARAMETERS: FrozenSet[str] = frozenset({"vm_size", "vm_priority"})

#: Framework versions each framework estimator accepted, and the one it fell back to when
#: ``framework_version`` was not given (SDK ``DEFAULT_VERSION``).
FRAMEWORK_VERSIONS: Mapping[str, Tuple[str, ...]] = MappingProxyType({
    "PyTorch": ("1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6"),
    "TensorFlow": ("1.10", "1.12", "1.13", "2.0", "2.1", "2.2", "2.3"),
    "Chainer": ("5.1.0", "7.0.0"),
    "SKLearn": ("0.20.3",),
})
FRAMEWORK_DEFAULT_VERSION: Mapping[str, str] = MappingProxyType({
    "PyTorch": "1.4", "TensorFlow": "1.13", "Chainer": "5.1.0", "SKLearn": "0.20.3",
})
#: Frameworks with GPU scenarios (SKLearn has CPU only).
FRAMEWORKS_WITH_GPU: FrozenSet[str] = frozenset({"PyTorch", "TensorFlow", "Chainer"})
#: The only curated environment the SDK itself names for SKLearn (its deprecation message).
SKLEARN_CURATED_ENVIRONMENT = "AzureML-Tutorial"

DEFAULT_MIN_SDK_VERSION = "1.15.0"
ESTIMATOR_DEPRECATED_IN = "1.19.0"

#: Distributions released in step with ``azureml-sdk`` and versioned with it (canonical names).
#: Source: the package index (PyPI) on 2026-11-29 -- every ``azureml-*`` project with its newest
#: version and upload month, and the release history of azureml-sdk and azureml-core from
#: its JSON API (/pypi/<name>/json) -- snapshot in tests/data/azureml_release_train.json,
#: re-derived by scripts/refresh_release_train.py (the test pins this set to that snapshot).
#: Rule: a project is on the train when its newest version's release number (1.62.0.post6 ->
#: 1.62.0) is one azureml-sdk or azureml-core published (major >= 1), uploaded in that
#: release's month or up to 12 months later, and at least 1.15.0. Left out: projects on their
#: own train (azureml-dataprep*, azureml-inference-server-http, azureml-fsspec,
#: azureml-pipeline-wrapper, ...) and train projects discontinued before 1.15.0
#: (azureml-contrib-datadrift, azureml-contrib-explain-model, ...): no version of those
#: satisfies the minimum, so "raise the constraint" would be a wrong hint for them.
SDK_RELEASE_TRAIN: FrozenSet[str] = frozenset({
    "azureml-accel-models", "azureml-automl-common-tools", "azureml-automl-core",
    "azureml-automl-dnn-nlp", "azureml-automl-dnn-vision", "azureml-automl-runtime",
    "azureml-cli-common", "azureml-contrib-aisc", "azureml-contrib-automl-dnn-forecasting",
    "azureml-contrib-automl-dnn-vision", "azureml-contrib-automl-pipeline-steps",
    "azureml-contrib-dataset", "azureml-contrib-fairness", "azureml-contrib-functions",
    "azureml-contrib-gbdt", "azureml-contrib-interpret", "azureml-contrib-iot",
    "azureml-contrib-mir", "azureml-contrib-notebook", "azureml-contrib-pipeline-steps",
    "azureml-contrib-reinforcementlearning", "azureml-contrib-run", "azureml-contrib-server",
    "azureml-contrib-services", "azureml-core", "azureml-datadrift", "azureml-dataset-runtime",
    "azureml-defaults", "azureml-explain-model", "azureml-interpret", "azureml-mlflow",
    "azureml-opendatasets", "azureml-pipeline", "azureml-pipeline-core",
    "azureml-pipeline-steps", "azureml-responsibleai", "azureml-sdk", "azureml-synapse",
    "azureml-telemetry", "azureml-tensorboard", "azureml-train", "azureml-train-automl",
    "azureml-train-automl-client", "azureml-train-automl-runtime", "azureml-train-core",
    "azureml-train-restclients-hyperdrive", "azureml-training-tabular", "azureml-widgets",
})


#: Release numbers azureml-sdk or azureml-core published (major >= 1), oldest first: the
#: versions an exact pin of a train package can be raised to (the train releases in step).
#: Source: ``train_releases`` of the same snapshot (the test pins this tuple to it).
SDK_TRAIN_RELEASES: Tuple[str, ...] = (
    "1.0.2", "1.0.6", "1.0.8", "1.0.10", "1.0.15", "1.0.17", "1.0.18", "1.0.21", "1.0.23",
    "1.0.30", "1.0.33", "1.0.39", "1.0.41", "1.0.43", "1.0.45", "1.0.48", "1.0.53", "1.0.55",
    "1.0.57", "1.0.60", "1.0.62", "1.0.65", "1.0.69", "1.0.72", "1.0.74", "1.0.76", "1.0.79",
    "1.0.81", "1.0.83", "1.0.85", "1.1.5", "1.2.0", "1.3.0", "1.4.0", "1.5.0", "1.6.0", "1.7.0",
    "1.8.0", "1.9.0", "1.10.0", "1.11.0", "1.12.0", "1.13.0", "1.14.0", "1.15.0", "1.16.0",
    "1.17.0", "1.18.0", "1.19.0", "1.20.0", "1.21.0", "1.22.0", "1.23.0", "1.24.0", "1.25.0",
    "1.26.0", "1.27.0", "1.28.0", "1.29.0", "1.30.0", "1.31.0", "1.32.0", "1.33.0", "1.34.0",
    "1.35.0", "1.36.0", "1.37.0", "1.38.0", "1.39.0", "1.40.0", "1.41.0", "1.42.0", "1.43.0",
    "1.44.0", "1.45.0", "1.46.0", "1.47.0", "1.48.0", "1.49.0", "1.50.0", "1.51.0", "1.52.0",
    "1.53.0", "1.54.0", "1.55.0", "1.56.0", "1.57.0", "1.58.0", "1.59.0", "1.60.0", "1.61.0",
    "1.62.0",
)


def canonical_class(qualname: Optional[str]) -> Optional[str]:
    """The tracked class a qualified name reaches, or None."""
    if qualname is None:
        return None
    return CLASS_PATHS.get(qualname)


def curated_environment(framework: str, version: Optional[str], use_gpu: bool) -> Optional[str]:
    """Name of the curated environment matching a framework estimator's scenario, if any."""
    if framework == "SKLearn":
        return SKLEARN_CURATED_ENVIRONMENT
    version = version or FRAMEWORK_DEFAULT_VERSION.get(framework)
    if version not in FRAMEWORK_VERSIONS.get(framework, ()):
        return None
    processor = "GPU" if use_gpu and framework in FRAMEWORKS_WITH_GPU else "CPU"
    return f"AzureML-{framework}-{version}-{processor}"


def passes_its_default(parameter: str, literal: object) -> bool:
    """Whether an estimator argument is the parameter's own default, meaning the same job as
    leaving it out (``user_managed=False``, ``node_count=1``, ``pip_packages=None``)."""
    if parameter in SAME_JOB_DEFAULTS:
        default = SAME_JOB_DEFAULTS[parameter]
        return type(literal) is type(default) and literal == default
    return literal is None and parameter not in NON_NONE_DEFAULTS


def is_sdk_package(canonical_name: str) -> bool:
    """True for a canonicalized distribution name that is on the SDK release train."""
    return canonical_name in SDK_RELEASE_TRAIN


#: the one v2 client a program submits through (azure-ai-ml's ``MLClient.from_config`` reads the
#: same config.json as v1's ``Workspace.from_config()``); the builder recognises it, the v2 rules
#: advise it and the v2 rewrite writes it
V2_CLIENT = "ml_client = MLClient.from_config(credential=DefaultAzureCredential())"
