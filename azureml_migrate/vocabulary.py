"""The closed sets of the fact vocabulary (``choices``), in a module of their own (``facts``
re-exports them).

Not imported at a flake8 start: the SDK tables the start reads spell requirement kinds as
their values ("pip", "conda")."""

from __future__ import annotations

from .choices import Choice, StrChoice


class Confidence(StrChoice):
    """How a finding's callee was resolved; the names are pylint's confidence levels."""

    #: through the module's own imports and bindings
    HIGH = "HIGH"
    #: only through inference (pylint: assignments, re-exports from the user's modules)
    INFERENCE = "INFERENCE"


class Receiver(Choice):
    """What a data-reference method (``as_mount()``...) is called on."""

    #: a datastore: ``ws.get_default_datastore()``, ``Datastore.get(...)``, ``ws.datastores[k]``
    DATASTORE = "datastore"
    #: a path on a datastore: ``<anything>.path(p)``
    DATASTORE_PATH = "datastore_path"


class ValueKind(Choice):
    """What an argument expression builds, when rules care."""

    #: a legacy DataReference (``DataReference(...)``, ``ds.path(p).as_mount()``, ``ds.path(p)``)
    DATA_REFERENCE = "data_reference"
    #: a Datastore (``ws.get_default_datastore()``): an estimator made it its default data reference
    DATASTORE = "datastore"
    #: ``x.path(...)``, ``x.as_mount()`` on something not known to be a datastore: maybe a data
    #: reference, maybe a dataset input; a rewrite cannot tell
    POSSIBLE_DATA_REFERENCE = "possible_data_reference"
    #: a v1 dataset input (a DatasetConsumptionConfig) of a dataset made in this module:
    #: ``Dataset.get_by_name(ws, n).as_named_input('x').as_mount()``; see ``facts.DatasetInput``
    DATASET_INPUT = "dataset_input"


class RequirementKind(StrChoice):
    """How a requirement string is spelled."""

    PIP = "pip"
    CONDA = "conda"


class RequirementSyntax(StrChoice):
    """What a requirement's span covers in its file: how a fix must write the new text."""

    #: the requirement as is (a requirements line, the content of a YAML or TOML string, a
    #: setup.cfg value)
    PLAIN = "plain"
    #: the content of a JSON string, escapes included (an argument of ``RUN ["pip", ...]``)
    JSON = "json"
    #: one shell word inside a JSON string (``RUN ["/bin/bash", "-c", "pip install ..."]``):
    #: shell quoting, then JSON escapes
    JSON_SHELL = "json_shell"
    #: a Python string literal, quotes and prefix included
    PYTHON = "python"
    #: one shell word, quotes included (``!pip install``, ``RUN pip install``, shell blocks)
    SHELL = "shell"
    #: ``name = "constraint"`` of a Poetry or Pipfile table, up to the end of the value
    TOML_KEY = "toml_key"
