"""Baselines of real repositories: files that cannot be checked are recorded by path and
reason, so ``--write-baseline`` exits 0 and the gate passes until a new unreadable file (or a
changed reason) appears; then it fails naming that file. Run through the real console script.

The broken files imitate the four that Azure/MachineLearningNotebooks (snapshot 9c32ca9,
June 2020) cannot have checked: a Windows-1252 README
(``how-to-use-azureml/automated-machine-learning/sql-server/README.md``), a Databricks ``%sh``
cell and an ``<alias_conf.cfg>`` placeholder (``how-to-use-azureml/azure-databricks/``
notebooks), and a code cell with a syntax error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_audit_support import LEGACY_SCRIPT, run_audit, write

BASELINE = "azureml-baseline.json"


def notebook(*cells: str) -> str:
    return json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                                  "source": source.splitlines(keepends=True)} for source in cells],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 2}, indent=1) + "\n"


SH_CELL = notebook("%sh\n\nls -la /dbfs/AdultCensus_runHistory.mml/*",
                   "from azureml.core import Workspace\nws = Workspace.from_config()\n")
PLACEHOLDER_CELL = notebook(
    "from azureml.core import Workspace\n\nws = Workspace(workspace_name = workspace_name,\n"
    "               subscription_id = subscription_id,\n               resource_group = resource_group)\n"
    "ws.write_config()\nwrite_config(path=\"/databricks/driver/aml_config/\",file_name=<alias_conf.cfg>)")
BROKEN_CELL = notebook("from azureml.core import Workspace\nif True\n    ws = Workspace.from_config()\n",
                       LEGACY_SCRIPT)
#: 0x93 and 0x94 are Windows-1252's curly quotes, not UTF-8
CP1252_README = "# SQL Server\n\nInstall the \u201cazureml\u201d SDK first.\n".encode("cp1252")

EXPECTED_ERRORS = {
    ("docs/README.md", "cannot decode as UTF-8: byte 0x93 at line 3 is not valid UTF-8"),
    ("databricks/run-history.ipynb", "cell 1: syntax error at line 3: invalid syntax"),
    ("databricks/deployment.ipynb", "cell 1: syntax error at line 7: invalid syntax"),
    ("notebooks/train.ipynb", "cell 1: syntax error at line 2: expected ':'"),
}


@pytest.fixture()
def repository(tmp_path: Path) -> Path:
    write(tmp_path, "jobs/submit.py", LEGACY_SCRIPT)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "README.md").write_bytes(CP1252_README)
    write(tmp_path, "databricks/run-history.ipynb", SH_CELL)
    write(tmp_path, "databricks/deployment.ipynb", PLACEHOLDER_CELL)
    write(tmp_path, "notebooks/train.ipynb", BROKEN_CELL)
    return tmp_path


def recorded(root: Path):
    document = json.loads((root / BASELINE).read_text(encoding="utf-8"))
    return {(entry["path"], entry["reason"]) for entry in document["errors"]}


def test_each_kind_of_unreadable_file_is_a_file_error_without_a_baseline(repository):
    result = run_audit("--format", "json", ".", cwd=repository)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert {(error["path"], error["message"]) for error in report["errors"]} == EXPECTED_ERRORS
    # the notebook with one broken cell still has its other cell's findings
    assert any(finding["path"] == "notebooks/train.ipynb" and finding["cell"] == 2 for finding in report["findings"])


def test_write_baseline_records_unreadable_files_and_exits_0(repository):
    result = run_audit("--write-baseline", BASELINE, ".", cwd=repository)
    assert result.returncode == 0, result.stderr
    assert recorded(repository) == EXPECTED_ERRORS
    assert result.stdout.startswith("wrote ") and "and 4 file errors to baseline" in result.stdout
    for path, reason in EXPECTED_ERRORS:
        assert f"{path}: error (recorded in the baseline): {reason}" in result.stderr
    gate = run_audit("--format", "concise", "--baseline", BASELINE, ".", cwd=repository)
    assert gate.returncode == 0, gate.stdout
    assert gate.stdout.splitlines()[-1].endswith(f"known in baseline {BASELINE} (and 4 file errors)")
    assert "error" not in gate.stdout.replace("4 file errors", "")


def test_a_new_unreadable_file_fails_the_gate_naming_only_it(repository):
    assert run_audit("--write-baseline", BASELINE, ".", cwd=repository).returncode == 0
    (repository / "docs" / "OTHER.md").write_bytes(CP1252_README)
    gate = run_audit("--format", "concise", "--baseline", BASELINE, ".", cwd=repository)
    assert gate.returncode == 1
    errors = [line for line in gate.stdout.splitlines() if ": error: " in line]
    assert errors == ["docs/OTHER.md: error: cannot decode as UTF-8: byte 0x93 at line 3 is not valid UTF-8 "
                      "(to skip it: --extend-exclude docs/OTHER.md)"]
    as_json = json.loads(run_audit("--format", "json", "--baseline", BASELINE, ".", cwd=repository).stdout)
    assert [error["path"] for error in as_json["errors"]] == ["docs/OTHER.md"]
    assert as_json["summary"]["baseline"]["known_errors"] == 4


def test_a_changed_reason_fails_the_gate_naming_the_file(repository):
    assert run_audit("--write-baseline", BASELINE, ".", cwd=repository).returncode == 0
    write(repository, "notebooks/train.ipynb", notebook("from azureml.core import Workspace\nws = (\n", LEGACY_SCRIPT))
    gate = run_audit("--format", "concise", "--baseline", BASELINE, ".", cwd=repository)
    assert gate.returncode == 1
    errors = [line for line in gate.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith("notebooks/train.ipynb: error: cell 1: ")
    assert "expected ':'" not in errors[0]


def test_fixing_a_recorded_file_keeps_the_gate_green(repository):
    assert run_audit("--write-baseline", BASELINE, ".", cwd=repository).returncode == 0
    (repository / "docs" / "README.md").write_text("# SQL Server\n", encoding="utf-8")
    gate = run_audit("--format", "concise", "--baseline", BASELINE, ".", cwd=repository)
    assert gate.returncode == 0
    assert gate.stdout.splitlines()[-1].endswith("(and 3 file errors)")


def test_a_baseline_from_another_directory_matches_errors_by_the_path_relative_to_it(repository):
    assert run_audit("--write-baseline", BASELINE, ".", cwd=repository).returncode == 0
    gate = run_audit("--format", "concise", "--baseline", f"../{BASELINE}", ".", cwd=repository / "databricks")
    assert gate.returncode == 0, gate.stdout
    assert gate.stdout.splitlines()[-1].endswith("(and 2 file errors)")


def test_a_baseline_written_before_errors_were_recorded_still_reads(repository):
    assert run_audit("--write-baseline", BASELINE, ".", cwd=repository).returncode == 0
    document = json.loads((repository / BASELINE).read_text(encoding="utf-8"))
    del document["errors"]
    (repository / BASELINE).write_text(json.dumps(document), encoding="utf-8")
    gate = run_audit("--format", "concise", "--baseline", BASELINE, ".", cwd=repository)
    assert gate.returncode == 1
    assert len([line for line in gate.stdout.splitlines() if ": error: " in line]) == 4


def test_a_malformed_error_entry_is_a_configuration_error(repository):
    assert run_audit("--write-baseline", BASELINE, ".", cwd=repository).returncode == 0
    document = json.loads((repository / BASELINE).read_text(encoding="utf-8"))
    document["errors"] = [{"path": "docs/README.md"}]
    (repository / BASELINE).write_text(json.dumps(document), encoding="utf-8")
    gate = run_audit("--baseline", BASELINE, ".", cwd=repository)
    assert gate.returncode == 2 and "every error needs a path and a reason" in gate.stderr
