"""Data on an estimator's command line, its conda file and its GPU image, written for SDK v2
(``rewrite/v2_inputs.py``, ``rewrite/v2_estimator.py``) and proven with both real SDKs.

A datastore path, a whole datastore or a ``DataReference`` in ``script_params`` becomes
``Input(type='uri_folder', path='azureml://datastores/<name>/paths/<path>', mode=...)`` named in
the command as ``${{inputs.x}}``, a registered FileDataset ``Input(type='uri_folder',
path='azureml:<name>:<version>')``; ``conda_dependencies_file=`` becomes ``conda_file=`` (the SDK
sent the file's specification as it is); ``use_gpu=True`` on the generic Estimator keeps the
SDK's untagged GPU image. Each case's v1 estimator job (run by the v1 harness) and the v2 job of
its rendering (run by the v2 harness) have one canonical form, where an input is compared as
its type, URI and mode in its place on the command line. Each trap has a mutation that the
comparison catches, and each assumption a rendering names is shown to be real: without the v1
harness's tolerance for it, the jobs differ.
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
from job_canonical import diff_jobs, v1_canonical, v2_canonical  # noqa: E402
from sdk_jobs import jobs_of  # noqa: E402
from sdk_v2_jobs import v2_results  # noqa: E402
from tests.test_fix_cli import run_fix  # noqa: E402

#: the v1 harness's cluster as the v2 side sees it under the fix's assumption (test_v2_estimator)
CLUSTER = "class _Cluster:\n    name = 'gpu-cluster'\ncluster = _Cluster()\n"
V2_IMPORTS = ("from azure.ai.ml import Input, MpiDistribution, PyTorchDistribution, TensorFlowDistribution\n"
              "from azure.ai.ml import command\nfrom azure.ai.ml.entities import Environment\n")
V1_IMPORTS = ("from azureml.core import Dataset, Datastore\n"
              "from azureml.data.data_reference import DataReference\n"
              "from azureml.train.estimator import Estimator\n"
              "from azureml.train.dnn import Nccl, PyTorch\n"
              "from azureml.train.sklearn import SKLearn\n")
#: a conda file without a python pin, azureml-defaults or channels, which neither SDK adds to
BARE_CONDA = ("open('src/bare.yml', 'w').write("
              "'name: bare\\ndependencies:\\n  - numpy>=1.0\\n  - pip:\\n    - tqdm\\n')\n")

#: name: (statements before the estimator, the estimator call bound to ``est``); the statements
#: run on both sides where they are not v1 (``BARE_CONDA``), else on the v1 side only
CASES = {
    "the example: default datastore mounted, PyTorch with Nccl on a cluster": (
        "datastore = ws.get_default_datastore()\n",
        "PyTorch(source_directory='src', entry_script='train.py',\n"
        "    script_params={'--data-folder': datastore.path('mnist').as_mount(), '--epochs': 30, '--lr': 0.01},\n"
        "    compute_target=cluster, node_count=2, distributed_training=Nccl(), framework_version='1.6',\n"
        "    use_gpu=True, pip_packages=['pillow==7.2.0', 'azureml-dataprep[fuse]'], shm_size='16g')"),
    "a named datastore's path downloaded": (
        "store = Datastore.get(ws, 'mydatastore')\n",
        "Estimator(source_directory='src', entry_script='train.py', compute_target='cpu-cluster',\n"
        "    script_params={'--data': store.path('images/train').as_download(), '--epochs': 3})"),
    "a whole datastore mounted, two inputs with flags that are not identifiers": (
        "store = Datastore(ws, 'mydatastore2')\n",
        "Estimator(source_directory='src', entry_script='train.py', compute_target='cpu-cluster',\n"
        "    script_params={'-d': store.as_mount(), '--2x': Datastore.get(ws, 'mydatastore').path('x').as_mount(),\n"
        "                   '--verbose': ''})"),
    "DataReference written in the call, ws.datastores by key": (
        "store = ws.datastores['mydatastore']\n",
        "Estimator(source_directory='src', entry_script='train.py', compute_target='cpu-cluster',\n"
        "    script_params={'--ref': DataReference(datastore=store, data_reference_name='ref',\n"
        "                                          path_on_datastore='raw', mode='download')})"),
    "the default datastore by Datastore.get_default, downloaded": (
        "",
        "Estimator(source_directory='src', entry_script='train.py', compute_target='cpu-cluster',\n"
        "    script_params={'--data': Datastore.get_default(ws).path('mnist').as_download()})"),
    "datastores passed as they are: each mounted whole": (
        "",
        "Estimator(source_directory='src', entry_script='train.py', compute_target='cpu-cluster',\n"
        "    script_params={'--data': store, '--default': ws.get_default_datastore()})"),
    "a registered FileDataset mounted, by name and version": (
        "mnist = Dataset.get_by_name(ws, name='mnist', version=2)\n",
        "Estimator(source_directory='src', entry_script='train.py', compute_target='cpu-cluster',\n"
        "    script_params={'--data-folder': mnist.as_named_input('mnist').as_mount(), '--epochs': 3})"),
    "a registered FileDataset downloaded, looked up in the call": (
        "",
        "Estimator(source_directory='src', entry_script='train.py', compute_target='cpu-cluster',\n"
        "    script_params={'--images': Dataset.get_by_name(ws, 'images', '1').as_download(),\n"
        "                   '--data': store.path('labels').as_download()})"),
    "conda_dependencies_file on the generic Estimator": (
        BARE_CONDA,
        "Estimator(source_directory='src', entry_script='train.py', compute_target='cpu-cluster',\n"
        "    conda_dependencies_file='bare.yml', script_params={'--epochs': 2})"),
    "conda_dependencies_file on SKLearn: the scenario image, the file as it is": (
        BARE_CONDA,
        "SKLearn(source_directory='src', entry_script='train.py', compute_target='cpu-cluster',\n"
        "    conda_dependencies_file='bare.yml')"),
    "use_gpu on the generic Estimator: the untagged GPU image": (
        "",
        "Estimator(source_directory='src', entry_script='train.py', compute_target='gpu-cluster', use_gpu=True,\n"
        "    pip_packages=['torch==1.6.0'], script_params={'--epochs': 10})"),
    "use_gpu with a conda file": (
        "",
        "Estimator(source_directory='src', entry_script='train.py', compute_target='gpu-cluster', use_gpu=True,\n"
        "    conda_dependencies_file_path='environment.yml')"),
}

#: (estimator call, words the reason holds)
MANUAL = [
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='c',\n"
     "    script_params={'--data': ds.path('x').as_mount()})", "not named in the module"),
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='c',\n"
     "    script_params={'--data': store.path(folder).as_mount()})", "is not a literal"),
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='c',\n"
     "    script_params={'--data': store.path('x').as_download(path_on_compute='/tmp/x')})",
     "path_on_compute="),
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='c',\n"
     "    script_params={'--data': DataReference(store, 'r', 'x', 'download', None, True)})", "overwrite=True"),
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='c',\n"
     "    script_params={'--out': store.path('out').as_upload()})", "outputs are not rendered"),
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='c',\n"
     "    script_params={'--data': mounted})", "bound one may change"),
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='c',\n"
     "    script_params={'--data': store.path('/abs').as_mount()})", "not written into an azureml:// URI"),
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='c',\n"
     "    inputs=[store.path('x').as_mount()])", "$AZURE_ML_INPUT_<name>"),
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='c',\n"
     "    script_params={'--data': Dataset.get_by_name(ws, 'mnist').as_named_input('m').as_mount()})",
     "write the version"),
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='c',\n"
     "    script_params={'--data': Dataset.get_by_name(ws, 'mnist', 2).as_named_input('m')})", "TabularDataset"),
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='c',\n"
     "    script_params={'--data': Dataset.get_by_name(ws, 'mnist', 2).as_mount('/tmp/m')})", "path_on_compute="),
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='c',\n"
     "    pip_requirements_file='requirements.txt')", "write the effective specification as conda_file"),
    ("Estimator(source_directory='src', entry_script='train.py', compute_target='c',\n"
     "    conda_dependencies_file='environment.yml', pip_packages=['tqdm'])", "the SDK refuses the call"),
]


def _program(before: str, call: str) -> str:
    return V1_IMPORTS + "store = Datastore.get(ws, 'mydatastore')\nmounted = store.path('x').as_mount()\n" \
        + before + f"est = {call}\n"


def _rendered(program: str):
    facts = build_facts(ast.parse(program), program)
    (call,) = [call for call in facts.calls if call.canonical in sdk.ESTIMATORS]
    return estimator_as_command(call)


def _v2_program(before: str, code: str) -> str:
    kept = BARE_CONDA if before == BARE_CONDA else ""
    return CLUSTER + V2_IMPORTS + kept + f"est = {code}\n"


RENDERED = {name: _rendered(_program(before, call)) for name, (before, call) in CASES.items()}


def test_every_case_is_rendered():
    for name, rendered in RENDERED.items():
        assert isinstance(rendered, V2Command), (name, rendered)


@pytest.fixture(scope="module")
def jobs(tmp_path_factory):
    """Per case: the v1 estimator job and the v2 result of its rendering."""
    v1 = [jobs_of(_program(before, call), tmp_path_factory.mktemp("v1"))["est"] for before, call in CASES.values()]
    v2 = v2_results([_v2_program(before, RENDERED[name].code) for name, (before, _) in CASES.items()],
                    tmp_path_factory.mktemp("v2"))
    return dict(zip(CASES, zip(v1, v2)))


def _tolerated(rendered) -> bool:
    """Whether the rendering names an assumption the v1 harness tolerates (mount, prebuilt image, helper)."""
    return any(words in assumption for assumption in rendered.assumptions
               for words in ("a v1 mount was writable", "dataset mount", "the prebuilt image", "deprecated"))


@pytest.mark.parametrize("name", list(CASES))
def test_the_rendering_is_the_v1_job(name, jobs):
    v1_job, result = jobs[name]
    assert "error" not in result, result.get("error")
    v1_form = v1_canonical(v1_job, assumptions=_tolerated(RENDERED[name]))
    v2_form = v2_canonical(result["jobs"]["est"])
    assert diff_jobs(v1_form, v2_form) == []
    assert v1_form["unmodelled"] == {} and v2_form["unmodelled"] == {}


def test_the_inputs_are_on_the_command_line_in_their_places(jobs):
    v1_job, result = jobs["a whole datastore mounted, two inputs with flags that are not identifiers"]
    argv = v2_canonical(result["jobs"]["est"])["argv"]
    assert argv == ["python", "train.py", "-d", "<input:uri_folder:azureml://datastores/mydatastore2/paths/:ro_mount>",
                    "--2x", "<input:uri_folder:azureml://datastores/mydatastore/paths/x:ro_mount>", "--verbose"]
    inputs = result["jobs"]["est"]["properties"]["inputs"]
    assert sorted(inputs) == ["d", "input_2"], inputs


def test_a_mount_is_an_assumption_and_a_download_is_not(jobs):
    """Without the v1 harness's mount tolerance (facts A3) a mounted case differs; a download
    case is the same job with no tolerance at all, and its fix is safe."""
    for name, rendered in RENDERED.items():
        v1_job, result = jobs[name]
        exact = diff_jobs(v1_canonical(v1_job, assumptions=False), v2_canonical(result["jobs"]["est"]))
        mounts = any(words in assumption for assumption in rendered.assumptions
                     for words in ("a v1 mount was writable", "dataset mount"))
        if mounts:
            assert exact, name
        elif not _tolerated(rendered):
            assert exact == [], name
    assert RENDERED["a named datastore's path downloaded"].assumptions == ()
    assert RENDERED["conda_dependencies_file on the generic Estimator"].assumptions == ()
    assert RENDERED["a registered FileDataset downloaded, looked up in the call"].assumptions == ()


def test_the_default_datastore_is_named_as_an_assumption():
    for name in ("the example: default datastore mounted, PyTorch with Nccl on a cluster",
                 "the default datastore by Datastore.get_default, downloaded"):
        assert any("default datastore is assumed to be workspaceblobstore" in assumption
                   for assumption in RENDERED[name].assumptions), name
    assert any("has no tag" in assumption
               for assumption in RENDERED["use_gpu on the generic Estimator: the untagged GPU image"].assumptions)


#: (case, text in the rendering, its replacement): one trap each, which the comparison must catch
MUTATIONS = [
    ("a named datastore's path downloaded", "mode='download'", "mode='ro_mount'"),
    ("the example: default datastore mounted, PyTorch with Nccl on a cluster", "mode='ro_mount'", "mode='rw_mount'"),
    ("the example: default datastore mounted, PyTorch with Nccl on a cluster", "mode='ro_mount'",
     "mode='download'"),
    ("a named datastore's path downloaded", "paths/images/train'", "paths/images'"),
    ("a named datastore's path downloaded", "datastores/mydatastore/", "datastores/mydatastore2/"),
    ("the default datastore by Datastore.get_default, downloaded", "datastores/workspaceblobstore/",
     "datastores/mydatastore/"),
    ("a named datastore's path downloaded", "--data ${{inputs.data}}", "--data data"),
    ("a whole datastore mounted, two inputs with flags that are not identifiers",
     "-d ${{inputs.d}} --2x ${{inputs.input_2}}", "-d ${{inputs.input_2}} --2x ${{inputs.d}}"),
    ("a whole datastore mounted, two inputs with flags that are not identifiers", "type='uri_folder'",
     "type='uri_file'"),
    ("a registered FileDataset mounted, by name and version", "azureml:mnist:2", "azureml:mnist:3"),
    ("a registered FileDataset mounted, by name and version", "azureml:mnist:2", "azureml:images:2"),
    ("a registered FileDataset downloaded, looked up in the call", "azureml:images:1', mode='download'",
     "azureml:images:1', mode='ro_mount'"),
    ("conda_dependencies_file on the generic Estimator", "conda_file='src/bare.yml'",
     "conda_file='src/environment.yml'"),
    ("conda_dependencies_file on SKLearn: the scenario image, the file as it is",
     "intelmpi2018.3-ubuntu16.04:20200423.v1", "openmpi4.1.0-ubuntu22.04:20251130.v1"),
    ("use_gpu on the generic Estimator: the untagged GPU image", "cudnn8-ubuntu22.04'", "cudnn8-ubuntu22.04:latest'"),
]


def test_each_trap_changed_is_caught(jobs, tmp_path):
    programs = []
    for name, old, new in MUTATIONS:
        code = RENDERED[name].code
        assert old in code, (name, old)
        programs.append(_v2_program(CASES[name][0], code.replace(old, new, 1)))
    caught = []
    for (name, old, new), result in zip(MUTATIONS, v2_results(programs, tmp_path)):
        v1_job = jobs[name][0]
        if "error" in result:  # the v2 SDK itself refused the mutant: caught too, by the harness
            caught.append((name, new))
            continue
        form = v1_canonical(v1_job, assumptions=_tolerated(RENDERED[name]))
        if diff_jobs(form, v2_canonical(result["jobs"]["est"])):
            caught.append((name, new))
    assert len(caught) == len(MUTATIONS), set((name, new) for name, _, new in MUTATIONS) - set(caught)


@pytest.mark.parametrize("call, reason", MANUAL)
def test_what_is_not_rendered_says_why(call, reason):
    outcome = _rendered(_program("", call))
    assert not isinstance(outcome, V2Command) and reason in outcome.reason, outcome


def test_a_script_run_config_data_reference_is_manual_because_v1_never_mounted_it():
    program = ("from azureml.core import Datastore, ScriptRunConfig\nstore = Datastore.get(ws, 'mydatastore')\n"
               "src = ScriptRunConfig('src', 'train.py', arguments=['--data', store.path('x').as_mount()],\n"
               "                      compute_target='c')\n")
    facts = build_facts(ast.parse(program), program)
    from azureml_migrate.rewrite.v2_command import script_run_config_as_command
    (call,) = [call for call in facts.calls if call.canonical == "ScriptRunConfig"]
    outcome = script_run_config_as_command(call)
    assert not isinstance(outcome, V2Command) and "never mounted" in outcome.reason, outcome


def test_fix_target_v2_writes_the_input_and_imports_it(tmp_path):
    before, call = CASES["a named datastore's path downloaded"]
    (tmp_path / "job.py").write_text("from azureml.core import Datastore, Workspace\n"
                                     "from azureml.train.estimator import Estimator\n"
                                     "ws = Workspace.from_config()\n" + before + f"est = {call}\n")
    run_fix("--target", "v2", "job.py", cwd=tmp_path)
    text = (tmp_path / "job.py").read_text()
    assert "from azure.ai.ml import Input, command" in text, text
    assert "command='python train.py --data ${{inputs.data}} --epochs 3'" in text, text
    assert "inputs={'data': Input(type='uri_folder', path='azureml://datastores/mydatastore/paths/images/train', " \
           "mode='download')}" in text, text


def test_the_sdk_names_and_signatures_the_rendering_reads_are_the_sdks_own():
    """The tables the builder and the rendering read, against azureml-core itself."""
    import importlib
    import inspect

    from azureml.core import Datastore, Workspace, runconfig
    from azureml.data.data_reference import DataReference
    from azureml.data.dataset_consumption_config import DatasetConsumptionConfig
    from azureml.data.file_dataset import FileDataset

    from azureml_migrate.rewrite import v2_estimator, v2_inputs

    for path in sdk.DATASET_CLASS_PATHS:
        module, _, name = path.rpartition(".")
        dataset_class = getattr(importlib.import_module(module), name)
        assert list(inspect.signature(getattr(dataset_class, sdk.DATASET_LOOKUP)).parameters)[:3] == [
            "workspace", "name", "version"], path
    assert hasattr(FileDataset, sdk.DATASET_INPUT_METHOD)
    for method in sdk.DATASET_MODE_METHODS:
        assert hasattr(FileDataset, method) and hasattr(DatasetConsumptionConfig, method), method
    assert all(hasattr(Workspace, method) for method in sdk.DATASTORE_FACTORY_METHODS)
    assert list(inspect.signature(Datastore.get).parameters) == ["workspace", "datastore_name"]
    assert list(inspect.signature(Datastore.__new__).parameters)[1:] == ["workspace", "name"]
    assert [(name, parameter.default) for name, parameter in inspect.signature(DataReference).parameters.items()] \
        == [(name, inspect.Parameter.empty if name == "datastore" else default)
            for name, default in v2_inputs._DATA_REFERENCE]
    assert v2_estimator.V1_DEFAULT_GPU_IMAGE == runconfig.DEFAULT_GPU_IMAGE


def test_a_mount_is_rewritten_only_with_unsafe_fixes_and_says_why(tmp_path):
    before, call = CASES["a registered FileDataset mounted, by name and version"]
    program = ("from azureml.core import Dataset, Workspace\nfrom azureml.train.estimator import Estimator\n"
               "ws = Workspace.from_config()\n" + before + f"est = {call}\n")
    (tmp_path / "job.py").write_text(program)
    done = run_fix("--target", "v2", "job.py", cwd=tmp_path)
    assert (tmp_path / "job.py").read_text() == program
    assert "v1 dataset mount of azureml:mnist:2 is assumed to be read-only" in done.stdout, done.stdout
    run_fix("--target", "v2", "--unsafe-fixes", "job.py", cwd=tmp_path)
    text = (tmp_path / "job.py").read_text()
    assert "inputs={'data_folder': Input(type='uri_folder', path='azureml:mnist:2', mode='ro_mount')}" in text, text
