"""``{"findings": [...], "errors": [...], "summary": {...}}`` for other tools.

Each finding's ``"status"`` says what ``azureml-migrate fix`` can do: ``"fixable"``, ``"fixable
with --unsafe-fixes"`` or ``"manual"``, and ``"reason"`` what to do by hand ("" unless manual,
and may be "" then): the data its ``"message"`` ends with.
Each finding carries ``"fix"``: null, or ``{"applicability": "safe"|"unsafe"|"manual", "title",
"reason", "edits": [{"line", "col", "end_line", "end_col", "text"}], "imports": ["from M import N"],
"group"}``, where ``group`` names the fix group (fixes applied together or not at all; "" alone),
edits numbered as the finding is (1-based lines and character columns, ``end_col`` just after
the replaced text); in a notebook each edit also names its ``cell`` and its lines are the cell's.
"""

from __future__ import annotations

import json
from typing import Dict, Optional, TextIO

from ..model import AuditFix
from ..runner import AuditReport, FingerprintedFinding
from .common import summary, symbol


def finding_dict(item: FingerprintedFinding) -> Dict[str, object]:
    finding = item.finding
    return {
        "code": finding.code,
        "symbol": symbol(finding.code),
        "message": finding.message,
        "status": finding.status.label,
        "reason": finding.status.reason,
        "hint": finding.hint,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "cell": finding.cell,
        "kind": finding.kind,
        "fingerprint": item.fingerprint,
        "fix": fix_dict(finding.fix),
    }


def fix_dict(fix: Optional[AuditFix]) -> Optional[Dict[str, object]]:
    if fix is None:
        return None
    edits = []
    for edit in fix.edits:
        entry: Dict[str, object] = {"line": edit.line, "col": edit.column, "end_line": edit.end_line,
                                    "end_col": edit.end_column, "text": edit.text}
        if edit.cell is not None:
            entry["cell"] = edit.cell
        edits.append(entry)
    return {"applicability": fix.applicability, "title": fix.title, "reason": fix.reason, "edits": edits,
            "imports": list(fix.imports), "group": fix.group}


def render(report: AuditReport, stream: TextIO) -> None:
    document = {
        "findings": [finding_dict(item) for item in report.findings],
        "errors": [{"path": error.path, "message": error.message, "kind": error.kind} for error in report.errors],
        "summary": summary(report),
    }
    json.dump(document, stream, indent=2)
    stream.write("\n")
