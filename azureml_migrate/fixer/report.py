"""``azureml-migrate fix --format json``: what was fixed and what remains, per file and finding.

The shape (``FORMAT_VERSION`` 1; fields are only ever added)::

    {"tool": "azureml-migrate-lint", "format": "fix", "version": 1,
     "unsafe_fixes": false, "diff": false,
     "files": [{"path", "kind", "changed", "written", "error", "errors": [...],
                "fixed": [FINDING...], "remaining": [FINDING...]}],
     "summary": {"files_checked", "files_changed", "fixed", "unsafe", "manual", "dropped",
                 "not_written", "file_errors"}}

A FINDING is ``{"code", "symbol", "message", "status", "line", "column", "cell",
"fix": null | {"title", "applicability"}, "reason"}``. ``status`` is ``fixed``; or, in
``remaining``, ``unsafe`` (a fix held back without ``--unsafe-fixes``; ``reason`` is its
assumption), ``manual`` (no fix applies; ``reason`` says why and what to decide), ``dropped``
(a fix was tried and left out; ``reason`` says why) or ``not_written`` (fixed, but the file
could not be written: ``error`` says why). Positions of ``remaining`` findings are in the
fixed text, as ruff reports them; those of ``fixed`` findings are where the finding was when
its fix was applied. With ``diff`` true nothing was written and ``fixed`` means "would be
fixed". ``files`` lists the files with a fix, a remaining finding or an error, in the order
they were checked; ``summary.files_checked`` counts every file looked at.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, TextIO

from .model import FixResult, Item

FORMAT_VERSION = 1
STATUSES = ("fixed", "unsafe", "manual", "dropped", "not_written")


def _symbol(code: str) -> str:
    from ..catalog import RULES_BY_CODE

    rule = RULES_BY_CODE.get(code)
    return rule.symbol if rule is not None else code


def finding_dict(item: Item, status: str, reason: Optional[str] = None) -> Dict[str, object]:
    return {
        "code": item.code,
        "symbol": _symbol(item.code),
        "message": item.message,
        "status": status,
        "line": item.line,
        "column": item.column,
        "cell": item.cell,
        "fix": {"title": item.title, "applicability": item.applicability} if item.applicability else None,
        "reason": item.reason if reason is None else reason,
    }


def _position(item: Item):
    return (item.cell or 0, item.line, item.column, item.code)


@dataclass
class FileRecord:
    """One file's part of the report."""

    path: str
    kind: Optional[str]
    result: Optional[FixResult] = None
    #: whether the fixes count as made (written, or with --diff: would be written)
    done: bool = False
    written: bool = False
    error: Optional[str] = None
    errors: List[str] = field(default_factory=list)

    def as_dict(self) -> Dict[str, object]:
        result = self.result
        fixed: List[Dict[str, object]] = []
        remaining: List[Dict[str, object]] = []
        if result is not None:
            if self.done:
                fixed = [finding_dict(item, "fixed") for item in result.applied]
            else:
                remaining = [finding_dict(item, "not_written", self.error or "") for item in result.applied]
            left = [(item, "unsafe") for item in result.unsafe] + [(item, "manual") for item in result.manual] \
                + [(item, "dropped") for item in result.dropped]
            remaining.extend(finding_dict(item, status) for item, status in
                             sorted(left, key=lambda pair: _position(pair[0])))
        return {
            "path": self.path,
            "kind": self.kind,
            "changed": bool(self.done and result is not None and result.changed),
            "written": self.written,
            "error": self.error,
            "errors": list(self.errors),
            "fixed": fixed,
            "remaining": remaining,
        }


def document(records: Sequence[FileRecord], files_checked: int, unsafe_fixes: bool, diff: bool) -> Dict[str, object]:
    """The report; ``records`` lists the files with a fix, a remaining finding or an error."""
    files = [record.as_dict() for record in records]
    counts = {status: 0 for status in STATUSES}
    for entry in files:
        for finding in [*entry["fixed"], *entry["remaining"]]:  # type: ignore[misc]
            counts[finding["status"]] += 1
    summary: Dict[str, object] = {
        "files_checked": files_checked,
        "files_changed": sum(1 for entry in files if entry["changed"]),
        **counts,
        "file_errors": sum(1 for record in records if record.error is not None) + sum(
            len(record.errors) for record in records),
    }
    return {"tool": "azureml-migrate-lint", "format": "fix", "version": FORMAT_VERSION,
            "unsafe_fixes": unsafe_fixes, "diff": diff, "files": files, "summary": summary}


def write(records: Sequence[FileRecord], files_checked: int, unsafe_fixes: bool, diff: bool, stream: TextIO) -> None:
    json.dump(document(records, files_checked, unsafe_fixes, diff), stream, indent=2)
    stream.write("\n")
