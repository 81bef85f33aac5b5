"""SARIF 2.1.0, as GitHub code scanning and Azure DevOps' SARIF viewer read it.

Rule metadata (names, descriptions, help) comes from the catalog. A notebook finding's region
is where that cell line sits in the raw ``.ipynb`` JSON (code scanning shows the file as
stored), found by ``notebook_positions``; the cell and the line within it are in the message
(``cell 4, line 2: ...``), in ``properties.cell``/``properties.cellLine`` and in a
``logicalLocations`` entry of kind ``notebookCell``. When the notebook cannot be read back the
in-cell position is kept. Files that could not be checked are ``toolExecutionNotifications``
of level ``error``.

A safe or unsafe fix is a result's ``fixes`` entry (SARIF 2.1.0 section 3.55): its edits as
``replacements`` of the finding's artifact, in the same regions as results (a notebook's edits
in its raw JSON, the inserted text JSON-escaped). A fix that adds imports (their place is the
applier's choice), a fix of a fix group (applied alone it would break the code its group
fixes with it), a notebook edit over several lines or one that cannot be placed in the raw
JSON is not offered there. Every fix, manual ones included, is in ``properties.fix``:
applicability, title, reason, imports, group. What the message ends with is in
``properties.status`` (``fixable``, ``fixable with --unsafe-fixes``, ``manual``) and
``properties.reason`` (what to do by hand, for a manual finding).
"""

from __future__ import annotations

import json
from typing import Dict, List, Optional, TextIO
from urllib.parse import quote

from ... import __version__
from ...catalog import ACTIVE_RULES
from ..baseline import FINGERPRINT_NAME
from ..runner import AuditReport, FingerprintedFinding
from .common import TOOL_NAME, summary
from ..model import AuditFix
from .notebook_positions import RawLocator

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"


def rule_descriptors() -> List[Dict[str, object]]:
    return [{
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.what},
        "help": {"text": rule.docs(), "markdown": rule.docs()},
        "defaultConfiguration": {"enabled": rule.default_enabled, "level": "warning"},
        "properties": {"symbol": rule.symbol, "pylintMsgid": rule.msgid, "concernsSdkVersion": rule.concerns,
                       "tags": ["azureml", "migration", "deprecated"]},
    } for rule in ACTIVE_RULES]


def artifact(path: str) -> Dict[str, str]:
    return {"uri": quote(path, safe="/"), "uriBaseId": SOURCE_ROOT}


def _region(item: FingerprintedFinding, locator: RawLocator) -> Dict[str, int]:
    finding = item.finding
    region = {"startLine": finding.line, "startColumn": finding.column,
              "endLine": finding.end_line, "endColumn": finding.end_column}
    if finding.cell is None:
        return region
    start = locator.position(finding.path, finding.cell, finding.line, finding.column)
    end = locator.position(finding.path, finding.cell, finding.end_line, finding.end_column)
    if start is None:
        return region
    if end is None or end < start:
        end = (start[0], start[1] + 1)
    return {"startLine": start[0], "startColumn": start[1], "endLine": end[0], "endColumn": end[1]}


def _replacement(path: str, edit, locator: RawLocator) -> Optional[Dict[str, object]]:
    region = {"startLine": edit.line, "startColumn": edit.column,
              "endLine": edit.end_line, "endColumn": edit.end_column}
    text = edit.text
    if edit.cell is not None:
        if edit.line != edit.end_line or "\n" in text or "\r" in text:
            return None
        start = locator.position(path, edit.cell, edit.line, edit.column, past_end=False)
        end = locator.position(path, edit.cell, edit.end_line, edit.end_column, past_end=False)
        if start is None or end is None or end < start:
            return None
        region = {"startLine": start[0], "startColumn": start[1], "endLine": end[0], "endColumn": end[1]}
        text = json.dumps(text, ensure_ascii=False)[1:-1]
    return {"deletedRegion": region, "insertedContent": {"text": text}}


def fixes(path: str, fix: Optional[AuditFix], locator: RawLocator) -> List[Dict[str, object]]:
    """The SARIF ``fixes`` of a finding: one for a safe or unsafe fix that is only edits."""
    if fix is None or fix.applicability == "manual" or fix.imports or fix.group or not fix.edits:
        return []
    replacements = []
    for edit in fix.edits:
        replacement = _replacement(path, edit, locator)
        if replacement is None:
            return []
        replacements.append(replacement)
    return [{"description": {"text": f"{fix.title} ({fix.applicability}: {fix.reason})" if fix.reason
                             else f"{fix.title} ({fix.applicability})"},
             "artifactChanges": [{"artifactLocation": artifact(path), "replacements": replacements}]}]


def result(item: FingerprintedFinding, rule_index: Dict[str, int],
           locator: Optional[RawLocator] = None) -> Dict[str, object]:
    finding = item.finding
    location: Dict[str, object] = {
        "physicalLocation": {
            "artifactLocation": artifact(finding.path),
            "region": _region(item, locator or RawLocator()),
        },
    }
    properties: Dict[str, object] = {"kind": finding.kind, "cell": finding.cell, "status": finding.status.label,
                                     "reason": finding.status.reason}
    message = finding.message
    if finding.cell is not None:
        properties["cellLine"] = finding.line
        properties["cellColumn"] = finding.column
        message = f"cell {finding.cell}, line {finding.line}: {finding.message}"
        location["logicalLocations"] = [{"name": f"cell {finding.cell}",
                                         "fullyQualifiedName": f"{finding.path}:cell {finding.cell}",
                                         "kind": "notebookCell"}]
    if finding.hint:
        properties["hint"] = finding.hint
    if finding.fix is not None:
        properties["fix"] = {"applicability": finding.fix.applicability, "title": finding.fix.title,
                             "reason": finding.fix.reason, "imports": list(finding.fix.imports),
                             "group": finding.fix.group}
    entry: Dict[str, object] = {
        "ruleId": finding.code,
        "level": "warning",
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_NAME: item.fingerprint},
        "properties": properties,
    }
    if finding.code in rule_index:
        entry["ruleIndex"] = rule_index[finding.code]
    offered = fixes(finding.path, finding.fix, locator or RawLocator())
    if offered:
        entry["fixes"] = offered
    return entry


def document(report: AuditReport) -> Dict[str, object]:
    rules = rule_descriptors()
    rule_index = {str(rule["id"]): index for index, rule in enumerate(rules)}
    locator = RawLocator()
    notifications = [{
        "level": "error",
        "message": {"text": error.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact(error.path)}}],
    } for error in report.errors]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": TOOL_NAME, "version": __version__, "semanticVersion": __version__,
                                "rules": rules}},
            "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
            "results": [result(item, rule_index, locator) for item in report.findings],
            "properties": {"summary": summary(report)},
        }],
    }


def render(report: AuditReport, stream: TextIO) -> None:
    json.dump(document(report), stream, indent=2)
    stream.write("\n")
