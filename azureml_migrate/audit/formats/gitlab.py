"""GitLab Code Quality: a JSON array of issues (``artifacts:reports:codequality``).

Each finding is an issue with the fields GitLab requires: ``description``, ``check_name``,
``fingerprint`` (the baseline fingerprint: stable across runs, unique per finding),
``severity`` and ``location.path`` + ``location.lines.begin``. A notebook finding points at
the line of the raw ``.ipynb`` holding that cell line (GitLab shows the file as stored), and
its description starts with ``cell N``. Files that could not be checked are issues of
severity ``major`` on line 1, so they show in the merge request too.
"""

from __future__ import annotations

import hashlib
import json
from typing import Dict, List, Optional, TextIO

from ..runner import AuditReport, FingerprintedFinding
from .notebook_positions import RawLocator

SEVERITY = "minor"
ERROR_SEVERITY = "major"


def issue(item: FingerprintedFinding, locator: RawLocator) -> Dict[str, object]:
    finding = item.finding
    line, description = finding.line, finding.message
    if finding.cell is not None:
        raw = locator.position(finding.path, finding.cell, finding.line, finding.column)
        line = raw[0] if raw is not None else 1
        description = f"cell {finding.cell}, line {finding.line}: {finding.message}"
    return {
        "description": description,
        "check_name": finding.code,
        "fingerprint": item.fingerprint,
        "severity": SEVERITY,
        "location": {"path": finding.path, "lines": {"begin": line}},
        "categories": ["Compatibility"],
    }


def issues(report: AuditReport, locator: Optional[RawLocator] = None) -> List[Dict[str, object]]:
    locator = locator or RawLocator()
    found = [issue(item, locator) for item in report.findings]
    for error in report.errors:
        found.append({
            "description": f"azureml-migrate could not check this file: {error.message}",
            "check_name": "azureml-migrate-file-error",
            "fingerprint": hashlib.sha256(f"{error.path}\0{error.message}".encode("utf-8", "replace")).hexdigest()[:32],
            "severity": ERROR_SEVERITY,
            "location": {"path": error.path, "lines": {"begin": 1}},
        })
    return found


def render(report: AuditReport, stream: TextIO) -> None:
    json.dump(issues(report), stream, indent=2)
    stream.write("\n")
