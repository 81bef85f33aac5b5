"""A rewrite as it is built: the statements before and after the call's statement, the
ScriptRunConfig's arguments, the imports they need, the assumptions they rest on, and what each
parameter of the call became."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple, Union

from .. import sdk
from ..facts import CallFact, ModuleFacts, Span, Value
from ..fixes import Import
from ..settings import DEFAULT_LINE_LENGTH
from .layout import Code, Statement

CORE = "azureml.core"
#: the width the v2 rewrites (``v2_fix``) are still written to; the v1 rewrites take the
#: project's line length (``Plan.line_length``)
LINE_LENGTH = 99
RUNCONFIG = "azureml.core.runconfig"
CONDA = "azureml.core.conda_dependencies"


@dataclass(frozen=True)
class SharedEnvironment:
    """An Environment several rewrites of a module use: its variable, and whether this
    rewrite writes it (the first use in execution order) or only passes it."""

    name: str
    define: bool
    #: the rewrite that writes it (``the rewrite of est = PyTorch(...)``), which a reusing
    #: rewrite's code names
    writer: str = ""


@dataclass
class Plan:
    """The statements and arguments of a rewrite as it is built."""

    call: CallFact
    names: "Names"
    facts: ModuleFacts
    #: the project's line length, which the statements are laid out to
    line_length: int = DEFAULT_LINE_LENGTH
    before: List[Union[str, Statement]] = field(default_factory=list)
    #: statements after the call's; ``{src}`` stands for the ScriptRunConfig's name
    after: List[Union[str, Statement]] = field(default_factory=list)
    #: statements after every other one of the rewrite (the ScriptRunConfig HyperDrive reads)
    last: List[Union[str, Statement]] = field(default_factory=list)
    arguments: List[Code] = field(default_factory=list)
    imports: List[Import] = field(default_factory=list)
    assumptions: List[str] = field(default_factory=list)
    #: (parameter, code) pairs: what each parameter became
    parts: List[Tuple[str, str]] = field(default_factory=list)
    #: the module's Environment this rewrite shares with others of the same specification
    shared: Optional[SharedEnvironment] = None
    #: (name, whole lines) of a statement binding a name only the call read (its
    #: ``script_params`` dict), which the rewrite deletes
    deleted: List[Tuple[str, Span]] = field(default_factory=list)

    def part(self, parameters, *texts: Union[Code, Statement]) -> None:
        """Record what ``parameters`` became, each text in its one-line form."""
        for parameter in (parameters,) if isinstance(parameters, str) else parameters:
            if self.call.keyword(parameter) is not None:
                self.parts.extend((parameter, one_line(text)) for text in texts)

    def value(self, name: str, position: Optional[int] = None) -> Optional[Value]:
        return self.call.argument(name, position)

    def need(self, module: str, name: str) -> str:
        """The name to write for ``name`` of ``module``, whose import the fix then adds."""
        needed = self.names.imported(module, name)
        self.imports.append(needed)
        return needed.bound


class Names:
    """New variable names that collide with no name the module binds or reads, and the names
    imported SDK objects are written by."""

    def __init__(self, base: str, facts: ModuleFacts):
        self._base = base
        self._facts = facts
        self._taken: set = set()

    def imported(self, module: str, name: str, alias: str = "") -> Import:
        """The import of ``name`` from ``module``: under its own name when the module binds that
        name to nothing, or only to the same object (through any import path of
        ``sdk.REPLACEMENT_PATHS``); else under an alias (``AzureMLEnvironment``) that is fresh or
        already bound to the same object. The result depends on the module's facts alone, so
        every rewrite of a module picks the same name. ``alias`` replaces the ``AzureML`` alias
        (the v2 rewrites alias ``Environment`` as ``V2Environment``)."""
        path = f"{module}.{name}"
        identity = sdk.REPLACEMENT_PATHS.get(path, path)
        if self._reusable(name, identity, own=True):
            return Import(module, name)
        base = alias or (f"AZUREML_{name}" if name.isupper() else f"AzureML{name}")
        alias, index = base, 2
        while not self._reusable(alias, identity):
            alias, index = f"{base}{index}", index + 1
        return Import(module, name, alias)

    def _reusable(self, name: str, identity: str, own: bool = False) -> bool:
        sources = self._facts.name_sources.get(name)
        if sources is not None:
            return sources == {identity}
        if name in self._taken:
            return False
        if own:
            # read and never bound: the SDK's star import, or a foreign one that may bind it
            return not (self._facts.foreign_star_import and self._facts.name_counts.get(name))
        return not self._facts.name_counts.get(name)

    def new(self, suffix: str) -> str:
        name = f"{self._base}_{suffix}"
        index = 2
        while name in self._taken or self._facts.name_counts.get(name):
            name = f"{self._base}_{suffix}{index}"
            index += 1
        self._taken.add(name)
        return name


def held_display_reaches(plan: Plan, value: Value) -> bool:
    """Whether the display a name holds (``params = {...}``, ``pip = ['a', 'b']``) is what the
    call reads: the name is bound once and used only at the call, or the display is bound by a
    top-level statement before the call's and the name is neither read nor bound between them
    nor anywhere inside a function, class or comprehension (which might run between). Bindings
    and reads after the call (the next notebook cell's ``pip = [...]``) do not matter: the
    estimator read the name when it was built."""
    if not value.held:
        return False
    if plan.facts.name_counts.get(value.text, 0) == 2:
        return True
    call = plan.call
    start = value.held_from
    occurrences = plan.facts.held_name_occurrences.get(value.text)
    if (start is None or occurrences is None or start not in plan.facts.top_level_displays
            or call.site is None or call.site.indent):
        return False
    call_start, call_end = (call.span.line, call.span.col), (call.span.end_line, call.span.end_col)
    if not start < call_start:
        return False
    inside = 0
    for line, col, nested in occurrences:
        if nested or start < (line, col) < call_start:
            return False
        inside += call_start <= (line, col) < call_end
    return inside == 1


def one_line(code: Union[Code, Statement]) -> str:
    return code if isinstance(code, str) else str(code) if isinstance(code, Statement) else code.flat()


def falsy(value: Value) -> bool:
    """A literal the SDK's checks read as absent (it tests arguments for truth)."""
    return value.is_literal and not value.literal


def is_none(value: Optional[Value]) -> bool:
    return value is not None and value.is_literal and value.literal is None
