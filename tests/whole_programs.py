"""Whole-program proof: run a program before and after ``azureml-migrate fix`` with the real
Azure ML SDK, offline, and check that the fix kept it working (issue 16).

A program is a ``.py`` script or a notebook. A notebook runs as IPython would run its code
cells, in order, in one namespace: a cell is dedented first (IPython accepts an indented cell),
line magics and shell lines (``%pip``, ``!ls``) are dropped (an indented one becomes ``pass``),
a ``%%writefile PATH`` cell writes its body to PATH (``$name`` and ``{name}`` expanded from the
namespace, as IPython does) and any other cell magic cell (``%%bash``, ``%%capture`` ...) is
skipped. Markdown and raw cells are not code.

For each program and mode (``fix`` and ``fix --unsafe-fixes``, run through the real console
script on a temporary copy), :func:`prove` checks:

1. the fixed program runs without an exception wherever the original did (it fails, if the
   original failed, with the same exception in the same cell);
2. every job it submits is the same job as the original's, compared whole by
   ``tests/sdk_jobs.py`` (``canonical``/``diff_jobs``; safe mode without the harness's
   assumptions), in the same order, a pipeline step by step; a program that submits fewer or
   more jobs, or to other experiments, fails; so does one that follows the log of other
   submissions (``wait_for_completion(show_output=True)``, in v2 ``jobs.stream``);
3. pyflakes reports no undefined name and no unused import that the original did not have;
4. a second ``fix`` in the same mode changes nothing.

The target v2 (``fix --target v2``, :func:`prove_v2`) is proven by the same four checks, each
program ending v2-rewritten and proven, or with findings left that say why (manual). A program
``--target v2`` fixed may still be mixed: v1 parts it could not rewrite (a HyperDrive run, a
pipeline) or has no reason to (``ws.compute_targets[...]``) beside ``command(...)`` jobs. The
two SDKs cannot share one environment (``sdk_v2_env``), so the rule is:

- the fixed program runs once, in the test environment, as above: its v1 parts with the real
  azureml-core in the offline world; every import of ``azure.ai.ml`` and ``azure.identity`` is
  served by recorders (``sdk_v2_bridge``) that log each v2 call, attribute and subscript;
- only plain data (``str``, numbers, ``bool``, ``None`` and lists, tuples, dicts of them) and
  the v2 SDK's own values may cross into a v2 call: a v1 object (``AmlCompute``, a datastore, a
  dataset) raises ``BoundaryError`` into the program, which then fails check 1; so does the
  program's own logic reading a v2 value (``if job:``), known only where azure-ai-ml runs;
- the log is replayed with the real azure-ai-ml in its own environment (``sdk_v2_replay.py``):
  ``MLClient.from_config(credential=...)`` is checked and records, and each
  ``jobs.create_or_update`` serializes the job through the SDK's own submission path
  (``sdk_v2_build.serialize``); ``jobs.stream`` must name a submitted job;
- check 2 takes the submissions in program order, v1 and v2 together: a v1 job is compared as
  above, a v2 job with the original's v1 job in the written canonical form of
  ``tests/job_canonical.py`` (``v1_canonical``/``v2_canonical``), with its experiment name;
- check 4 runs the console script again with ``--target v2``.

A program with no v2 call is a wholly v1 program and proven as one; a program that imports
nothing from azureml is wholly v2 (``V2Proof.wholly_v2``) and its replay is its whole run.

What the programs touch, offline (:func:`offline_world`). Real SDK objects:
``Workspace.from_config()``, ``Workspace.get(...)``, ``Workspace(...)`` and the deprecated
``Workspace.setup()`` give the offline workspace of ``tests/sdk_offline.py``
(``_disable_service_check``), whose ``get_details()`` answers its own id, name, location and
resource group; ``ws.compute_targets[name]``,
``ComputeTarget(workspace=ws, name=name)`` and ``ComputeTarget.create(ws, name, config)`` give a
real ``AmlCompute`` built by the SDK's own ``_initialize`` from the answer the service gives
(every name exists, in ``eastus``; ``get_status`` and ``wait_for_completion`` are no-ops);
``Datastore.get``, ``Datastore(ws, name)``,
``ws.get_default_datastore()``, ``ws.datastores`` and ``Datastore.register_azure_blob_container``
give real ``AzureBlobDatastore`` objects; ``Dataset.get_by_name(ws, name)``, the dataset
factories' validation and saving a dataset for a job are answered by
``sdk_offline.dataset_service`` (real ``FileDataset``/``TabularDataset`` objects; its docstring
says what is stood in for and why that cannot change a compared job);
``Experiment(ws, name)`` is a real ``Experiment`` built without its service call;
``Environment.get(ws, name)`` is a real ``Environment(name)`` with the SDK's defaults (a
registered or curated definition lives in the service). Estimators,
ScriptRunConfigs, HyperDriveConfigs, steps, ``PipelineData`` and ``DataReference`` are the
SDK's own, built as the program builds them.

Recorded no-ops, where nothing real can run offline: ``Experiment.submit(config)`` and
``Pipeline.submit(experiment_name)`` serialize the job at submission (``tests/sdk_jobs.py``,
``tests/sdk_steps.py``; a job the SDK refuses raises into the program as it would) and return a
:class:`RecordedRun`, whose ``wait_for_completion``, ``get_metrics``, ``get_details``,
``get_portal_url``, ``get_best_run_by_primary_metric``, ``register_model``, ``download_file(s)``,
``get_file_names``, ``get_children``, ``log``, ``complete`` and ``cancel`` do nothing;
``Experiment.start_logging()`` (an interactive run in the kernel itself, no job: the Udacity
starter notebooks open one first) returns a :class:`RecordedRun` and records no job; ``Pipeline(ws, steps)`` keeps its
steps (its real constructor asks the service for endpoints) and ``validate``/``publish`` do
nothing; ``RunDetails(run).show()`` (``azureml.widgets``, a Jupyter widget polling the service;
a stand-in module when the package is not installed); ``AmlCompute.wait_for_completion``,
``get_status`` and datastore ``upload``/``upload_files``. A library that is not installed here
(matplotlib, torch ...; never an Azure ML package) is a stand-in module whose every attribute
and call gives a stand-in back (its ``__version__`` is a version string). Any network connection fails with
:class:`sdk_offline.OfflineViolation`.

The programs are test data written for this suite or read from public repositories by
``scripts/measure_fix_corpus.py``: executing them here is the point; the product never does.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import sys
import textwrap
import types
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

from sdk_jobs import _estimator_job, _hyperdrive_job, _script_run_config_job, canonical, diff_jobs
from sdk_offline import (DEFAULT_DATASTORE, OfflineViolation, dataset_service, no_network, quiet,
                         working_directory, workspace_objects, write_project)
from sdk_steps import serialize_step

CONSOLE_SCRIPT = Path(sys.executable).with_name("azureml-migrate")
MODES = ("safe", "unsafe")


# --------------------------------------------------------------------------- reading programs

@dataclass(frozen=True)
class Cell:
    """One unit the program runs: Python ``code``, or a file a ``%%writefile`` cell writes."""

    number: int
    code: str = ""
    writefile: Optional[str] = None  # the target as written, before ``$name`` expansion


_MAGIC_LINE = re.compile(r"^(\s*)(%|!)")
_ASSIGNED_MAGIC = re.compile(r"^(\s*)[\w.,\s]+=\s*(%|!)")


def _python_lines(source: str) -> str:
    lines = []
    for line in source.splitlines():
        magic = _MAGIC_LINE.match(line) or _ASSIGNED_MAGIC.match(line)
        lines.append(f"{magic.group(1)}pass" if magic and magic.group(1) else "" if magic else line)
    return "\n".join(lines) + "\n"


def notebook_cells(text: str) -> List[Cell]:
    """The code cells of a notebook as IPython runs them (see the module docstring)."""
    cells = []
    for number, cell in enumerate(json.loads(text)["cells"], 1):
        if cell.get("cell_type") != "code":
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        source = textwrap.dedent(source)
        first, _, body = source.partition("\n")
        if first.startswith("%%"):
            words = first.split()
            if words[0] == "%%writefile" and len(words) > 1:
                cells.append(Cell(number, body, writefile=words[-1]))
            continue
        cells.append(Cell(number, _python_lines(source)))
    return cells


def program_cells(text: str, kind: str) -> List[Cell]:
    return notebook_cells(text) if kind == "notebook" else [Cell(1, text)]


def python_text(text: str, kind: str) -> str:
    """The program as one Python module (a notebook's code cells in order), for pyflakes."""
    return "".join(cell.code + "\n" for cell in program_cells(text, kind) if cell.writefile is None)


def notebook_from_percent(text: str) -> str:
    """nbformat 4 JSON from the percent format the corpus is written in (``# %%`` starts a code
    cell, ``# %% [markdown]`` a markdown cell whose lines lose their ``# ``; lines before the
    first marker, the header naming the imitated source, become the first markdown cell)."""
    cells: List[dict] = []
    kind, lines = "markdown", []

    def close():
        while lines and not lines[-1].strip():
            lines.pop()
        if lines:
            source = [line + "\n" for line in lines[:-1]] + [lines[-1]]
            cell = {"cell_type": kind, "metadata": {}, "source": source}
            if kind == "code":
                cell.update(execution_count=None, outputs=[])
            cells.append(cell)

    for line in text.splitlines():
        if line.startswith("# %%"):
            close()
            kind, lines = ("markdown" if "[markdown]" in line else "code"), []
        elif kind == "markdown":
            lines.append(line[2:] if line.startswith("# ") else line.lstrip("#"))
        else:
            lines.append(line)
    close()
    notebook = {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3.6", "language": "python",
                                                            "name": "python36"}},
                "nbformat": 4, "nbformat_minor": 2}
    return json.dumps(notebook, indent=1) + "\n"


def materialize(source: Path, folder: Path) -> Path:
    """The corpus program at ``source`` as the file a user has: a ``.nbpy`` becomes ``.ipynb``."""
    folder.mkdir(parents=True, exist_ok=True)
    if source.suffix == ".nbpy":
        target = folder / (source.stem + ".ipynb")
        target.write_text(notebook_from_percent(source.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        target = folder / source.name
        target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def kind_of(path: Path) -> str:
    return "notebook" if path.suffix == ".ipynb" else "python"


# --------------------------------------------------------------------------- the offline world

class RecordedRun:
    """What ``submit`` returns offline: a run whose service calls do nothing."""

    def __init__(self, experiment_name: str, number: int, waits: Optional[List[int]] = None) -> None:
        self.experiment_name = experiment_name
        self.id = f"{experiment_name}_{number}"
        self.number = number
        self._waits = waits

    def wait_for_completion(self, show_output=False, *args, **kwargs):
        """Recorded with ``show_output=True``: v2 streams the job's log (``jobs.stream``)."""
        if show_output and self._waits is not None:
            self._waits.append(self.number)
        return {"runId": self.id, "status": "Completed"}

    def get_metrics(self, *args, **kwargs):
        return {}

    def get_details(self, *args, **kwargs):
        return {"runId": self.id, "status": "Completed", "runDefinition": {"arguments": []}}

    def get_portal_url(self):
        return f"offline://{self.id}"

    def get_status(self):
        return "Completed"

    def get_best_run_by_primary_metric(self, *args, **kwargs):
        return RecordedRun(self.experiment_name, self.number)

    def get_children(self, *args, **kwargs):
        return iter(())

    def get_file_names(self):
        return []

    def register_model(self, *args, **kwargs):
        return types.SimpleNamespace(name=kwargs.get("model_name", "model"), version=1, id="model:1")

    def download_file(self, *args, **kwargs):
        return None

    def download_files(self, *args, **kwargs):
        return None

    def cancel(self):
        return None

    def tag(self, *args, **kwargs):
        return None

    def log(self, *args, **kwargs):
        return None

    def complete(self, *args, **kwargs):
        return None


class _RunDetails:
    def __init__(self, run, *args, **kwargs):
        self.run = run

    def show(self, *args, **kwargs):
        return None


def _cluster_payload(name: str) -> dict:
    """What the resource provider answers for ``GET computes/<name>``: an AmlCompute cluster."""
    return {
        "id": f"/subscriptions/offline/computes/{name}", "name": name, "location": "eastus", "tags": None,
        "properties": {
            "computeType": "AmlCompute", "computeLocation": "eastus", "description": None,
            "resourceId": None, "isAttachedCompute": False, "provisioningState": "Succeeded",
            "provisioningErrors": None,
            "properties": {
                "vmSize": "STANDARD_NC6", "vmPriority": "Dedicated", "subnet": None,
                "scaleSettings": {"maxNodeCount": 4, "minNodeCount": 0,
                                  "nodeIdleTimeBeforeScaleDown": "PT120S"},
            },
        },
    }


class _Clusters(dict):
    """``ws.compute_targets``: every name asked for is an AmlCompute cluster of the workspace."""

    def __init__(self, make) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, name):
        self[name] = self._make(name)
        return self[name]

    def get(self, name, default=None):
        return self[name] if isinstance(name, str) else default

    def __contains__(self, name):
        return isinstance(name, str)


@dataclass
class Outcome:
    """What running a program did: its submissions in order, and how it ended."""

    #: (what was submitted, experiment name, serialized job) per submission
    jobs: List[Tuple[str, str, dict]] = field(default_factory=list)
    #: ``None`` when every cell ran; else ``(cell number, "Type: message")``
    error: Optional[Tuple[int, str]] = None
    #: network connections the SDK tried (and were refused)
    network: List[str] = field(default_factory=list)
    #: libraries that are not installed here, run as stand-ins (``missing_libraries_stood_in``)
    stood_in: List[str] = field(default_factory=list)
    #: the azure-ai-ml steps of a program run with ``v2=True`` (``sdk_v2_bridge``), and the
    #: folder it ran in, for the replay
    v2_steps: List[dict] = field(default_factory=list)
    cwd: str = ""
    #: the submissions (numbered from 1 in ``jobs``) whose log was followed, in order: a v1
    #: ``wait_for_completion(show_output=True)``, a v2 ``ml_client.jobs.stream(run.name)``
    waits: List[int] = field(default_factory=list)


@contextlib.contextmanager
def _patched(target, name, value) -> Iterator[None]:
    saved = target.__dict__[name] if name in target.__dict__ else None
    setattr(target, name, value)
    try:
        yield
    finally:
        if saved is None:
            delattr(target, name)
        else:
            setattr(target, name, saved)


@contextlib.contextmanager
def offline_world(outcome: Outcome) -> Iterator[Dict[str, object]]:
    """Serve the SDK names real programs use offline (see the module docstring)."""
    from azureml.core import ComputeTarget, Datastore, Experiment, Workspace
    from azureml.core.compute import AmlCompute
    from azureml.data.azure_storage_datastore import AzureBlobDatastore
    from azureml.data.datastore_client import _DatastoreClient
    from azureml.pipeline.core import Pipeline
    from azureml.train.estimator import MMLBaseEstimator
    from azureml.train.hyperdrive import HyperDriveConfig
    from azureml.core import Environment, ScriptRunConfig

    env = workspace_objects()
    ws = env["ws"]
    datastores = {d.name: d for d in (env["ds"], env["ds2"], env["default_ds"])}

    def datastore(name):
        if name not in datastores:
            datastores[name] = AzureBlobDatastore(ws, name, name, "offlineaccount")
        return datastores[name]

    def cluster(name):
        target = object.__new__(AmlCompute)
        target._initialize(ws, _cluster_payload(name))
        return target

    clusters = _Clusters(cluster)
    clusters[env["cluster"].name] = env["cluster"]

    def serialize(config, experiment, kwargs):
        if isinstance(config, MMLBaseEstimator):
            return "estimator", _estimator_job(config, ws, experiment.name, kwargs)
        if isinstance(config, HyperDriveConfig):
            return "hyperdrive", _hyperdrive_job(config, ws, experiment.name)
        if isinstance(config, ScriptRunConfig):
            return "script_run_config", _script_run_config_job(config, ws, experiment.name)
        if isinstance(config, Pipeline):
            steps = [serialize_step(step, ws, experiment, env["default_ds"], clusters)
                     for step in config._offline_steps]
            return "pipeline", {"steps": steps}
        raise TypeError(f"submit({type(config).__name__}) is not a job kind the harness knows")

    def record(config, experiment, tags=None, **kwargs):
        what, job = serialize(config, experiment, kwargs)
        job["tags"] = tags
        outcome.jobs.append((what, experiment.name, job))
        return RecordedRun(experiment.name, len(outcome.jobs), outcome.waits)

    def experiment_init(self, workspace, name, _skip_name_validation=False, _id=None, _archived_time=None,
                        _create_in_cloud=True, _experiment_dto=None, **kwargs):
        self._workspace, self._name, self._id, self._archived_time = workspace, name, _id, _archived_time

    def pipeline_init(self, workspace, steps, description=None, default_datastore=None,
                      default_source_directory=None, resolve_closure=True, _workflow_provider=None,
                      _service_endpoint=None, **kwargs):
        self._offline_workspace, self._offline_steps, self._name = workspace, list(steps), description

    def pipeline_submit(self, experiment_name, pipeline_parameters=None, continue_on_step_failure=False,
                        regenerate_outputs=False, parent_run_id=None, **kwargs):
        experiment = object.__new__(Experiment)
        experiment_init(experiment, self._offline_workspace, experiment_name)
        return record(self, experiment)

    workspace_init = Workspace.__init__

    def offline_workspace_init(self, subscription_id, resource_group, workspace_name, auth=None, **kwargs):
        kwargs["_disable_service_check"] = True
        workspace_init(self, subscription_id, resource_group, workspace_name, auth=auth or ws._auth, **kwargs)

    def no_op(*args, **kwargs):
        return None

    def workspace_details(self):
        """What the service answers about a workspace, from the offline one's own fields."""
        scope = (f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}"
                 f"/providers/Microsoft.MachineLearningServices/workspaces/{self.name}")
        return {"id": scope, "name": self.name, "location": self.location,
                "resourceGroup": self.resource_group, "subscriptionId": self.subscription_id,
                "type": "Microsoft.MachineLearningServices/workspaces"}

    status = types.SimpleNamespace(serialize=lambda: {"provisioningState": "Succeeded"},
                                   provisioning_state="Succeeded")
    widgets = types.ModuleType("azureml.widgets")
    widgets.RunDetails = _RunDetails
    patches = [
        (Workspace, "from_config", staticmethod(lambda *args, **kwargs: ws)),
        (Workspace, "get", staticmethod(lambda *args, **kwargs: ws)),
        (Workspace, "setup", staticmethod(lambda: ws)),
        (Workspace, "get_details", workspace_details),
        (Workspace, "__init__", offline_workspace_init),
        (Workspace, "compute_targets", property(lambda self: clusters)),
        (ComputeTarget, "_get", staticmethod(lambda workspace, name: _cluster_payload(name))),
        (ComputeTarget, "create", staticmethod(lambda workspace, name, config: clusters[name])),
        (ComputeTarget, "list", staticmethod(lambda workspace: list(clusters.values()))),
        (AmlCompute, "wait_for_completion", no_op),
        (AmlCompute, "get_status", lambda self: status),
        (_DatastoreClient, "get", staticmethod(lambda workspace, name: datastore(name))),
        (_DatastoreClient, "list", staticmethod(lambda workspace, count=None: list(datastores.values()))),
        (_DatastoreClient, "get_default", staticmethod(lambda workspace: datastores[DEFAULT_DATASTORE])),
        (Datastore, "register_azure_blob_container",
         staticmethod(lambda workspace, datastore_name, container_name, account_name, **kwargs:
                      datastore(datastore_name))),
        (AzureBlobDatastore, "upload", no_op),
        (AzureBlobDatastore, "upload_files", no_op),
        (Environment, "get", staticmethod(lambda workspace, name, version=None, label=None: Environment(name))),
        (Experiment, "__init__", experiment_init),
        (Experiment, "submit", lambda self, config, tags=None, **kwargs: record(config, self, tags, **kwargs)),
        (Experiment, "start_logging", lambda self, *args, **kwargs: RecordedRun(self.name, 0)),
        (Pipeline, "__init__", pipeline_init),
        (Pipeline, "submit", pipeline_submit),
        (Pipeline, "validate", lambda self, *args, **kwargs: []),
        (Pipeline, "publish", no_op),
    ]
    with contextlib.ExitStack() as stack:
        stack.enter_context(dataset_service(ws, datastores[DEFAULT_DATASTORE]))
        for target, name, value in patches:
            stack.enter_context(_patched(target, name, value))
        try:
            import azureml.widgets  # noqa: F401
        except ImportError:
            saved_module = sys.modules.get("azureml.widgets")
            sys.modules["azureml.widgets"] = widgets
            stack.callback(lambda: sys.modules.pop("azureml.widgets", None) if saved_module is None
                           else sys.modules.__setitem__("azureml.widgets", saved_module))
        else:
            stack.enter_context(_patched(sys.modules["azureml.widgets"], "RunDetails", _RunDetails))
        yield env


class _StandIn:
    """Anything a library the job does not depend on gives back (``plt.plot(...)``)."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, name: str) -> "_StandIn":
        if name.startswith("__"):
            raise AttributeError(name)
        return _StandIn(f"{self._name}.{name}")

    def __call__(self, *args, **kwargs) -> "_StandIn":
        return _StandIn(f"{self._name}()")

    def __getitem__(self, key) -> "_StandIn":
        return _StandIn(f"{self._name}[]")

    def __iter__(self):
        return iter(())

    def __repr__(self) -> str:
        return f"<offline stand-in {self._name}>"


class _StandInModule(types.ModuleType):
    #: what notebooks print before they start (``sklearn.__version__``)
    __version__ = "0+offline-stand-in"

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return _StandIn(f"{self.__name__}.{name}")


def _imported_by_the_program() -> bool:
    """Whether the import under way was written in a program cell (``<cell N>``), not in a library."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename.startswith("<frozen"):
        frame = frame.f_back
    return frame is not None and frame.f_code.co_filename.startswith("<cell ")


class _MissingLibraries:
    """A meta path finder, last in line: a library the program imports that is not installed
    here (matplotlib, torch, azureml.opendatasets, a plotting helper) becomes a stand-in module
    instead of an ImportError, so the program goes on to build and submit its jobs. Only the
    program's own imports are stood in for: an optional import inside the SDK (or any library)
    still fails as it does without the package, so the SDK behaves as installed."""

    def __init__(self) -> None:
        self.used: List[str] = []

    def find_spec(self, name, path=None, target=None):
        import importlib.machinery

        if name.split(".")[0] == "azureml_migrate" or not _imported_by_the_program():
            return None
        return importlib.machinery.ModuleSpec(name, self, is_package=True)

    def create_module(self, spec):
        self.used.append(spec.name)
        module = _StandInModule(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module):
        return None


@contextlib.contextmanager
def missing_libraries_stood_in() -> Iterator[_MissingLibraries]:
    finder = _MissingLibraries()
    sys.meta_path.append(finder)
    try:
        yield finder
    finally:
        sys.meta_path.remove(finder)
        for name in finder.used:
            sys.modules.pop(name, None)


def _expand(target: str, namespace: dict) -> str:
    """``%%writefile $script_folder/train.py``: IPython's ``$name``/``{name}`` expansion."""
    def value(match):
        name = match.group(1) or match.group(2)
        return str(namespace.get(name, match.group(0)))
    return re.sub(r"\$(\w+)|\{(\w+)\}", value, target)


def run_program(text: str, kind: str, workdir: Path, cwd: str = ".", v2: bool = False) -> Outcome:
    """Run the program in ``workdir``/``cwd`` and say what it did. An empty ``workdir`` is
    given ``sdk_offline.PROJECT_FILES`` (``src/train.py`` ...) first.

    ``v2``: azure-ai-ml and azure.identity are recorded (``sdk_v2_bridge``); each
    ``jobs.create_or_update`` takes its place among the submissions as ``("v2", experiment,
    {"step": n})`` until :func:`with_v2_jobs` replays the steps."""
    from sdk_v2_bridge import V2Log, v2_recorded

    root = Path(workdir).resolve()
    root.mkdir(parents=True, exist_ok=True)
    if not any(root.iterdir()):
        write_project(root)
    workdir = root / cwd
    outcome = Outcome(cwd=str(workdir))
    submitted: Dict[int, int] = {}  # the step of a v2 submission: its number among the submissions

    def on_submit(step, experiment):
        outcome.jobs.append(("v2", experiment, {"step": step}))
        submitted[step] = len(outcome.jobs)

    log = V2Log(on_submit=on_submit, on_stream=lambda step: outcome.waits.append(submitted.get(step, 0)))
    recorded = v2_recorded(log) if v2 else contextlib.nullcontext()
    namespace: dict = {"__name__": "__main__", "__file__": str(workdir / "program.py")}
    saved_argv = sys.argv
    sys.argv = [str(workdir / "program.py")]
    try:
        with quiet(), no_network() as attempts, working_directory(workdir), offline_world(outcome), \
                recorded, missing_libraries_stood_in() as stand_ins:
            for cell in program_cells(text, kind):
                try:
                    if cell.writefile is not None:
                        path = Path(_expand(cell.writefile, namespace))
                        path.parent.mkdir(parents=True, exist_ok=True)
                        path.write_text(cell.code)
                    else:
                        exec(compile(cell.code, f"<cell {cell.number}>", "exec"), namespace)  # test data
                except SystemExit as exit_:
                    if exit_.code not in (None, 0):
                        outcome.error = (cell.number, f"SystemExit: {exit_.code}")
                    break
                except Exception as error:  # the program's own failure is what we observe
                    # where the copy ran is no part of the failure: the same error in another folder is the same
                    outcome.error = (cell.number, f"{type(error).__name__}: {error}".replace(str(root), "<workdir>"))
                    break
    finally:
        sys.argv = saved_argv
    outcome.network = list(attempts)
    outcome.stood_in = list(stand_ins.used)
    outcome.v2_steps = log.steps
    return outcome


def with_v2_jobs(outcome: Outcome) -> Outcome:
    """The outcome with each recorded v2 submission replaced by the job the real azure-ai-ml
    sends (``sdk_v2_replay.py`` in its own environment); a replay that fails becomes the
    program's error, as if the program had failed after its last cell."""
    from sdk_v2_jobs import v2_replays

    if not outcome.v2_steps:
        return outcome
    [result] = v2_replays([{"steps": outcome.v2_steps, "cwd": outcome.cwd}])
    if "error" in result:
        return Outcome(outcome.jobs, outcome.error or (0, f"azure-ai-ml replay: {result['error']}"), outcome.network,
                       outcome.stood_in, outcome.v2_steps, outcome.cwd, outcome.waits)
    submitted = iter([event for event in result["events"] if event[0] == "submit"])
    jobs = []
    for what, experiment, job in outcome.jobs:
        if what == "v2":
            missing = ("submit", experiment, {"missing": "not submitted in the replay"})
            _, experiment_sent, body = next(submitted, missing)
            jobs.append(("v2", experiment_sent, body))
        else:
            jobs.append((what, experiment, job))
    return Outcome(jobs, outcome.error, outcome.network, outcome.stood_in, outcome.v2_steps, outcome.cwd,
                   outcome.waits)


# --------------------------------------------------------------------------- the checks

def pyflakes_problems(code: str) -> Counter:
    """Undefined names and unused imports pyflakes reports, as (kind, name) counts."""
    from pyflakes import api, messages, reporter

    found = Counter()

    class Collect(reporter.Reporter):
        def __init__(self):
            super().__init__(io.StringIO(), io.StringIO())

        def flake(self, message):
            if isinstance(message, (messages.UndefinedName, messages.UnusedImport)):
                found[(type(message).__name__, message.message_args[0])] += 1

    api.check(code, "program.py", Collect())
    return found


def fix_with_console_script(path: Path, mode: str, *extra: str) -> subprocess.CompletedProcess:
    """``azureml-migrate fix [--unsafe-fixes] [EXTRA...] PATH`` in PATH's folder, as a user runs it."""
    command = ([str(CONSOLE_SCRIPT), "fix", "--isolated", *extra, path.name]
               + (["--unsafe-fixes"] if mode == "unsafe" else []))
    completed = subprocess.run(command, cwd=path.parent, capture_output=True, text=True, timeout=300)
    if completed.returncode not in (0, 1) or "Traceback" in completed.stderr:
        raise AssertionError(f"{' '.join(command)} failed ({completed.returncode}):\n{completed.stderr}")
    return completed


def _comparable(job: dict, assumptions: bool) -> dict:
    return canonical(job, assumptions=assumptions)


def _job_differences(before: Outcome, after: Outcome, assumptions: bool) -> List[str]:
    lines = []
    # what is submitted may change kind (an estimator becomes a ScriptRunConfig); where it is
    # submitted, how often and in which order may not
    if [(j[0] == "pipeline", j[1]) for j in before.jobs] != [(j[0] == "pipeline", j[1]) for j in after.jobs]:
        lines.append(f"submissions differ: before {[j[:2] for j in before.jobs]}, after {[j[:2] for j in after.jobs]}")
    if before.waits != after.waits:
        lines.append(f"the logs followed differ: submissions {before.waits} before, {after.waits} after")
    for number, ((what, _, job_before), (what_after, _, job_after)) in enumerate(zip(before.jobs, after.jobs), 1):
        where = f"submit:{number}({what})"
        if what_after == "v2":
            from job_canonical import v1_canonical, v2_canonical

            if what == "pipeline" or "properties" not in job_after:
                lines.append(f"{where}: became the v2 submission {job_after}")
            else:
                lines.extend(diff_jobs(v1_canonical(job_before, assumptions=assumptions), v2_canonical(job_after),
                                       f"{where}->v2"))
        elif what == "pipeline" and len(job_before["steps"]) == len(job_after["steps"]):
            for index, (step_before, step_after) in enumerate(zip(job_before["steps"], job_after["steps"])):
                lines.extend(diff_jobs(_comparable(step_before, assumptions),
                                       _comparable(step_after, assumptions), f"{where}.steps[{index}]"))
        else:
            lines.extend(diff_jobs(_comparable(job_before, assumptions), _comparable(job_after, assumptions), where))
    return lines


@dataclass
class Proof:
    """One program in one mode: what ``fix`` did and every check that failed."""

    mode: str
    changed: bool
    fixed: int
    unsafe: int
    manual: int
    manual_reasons: List[str]
    jobs: int
    problems: List[str]

    @property
    def proven(self) -> bool:
        return not self.problems


def _cwd(path: Path, project: Optional[Path]) -> str:
    return str(path.parent.relative_to(project)) if project is not None else "."


def original_outcome(path: Path, workdir: Path, project: Optional[Path] = None) -> Outcome:
    """Run the unfixed program in ``workdir`` (a copy of ``project``, the folder that holds it)."""
    return run_program(path.read_text(encoding="utf-8"), kind_of(path), _prepared(Path(workdir), project),
                       _cwd(path, project))


def prove(path: Path, mode: str, workdir: Path, before: Optional[Outcome] = None,
          project: Optional[Path] = None) -> Proof:
    """Fix a copy of the program at ``path`` in ``mode`` and run the four checks.

    ``project``: a folder holding the program, copied for each run, which runs in the
    program's own folder of the copy (the files a real program reads next to itself);
    ``before``: the original's outcome (:func:`original_outcome`), if already run.
    """
    from azureml_migrate.fixer import fix_text

    workdir = Path(workdir)
    kind, original, copy = _copy_to_fix(path, workdir / f"fix-{mode}")
    fix_with_console_script(copy, mode)
    fixed = copy.read_text(encoding="utf-8")
    report = fix_text(original, kind, unsafe=mode == "unsafe")
    problems = []
    if report.text != fixed:
        problems.append("the console script and the fixer API disagree on the fixed text")
    if before is None:
        before = original_outcome(path, workdir / "before", project)
    after = run_program(fixed, kind, _prepared(workdir / f"after-{mode}", project), _cwd(path, project))
    problems.extend(compare(original, fixed, kind, mode, before, after))
    return Proof(mode, fixed != original, len(report.applied), len(report.unsafe),
                 len(report.manual) + len(report.dropped),
                 [item.text for item in report.manual + report.dropped], len(before.jobs), problems)


V2_FIX = ("--target", "v2", "--format", "json")


@dataclass
class V2Proof:
    """One program fixed with ``--target v2`` in one mode: what is left and every failed check."""

    mode: str
    changed: bool
    #: the fixed program imports nothing from azureml: it is wholly azure-ai-ml
    wholly_v2: bool
    #: submissions the fixed program makes through azure-ai-ml, replayed there
    v2_submissions: int
    #: submissions it still makes through azureml-core
    v1_submissions: int
    #: remaining findings as the JSON report gives them (status, code, line, cell, reason)
    remaining: List[dict]
    problems: List[str]

    @property
    def proven(self) -> bool:
        return not self.problems

    @property
    def manual_reasons(self) -> List[str]:
        return [finding["reason"] or finding["message"] for finding in self.remaining
                if finding["status"] in ("manual", "dropped")]


def imports_azureml_v1(code: str) -> bool:
    """Whether the module imports anything from the ``azureml`` package (the v1 SDK)."""
    import ast

    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import) and any(alias.name.split(".")[0] == "azureml" for alias in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").split(".")[0] == "azureml":
            return True
    return False


def _copy_to_fix(path: Path, copy_dir: Path) -> Tuple[str, str, Path]:
    """The program's kind, its text, and a copy of it in ``copy_dir`` for ``fix`` to rewrite."""
    original = path.read_text(encoding="utf-8")
    copy_dir.mkdir(parents=True, exist_ok=True)
    copy = copy_dir / path.name
    copy.write_text(original, encoding="utf-8")
    return kind_of(path), original, copy


def prove_v2(path: Path, mode: str, workdir: Path, before: Optional[Outcome] = None,
             project: Optional[Path] = None) -> V2Proof:
    """``fix --target v2`` a copy of the program in ``mode`` and run the four checks, the fixed
    program's azure-ai-ml part replayed with the real azure-ai-ml (see the module docstring)."""
    workdir = Path(workdir)
    kind, original, copy = _copy_to_fix(path, workdir / f"fix-v2-{mode}")
    report = json.loads(fix_with_console_script(copy, mode, *V2_FIX).stdout)
    fixed = copy.read_text(encoding="utf-8")
    remaining = [finding for record in report["files"] for finding in record["remaining"]]
    problems = [f"the fix reports an error: {record['error'] or record['errors']}" for record in report["files"]
                if record["error"] or record["errors"]]
    if before is None:
        before = original_outcome(path, workdir / "before", project)
    after = run_program(fixed, kind, _prepared(workdir / f"after-v2-{mode}", project), _cwd(path, project), v2=True)
    after = with_v2_jobs(after)
    problems.extend(_outcome_problems(before, after))
    problems.extend(_job_differences(before, after, assumptions=mode == "unsafe"))
    problems.extend(_flake_problems(original, fixed, kind))
    second = json.loads(fix_with_console_script(copy, mode, *V2_FIX).stdout)
    if copy.read_text(encoding="utf-8") != fixed or second["summary"]["fixed"]:
        problems.append("a second fix changes the program")
    return V2Proof(mode, fixed != original, not imports_azureml_v1(python_text(fixed, kind)),
                   sum(job[0] == "v2" for job in after.jobs), sum(job[0] != "v2" for job in after.jobs), remaining,
                   problems)


def _outcome_problems(before: Outcome, after: Outcome) -> List[str]:
    if after.error and after.error != before.error:
        return [f"the fixed program fails in cell {after.error[0]}: {after.error[1]}"
                + (f" (the original failed in cell {before.error[0]}: {before.error[1]})"
                   if before.error else " (the original ran)")]
    if before.error and not after.error:
        return [f"the original fails in cell {before.error[0]} ({before.error[1]}), the fixed one does not"]
    return []


def _flake_problems(original: str, fixed: str, kind: str) -> List[str]:
    flakes_before = pyflakes_problems(python_text(original, kind))
    flakes_after = pyflakes_problems(python_text(fixed, kind))
    return [f"pyflakes: {message} {name!r} (x{count}) that the original did not have"
            for (message, name), count in sorted((flakes_after - flakes_before).items())]


def compare(original: str, fixed: str, kind: str, mode: str, before: Outcome, after: Outcome) -> List[str]:
    """Checks 1-4 of the module docstring on a program, its fixed text and both outcomes."""
    from azureml_migrate.fixer import fix_text

    problems = _outcome_problems(before, after)
    problems.extend(_job_differences(before, after, assumptions=mode == "unsafe"))
    problems.extend(_flake_problems(original, fixed, kind))
    if fix_text(fixed, kind, unsafe=mode == "unsafe").text != fixed:
        problems.append("a second fix changes the program")
    return problems


def _prepared(workdir: Path, project: Optional[Path]) -> Path:
    import shutil

    if project is not None and not workdir.exists():
        shutil.copytree(project, workdir, symlinks=True, ignore=shutil.ignore_patterns(".git"))
    return workdir


def raise_for_offline(outcome: Outcome, what: str) -> None:
    """A corpus program of ours must not need the network: fail loudly if it did."""
    if outcome.error and outcome.error[1].startswith(OfflineViolation.__name__):
        raise AssertionError(f"{what} reached the network in cell {outcome.error[0]}: {outcome.error[1]}")


def corpus_figures(programs: List[Tuple[Path, Optional[Path]]], workdir: Path) -> Dict[str, dict]:
    """Per mode and target: how many programs ``fix`` changed, how many of those pass all four
    checks (for v2 also: how many are wholly azure-ai-ml, how many v2 submissions are proven),
    and the programs with findings left manual, with each reason's count (the part before ``:``)."""
    figures: Dict[str, dict] = {mode: {"programs": len(programs), "fixed": 0, "proven": 0, "manual": 0,
                                       "reasons": Counter(), "failing": []} for mode in MODES}
    figures.update({f"v2 {mode}": {"programs": len(programs), "fixed": 0, "proven": 0, "wholly_v2": 0,
                                   "v2_submissions": 0, "manual": 0, "reasons": Counter(), "failing": []}
                    for mode in MODES})
    for number, (path, project) in enumerate(programs):
        program_dir = Path(workdir) / f"{number}-{path.stem}"
        before = original_outcome(path, program_dir / "before", project)
        for mode in MODES:
            proof = prove_v2(path, mode, program_dir, before, project)
            counts = figures[f"v2 {mode}"]
            counts["fixed"] += proof.changed
            counts["proven"] += proof.changed and proof.proven
            counts["wholly_v2"] += proof.changed and proof.proven and proof.wholly_v2
            counts["v2_submissions"] += proof.v2_submissions if proof.proven else 0
            if not proof.proven:
                counts["failing"].append(f"{path.name}: {proof.problems[0]}")
            if proof.manual_reasons:
                counts["manual"] += 1
                counts["reasons"].update(_reason_head(finding) for finding in proof.remaining
                                         if finding["status"] in ("manual", "dropped"))
        for mode in MODES:
            proof = prove(path, mode, program_dir, before, project)
            counts = figures[mode]
            counts["fixed"] += proof.changed
            counts["proven"] += proof.changed and proof.proven
            if not proof.proven:
                counts["failing"].append(f"{path.name}: {proof.problems[0]}")
            if proof.manual:
                counts["manual"] += 1
                counts["reasons"].update(reason.split(":")[0][:90] for reason in proof.manual_reasons)
    return figures


def _reason_head(finding: dict) -> str:
    """A manual finding's reason for the figures: its own, else its message (whose rule gives
    none of its own), up to the first ':' and without the v1 name it starts with."""
    from azureml_migrate.fixer.loop import NO_REASON

    text = finding["reason"] if finding["reason"] and finding["reason"] != NO_REASON else \
        f"{finding['code']} (no reason of its own) " + finding["message"].split(" is SDK v1")[0].split(" (from")[0]
    return text.split(":")[0][:90]


def main(argv: Optional[List[str]] = None) -> int:
    """``python tests/whole_programs.py``: the figures of the whole-program suite's programs
    (``examples/`` and ``tests/program_corpus/``), fixed and proven in each mode, for the
    ScriptRunConfig target and for ``--target v2``."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    examples = root / "examples"
    programs = [(path, examples / path.relative_to(examples).parts[0]) for path in sorted(examples.rglob("*"))
                if path.suffix in (".py", ".ipynb") and path.is_file()]
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(__file__).resolve().parent / "program_corpus"
        for path in sorted(corpus.iterdir()):
            if path.suffix in (".py", ".nbpy"):
                programs.append((materialize(path, Path(scratch) / "corpus" / path.stem), None))
        figures = corpus_figures(programs, Path(scratch) / "runs")
    for mode, counts in figures.items():
        v2 = (f"; wholly azure-ai-ml: {counts['wholly_v2']}; v2 submissions proven: {counts['v2_submissions']}"
              if "wholly_v2" in counts else "")
        print(f"[{mode}] programs: {counts['programs']}; fixed: {counts['fixed']}; proven (all four checks): "
              f"{counts['proven']}{v2}; with manual findings left: {counts['manual']}")
        for reason, count in counts["reasons"].most_common():
            print(f"  manual {count:3}  {reason}")
        for failing in counts["failing"]:
            print(f"  FAILS {failing[:240]}")
    return 1 if any(counts["failing"] for counts in figures.values()) else 0


__all__ = ["Cell", "MODES", "Outcome", "Proof", "RecordedRun", "V2Proof", "compare", "fix_with_console_script",
           "imports_azureml_v1", "kind_of", "materialize", "notebook_cells", "notebook_from_percent", "offline_world",
           "original_outcome", "program_cells", "prove", "prove_v2", "pyflakes_problems", "python_text",
           "raise_for_offline", "run_program", "with_v2_jobs"]


if __name__ == "__main__":
    sys.exit(main())
