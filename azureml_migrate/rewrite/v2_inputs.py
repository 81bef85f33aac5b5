"""v1 data on an estimator's command line written as an SDK v2 job input.

``ds.path('mnist').as_mount()``, ``ds.as_download()`` or ``DataReference(datastore=ds,
path_on_datastore=..., mode=...)`` in ``script_params`` reached the script as the path the
service mounted or downloaded (``$AZUREML_DATAREFERENCE_<name>``, registered in the run
configuration's ``data_references``). v2 spells it ``Input(type='uri_folder',
path='azureml://datastores/<name>/paths/<path>', mode=...)`` named in the command as
``${{inputs.<name>}}``. The datastore's name must be written in the module (``CallFact.datastore``).
A registered FileDataset (``Dataset.get_by_name(ws, name, version)``, then
``.as_named_input(n).as_mount()`` or ``.as_download()``) is ``Input(type='uri_folder',
path='azureml:<name>:<version>')``. What the v2 job cannot show is an assumption the fix names
(facts A3 for a mount, the default datastore's name), and what no offline build can check is
manual. Proven by ``tests/test_v2_inputs.py``.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any, Dict, Optional, Sequence, Tuple, Union

from ..facts import DEFAULT_DATASTORE, NOT_LITERAL, CallFact, Receiver, Value, ValueKind
from .v2_command import Manual, NameFor

#: the v2 input class a rendering names
INPUT = ("azure.ai.ml", "Input")
#: the name Azure ML gives the default datastore it creates for a workspace
DEFAULT_DATASTORE_NAME = "workspaceblobstore"
_MODES = {"mount": "ro_mount", "download": "download"}
#: ``DataReference``'s parameters in signature order, with their defaults
_DATA_REFERENCE = (("datastore", None), ("data_reference_name", None), ("path_on_datastore", None),
                   ("mode", "mount"), ("path_on_compute", None), ("overwrite", False))
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: a datastore path written into an azureml:// URI as it is: no scheme, no spaces, no v2 expressions
_PATH = re.compile(r"[A-Za-z0-9_.\-/]*")
_NOT_NAMED = ("the datastore of {shown} is not named in the module (Datastore.get(ws, 'name'), Datastore(ws, 'name'), "
              "ws.datastores['name'] or ws.get_default_datastore(), bound once): the v2 input's "
              "azureml://datastores/<name>/paths/<path> needs its name")
MOUNT_ASSUMPTION = ("a v1 mount was writable, the v2 input is read-only (ro_mount): the script is assumed only to read "
                    "{uri} (writing needs an Output(mode='rw_mount'))")
DATASET_MOUNT_ASSUMPTION = ("the v1 dataset mount of {uri} is assumed to be read-only like the v2 input (ro_mount): "
                            "neither SDK shows whether the script could write to it")
_ASSET_NAME = re.compile(r"[A-Za-z0-9_.\-]+")
DEFAULT_ASSUMPTION = (f"the workspace's default datastore is assumed to be {DEFAULT_DATASTORE_NAME}, the one Azure ML "
                      "creates (unless set_default_datastore changed it): {shown}")


@dataclass(frozen=True)
class DataInput:
    """One ``Input(type='uri_folder', path=uri, mode=mode)`` and what it assumes."""

    uri: str
    mode: str
    assumptions: Tuple[str, ...] = ()

    def code(self, name_for: NameFor) -> str:
        return f"{name_for(*INPUT)}(type='uri_folder', path={self.uri!r}, mode={self.mode!r})"


def data_input(value: Value) -> Union[DataInput, Manual]:
    """The v2 input of a data reference written in the call, or why there is none."""
    call = value.call
    shown = value.text
    if value.kind is ValueKind.DATASTORE and call is None:
        # the estimator mounts a datastore passed as it is, whole (its default data reference)
        return _written(value.datastore, None, "ro_mount", shown)
    if call is None or value.text.isidentifier():
        return Manual(f"{shown} is not a data reference written in the call (ds.path('p').as_mount(), "
                      "ds.as_download(), DataReference(...)): a bound one may change after it is made")
    if call.dataset is not None and call.method in ("as_mount", "as_download"):
        return _registered(call, shown)
    if call.canonical == "DataReference":
        found = _data_reference(call, shown)
    elif call.method in ("as_mount", "as_download") and call.receiver is not None:
        found = _datastore_method(call, shown)
    elif call.method == "as_upload":
        return Manual(f"{shown} uploads the script's output: outputs are not rendered for v2 yet")
    else:
        return Manual(f"{shown} is not a data reference the v2 rendering reads")
    if isinstance(found, Manual):
        return found
    return _written(*found, shown)


def _written(datastore: Optional[str], path: Any, mode: str, shown: str) -> Union[DataInput, Manual]:
    """The input of a path on a datastore, with what it assumes, or why it cannot be written."""
    if datastore is None:
        return Manual(_NOT_NAMED.format(shown=shown))
    if path is None:
        path = ""
    if not isinstance(path, str) or not _PATH.fullmatch(path) or path.startswith("/"):
        return Manual(f"{shown}: the datastore path {path!r} is not written into an azureml:// URI as it is")
    assumptions = []
    if datastore == DEFAULT_DATASTORE:
        datastore = DEFAULT_DATASTORE_NAME
        assumptions.append(DEFAULT_ASSUMPTION.format(shown=shown))
    uri = f"azureml://datastores/{datastore}/paths/{path}"
    if mode == "ro_mount":
        assumptions.append(MOUNT_ASSUMPTION.format(uri=uri))
    return DataInput(uri, mode, tuple(assumptions))


def _registered(call: CallFact, shown: str) -> Union[DataInput, Manual]:
    """A registered FileDataset's input: ``azureml:<name>:<version>`` (facts: v1 FileDataset = v2 uri_folder)."""
    dataset = call.dataset
    assert dataset is not None
    if call.args or call.keywords or call.has_star_args or call.has_star_kwargs:
        return Manual(f"{shown}: path_on_compute= is Input(path_on_compute=...) in v2, which azure-ai-ml 1.35.2 does "
                      "not validate offline, so the rewrite is not proven")
    version = dataset.version
    if version is None or version == "latest":
        return Manual(f"{shown}: Dataset.get_by_name without a version took the latest version when the estimator "
                      "was built; the v2 input is written azureml:<name>:<version> (facts), so write the version")
    if isinstance(version, str) and version.isdigit():
        version = int(version)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return Manual(f"{shown}: the dataset's version is not a literal whole number")
    if not _ASSET_NAME.fullmatch(dataset.name):
        return Manual(f"{shown}: the dataset name {dataset.name!r} is not written into an azureml: path as it is")
    uri = f"azureml:{dataset.name}:{version}"
    if call.method == "as_mount":
        return DataInput(uri, "ro_mount", (DATASET_MOUNT_ASSUMPTION.format(uri=uri),))
    return DataInput(uri, "download")


def _data_reference(call: CallFact, shown: str) -> Union[Tuple[Optional[str], Any, str], Manual]:
    if call.has_star_kwargs or call.has_star_args or len(call.args) > len(_DATA_REFERENCE):
        return Manual(f"{shown}: its arguments are not read statically")
    given: Dict[str, Value] = dict(zip((name for name, _ in _DATA_REFERENCE), call.args))
    given.update((keyword.name, keyword.value) for keyword in call.keywords)
    values = dict(_DATA_REFERENCE)
    for name, argument in given.items():
        if name == "datastore":
            continue
        if name not in values or not argument.is_literal:
            return Manual(f"{shown}: {name}= is not a literal of DataReference")
        values[name] = argument.literal
    refused = _compute_side(shown, values["path_on_compute"], values["overwrite"])
    if refused is not None:
        return refused
    mode = values["mode"]
    if mode not in _MODES:
        return Manual(f"{shown}: mode={mode!r} is not read as an input (upload is an output, not rendered for v2 yet)")
    return call.datastore, values["path_on_datastore"], _MODES[mode]


def _datastore_method(call: CallFact, shown: str) -> Union[Tuple[Optional[str], Any, str], Manual]:
    if call.has_star_kwargs or call.has_star_args:
        return Manual(f"{shown}: its arguments are not read statically")
    arguments = dict(zip(("path_on_compute", "overwrite"), call.args))
    arguments.update((keyword.name, keyword.value) for keyword in call.keywords)
    if call.method == "as_mount" and arguments or set(arguments) - {"path_on_compute", "overwrite"} \
            or not all(argument.is_literal for argument in arguments.values()):
        return Manual(f"{shown}: its arguments are not literals of {call.method}()")
    literal = {name: argument.literal for name, argument in arguments.items()}
    refused = _compute_side(shown, literal.get("path_on_compute"), literal.get("overwrite", False))
    if refused is not None:
        return refused
    path: Any = None
    if call.receiver is Receiver.DATASTORE_PATH:
        if len(call.receiver_parts) < 2:
            path = None
        else:
            path = _literal(call.receiver_parts[1])
            if path is NOT_LITERAL:
                return Manual(f"{shown}: the datastore path {call.receiver_parts[1]} is not a literal")
    return call.datastore, path, _MODES["mount" if call.method == "as_mount" else "download"]


def _compute_side(shown: str, path_on_compute: Any, overwrite: Any) -> Optional[Manual]:
    if path_on_compute is not None:
        return Manual(f"{shown}: path_on_compute= is Input(path_on_compute=...) in v2, which azure-ai-ml 1.35.2 does "
                      "not validate offline, so the rewrite is not proven")
    if overwrite is not False:
        return Manual(f"{shown}: overwrite={overwrite!r} has no v2 input field")
    return None


def _literal(text: str) -> Any:
    """A Python literal's value from its source text (read, never run)."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return NOT_LITERAL


def input_name(flag: str, taken: Sequence[str]) -> str:
    """The v2 input name for the value of a script parameter: the flag as an identifier
    (``--data-folder``: ``data_folder``), else ``input_<n>``; never one already taken."""
    name = flag.lstrip("-").replace("-", "_")
    if _IDENTIFIER.fullmatch(name) and name not in taken:
        return name
    number = len(taken) + 1
    while f"input_{number}" in taken:
        number += 1
    return f"input_{number}"


def reference(name: str) -> str:
    """How the command names an input: substituted by v2 before its shell reads the command."""
    return "${{inputs." + name + "}}"
