"""What fixing one file gives back, and what the kinds of file hand to the fixing loop."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Hashable, List, Optional, Tuple

from ..fixes import Applicability, Edit, Fix
from ..messages import Status
from ..settings import DEFAULT_LINE_LENGTH
from .imports import ModuleNames


class FixError(Exception):
    """The file cannot be fixed at all (it does not parse, is not a notebook ...)."""


@dataclass(frozen=True)
class Item:
    """One finding in a fix report, where it is in the file (1-based line and character column,
    and the notebook cell when there is one)."""

    code: str
    line: int
    column: int
    #: the fix's title (applied, unsafe) or why it needs manual work (manual, dropped)
    text: str
    cell: Optional[int] = None
    #: the finding's own message, as the audit reports it
    message: str = field(default="", compare=False)
    #: the fix's title ("" when the finding has no fix)
    title: str = field(default="", compare=False)
    #: the fix's applicability: "safe", "unsafe", "manual", or None when there is no fix
    applicability: Optional[str] = field(default=None, compare=False)
    #: why it is not fixed (manual, dropped), or the assumption an unsafe fix rests on
    reason: str = field(default="", compare=False)


@dataclass
class FixResult:
    """The fixed text and what happened to each finding of the selected rules."""

    original: str
    text: str
    #: findings a fix was applied to (one fix may settle several findings of one call)
    applied: List[Item] = field(default_factory=list)
    #: findings whose fix is unsafe, left alone without ``unsafe=True``
    unsafe: List[Item] = field(default_factory=list)
    #: findings with no applicable fix: the reason (``Fix.reason``) or the message
    manual: List[Item] = field(default_factory=list)
    #: findings whose fix was tried and dropped (clashing name, broken result ...), with why
    dropped: List[Item] = field(default_factory=list)
    #: problems that left part of the file unchecked (a notebook cell that does not parse)
    errors: List[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.text != self.original

    @property
    def remaining(self) -> int:
        """Findings still in the file after fixing."""
        return len(self.unsafe) + len(self.manual) + len(self.dropped)


#: the piece of a file an edit is in: None for the whole text, a cell position in notebooks
UnitKey = Hashable


@dataclass(frozen=True)
class Candidate:
    """A finding of the current text with its fix moved to the coordinates of one unit."""

    code: str
    line: int
    column: int
    message: str
    fix: Optional[Fix]
    unit: UnitKey = None
    edits: Tuple[Edit, ...] = ()
    #: index of the Python program whose imports the fix extends (None: a requirement)
    program: Optional[int] = None
    #: why the fix cannot be applied where it stands (crosses a notebook cell ...)
    problem: str = ""
    cell: Optional[int] = None
    #: what the finding's message says ``fix`` can do (its manual reason, for a finding without a fix)
    status: Status = Status()

    def item(self, text: str, reason: str = "") -> Item:
        """The report item, with ``text`` the one line ``fix`` prints and ``reason`` why it is
        not fixed (or, for an unsafe fix, its assumption)."""
        fix = self.fix
        return Item(self.code, self.line, self.column, text, self.cell, self.message,
                    fix.title if fix is not None else "", fix.applicability.value if fix is not None else None,
                    reason)

    @property
    def key(self) -> Tuple:
        """The fix as it stays from one round to the next (positions shift, its text does not);
        the findings that share a fix share its key."""
        fix = self.fix
        assert fix is not None
        return (fix.title, tuple(edit.text for edit in fix.edits), fix.imports)

    def applicable(self, unsafe: bool) -> bool:
        fix = self.fix
        return fix is not None and (fix.applicability is Applicability.SAFE
                                    or (unsafe and fix.applicability is Applicability.UNSAFE))


@dataclass(frozen=True)
class Program:
    """One Python program of a file: what it binds, and where its lines are in the units."""

    names: ModuleNames
    #: program line -> (unit, line in the unit)
    place: Callable[[int], Tuple[UnitKey, int]]
    #: the first line of the program, in unit coordinates
    first: Tuple[UnitKey, int] = (None, 1)
    #: (unit, line in the unit) -> program line; the inverse of ``place``
    line_of: Callable[[UnitKey, int], int] = lambda unit, line: line
    #: the project's line length, which import lines the fix adds are wrapped to
    line_length: int = DEFAULT_LINE_LENGTH


@dataclass
class Checked:
    """One round's check of a file: its candidates and the programs their imports go into."""

    candidates: List[Candidate] = field(default_factory=list)
    programs: List[Program] = field(default_factory=list)
    errors: List[str] = field(default_factory=list)
