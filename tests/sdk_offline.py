"""An offline Azure ML workspace for the whole-job proof harness (``tests/sdk_jobs.py``).

Everything here is a real SDK class, built without contacting a service: the workspace with
``_disable_service_check=True``, the blob datastores with their own constructors, the
``AmlCompute`` cluster through the SDK's own ``_initialize(workspace, obj_dict)`` (what
``ComputeTarget(ws, name)`` does with the service's answer) and the ``Experiment`` through
``object.__new__`` because its constructor asks the service for endpoints. Where the SDK asks
the service a question while building a job (which datastores the workspace has), the answer is
served from this module for the duration of :func:`offline`, and any attempt to open a network
connection is recorded and turned into an :class:`OfflineViolation`.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import socket
import warnings
from pathlib import Path
from typing import Callable, Dict, Iterator, List

SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000001"
DEFAULT_DATASTORE = "workspaceblobstore"

# The project every job is built from (``src/`` under the job's workdir). The requirements and
# environment files are small but real so conda/pip file parameters have something to read.
PROJECT_FILES = {
    "src/train.py": "import sys\nprint('training', sys.argv[1:])\n",
    "src/requirements.txt": "numpy==1.24.4\npandas\n",
    "src/environment.yml": (
        "name: project_environment\n"
        "channels:\n  - conda-forge\n"
        "dependencies:\n"
        "  - python=3.8.13\n"
        "  - pip\n"
        "  - pip:\n"
        "    - azureml-defaults\n"
        "    - numpy==1.24.4\n"
    ),
}


class OfflineViolation(AssertionError):
    """Building a job tried to reach the network."""


def write_project(workdir: Path) -> None:
    """Create ``PROJECT_FILES`` under ``workdir`` (nothing is written anywhere else)."""
    for relative, text in PROJECT_FILES.items():
        path = workdir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@contextlib.contextmanager
def no_network() -> Iterator[List[str]]:
    """Refuse every connection and name lookup; yield the list of attempts.

    The SDK swallows some exceptions (telemetry, discovery fallbacks), so callers must also
    check the yielded list after the fact rather than rely on the exception reaching them.
    """
    attempts: List[str] = []

    def refuse(what: str) -> Callable:
        def refused(*args, **kwargs):
            attempts.append(f"{what}{args[1:] if what == 'connect' else args}")
            raise OfflineViolation(f"network access during an offline job build: {what} {args!r}")
        return refused

    saved = (socket.socket.connect, socket.socket.connect_ex, socket.create_connection,
             socket.getaddrinfo)
    socket.socket.connect = refuse("connect")
    socket.socket.connect_ex = refuse("connect")
    socket.create_connection = refuse("create_connection")
    socket.getaddrinfo = refuse("getaddrinfo")
    try:
        yield attempts
    finally:
        (socket.socket.connect, socket.socket.connect_ex, socket.create_connection,
         socket.getaddrinfo) = saved


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Silence SDK logging, warnings and prints (deprecation banners) while a job is built."""
    saved_formatwarning = warnings.formatwarning  # HyperDriveConfig replaces it globally
    logging.disable(logging.CRITICAL)
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), \
                contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            yield
    finally:
        logging.disable(logging.NOTSET)
        warnings.formatwarning = saved_formatwarning


@contextlib.contextmanager
def working_directory(path: Path) -> Iterator[None]:
    previous = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def _cluster(workspace, name: str, location: str):
    """A real ``AmlCompute`` from the dictionary the service returns for ``ComputeTarget(ws, name)``."""
    from azureml.core.compute import AmlCompute

    cluster = object.__new__(AmlCompute)
    cluster._initialize(workspace, {
        "name": name, "location": location, "tags": None,
        "properties": {
            "computeType": "AmlCompute", "description": None, "resourceId": None,
            "provisioningState": "Succeeded", "provisioningErrors": None,
            "properties": {
                "vmSize": "STANDARD_NC6", "vmPriority": "Dedicated", "subnet": None,
                "scaleSettings": {"maxNodeCount": 4, "minNodeCount": 0,
                                  "nodeIdleTimeBeforeScaleDown": "PT120S"},
            },
        },
    })
    return cluster


def workspace_objects() -> Dict[str, object]:
    """``ws``, ``ds``, ``ds2``, ``default_ds`` and ``cluster``: real SDK objects, built offline.

    ``ds`` is ``mydatastore`` and ``ds2`` is ``mydatastore2`` (both ``AzureBlobDatastore``);
    ``default_ds`` is the workspace's default blob store ``workspaceblobstore`` that the SDK
    itself picks for multi-node estimators. ``cluster`` is ``gpu-cluster`` in ``eastus``, a
    region with cached framework images, so framework estimators take their AmlCompute path.
    """
    from azureml.core import Workspace
    from azureml.core.authentication import ServicePrincipalAuthentication
    from azureml.data.azure_storage_datastore import AzureBlobDatastore

    auth = ServicePrincipalAuthentication("00000000-0000-0000-0000-000000000000", "offline-sp",
                                          "offline-secret")
    ws = Workspace(SUBSCRIPTION_ID, "offline-rg", "offline-ws", auth=auth, _location="eastus",
                   _disable_service_check=True)
    return {
        "ws": ws,
        "ds": AzureBlobDatastore(ws, "mydatastore", "data", "offlineaccount"),
        "ds2": AzureBlobDatastore(ws, "mydatastore2", "data2", "offlineaccount"),
        "default_ds": AzureBlobDatastore(ws, DEFAULT_DATASTORE, "azureml-blobstore", "offlineaccount"),
        "cluster": _cluster(ws, "gpu-cluster", "eastus"),
    }


@contextlib.contextmanager
def datastore_service(datastores: Dict[str, object]) -> Iterator[None]:
    """Answer the SDK's datastore questions (``ws.datastores``, ``Datastore.get``, default) locally."""
    from azureml.data.datastore_client import _DatastoreClient

    def known(_workspace, name):
        if name not in datastores:
            raise OfflineViolation(f"datastore {name!r} is not in the offline workspace")
        return datastores[name]

    saved = {name: _DatastoreClient.__dict__[name] for name in ("get", "list", "get_default")}
    _DatastoreClient.get = staticmethod(known)
    _DatastoreClient.list = staticmethod(lambda _workspace, count=None: list(datastores.values()))
    _DatastoreClient.get_default = staticmethod(lambda _workspace: datastores[DEFAULT_DATASTORE])
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(_DatastoreClient, name, value)


def recording_experiment(workspace, record: Callable[[object, object, dict], None], name: str = "exp"):
    """A real ``Experiment`` whose ``submit`` hands ``(config, tags, kwargs)`` to ``record``."""
    from azureml.core import Experiment

    experiment = object.__new__(Experiment)
    experiment._workspace = workspace
    experiment._name = name
    experiment._id = None
    experiment._archived_time = None

    def submit(config, tags=None, **kwargs):
        record(config, tags, kwargs)

    experiment.submit = submit
    return experiment


#: the version ``Dataset.get_by_name(ws, name)`` answers for 'latest' (a dataset registered once)
REGISTERED_VERSION = 1


def _definition_id(kind: str, definition: object) -> str:
    """An id that is a function of what it names, as the service's id names one saved definition."""
    import uuid

    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"offline-{kind}:{definition}"))


@contextlib.contextmanager
def dataset_service(workspace, default_datastore) -> Iterator[None]:
    """Answer the three dataset questions the SDK asks the service while a job is built.

    The datasets are the SDK's own ``FileDataset``/``TabularDataset``, built by its own factories
    over a real ``AzureBlobDatastore``; only the service's answers are stood in for:

    - ``Dataset.get_by_name(ws, name, version)`` (its service request, ``_get_by_name``): the
      registered dataset is
      ``Dataset.File.from_files((workspace default store, 'name/'))``, registered under ``name``
      (version :data:`REGISTERED_VERSION` for 'latest'), its saved and registered ids derived
      from its definition and name;
    - the factories' ``validate=True`` (``from_files``, ``Tabular.from_delimited_files``) would
      read the storage account: they build the same definition with ``validate=False``
      (``from_delimited_files`` also without ``infer_column_types``, which reads the files);
    - saving a dataset for a run (``_ensure_saved_internal``, called by ``_update_args_and_io``):
      the service answers a saved id, here one derived from the dataset's definition.

    None of this can make two compared jobs differ or agree wrongly: the original and the
    rewritten program obtain their datasets through the same untouched statements (a rewrite never
    changes how a dataset is made, only how its ``DatasetConsumptionConfig`` reaches the run
    configuration), and every answer is a function of the dataset's name and definition, as the
    service's is for the same dataset. The serialized job still carries the dataset's id, name,
    version, consumption name, mode and path on compute, compared whole. Everything else the
    dataset classes touch (their dataflow engine, storage, lineage) stays real, so a network
    access still ends in :class:`OfflineViolation`.
    """
    from azureml.data.abstract_dataset import AbstractDataset, _DatasetRegistration
    from azureml.data.dataset_factory import FileDatasetFactory, TabularDatasetFactory

    from_files = FileDatasetFactory.from_files
    from_delimited_files = TabularDatasetFactory.from_delimited_files

    def offline_from_files(path, validate=True, partition_format=None, is_file=False):
        return from_files(path, validate=False, partition_format=partition_format, is_file=is_file)

    def offline_from_delimited_files(path, validate=True, include_path=False, infer_column_types=True,
                                     **kwargs):
        return from_delimited_files(path, validate=False, include_path=include_path, infer_column_types=False,
                                    **kwargs)

    def get_by_name(_workspace, name, version):
        dataset = from_files((default_datastore, f"{name}/"), validate=False)
        number = REGISTERED_VERSION if version in ("latest", None) else int(version)
        dataset._registration = _DatasetRegistration(
            workspace, _definition_id("saved", dataset._definition),
            registered_id=_definition_id("registered", name), name=name, version=number)
        return dataset

    def ensure_saved(dataset, _workspace):
        if not dataset._registration or not dataset._registration.saved_id:
            saved_id = _definition_id("saved", dataset._definition)
            if dataset._registration:
                dataset._registration.saved_id = saved_id
            else:
                dataset._registration = _DatasetRegistration(workspace, saved_id)
        return dataset._registration.saved_id

    patches = [(AbstractDataset, "_get_by_name", staticmethod(get_by_name)),
               (AbstractDataset, "_ensure_saved_internal", ensure_saved),
               (FileDatasetFactory, "from_files", staticmethod(offline_from_files)),
               (TabularDatasetFactory, "from_delimited_files", staticmethod(offline_from_delimited_files))]
    saved = [(owner, name, owner.__dict__[name]) for owner, name, _ in patches]
    for owner, name, value in patches:
        setattr(owner, name, value)
    try:
        yield
    finally:
        for owner, name, value in saved:
            setattr(owner, name, value)
