"""AML506 `azureml-v2-data-input`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator

from .. import sdk
from ..facts import CallFact, ImportFact, Receiver
from . import v2_family
from ..records import record
from .base import Cases, Context, Finding, FixAvailability, Rule


@record
class Message:
    what: str
    replacement: str


#: v1 dataset classes, by the modules they are imported from (checked against the SDK).
NAMES = {"Dataset": ("azureml.core", "azureml.core.dataset")}
_MODES = {"as_mount": "ro_mount", "as_download": "download", "as_upload": "upload"}
_INPUT = "Input(type='uri_folder', path='azureml://datastores/<datastore>/paths/<path>', mode='{mode}')"

RULE = Rule(
    code="AML506", number="21", symbol="azureml-v2-data-input", name="v2-data-input",
    summary="Datastore paths, DataReference, as_mount()/as_download() and Dataset inputs, when migrating to SDK v2",
    message=v2_family.MESSAGE,
    fields=Message,
    concerns=v2_family.CONCERNS,
    default_enabled=False,
    target=v2_family.TARGET,
    fix=FixAvailability.NEVER,
    what="""
        Flags `DataReference(...)`, `as_mount()` / `as_download()` / `as_upload()` on a
        datastore or a datastore path (`ds.path('x').as_mount()`; on anything else only in a
        module that imports azureml), and the import of `Dataset`. Part of the v2 family: on
        with `target = "v2"` or when selected.
    """,
    why="""
        SDK v2 passes data as job inputs: `Input(type='uri_folder',
        path='azureml://datastores/<name>/paths/<path>', mode='ro_mount' | 'download')`,
        referenced in the command as `${{inputs.<name>}}`; a registered FileDataset is
        `Input(path='azureml:<name>:<version>')`. A v1 mount was writable while `ro_mount`
        is read-only (writing needs an `Output`); a TabularDataset needs an MLTable; a script
        that read `Run.input_datasets` must read a path instead.
    """,
    example="""
        src = ScriptRunConfig('src', script='train.py',
                              arguments=['--data', ds.path('images').as_mount()])
    """,
    instead="""
        job = command(code='src', command='python train.py --data ${{inputs.data}}',
                      inputs={'data': Input(type='uri_folder', mode='ro_mount',
                                            path='azureml://datastores/mydatastore/paths/images')},
                      environment=env, compute='gpu-cluster')
    """,
    fix_safety="""
        This finding has no fix of its own: the estimator's v2 rewrite writes a datastore
        path, a whole datastore or a `DataReference` written in its `script_params` as an
        `Input` named in the command, when the datastore's name is written in the module, and a
        registered FileDataset (`Dataset.get_by_name(ws, name, version)`, then
        `.as_named_input(n).as_mount()` or `.as_download()`) as `azureml:<name>:<version>`
        (without a version it stays manual). A mount becoming `ro_mount` is an assumption that
        rewrite names (unsafe), and so is the default datastore's name `workspaceblobstore`; a
        download is the same job (safe). A v1
        DataReference in a ScriptRunConfig's `arguments` that was never bound in
        `run_config.data_references` was never mounted (the script received the literal
        `$AZUREML_DATAREFERENCE_...`), and data in `inputs=` reached the script through the
        run's environment, not its command line: both stay manual, with that reason.
    """,
    cases=Cases(
        invalid=(
            "import azureml.core\nmount = ds.path('raw').as_mount()\n",
            "from azureml.data.data_reference import DataReference\nref = DataReference(datastore=ds)\n",
            "from azureml.core import Dataset\n",
        ),
        valid=(
            "from azure.ai.ml import Input\ndata = Input(type='uri_folder', path='azureml://datastores/d/paths/p')\n",
            "mount = disk.path('raw').as_mount()\n",
        ),
    ),
)


@RULE.on_calls("DataReference")
def check_data_reference(call: CallFact, context: Context) -> Iterator[Finding]:
    if not v2_family.reports(context):
        return
    yield RULE.finding(call.span, Message(what="DataReference(...)", replacement=(
        f"pass {_INPUT.format(mode='ro_mount')} in command(inputs=...) and name it as ${{{{inputs.<name>}}}}")),
        confidence=call.confidence)


@RULE.on_methods(*sdk.DATA_REFERENCE_METHODS)
def check_method(call: CallFact, context: Context) -> Iterator[Finding]:
    if not v2_family.reports(context) or call.receiver is None:
        return
    if call.receiver is Receiver.DATASTORE_PATH and not context.facts.imports_azureml:
        return
    mode = _MODES.get(call.method or "", "ro_mount")
    owner = call.receiver_parts[0] if call.receiver_parts else "<datastore>"
    shown = f"{owner}.path(...)" if call.receiver is Receiver.DATASTORE_PATH else owner
    yield RULE.finding(call.span, Message(what=f"{shown}.{call.method}()", replacement=(
        f"pass {_INPUT.format(mode=mode)} in command(inputs=...) and name it as ${{{{inputs.<name>}}}}"
        + ("; a v1 mount was writable, ro_mount is not" if call.method == "as_mount" else ""))),
        confidence=call.confidence)


@RULE.on_imports
def check_import(fact: ImportFact, context: Context) -> Iterator[Finding]:
    if not v2_family.reports(context):
        return
    if v2_family.imported(fact, NAMES):
        yield RULE.finding(fact.span, Message(what=f"Dataset (from {fact.module})", replacement=(
            "pass a registered FileDataset as Input(type='uri_folder', path='azureml:<name>:<version>'); "
            "a TabularDataset needs an MLTable input and a script that reads a path")))
