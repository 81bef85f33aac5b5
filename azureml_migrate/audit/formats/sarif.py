"""SARIF 2.1.0, as GitHub code scanning and Azure DevOps' SARIF viewer read it.

Rule metadata (names, descriptions, help) comes from the catalog. Notebook findings keep the
line and column within their cell, like every other format; the cell is in the result's
``properties.cell`` and in a ``logicalLocations`` entry of kind ``notebookCell``. Files that
could not be checked are ``toolExecutionNotifications`` of level ``error``.
"""

from __future__ import annotations

import json
from typing import Dict, List, TextIO
from urllib.parse import quote

from ... import __version__
from ...catalog import RULES
from ..baseline import FINGERPRINT_NAME
from ..runner import AuditReport, FingerprintedFinding
from .common import TOOL_NAME, summary

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
    } for rule in RULES if not rule.retired]


def artifact(path: str) -> Dict[str, str]:
    return {"uri": quote(path, safe="/"), "uriBaseId": SOURCE_ROOT}


def result(item: FingerprintedFinding, rule_index: Dict[str, int]) -> Dict[str, object]:
    finding = item.finding
    location: Dict[str, object] = {
        "physicalLocation": {
            "artifactLocation": artifact(finding.path),
            "region": {"startLine": finding.line, "startColumn": finding.column,
                       "endLine": finding.end_line, "endColumn": finding.end_column},
        },
    }
    properties: Dict[str, object] = {"kind": finding.kind, "cell": finding.cell}
    if finding.cell is not None:
        location["logicalLocations"] = [{"name": f"cell {finding.cell}",
                                         "fullyQualifiedName": f"{finding.path}:cell {finding.cell}",
                                         "kind": "notebookCell"}]
    if finding.hint:
        properties["hint"] = finding.hint
    entry: Dict[str, object] = {
        "ruleId": finding.code,
        "level": "warning",
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_NAME: item.fingerprint},
        "properties": properties,
    }
    if finding.code in rule_index:
        entry["ruleIndex"] = rule_index[finding.code]
    return entry


def document(report: AuditReport) -> Dict[str, object]:
    rules = rule_descriptors()
    rule_index = {str(rule["id"]): index for index, rule in enumerate(rules)}
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
            "results": [result(item, rule_index) for item in report.findings],
            "properties": {"summary": summary(report)},
        }],
    }


def render(report: AuditReport, stream: TextIO) -> None:
    json.dump(document(report), stream, indent=2)
    stream.write("\n")
