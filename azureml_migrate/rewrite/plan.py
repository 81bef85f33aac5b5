"""A rewrite as it is built: the statements before and after the call's statement, the
ScriptRunConfig's arguments, the imports they need, the assumptions they rest on, and what each
parameter of the call became."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from ..facts import CallFact, ModuleFacts, Value
from ..fixes import Import

CORE = "azureml.core"
#: a ScriptRunConfig call longer than this is written one argument per line
LINE_LENGTH = 99
RUNCONFIG = "azureml.core.runconfig"
CONDA = "azureml.core.conda_dependencies"


@dataclass
class Plan:
    """The statements and arguments of a rewrite as it is built."""

    call: CallFact
    names: "Names"
    facts: ModuleFacts
    before: List[str] = field(default_factory=list)
    after: List[str] = field(default_factory=list)
    arguments: List[str] = field(default_factory=list)
    imports: List[Import] = field(default_factory=list)
    assumptions: List[str] = field(default_factory=list)
    #: (parameter, code) pairs: what each parameter became
    parts: List[Tuple[str, str]] = field(default_factory=list)

    def part(self, parameters, *texts: str) -> None:
        for parameter in (parameters,) if isinstance(parameters, str) else parameters:
            if self.call.keyword(parameter) is not None:
                self.parts.extend((parameter, text) for text in texts)

    def value(self, name: str, position: Optional[int] = None) -> Optional[Value]:
        return self.call.argument(name, position)

    def need(self, module: str, name: str) -> str:
        self.imports.append(Import(module, name))
        return name


class Names:
    """New variable names that collide with no name the module binds or reads."""

    def __init__(self, base: str, facts: ModuleFacts):
        self._base = base
        self._facts = facts
        self._taken: set = set()

    def new(self, suffix: str) -> str:
        name = f"{self._base}_{suffix}"
        index = 2
        while name in self._taken or self._facts.name_counts.get(name):
            name = f"{self._base}_{suffix}{index}"
            index += 1
        self._taken.add(name)
        return name


def falsy(value: Value) -> bool:
    """A literal the SDK's checks read as absent (it tests arguments for truth)."""
    return value.is_literal and not value.literal


def is_none(value: Optional[Value]) -> bool:
    return value is not None and value.is_literal and value.literal is None
