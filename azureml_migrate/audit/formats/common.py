"""Counts and wording every format shares, so that their numbers cannot disagree."""

from __future__ import annotations

from collections import Counter
from typing import Dict, List, Sequence, Tuple

from ...rules import rule_of_code
from ...rules.aml101_estimator import RULE as ESTIMATOR_RULE
from ..model import AuditFinding
from ..runner import AuditReport

TOOL_NAME = "azureml-migrate-lint"
TOP_LEVEL = "(top level)"
#: The rule whose findings are the Estimator calls a summary counts.
ESTIMATOR_CODE = ESTIMATOR_RULE.code


def symbol(code: str) -> str:
    rule = rule_of_code(code)  # its module alone: a JSON report does not load the whole catalog
    return rule.symbol if rule is not None else code


def by_rule(report: AuditReport) -> Dict[str, int]:
    """Findings per rule code, in code order."""
    counts = Counter(item.finding.code for item in report.findings)
    return dict(sorted(counts.items()))


def top_level_directory(path: str, roots: Sequence[str] = (".",)) -> str:
    """The first directory of a file's path below the audited directory that holds it
    (``audit examples/app`` counts ``pipelines``, not ``examples``); files directly in an
    audited directory are in TOP_LEVEL."""
    below = path
    for root in sorted(roots, key=len, reverse=True):
        if root in ("", "."):
            break
        if path.startswith(root.rstrip("/") + "/"):
            below = path[len(root.rstrip("/")) + 1:]
            break
    parts = [part for part in below.split("/") if part not in ("", ".")]
    return parts[0] if len(parts) > 1 else TOP_LEVEL


def by_directory(report: AuditReport) -> Dict[str, int]:
    counts = Counter(top_level_directory(item.finding.path, report.roots) for item in report.findings)
    return dict(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])))


def by_kind(report: AuditReport) -> Dict[str, int]:
    counts = Counter(item.finding.kind for item in report.findings)
    return dict(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])))


def by_file(report: AuditReport) -> List[Tuple[str, int]]:
    """Files with findings, most findings first."""
    counts = Counter(item.finding.path for item in report.findings)
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def files_with_findings(report: AuditReport) -> int:
    return len({item.finding.path for item in report.findings})


def summary(report: AuditReport) -> Dict[str, object]:
    """The numbers every format reports (the JSON ``summary`` object)."""
    baseline = None
    if report.baseline is not None:
        baseline = {"path": report.baseline.path, "known": report.baseline.known, "gone": report.baseline.gone,
                    "known_errors": report.baseline.known_errors}
    return {
        "findings": len(report.findings),
        "errors": len(report.errors),
        "files_checked": report.files_checked,
        "files_with_findings": files_with_findings(report),
        "by_rule": by_rule(report),
        "by_directory": by_directory(report),
        "by_kind": by_kind(report),
        "files_by_kind": dict(sorted(report.files_by_kind.items())),
        "baseline": baseline,
    }


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(report: AuditReport) -> str:
    """One line: how many findings, in how many files, errors, and the baseline's news."""
    findings = len(report.findings)
    parts = [f"{plural(findings, 'finding')} in {plural(files_with_findings(report), 'file')} "
             f"({plural(report.files_checked, 'file')} checked)"]
    safe, unsafe = fixable(report)
    if safe:
        more = f", {unsafe} more with --unsafe-fixes" if unsafe else ""
        parts.append(f"{safe} fixable with azureml-migrate fix{more}")
    elif unsafe:
        parts.append(f"{unsafe} fixable with azureml-migrate fix --unsafe-fixes")
    if report.errors:
        parts.append(f"{plural(len(report.errors), 'file error')}")
    if report.baseline is not None:
        known_errors = report.baseline.known_errors
        errors = f" (and {plural(known_errors, 'file error')})" if known_errors else ""
        parts.append(f"{report.baseline.known} known in baseline {report.baseline.path}{errors}")
        if report.baseline.gone:
            gone = report.baseline.gone
            parts.append(f"{gone} baseline finding{' is' if gone == 1 else 's are'} gone "
                         "(run --write-baseline to drop them)")
    return "; ".join(parts)


def exclude_hint(path: str) -> str:
    """What a file-error line ends with: the option that stops checking that file."""
    import shlex

    if path == "-":  # standard input without --stdin-filename: nothing to exclude
        return ""
    return f" (to skip it: --extend-exclude {shlex.quote(path)})"


def fixable(report: AuditReport, code: str = "") -> Tuple[int, int]:
    """(findings ``fix`` writes, findings it writes with --unsafe-fixes), of one rule or all."""
    counts = Counter(item.finding.fix.applicability for item in report.findings
                     if item.finding.fix is not None and (not code or item.finding.code == code))
    return counts["safe"], counts["unsafe"]


def location(finding: AuditFinding) -> str:
    """``path:line:col`` or, in a notebook, ``path:cell N:line:col``."""
    if finding.cell is not None:
        return f"{finding.path}:cell {finding.cell}:{finding.line}:{finding.column}"
    return f"{finding.path}:{finding.line}:{finding.column}"


def _fixable_note(safe: int, unsafe: int) -> str:
    return f" [{safe} fixable, {unsafe} with --unsafe-fixes]" if safe or unsafe else ""


def _summary_of(code: str) -> str:
    rule = rule_of_code(code)
    return rule.summary if rule is not None else ""


def statistics(report: AuditReport) -> str:
    """flake8's ``--statistics``: one line per rule, count first, then the total."""
    lines = [f"{count:<5} {code} {symbol(code)}: {_summary_of(code)}{_fixable_note(*fixable(report, code))}"
             for code, count in by_rule(report).items()]
    lines.append(f"{len(report.findings):<5} total{_fixable_note(*fixable(report))}")
    return "\n".join(lines) + "\n"
