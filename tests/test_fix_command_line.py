"""The ``fix`` command line as ruff's: --show-fixes, --statistics, --exit-zero,
--exit-non-zero-on-fix, a quiet -q and an honest summary; run through the real console script."""

from __future__ import annotations

from pathlib import Path

from tests.test_audit_support import write
from tests.test_fix_cli import DROPPED_WHOLE, STILL_USED, run_fix

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "legacy_project" / "submit_pytorch.py"


def test_show_fixes_lists_each_applied_fix(tmp_path):
    write(tmp_path, "train.py", DROPPED_WHOLE)
    result = run_fix("--show-fixes", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Fixed:"
    assert lines[1].startswith("  train.py:2:1: AML102 ") and "Estimator" in lines[1]
    assert lines[-1] == "1 fixed, 0 need manual work"


def test_statistics_count_fixed_unsafe_and_manual_per_rule(tmp_path):
    (tmp_path / "submit.py").write_bytes(EXAMPLE.read_bytes())
    result = run_fix("--statistics", "--diff", "submit.py", cwd=tmp_path)
    table = result.stderr.splitlines()
    header = table.index("fixed unsafe manual  rule")
    rows = {line.split()[3]: [int(count) for count in line.split()[:3]]
            for line in table[header + 1:] if line.split()[3:4] and line.split()[3].startswith("AML")}
    total = next(line for line in table if line.endswith("  total"))
    assert rows["AML101"][1] == 1 and rows["AML203"][2] == 1
    assert [int(count) for count in total.split()[:3]] == [sum(row[i] for row in rows.values()) for i in range(3)]
    assert rows["AML301"] == [0, 4, 0] and rows["AML102"] == [0, 0, 2]
    assert table[-1] == "0 would be fixed, 7 fixable with --unsafe-fixes, 4 need manual work"


def test_the_summary_does_not_mention_unsafe_fixes_under_unsafe_fixes(tmp_path):
    (tmp_path / "submit.py").write_bytes(EXAMPLE.read_bytes())
    result = run_fix("--unsafe-fixes", "--diff", "submit.py", cwd=tmp_path)
    assert result.stderr.splitlines()[-1] == "9 would be fixed, 1 needs manual work"


def test_quiet_prints_nothing_but_errors(tmp_path):
    write(tmp_path, "train.py", STILL_USED)
    result = run_fix("-q", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == "" and result.stderr == ""


def test_exit_zero_and_exit_non_zero_on_fix(tmp_path):
    write(tmp_path, "left.py", STILL_USED)
    assert run_fix("--exit-zero", cwd=tmp_path).returncode == 0
    (tmp_path / "left.py").unlink()
    write(tmp_path, "train.py", DROPPED_WHOLE)
    assert run_fix("--exit-non-zero-on-fix", cwd=tmp_path).returncode == 1
    assert (tmp_path / "train.py").read_text(encoding="utf-8") == "import os\n\nprint(os.name)\n"
    assert run_fix("--exit-non-zero-on-fix", cwd=tmp_path).returncode == 0


def test_the_audit_summary_and_statistics_say_how_many_findings_are_fixable(tmp_path):
    from tests.test_audit_support import run_audit

    (tmp_path / "submit.py").write_bytes(EXAMPLE.read_bytes())
    result = run_audit("--format", "concise", "--statistics", "submit.py", cwd=tmp_path)
    lines = result.stdout.splitlines()
    summary = next(line for line in lines if "files checked" in line or "file checked" in line)
    assert "7 fixable with azureml-migrate fix --unsafe-fixes" in summary
    assert any(line.startswith("11    total [0 fixable, 7 with --unsafe-fixes]") for line in lines), lines


def test_jobs_below_one_is_a_usage_error(tmp_path):
    from tests.test_audit_support import run_audit

    write(tmp_path, "train.py", DROPPED_WHOLE)
    result = run_audit("--jobs", "0", cwd=tmp_path)
    assert result.returncode == 2 and "--jobs must be 1 or more" in result.stderr


def _fix_stdin(text: str, *args: str, cwd: Path):
    import subprocess

    from tests.test_audit_support import audit_command

    return subprocess.run([*audit_command(), "fix", *args, "-"], input=text, cwd=str(cwd), capture_output=True,
                          text=True, check=False)


def test_fix_reads_standard_input_and_writes_the_fixed_text_to_standard_output(tmp_path):
    result = _fix_stdin(DROPPED_WHOLE, "--stdin-filename", "train.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "import os\n\nprint(os.name)\n"
    assert result.stderr.splitlines()[-1] == "1 fixed, 0 need manual work"
    assert list(tmp_path.iterdir()) == []


def test_fix_from_standard_input_reports_what_is_left_on_standard_error(tmp_path):
    source = EXAMPLE.read_text(encoding="utf-8")
    result = _fix_stdin(source, "--stdin-filename", "jobs/submit.py", "--unsafe-fixes", cwd=tmp_path)
    assert result.returncode == 1
    assert "est = ScriptRunConfig(" in result.stdout or "estimator = ScriptRunConfig(" in result.stdout
    assert "jobs/submit.py:" in result.stderr and "AML203" in result.stderr
    assert result.stderr.splitlines()[-1] == "9 fixed, 1 needs manual work"


def test_fix_from_standard_input_honours_per_file_ignores_by_the_given_name(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.azureml-migrate]\nper-file-ignores = {"legacy/*" = ["AML102"]}\n',
                                             encoding="utf-8")
    kept = _fix_stdin(DROPPED_WHOLE, "--stdin-filename", "legacy/train.py", cwd=tmp_path)
    assert kept.returncode == 0 and kept.stdout == DROPPED_WHOLE
    fixed = _fix_stdin(DROPPED_WHOLE, "--stdin-filename", "new/train.py", cwd=tmp_path)
    assert fixed.stdout == "import os\n\nprint(os.name)\n"
