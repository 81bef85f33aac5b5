"""The neutral vocabulary rules read.

The one fact builder (``azureml_migrate.builder``) and the manifest parsers turn source into
these records; rules never see a syntax tree, so one rule serves every host. Lines are 1-based
and columns 0-based, as in ``ast``.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from .records import field, record
from .vocabulary import Confidence, Receiver, RequirementKind, RequirementSyntax, ValueKind

__all__ = ["DEFAULT_DATASTORE", "NOT_LITERAL", "AttributeAssignment", "CallFact", "Confidence", "Consumer",
           "DatasetInput", "ImportFact", "Keyword", "RegisteredDataset",
           "ModuleFacts", "Receiver", "RequirementKind", "RequirementList", "RequirementString", "RequirementSyntax",
           "Span", "StatementSite", "Value", "ValueKind"]


class _NotLiteral:
    """Marker for a value whose expression is not a Python literal."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NOT_LITERAL"

    def __bool__(self) -> bool:
        return False


NOT_LITERAL: Any = _NotLiteral()

#: ``CallFact.datastore`` of a reference to the workspace's default datastore: a marker no
#: datastore name can be (names are letters, digits and underscores)
DEFAULT_DATASTORE = "<default>"


@record
class Span:
    line: int
    col: int
    end_line: int
    end_col: int


@record
class DatasetInput:
    """How a v1 dataset reaches a run: a ``DatasetConsumptionConfig`` made by
    ``<dataset>.as_named_input(name)``, then maybe ``.as_mount()``/``.as_download()``, or by
    ``as_mount()``/``as_download()`` on a dataset itself (the SDK then names the input)."""

    #: the dataset expression's source text (``dataset`` in ``dataset.as_named_input('x')``)
    dataset: str
    #: whether ``as_named_input`` names the input
    named: bool
    #: the name when it is a string literal; None when the SDK draws it or it is computed
    name: Optional[str]
    #: ``direct``, ``mount`` or ``download``, as ``DatasetConsumptionConfig.mode``
    mode: str
    #: the dataset is known to be a v1 dataset (``Dataset.get_by_name``, ``Dataset.File...`` in
    #: this module); otherwise only the method names say so
    certain: bool


@record
class RegisteredDataset:
    """``Dataset.get_by_name(ws, name, version)`` consumed by ``.as_named_input(...).as_mount()``
    (or ``.as_download()``, or either on the dataset itself): what a v2 input names."""

    name: str
    #: the version as written (a literal), None when not given (the SDK's 'latest'), or
    #: NOT_LITERAL when computed
    version: Any


@record
class Value:
    """An argument expression: its source text, and its value when it is a literal."""

    text: str
    literal: Any = NOT_LITERAL
    #: the call this expression is, when it calls a tracked class (``Mpi(2)``)
    call: Optional["CallFact"] = None
    kind: Optional[ValueKind] = None
    #: for a dict display without ``**``: its (key, value) pairs
    items: Optional[Tuple[Tuple["Value", "Value"], ...]] = None
    #: for a list or tuple display without ``*``: its elements
    elements: Optional[Tuple["Value", ...]] = None
    #: a name standing for the display its binding holds: ``items`` are that display's, and a
    #: rewrite must read them through the name (``params['--data']``), not re-evaluate them
    held: bool = False
    #: for a held display: where the display is written (line, column), the binding that
    #: reaches the call in execution order
    held_from: Optional[Tuple[int, int]] = None
    #: what the expression is, when it is a dataset input (kind DATASET_INPUT when ``certain``)
    dataset_input: Optional[DatasetInput] = None
    #: for a datastore (kind DATASTORE): its name as ``CallFact.datastore`` gives it
    datastore: Optional[str] = None

    @property
    def is_literal(self) -> bool:
        return self.literal is not NOT_LITERAL


@record
class Keyword:
    name: str
    span: Span
    value: Value


@record
class Consumer:
    """Where a constructed value ends up: ``Callee(keyword=value)``, or only read from."""

    canonical: Optional[str] = None
    method: Optional[str] = None
    keyword: Optional[str] = None
    #: the value is a throwaway whose attributes are only read (``RunConfiguration().target``)
    read_only: bool = False


@record
class StatementSite:
    """The simple statement a call sits in, where a fix can place statements before it."""

    span: Span
    #: the statement's leading whitespace; its first line holds nothing before it
    indent: str
    #: ``NAME = <the call>``: the name, when the statement is exactly that assignment
    target: Optional[str] = None
    #: the comments inside the statement, as (line, byte column, text), which a rewrite keeps
    comments: Tuple[Tuple[int, int, str], ...] = ()
    #: (line, column) of the first statement of the statement list holding it: statements of
    #: one list run one after the other, each time the list runs
    block: Tuple[int, int] = (0, 0)


@record
class CallFact:
    span: Span
    #: the tracked class the callee resolves to (``"PyTorch"``), or None
    canonical: Optional[str] = None
    #: the attribute name when the callee is ``<expr>.method``, else None
    method: Optional[str] = None
    #: what the method's receiver is known to be, for data-reference methods
    receiver: Optional[Receiver] = None
    #: source text of the datastore (and of the path, for ``ds.path(p).as_mount()``)
    receiver_parts: Tuple[str, ...] = ()
    #: the datastore a data reference reads (its receiver's, or ``DataReference(datastore=...)``),
    #: by name when the module says it statically; ``DEFAULT_DATASTORE`` for the workspace's
    #: default datastore (``ws.get_default_datastore()``), whose name the module does not say
    datastore: Optional[str] = None
    #: for ``.as_mount()``/``.as_download()`` of a registered dataset the module looks up by name
    dataset: Optional[RegisteredDataset] = None
    args: Tuple[Value, ...] = ()
    keywords: Tuple[Keyword, ...] = ()
    has_star_kwargs: bool = False
    #: whether a ``*args`` argument is passed (``args`` leaves it out)
    has_star_args: bool = False
    #: where the constructed object flows; only filled for RunConfiguration calls
    consumers: Tuple[Consumer, ...] = ()
    confidence: Confidence = Confidence.HIGH
    #: the statement holding the call, for calls a fix rewrites; None when statements cannot
    #: go before it (a compound statement's header, a lambda, a comprehension, ``a; b``)
    site: Optional[StatementSite] = None

    def keyword(self, name: str) -> Optional[Keyword]:
        for keyword in self.keywords:
            if keyword.name == name:
                return keyword
        return None

    def argument(self, name: str, position: Optional[int] = None) -> Optional[Value]:
        """The value passed for a parameter, by keyword or by position."""
        keyword = self.keyword(name)
        if keyword is not None:
            return keyword.value
        if position is not None and position < len(self.args):
            return self.args[position]
        return None


@record
class ImportFact:
    """``from module import name as asname``; name is ``"*"`` for a star import."""

    span: Span
    module: str
    name: str
    asname: Optional[str] = None
    #: every ``(name, asname)`` the statement imports, in order, to rewrite it without one
    names: Tuple[Tuple[str, Optional[str]], ...] = ()
    #: whether the bound name is read anywhere in the module (False: the import is unused)
    used: bool = True
    #: the statement's leading whitespace when it is alone on its lines (a comment may follow), else None
    indent: Optional[str] = None


@record
class AttributeAssignment:
    """``<expr>.attribute = ...`` (or ``<expr>.attribute[key] = ...`` when item is True)."""

    span: Span
    attribute: str
    item: bool = False


class RequirementList:
    """The requirements written together (one ``pip_packages=[...]`` display, one manifest
    file or notebook cell): a raised exact pin moves with the azureml pins beside it.

    ``entries`` are ``(text, kind)`` pairs; what the fix works out from them is kept in
    ``derived`` so a list of N requirements is read once, not once per requirement.
    """

    __slots__ = ("entries", "derived")

    def __init__(self, entries: Tuple[Tuple[str, RequirementKind], ...]) -> None:
        self.entries = entries
        self.derived: dict = {}


@record
class RequirementString:
    """A requirement found in a file: a pip requirement or a conda match spec."""

    span: Span
    text: str
    kind: RequirementKind = RequirementKind.PIP
    #: how a report shows the requirement when the file spells it differently from ``text``
    #: (a manifest's original line); None shows ``text``
    shown: Optional[str] = None
    #: the file's exact text under ``span``, which a fix replaces; None when it is not known
    raw: Optional[str] = None
    syntax: RequirementSyntax = RequirementSyntax.PLAIN
    #: why no fix may edit the requirement in place, when its file says so (hash-checking mode)
    blocker: str = ""
    #: the list it is written in, itself included; None when it stands alone
    beside: Optional[RequirementList] = field(default=None, compare=False, repr=False)


@record
class RunRead:
    """A read of the name a submission's returned run is bound to (``run.wait_for_completion(...)``)."""

    span: Span
    text: str
    #: ``run.wait_for_completion(show_output=True)`` as a statement of its own: v2 streams the same
    #: way with ``ml_client.jobs.stream(run.name)``
    streamed_wait: bool = False


@record
class Submission:
    """``[run =] Experiment(ws, name).submit(job)`` (or ``exp.submit(job)`` with ``exp`` bound
    once to ``Experiment(ws, name)`` and read only there), as a statement of the module's top
    level: what the v2 rewrite of the job submits (``rewrite/v2_submit.py``)."""

    #: the ``....submit(job)`` call
    span: Span
    #: the name submitted
    job: str
    #: source text of the experiment's name, and of its workspace
    experiment_name: str
    workspace: str
    #: whether the experiment's name is a literal (it may be read again elsewhere)
    name_is_literal: bool = True
    #: ``exp = Experiment(ws, name)`` submitted through ``exp``: that statement, whole lines
    experiment_statement: Optional[Span] = None
    #: ``run = ....submit(job)``: the name, and each later read of it
    target: Optional[str] = None
    run_reads: Tuple[RunRead, ...] = ()
    #: why the submission cannot be rewritten ("" when it can): submit(tags=...), ...
    blocker: str = ""


@record
class Connection:
    """``ws = Workspace.from_config()`` at the module's top level: the statement, whether it is
    alone on its lines, and how often the module binds the name."""

    span: Span
    alone: bool
    bindings: int


@record(frozen=False)
class ModuleFacts:
    calls: List[CallFact] = field(default_factory=list)
    imports: List[ImportFact] = field(default_factory=list)
    attribute_assignments: List[AttributeAssignment] = field(default_factory=list)
    requirements: List[RequirementString] = field(default_factory=list)
    #: whether the module imports anything from azureml (``import azureml...`` or ``from azureml...``)
    imports_azureml: bool = False
    #: how often each name is bound or read (a fresh name must have none; a display held by a
    #: name read once is the call's own); filled for modules a fix may touch
    name_counts: dict = field(default_factory=dict)
    #: what binds each name bound in such a module: per name, the object an absolute ``from``
    #: import binds it to (a name of ``sdk.REPLACEMENT_PATHS``, else the imported path), or ""
    #: for anything else
    name_sources: dict = field(default_factory=dict)
    #: whether such a module star-imports from outside the SDK (any name may come from there)
    foreign_star_import: bool = False
    #: for each name a held display is read through: ``(line, column, nested)`` of every
    #: occurrence (nested: inside a function, class, lambda or comprehension)
    held_name_occurrences: dict = field(default_factory=dict)
    #: (line, column) of dict displays bound alone to a name by a top-level statement, with that
    #: statement's span and whether it has its lines to itself; for modules with a held display
    top_level_displays: dict = field(default_factory=dict)
    #: for such modules: (line, column) of each top-level ``NAME = ...`` statement binding a
    #: held display's name, and where the statement ends
    top_level_assignments: dict = field(default_factory=dict)
    #: for such modules: the names a top-level ``__all__`` lists
    exported_names: frozenset = frozenset()
    #: how often each name is passed alone to a ``.submit(...)`` method (``exp.submit(est)``,
    #: ``submit(config=est)``), in such a module
    submitted_names: dict = field(default_factory=dict)
    #: ``(name, attribute, line, span)`` for every ``name.attribute`` in such a module; the span
    #: of the whole expression when it is read (not assigned or deleted), else None
    attribute_reads: List[Tuple[str, str, int, Optional[Span]]] = field(default_factory=list)
    import_line: int = 1
    #: job submissions through a v1 Experiment (``Submission``), in source order; filled for
    #: modules a fix may touch
    submissions: List[Submission] = field(default_factory=list)
    #: workspace name -> its ``Workspace.from_config()`` statement, for such modules
    connections: Dict[str, Connection] = field(default_factory=dict)
    #: the line of a top-level ``ml_client = MLClient.from_config(credential=DefaultAzureCredential())``, or 0
    client_line: int = 0
    #: for such modules, each name bound once, by a top-level ``name = <call>`` alone on its
    #: lines: (the statement's span, the call's source text, the comments inside the statement);
    #: a v2 sweep takes a sampling or policy bound so into its own call
    call_bindings: Dict[str, Tuple[Span, str, Tuple[str, ...]]] = field(default_factory=dict)
