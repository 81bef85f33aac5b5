"""The command line behaves like the tools users know: help, quiet pipes, suggestions, empty runs."""

from __future__ import annotations

import subprocess

import pytest

from tests.test_audit_support import LEGACY_SCRIPT, audit_command, run_audit, write


def run(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([*audit_command(), *args], cwd=str(cwd), capture_output=True, text=True, check=False)


def test_bare_command_prints_help_and_exits_0(tmp_path):
    result = run(cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("usage: azureml-migrate") and "audit" in result.stdout


@pytest.mark.parametrize("args", [("rules",), ("explain", "AML101"), ("rules", "--format", "json"), ("audit",)])
def test_a_closed_pipe_ends_quietly(tmp_path, args):
    write(tmp_path, "submit.py", LEGACY_SCRIPT)
    process = subprocess.Popen([*audit_command(), *args], cwd=str(tmp_path), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    process.stdout.close()  # the reader is gone before the command writes (as `| head -0`)
    stderr = process.stderr.read()
    status = process.wait()
    process.stderr.close()
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
    assert stderr == ""
    assert status in (0, 1)  # audit keeps its findings status


@pytest.mark.parametrize("args, suggestion", [
    (("audit", "--formt", "json"), "did you mean '--format'"),
    (("audit", "--exlude=x"), "did you mean '--exclude'"),
    (("audti",), "did you mean 'audit'"),
    (("rules", "--fromat", "json"), "did you mean '--format'"),
])
def test_option_typos_get_a_suggestion(tmp_path, args, suggestion):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert suggestion in result.stderr, result.stderr


def test_nothing_close_gets_no_suggestion(tmp_path):
    result = run("audit", "--zzzzzz", cwd=tmp_path)
    assert result.returncode == 2 and "did you mean" not in result.stderr


class TestEmptyRuns:
    @pytest.fixture
    def tree(self, tmp_path):
        (tmp_path / ".git").mkdir()
        (tmp_path / "empty").mkdir()
        write(tmp_path, "pyproject.toml", '[tool.azureml-migrate]\nexclude = ["vendored"]\n')
        write(tmp_path, "src/clean.py", "x = 1\n")
        write(tmp_path, "vendored/copy.py", LEGACY_SCRIPT)
        write(tmp_path, "notes.txt", "hello\n")
        return tmp_path

    def test_an_empty_directory_warns_and_fails(self, tree):
        result = run_audit("empty", cwd=tree)
        assert result.stderr == "azureml-migrate: warning: no files to check under empty\n"
        assert result.returncode == 1
        assert run_audit("--exit-zero", "empty", cwd=tree).returncode == 0

    def test_an_excluded_directory_warns_and_fails(self, tree):
        result = run_audit("vendored", cwd=tree)
        assert "warning: no files to check under vendored" in result.stderr
        assert result.returncode == 1

    def test_named_files_that_are_excluded_warn_but_do_not_fail(self, tree):
        """As under pre-commit: staged files of other kinds pass silently, excluded ones warn."""
        result = run_audit("vendored/copy.py", "notes.txt", "src/clean.py", cwd=tree)
        assert result.returncode == 0, result.stdout
        assert result.stderr.splitlines() == [
            "azureml-migrate: warning: vendored/copy.py is not checked: excluded by the exclude setting",
        ]
        assert "(1 file checked)" in result.stdout

    def test_a_run_of_only_other_kinds_of_files_says_so_once(self, tree):
        for number in range(7):
            write(tree, f"doc{number}.txt", "text\n")
        result = run_audit(*(f"doc{number}.txt" for number in range(7)), cwd=tree)
        assert result.stderr == ("azureml-migrate: warning: no files to check under doc0.txt, doc1.txt, doc2.txt, "
                                 "doc3.txt, doc4.txt and 2 more (not kinds of file the audit reads)\n")
        assert result.returncode == 0

    def test_a_normal_run_prints_no_warning(self, tree):
        result = run_audit(cwd=tree)
        assert result.stderr == "" and result.returncode == 0
