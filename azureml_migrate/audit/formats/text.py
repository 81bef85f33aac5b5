"""flake8-style lines, then bad files, then a one-line summary."""

from __future__ import annotations

from typing import TextIO

from ..runner import AuditReport
from .common import location, summary_line


def render(report: AuditReport, stream: TextIO) -> None:
    for item in report.findings:
        finding = item.finding
        stream.write(f"{location(finding)}: {finding.code} {finding.message}\n")
    for error in report.errors:
        stream.write(f"{error.path}: error: {error.message}\n")
    stream.write(summary_line(report) + "\n")
