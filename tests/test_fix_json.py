"""``azureml-migrate fix --format json``: what was fixed and what remains, per file and finding,
as the real console script prints it; its counts agree with the text summary of the same run."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from tests.test_audit_support import audit_command, write
from tests.test_fix_cli import DROPPED_WHOLE, STILL_USED, run_fix

PROJECT = Path(__file__).resolve().parent.parent / "examples" / "legacy_project"
FINDING_KEYS = {"code", "symbol", "message", "status", "line", "column", "cell", "fix", "reason"}
FILE_KEYS = {"path", "kind", "changed", "written", "error", "errors", "fixed", "remaining"}


def _summary_counts(line: str) -> dict:
    """The text summary's numbers by what they count."""
    counts = {"fixed": 0, "unsafe": 0, "manual": 0, "errors": 0}
    for number, what in re.findall(r"(\d+) (would be fixed|fixed|fixable with --unsafe-fixes|needs? manual work|"
                                   r"file errors?)", line):
        key = {"would be fixed": "fixed", "fixed": "fixed", "fixable with --unsafe-fixes": "unsafe"}.get(what)
        key = key or ("manual" if "manual" in what else "errors")
        counts[key] = int(number)
    return counts


def _copy_project(root: Path) -> Path:
    target = root / "project"
    shutil.copytree(PROJECT, target)
    return target


def test_json_counts_agree_with_the_text_summary_and_the_files_written(tmp_path):
    text_copy = _copy_project(tmp_path / "text")
    json_copy = _copy_project(tmp_path / "json")
    text = run_fix("--unsafe-fixes", cwd=text_copy)
    result = run_fix("--unsafe-fixes", "--format", "json", cwd=json_copy)
    assert result.returncode == text.returncode == 1
    report = json.loads(result.stdout)
    assert report["tool"] == "azureml-migrate-lint" and report["format"] == "fix" and report["version"] == 1
    assert report["unsafe_fixes"] is True and report["diff"] is False
    summary = report["summary"]
    expected = _summary_counts(text.stdout.splitlines()[-1])
    assert expected["fixed"] > 0 and expected["manual"] > 0
    assert summary["fixed"] == expected["fixed"]
    assert summary["manual"] + summary["dropped"] == expected["manual"]
    assert summary["unsafe"] == expected["unsafe"] == 0
    # the same bytes were written by both runs, and JSON says which files changed
    changed = set()
    for path in text_copy.rglob("*"):
        if path.is_file():
            relative = path.relative_to(text_copy)
            assert (json_copy / relative).read_bytes() == path.read_bytes()
            if path.read_bytes() != (PROJECT / relative).read_bytes():
                changed.add(relative.as_posix())
    assert {entry["path"] for entry in report["files"] if entry["changed"]} == changed
    assert summary["files_changed"] == len(changed)
    for entry in report["files"]:
        assert set(entry) == FILE_KEYS
        assert entry["written"] == entry["changed"]
        for finding in entry["fixed"]:
            assert set(finding) == FINDING_KEYS and finding["status"] == "fixed"
            assert finding["fix"]["applicability"] in ("safe", "unsafe") and finding["fix"]["title"]
        for finding in entry["remaining"]:
            assert set(finding) == FINDING_KEYS and finding["status"] in ("manual", "dropped")
            assert finding["reason"] and finding["message"], finding


def test_json_per_finding_statuses_name_reasons_and_applicability(tmp_path):
    (tmp_path / "submit.py").write_bytes((PROJECT / "submit_pytorch.py").read_bytes())
    result = run_fix("--format", "json", "--diff", "submit.py", cwd=tmp_path)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["diff"] is True and report["unsafe_fixes"] is False
    [entry] = report["files"]
    assert entry["path"] == "submit.py" and entry["kind"] == "python"
    assert entry["fixed"] == [] and entry["written"] is False and entry["changed"] is False
    by_code = {}
    for finding in entry["remaining"]:
        by_code.setdefault(finding["code"], []).append(finding)
    estimator = by_code["AML101"][0]
    assert estimator["status"] == "unsafe"
    assert estimator["fix"] == {"title": "replace PyTorch(...) with ScriptRunConfig(...)", "applicability": "unsafe"}
    assert "Nccl" in estimator["reason"] and estimator["symbol"] == "azureml-estimator"
    data = by_code["AML203"][0]
    assert data["status"] == "manual" and data["fix"] is None
    assert data["reason"] == "create the FileDataset yourself"
    assert data["message"].endswith(f"(manual: {data['reason']})")
    assert report["summary"]["unsafe"] == 7 and report["summary"]["manual"] == 4
    # the text run of the same file says the same
    text = run_fix("--diff", "submit.py", cwd=tmp_path)
    assert text.stderr.splitlines()[-1] == "0 would be fixed, 7 fixable with --unsafe-fixes, 4 need manual work"
    assert (tmp_path / "submit.py").read_bytes() == (PROJECT / "submit_pytorch.py").read_bytes()


def test_json_with_diff_reports_what_would_be_fixed_and_writes_nothing(tmp_path):
    target = write(tmp_path, "train.py", DROPPED_WHOLE)
    result = run_fix("--format", "json", "--diff", cwd=tmp_path)
    assert result.returncode == 1 and result.stderr == ""
    report = json.loads(result.stdout)
    [entry] = report["files"]
    assert entry["changed"] is True and entry["written"] is False
    [fixed] = entry["fixed"]
    assert (fixed["code"], fixed["line"], fixed["status"]) == ("AML102", 2, "fixed")
    assert fixed["fix"]["applicability"] == "safe"
    assert target.read_text(encoding="utf-8") == DROPPED_WHOLE


def test_json_reports_file_errors_and_keeps_going(tmp_path):
    write(tmp_path, "broken.py", "from azureml.train.estimator import Estimator\nEstimator(\n")
    write(tmp_path, "left.py", STILL_USED)
    result = run_fix("--format", "json", cwd=tmp_path)
    assert result.returncode == 1 and result.stderr == ""
    report = json.loads(result.stdout)
    files = {entry["path"]: entry for entry in report["files"]}
    assert files["broken.py"]["error"].startswith("syntax error at line 2")
    assert files["broken.py"]["fixed"] == files["broken.py"]["remaining"] == []
    assert [finding["code"] for finding in files["left.py"]["remaining"]] == ["AML102", "AML101"]
    assert report["summary"]["file_errors"] == 1 and report["summary"]["files_checked"] == 2


def test_json_for_standard_input_goes_to_standard_error_beside_the_fixed_text(tmp_path):
    result = subprocess.run([*audit_command(), "fix", "--format", "json", "--stdin-filename", "train.py", "-"],
                            input=DROPPED_WHOLE, cwd=str(tmp_path), capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout == "import os\n\nprint(os.name)\n"
    report = json.loads(result.stderr)
    [entry] = report["files"]
    assert entry["path"] == "train.py" and [finding["status"] for finding in entry["fixed"]] == ["fixed"]
    assert entry["written"] is False and entry["changed"] is True


def test_the_example_in_docs_fix_md_is_the_commands_output(tmp_path):
    write(tmp_path, "train.py", DROPPED_WHOLE)
    write(tmp_path, "requirements.txt", "azureml-sdk==1.0.60\n")
    result = run_fix("--format", "json", cwd=tmp_path)
    docs = (Path(__file__).resolve().parent.parent / "docs" / "fix.md").read_text(encoding="utf-8")
    start = docs.index("```json\n") + len("```json\n")
    assert docs[start:docs.index("```\n", start)] == result.stdout
