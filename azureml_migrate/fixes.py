"""The rewrite model: what a finding's fix edits, what it needs imported, and how far it holds.

A fix is computed by the rule that reports the finding, from the finding's own facts. Every
front end shows the hint rendered from the fix (``Fix.hint()``), so a hint and what
``azureml-migrate fix`` writes can never disagree. Edits are ranges of the checked text, the
way ruff models them: positions are ``ast``'s (1-based lines, columns in UTF-8 bytes of the
line), and text outside the ranges is never touched.
"""

from __future__ import annotations

import functools
import textwrap
from typing import Iterable, Optional, Tuple

from .choices import Choice
from .facts import Span
from .records import record


class Applicability(Choice):
    """How far a fix can be trusted, as ruff's fix safety."""

    #: provably the same job: ``azureml-migrate fix`` applies it
    SAFE = "safe"
    #: the same job under the stated assumption: applied with ``--unsafe-fixes``
    UNSAFE = "unsafe"
    #: nothing is rewritten; ``reason`` says exactly why and what to decide
    MANUAL = "manual"


@record
class Edit:
    """Replace the text of ``span`` with ``text``; an empty span inserts, empty text deletes."""

    span: Span
    text: str
    #: removes code the fix leaves unread: where it cannot be made with the rest (in another
    #: notebook cell than the call's) it is left out, and the code stays as it was
    optional: bool = False

    @classmethod
    def insert(cls, line: int, col: int, text: str) -> "Edit":
        return cls(Span(line, col, line, col), text)


@record
class Import:
    """``from module import name`` (``as asname``): a name the fixed code uses, added where it
    is not bound to the same object before its first use."""

    module: str
    name: str
    #: the name the fixed code uses when ``name`` means something else in the module
    asname: Optional[str] = None

    @property
    def bound(self) -> str:
        """The name the import binds, which the fixed code uses."""
        return self.asname or self.name

    def alias(self) -> str:
        return f"{self.name} as {self.asname}" if self.asname else self.name

    def statement(self) -> str:
        return f"from {self.module} import {self.alias()}"


@record
class Fix:
    applicability: Applicability
    #: one line: what the fix does ("replace PyTorch(...) with ScriptRunConfig(...)")
    title: str
    edits: Tuple[Edit, ...] = ()
    imports: Tuple[Import, ...] = ()
    #: unsafe: the assumption the job's sameness rests on; manual: why nothing is rewritten
    reason: str = ""
    #: the code the fix writes, as a user would read it (the hint's body); for a manual fix,
    #: the code to start from when there is any
    code: str = ""
    #: the code each parameter of the rewritten call became (``("shm_size", "docker_runtime_config=...")``),
    #: so findings on one parameter quote the part of this fix that concerns it
    parts: Tuple[Tuple[str, str], ...] = ()
    #: the fix group this fix belongs to ("" when it stands alone): fixes that only work together
    #: (an estimator's rewrite and every call that reads its name as an estimator) share one id,
    #: one applicability (their weakest) and are applied together or not at all
    #: (``azureml_migrate.rewrite.groups``)
    group: str = ""
    #: manual: what to do by hand, in the few words a message has room for ("": the reason's
    #: leading clauses, ``messages.brief``)
    brief: str = ""
    #: how many fixes the group has: a group whose other fixes are not all offered (their
    #: findings suppressed or not selected) is not applied
    group_size: int = 0

    def part(self, parameter: str) -> str:
        return "; ".join(text for name, text in self.parts if name == parameter)

    def __post_init__(self) -> None:
        if self.applicability is Applicability.MANUAL and self.edits:
            raise ValueError("a manual fix edits nothing")
        if self.applicability is not Applicability.SAFE and not self.reason:
            raise ValueError(f"an {self.applicability.value} fix must say why")

    @property
    def applies(self) -> bool:
        return self.applicability is not Applicability.MANUAL

    def hint(self) -> str:
        """The multi-line hint every front end shows: imports, the code, and its safety."""
        return self._hint

    @functools.cached_property
    def _hint(self) -> str:
        """``hint()``, rendered once: every finding on one call carries the same fix."""
        lines = sorted({item.statement() for item in self.imports})
        if self.code:
            lines.extend(textwrap.dedent(self.code).strip("\n").splitlines())
        lines.append(self.note())
        return "\n".join(lines)

    def note(self) -> str:
        """The one-line safety note: ``# fix: safe`` / ``# fix: unsafe (...)`` / ``# manual: ...``."""
        if self.applicability is Applicability.SAFE:
            return "# fix: safe (azureml-migrate fix applies it)"
        if self.applicability is Applicability.UNSAFE:
            return f"# fix: unsafe, applied with --unsafe-fixes: {self.reason}"
        return f"# manual: {self.reason}"


#: applicabilities from the most to the least trusted
_TRUST = (Applicability.SAFE, Applicability.UNSAFE, Applicability.MANUAL)


def weakest(applicabilities: Iterable[Applicability]) -> Applicability:
    """The least trusted of ``applicabilities`` (SAFE when there are none)."""
    return max(applicabilities, key=_TRUST.index, default=Applicability.SAFE)


def manual(title: str, reason: str, code: str = "", group: str = "", brief: str = "") -> Fix:
    return Fix(Applicability.MANUAL, title, reason=reason, code=code, group=group, brief=brief)


def imports_of(pairs: Iterable[Tuple[str, str]]) -> Tuple[Import, ...]:
    return tuple(dict.fromkeys(Import(module, name) for module, name in pairs))
