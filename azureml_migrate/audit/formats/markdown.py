"""A report for a team lead: how much is left, where, and the rewrite of every Estimator call."""

from __future__ import annotations

import re
from typing import Iterable, List, Sequence, TextIO

from ...catalog import RULES_BY_CODE
from ..runner import AuditReport
from .common import (ESTIMATOR_CODE, by_directory, by_file, by_kind, by_rule, files_with_findings, location,
                     plural, summary_line, symbol)

TOP_FILES = 15
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#!])")


def cell_text(text: str) -> str:
    """Text safe inside a Markdown table cell: no markup, no HTML, no row breaks."""
    return _SPECIAL.sub(r"\\\1", text).replace("\r\n", "\n").replace("\n", "<br>")


def code_span(text: str) -> str:
    """Inline code (paths, locations): no Markdown escapes needed inside, only table pipes."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{padding}{text.replace('|', chr(92) + '|')}{padding}{ticks}"


def fenced(code: str, language: str = "python") -> str:
    """A fence longer than any backtick run inside, so the snippet cannot end it early."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{code}\n{fence}"


class Code(str):
    """A table value shown as inline code rather than escaped text."""


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> List[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(code_span(value) if isinstance(value, Code) else cell_text(str(value))
                                   for value in row) + " |" for row in rows)
    return lines


def render(report: AuditReport, stream: TextIO) -> None:
    lines: List[str] = ["# Azure ML SDK v1 migration audit", ""]
    lines.append(f"**{cell_text(summary_line(report))}**")
    lines.append("")
    lines.extend([
        f"- Findings: {len(report.findings)}",
        f"- Files with findings: {files_with_findings(report)} of {report.files_checked} checked",
        f"- Files that could not be checked: {len(report.errors)}",
        f"- Estimator calls to rewrite ({ESTIMATOR_CODE}): "
        f"{sum(1 for item in report.findings if item.finding.code == ESTIMATOR_CODE)}",
        "",
    ])
    if report.findings:
        lines.extend(["## Findings per rule", ""])
        lines.extend(table(("code", "symbol", "findings", "what it flags"),
                           ((code, symbol(code), count, RULES_BY_CODE[code].summary if code in RULES_BY_CODE else "")
                            for code, count in by_rule(report).items())))
        lines.extend(["", "## Findings per top-level directory", ""])
        lines.extend(table(("directory", "findings"), by_directory(report).items()))
        lines.extend(["", "## Findings per file kind", ""])
        lines.extend(table(("file kind", "findings", "files checked"),
                           ((kind, count, report.files_by_kind.get(kind, 0))
                            for kind, count in by_kind(report).items())))
        lines.extend(["", "## Files with the most findings", ""])
        lines.extend(table(("file", "findings"), ((Code(path), count) for path, count in by_file(report)[:TOP_FILES])))
        lines.append("")
    estimators = [item.finding for item in report.findings if item.finding.code == ESTIMATOR_CODE]
    if estimators:
        lines.extend(["## Suggested rewrites of Estimator calls", ""])
        for finding in estimators:
            lines.extend([f"### {code_span(location(finding))}", "", cell_text(finding.message), ""])
            if finding.hint:
                lines.extend([fenced(finding.hint), ""])
    if report.errors:
        lines.extend(["## Files that could not be checked", ""])
        lines.extend(table(("file", "problem"), ((Code(error.path), error.message) for error in report.errors)))
        lines.append("")
    if report.findings:
        lines.extend(["## All findings", "", "<details><summary>"
                      f"{plural(len(report.findings), 'finding')}</summary>", ""])
        lines.extend(table(("location", "code", "message"),
                           ((Code(location(item.finding)), item.finding.code, item.finding.message)
                            for item in report.findings)))
        lines.extend(["", "</details>", ""])
    stream.write("\n".join(lines).rstrip("\n") + "\n")
