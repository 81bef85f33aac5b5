"""CI log annotations: GitHub Actions workflow commands and Azure Pipelines logging commands.

Each escapes as its runner unescapes: GitHub's ``%``, CR, LF (and ``:`` ``,`` in properties);
Azure's ``%AZP25``, CR, LF (and ``;`` ``]`` in properties), as azure-pipelines-task-lib does.
A plain summary line ends the output; runners print lines that are not commands as they are.
"""

from __future__ import annotations

from typing import TextIO

from ..model import AuditFinding
from ..runner import AuditReport
from .common import summary_line


def github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def azure_data(text: str) -> str:
    return text.replace("%", "%AZP25").replace("\r", "%0D").replace("\n", "%0A")


def azure_property(text: str) -> str:
    return azure_data(text).replace("]", "%5D").replace(";", "%3B")


def _cell_prefix(finding: AuditFinding) -> str:
    return f"cell {finding.cell}: " if finding.cell is not None else ""


def render_github(report: AuditReport, stream: TextIO) -> None:
    for item in report.findings:
        finding = item.finding
        properties = ",".join(f"{key}={github_property(str(value))}" for key, value in (
            ("file", finding.path), ("line", finding.line), ("col", finding.column),
            ("endLine", finding.end_line), ("endColumn", finding.end_column), ("title", finding.code)))
        stream.write(f"::warning {properties}::{github_data(_cell_prefix(finding) + finding.message)}\n")
    for error in report.errors:
        stream.write(f"::error file={github_property(error.path)},title=azureml-migrate::"
                     f"{github_data(error.message)}\n")
    stream.write(summary_line(report) + "\n")


def render_azure(report: AuditReport, stream: TextIO) -> None:
    for item in report.findings:
        finding = item.finding
        properties = ";".join(f"{key}={azure_property(str(value))}" for key, value in (
            ("type", "warning"), ("sourcepath", finding.path), ("linenumber", finding.line),
            ("columnnumber", finding.column), ("code", finding.code)))
        stream.write(f"##vso[task.logissue {properties}]{azure_data(_cell_prefix(finding) + finding.message)}\n")
    for error in report.errors:
        stream.write(f"##vso[task.logissue type=error;sourcepath={azure_property(error.path)}]"
                     f"{azure_data(error.message)}\n")
    stream.write(summary_line(report) + "\n")
