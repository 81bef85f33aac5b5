"""The runner: progress only on a terminal and only for long runs, sorted output, failures contained."""

from __future__ import annotations

import os
import select
import subprocess
from pathlib import Path

import pytest

from azureml_migrate.audit import runner
from azureml_migrate.audit.config import Settings
from azureml_migrate.audit.model import AuditFinding, FileReport
from azureml_migrate.rules import Options
from tests.test_audit_support import CLEAN_SCRIPT, LEGACY_SCRIPT, audit_command, write


class Clock:
    """A settable clock, so 'the run is long' needs no sleeping."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def read_all(master: int) -> bytes:
    chunks = []
    while select.select([master], [], [], 0.2)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def open_pty():
    """A real pseudo-terminal (POSIX only)."""
    pty = pytest.importorskip("pty")
    return pty.openpty()


def terminal():
    master, slave = open_pty()
    return master, os.fdopen(slave, "w")


def test_progress_waits_until_the_run_is_long():
    master, stream = terminal()
    clock = Clock()
    progress = runner.Progress(10, stream, clock)
    progress.update(1, 0)
    stream.flush()
    assert read_all(master) == b""
    clock.now = runner.PROGRESS_AFTER + 0.5
    progress.update(2, 3)
    progress.close()
    stream.flush()
    drawn = read_all(master)
    assert b"2/10 files, 3 findings" in drawn
    assert drawn.endswith(b"\r\x1b[K")
    stream.close()
    os.close(master)


def test_progress_starts_at_once_for_many_files():
    master, stream = terminal()
    progress = runner.Progress(runner.PROGRESS_FILES + 1, stream, Clock())
    progress.update(1, 0)
    stream.flush()
    assert b"1/501 files" in read_all(master)
    stream.close()
    os.close(master)


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path):
    target = tmp_path / "stderr.txt"
    with open(target, "w") as stream:
        clock = Clock()
        progress = runner.Progress(10_000, stream, clock)
        clock.now = 100.0
        progress.update(5_000, 1)
        progress.close()
    assert target.read_text() == ""


def test_the_command_draws_a_bar_on_a_terminal_stderr_only(tmp_path):
    for index in range(runner.PROGRESS_FILES + 5):
        write(tmp_path, f"pkg/m{index:04d}.py", CLEAN_SCRIPT if index else LEGACY_SCRIPT)
    master, slave = open_pty()
    process = subprocess.Popen([*audit_command(), "audit", "--exit-zero", "."],
                               cwd=str(tmp_path), stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    stdout, _ = process.communicate(timeout=300)
    drawn = read_all(master)
    os.close(master)
    assert process.returncode == 0
    assert b"files, " in drawn and b"/505 files" in drawn
    assert drawn.endswith(b"\r\x1b[K")
    expected = ("3 findings in 1 file (505 files checked)"
                "; 2 fixable with azureml-migrate fix")
    assert stdout.decode().splitlines()[-1] == expected
    assert b"[#" not in stdout


def test_checker_failure_becomes_an_error_for_that_file(tmp_path):
    def exploding_checker(path: Path, display_path: str, options: Options) -> FileReport:
        raise RuntimeError("boom")

    selection = runner.FileFilter(runner.CodeSelection(), (), tmp_path)
    report = runner._checked(exploding_checker, Options(), selection, (str(tmp_path / "a.py"), "a.py"))
    assert report.findings == []
    assert [(error.path, error.message) for error in report.errors] == [("a.py", "internal error: RuntimeError: boom")]


def test_results_are_sorted_whatever_the_completion_order(tmp_path):
    for name in ("b.py", "a.py", "c/z.py", "c/a.py"):
        write(tmp_path, name, LEGACY_SCRIPT)
    result = runner.run(["."], Settings(), tmp_path, jobs=1)
    keys = [runner.sort_key(finding) for finding in result.findings]
    assert keys == sorted(keys)
    assert [finding.path for finding in result.findings][::3] == ["a.py", "b.py", "c/a.py", "c/z.py"]
    assert result.files_checked == 4 and result.files_by_kind == {"python": 4}


def test_sort_key_puts_cells_in_notebook_order():
    def at(cell, line):
        return AuditFinding("AML101", "n.ipynb", line, 1, line, 2, "m", cell=cell, kind="notebook")

    findings = [at(10, 1), at(2, 5), at(2, 1)]
    assert [(f.cell, f.line) for f in sorted(findings, key=runner.sort_key)] == [(2, 1), (2, 5), (10, 1)]
