"""What the audit passes between its parts: one file's findings and errors.

File readers (``checkers``) produce ``FileReport``s; the runner, baseline and report formats
consume them. Lines and columns are 1-based here, as flake8 prints them and SARIF wants them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from ..messages import Status


@dataclass(frozen=True)
class AuditEdit:
    """A fix's edit in the report's positions: replace from (line, column) to (end_line,
    end_column), columns 1-based characters, ``end_column`` just after the replaced text."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    #: the notebook cell the edit is in (lines are that cell's); None outside notebooks
    cell: Optional[int] = None


@dataclass(frozen=True)
class AuditFix:
    """A finding's fix as the reports show it (``fixes.Fix`` in file positions)."""

    applicability: str
    title: str
    reason: str = ""
    edits: Tuple[AuditEdit, ...] = ()
    #: import statements to add: ``from M import N``
    imports: Tuple[str, ...] = ()
    #: the fix group (``fixes.Fix.group``): fixes applied together or not at all; "" alone
    group: str = ""


@dataclass(frozen=True)
class AuditFinding:
    code: str
    #: posix path relative to the current directory (as the user would type it)
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    hint: str = ""
    #: 1-based position of the notebook cell among all cells as stored; None outside notebooks
    cell: Optional[int] = None
    #: file kind: python, notebook, markdown, requirements, conda, pyproject, setup_cfg,
    #: setup_py, pipfile, dockerfile
    kind: str = "python"
    #: whitespace-normalized source of the flagged construct (for fingerprints)
    source: str = ""
    fix: Optional[AuditFix] = None
    #: what ``azureml-migrate fix`` can do about it; ``message`` ends with it (``messages.render``)
    status: Status = Status()


@dataclass(frozen=True)
class AuditError:
    path: str
    message: str
    kind: Optional[str] = None


@dataclass
class FileReport:
    path: str
    kind: Optional[str]
    findings: List[AuditFinding] = field(default_factory=list)
    errors: List[AuditError] = field(default_factory=list)
