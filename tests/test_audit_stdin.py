"""``azureml-migrate audit -`` with ``--stdin-filename``: standard input checked as the named
file would be (its kind, configuration, excludes and per-file ignores), through the real
console script; broken input is a clear file error, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Union

import pytest

from tests.test_audit_support import LEGACY_SCRIPT, audit_command, run_audit, write

PROJECT = Path(__file__).resolve().parent.parent / "examples" / "legacy_project"
PROJECT_FILES = sorted(path.relative_to(PROJECT).as_posix() for path in PROJECT.rglob("*") if path.is_file())


def audit_stdin(data: Union[str, bytes], *args: str, cwd: Path) -> subprocess.CompletedProcess:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    result = subprocess.run([*audit_command(), "audit", *args, "-"], input=payload, cwd=str(cwd),
                            capture_output=True, check=False)
    result.stdout = result.stdout.decode("utf-8")
    result.stderr = result.stderr.decode("utf-8")
    return result


@pytest.mark.parametrize("name", PROJECT_FILES)
def test_standard_input_reports_exactly_what_the_file_on_disk_reports(tmp_path, name):
    """Every kind of file of the bundled project (Python, notebook, Markdown, requirements,
    conda environment): the JSON report of ``audit - --stdin-filename NAME`` is the report of
    ``audit NAME``, fingerprints included."""
    project = tmp_path / "project"
    shutil.copytree(PROJECT, project)
    on_disk = run_audit("--format", "json", "--isolated", name, cwd=project)
    piped = audit_stdin((project / name).read_bytes(), "--format", "json", "--isolated", "--stdin-filename", name,
                        cwd=project)
    assert piped.returncode == on_disk.returncode, piped.stderr
    assert json.loads(piped.stdout) == json.loads(on_disk.stdout)
    assert piped.stderr == on_disk.stderr == ""


def test_the_kind_comes_from_the_name(tmp_path):
    pin = "azureml-sdk==1.0.60\n"
    as_requirements = audit_stdin(pin, "--stdin-filename", "requirements.txt", cwd=tmp_path)
    assert as_requirements.returncode == 1
    assert as_requirements.stdout.startswith("requirements.txt:1:1: AML401 ")
    as_python = audit_stdin(pin, "--stdin-filename", "pins.py", cwd=tmp_path)
    assert as_python.returncode == 0 and as_python.stdout == "0 findings in 0 files (1 file checked)\n"
    as_markdown = audit_stdin(f"```python\n{LEGACY_SCRIPT}```\n", "--stdin-filename", "docs/how.md", cwd=tmp_path)
    assert as_markdown.stdout.startswith("docs/how.md:")
    assert "AML101" in as_markdown.stdout


def test_without_a_name_it_is_python_reported_as_dash(tmp_path):
    result = audit_stdin(LEGACY_SCRIPT, "--format", "concise", cwd=tmp_path)
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:-1]] == ["-"] * 3
    assert list(tmp_path.iterdir()) == []


def test_configuration_excludes_and_per_file_ignores_are_the_named_paths(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.azureml-migrate]\nextend-exclude = ["vendored"]\n'
                                      'per-file-ignores = {"legacy/*" = ["AML102"]}\n')
    excluded = audit_stdin(LEGACY_SCRIPT, "--stdin-filename", "vendored/old.py", cwd=tmp_path)
    assert excluded.returncode == 0 and excluded.stdout.startswith("0 findings")
    assert "vendored/old.py is not checked: excluded by the exclude setting" in excluded.stderr
    legacy = audit_stdin(LEGACY_SCRIPT, "--format", "concise", "--stdin-filename", "legacy/old.py", cwd=tmp_path)
    other = audit_stdin(LEGACY_SCRIPT, "--format", "concise", "--stdin-filename", "jobs/old.py", cwd=tmp_path)
    assert "AML102" in other.stdout and "AML102" not in legacy.stdout and "AML101" in legacy.stdout
    # the configuration of the name's directory is found, as for a file there
    write(tmp_path, "sub/pyproject.toml", '[tool.azureml-migrate]\nignore = ["AML1"]\n')
    below = audit_stdin(LEGACY_SCRIPT, "--format", "concise", "--stdin-filename", "sub/old.py", cwd=tmp_path)
    assert any(code.startswith("AML1") for code in _codes(other.stdout))
    assert _codes(below.stdout) and not any(code.startswith("AML1") for code in _codes(below.stdout))


def _codes(concise: str):
    return [line.split(": ", 1)[1].split()[0] for line in concise.splitlines() if ": AML" in line]


BROKEN = [
    ("train.py", b"x = '\xff'\nfrom azureml.train.estimator import Estimator\n",
     "train.py: error: cannot decode as UTF-8: byte 0xff at line 1 is not valid UTF-8"),
    ("nb.ipynb", b'{"cells": [{"cell_type": "code", "source": "import azureml\xe9"}]}',
     "nb.ipynb: error: cannot decode as UTF-8: byte 0xe9 at line 1 is not valid UTF-8"),
    ("nb.ipynb", b'{"cells": [{"cell_type": "code", "source": "from azureml.core import Run',
     "nb.ipynb: error: not valid notebook JSON: "),
    ("requirements.txt", b"azureml-sdk==1.0.60\n\xfe\n",
     "requirements.txt: error: cannot decode as UTF-8: byte 0xfe at line 2 is not valid UTF-8"),
]


@pytest.mark.parametrize("name,data,message", BROKEN,
                         ids=["python-utf8", "notebook-utf8", "notebook-json", "requirements-utf8"])
def test_broken_input_is_a_clear_file_error(tmp_path, name, data, message):
    result = audit_stdin(data, "--format", "concise", "--stdin-filename", name, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(message), result.stdout
    assert result.stdout.splitlines()[-1].endswith("1 file error")
    assert "Traceback" not in result.stdout + result.stderr


def test_input_over_the_size_bound_is_an_error_not_a_full_memory(tmp_path):
    from azureml_migrate.audit.files import MAX_FILE_BYTES

    result = audit_stdin(b"#" * (MAX_FILE_BYTES + 1), "--format", "concise", "--stdin-filename", "big.py",
                         cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("big.py: error: standard input too large: over 128 MiB")
    assert "Traceback" not in result.stderr


def test_standard_input_goes_alone_and_stdin_filename_needs_it(tmp_path):
    write(tmp_path, "a.py", LEGACY_SCRIPT)
    mixed = audit_stdin(LEGACY_SCRIPT, "a.py", cwd=tmp_path)
    assert mixed.returncode == 2 and "cannot be audited together with other paths" in mixed.stderr
    named = run_audit("--stdin-filename", "a.py", "a.py", cwd=tmp_path)
    assert named.returncode == 2 and "--stdin-filename names standard input" in named.stderr
