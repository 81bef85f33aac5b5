"""The mixed fixture repository produces exactly the findings its EXPECTED.md documents.

Other tests (report formats) rely on that table; this keeps the table honest.
"""

from __future__ import annotations

import os
from pathlib import Path

from azureml_migrate.audit.checkers import check_file
from azureml_migrate.audit.discovery import discover
from azureml_migrate.rules import Options

MIXED_REPO = Path(__file__).parent / "audit_fixtures" / "mixed_repo"


def documented_findings():
    rows = []
    for line in (MIXED_REPO / "EXPECTED.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[4].startswith("AML"):
            path, cell, number, col, code = cells
            rows.append((path, int(cell) if cell else None, int(number), int(col), code))
    return sorted(rows, key=lambda row: (row[0], row[1] or 0, row[2], row[3], row[4]))


def audited_findings():
    found, errors = [], []
    for path in discover([MIXED_REPO], root=MIXED_REPO):
        shown = Path(os.path.relpath(path, MIXED_REPO)).as_posix()
        report = check_file(path, shown, Options())
        found.extend((f.path, f.cell, f.line, f.column, f.code) for f in report.findings)
        errors.extend(report.errors)
    return sorted(found, key=lambda row: (row[0], row[1] or 0, row[2], row[3], row[4])), errors


def test_expected_md_lists_every_finding_of_the_mixed_repo():
    found, errors = audited_findings()
    assert errors == []
    assert found == documented_findings()


def test_mixed_repo_has_every_file_kind_with_a_finding():
    from azureml_migrate.audit.kinds import KINDS, kind_of

    kinds_with_findings = {kind_of(MIXED_REPO / path) for path, *_ in documented_findings()}
    assert kinds_with_findings == set(KINDS)
