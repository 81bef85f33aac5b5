"""``{"findings": [...], "errors": [...], "summary": {...}}`` for other tools."""

from __future__ import annotations

import json
from typing import Dict, TextIO

from ..runner import AuditReport, FingerprintedFinding
from .common import summary, symbol


def finding_dict(item: FingerprintedFinding) -> Dict[str, object]:
    finding = item.finding
    return {
        "code": finding.code,
        "symbol": symbol(finding.code),
        "message": finding.message,
        "hint": finding.hint,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "cell": finding.cell,
        "kind": finding.kind,
        "fingerprint": item.fingerprint,
    }


def render(report: AuditReport, stream: TextIO) -> None:
    document = {
        "findings": [finding_dict(item) for item in report.findings],
        "errors": [{"path": error.path, "message": error.message, "kind": error.kind} for error in report.errors],
        "summary": summary(report),
    }
    json.dump(document, stream, indent=2)
    stream.write("\n")
