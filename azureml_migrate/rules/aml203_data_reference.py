"""AML203 `azureml-data-reference`: its catalog entry, its check and its cases."""

from __future__ import annotations

from typing import Iterator

from .. import hints, sdk
from ..facts import AttributeAssignment, CallFact, Receiver
from ..records import record
from .base import Cases, Context, Finding, Rule


@record
class Message:
    what: str
    replacement: str


RULE = Rule(
    code="AML203", number="08", symbol="azureml-data-reference", name="legacy-data-reference",
    summary='Legacy data references (DataReference, datastore .as_mount()/.as_download(), .data_references)',
    message="legacy data reference {what}: {replacement}",
    fields=Message,
    concerns="1.0.69",
    what="""
        Flags `DataReference(...)`, `<datastore>.path(...).as_mount()` /
        `.as_download()`, `<datastore>.as_mount()` / `.as_download()` on an object known to
        be a datastore, and assignments to `.data_references`. `Dataset ... .as_mount()`
        is the replacement and is not flagged. An object is known to be a datastore when it
        comes from `ws.get_default_datastore()`, `Datastore.get(...)`/`Datastore.register_*`
        or `ws.datastores[...]`, in that expression or through a name. `path`,
        `as_mount` and `data_references` are common names outside the SDK: on anything not
        known to be a datastore they are findings only in a module (or notebook) that imports
        azureml.
    """,
    why="""
        The SDK deprecated datastore mounting after 1.0.69 in favour of datasets, and
        ScriptRunConfig does not process DataReference objects in `arguments`: they have to
        be stringified and registered in `src.run_config.data_references` by hand.
    """,
    example="""
        ds = ws.get_default_datastore()
        src = ScriptRunConfig('src', script='train.py',
                              arguments=['--data', ds.path('mnist').as_mount()])
    """,
    instead="""
        mnist = Dataset.File.from_files(path=(ds, 'mnist'))
        src = ScriptRunConfig('src', script='train.py',
                              arguments=['--data', mnist.as_mount()])
    """,
    instead_v2="""
        job = command(code='src', command='python train.py --data ${{inputs.data}}',
                      inputs={'data': Input(type='uri_folder', mode='ro_mount',
                                            path='azureml://datastores/workspaceblobstore/paths/mnist')},
                      environment=env, compute='gpu-cluster')
    """,
    fix_safety="""
        A Dataset mounted with `as_mount()` gives the script a different path and the job a
        different data section (names, modes, path on compute) from a DataReference, and the
        dataset needs registering or building from the datastore: no rewrite is the same job,
        so nothing is rewritten and the message shows the Dataset to use.
    """,
    cases=Cases(
        invalid=(
            (
                'from azureml.data.data_reference import DataReference\n'
                "ref = DataReference(datastore=ds, path_on_datastore='raw')\n"
            ),
            "import azureml.core\nmount = ds.path('raw').as_mount()\n",
            'data = ws.get_default_datastore().as_download()\n',
            'import azureml.core\nsrc.run_config.data_references = refs\n',
        ),
        valid=(
            "from azureml.core import Dataset\nmount = Dataset.File.from_files(path=(ds, 'raw')).as_mount()\n",
            "mount = disk.path('raw').as_mount()\ndoc.data_references = []\ndoc.data_references['x'] = 1\n",
        ),
    ),
)


_IN_ARGUMENTS = "in ScriptRunConfig(arguments=[...])"


@RULE.on_calls("DataReference")
def check_data_reference(call: CallFact, context: Context) -> Iterator[Finding]:
    datastore = call.argument("datastore", 0)
    path = call.argument("path_on_datastore", 2)
    mode = call.argument("mode", 3)
    download = mode is not None and mode.is_literal and mode.literal == "download"
    method = "as_download()" if download else "as_mount()"
    dataset = (f"Dataset.File.from_files(path=({hints.code(datastore)}, "
               f"{hints.code(path) if path is not None else repr('<path>')}))")
    yield _finding(call.span, "DataReference(...)", f"{dataset}.{method}", call.confidence)


@RULE.on_methods(*sdk.DATA_REFERENCE_METHODS)
def check_method(call: CallFact, context: Context) -> Iterator[Finding]:
    """``<datastore>.as_mount()`` needs a known datastore; ``<x>.path(p).as_mount()`` needs a
    module that imports azureml (a ``path`` method is common outside the SDK)."""
    parts = call.receiver_parts
    if call.receiver is Receiver.DATASTORE_PATH and len(parts) == 2:
        if not context.facts.imports_azureml:
            return
        dataset = f"Dataset.File.from_files(path=({parts[0]}, {parts[1]}))"
        what = f"{parts[0]}.path(...).{call.method}()"
    elif call.receiver is None:
        return
    elif parts:
        dataset = f"Dataset.File.from_files(path=({parts[0]}, '<folder>'))"
        what = f"{parts[0]}.{call.method}()"
    else:
        dataset = "Dataset.File.from_files(path=(datastore, '<folder>'))"
        what = f".{call.method}()"
    method = "as_mount()" if call.method == "as_mount" else "as_download()"
    yield _finding(call.span, what, f"{dataset}.{method}", call.confidence)


@RULE.on_attribute_assignments
def check_assignment(assignment: AttributeAssignment, context: Context) -> Iterator[Finding]:
    """Only in a module that imports azureml: ``.data_references`` is a common attribute name."""
    if not context.facts.imports_azureml:
        return
    target = f".{assignment.attribute}[...]" if assignment.item else f".{assignment.attribute}"
    yield RULE.finding(assignment.span, Message(
        what=f"assignment to {target}",
        replacement="pass datasets as ds.as_mount() in ScriptRunConfig(arguments=[...])"),
        manual="create the datasets yourself")


def _finding(span, what: str, dataset: str, confidence) -> Finding:
    """The replacement's code goes in the hint; the message names the method only."""
    method = dataset.rsplit(".", 1)[1]
    return RULE.finding(span, Message(what=what, replacement=f"pass a FileDataset's {method} {_IN_ARGUMENTS}"),
                        confidence=confidence, hint=f"{dataset}  # {_IN_ARGUMENTS}",
                        manual="create the FileDataset yourself")
