"""``azureml-migrate fix`` run for real (the installed console script) on temporary files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_audit_support import audit_command, write

DROPPED_WHOLE = """\
import os
from azureml.train.estimator import Estimator

print(os.name)
"""
ONE_OF_SEVERAL = """\
from azureml.train.estimator import Estimator, Mpi as M
from azureml.core import ScriptRunConfig

ScriptRunConfig(source_directory='.', script='t.py', distributed_job_config=M())
"""
STILL_USED = """\
from azureml.train.estimator import Estimator

est = Estimator(source_directory='.', entry_script='t.py')
"""


def run_fix(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*audit_command(), "fix", *args], cwd=str(cwd), capture_output=True, text=True,
                          check=False)


def snapshot(root: Path):
    return sorted((str(path.relative_to(root)), path.read_bytes(), path.stat().st_mtime_ns)
                  for path in root.rglob("*") if path.is_file())


def test_an_unused_deprecated_import_line_is_deleted_and_a_second_run_changes_nothing(tmp_path):
    target = write(tmp_path, "train.py", DROPPED_WHOLE)
    result = run_fix(cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert target.read_text(encoding="utf-8") == "import os\n\nprint(os.name)\n"
    assert "1 fixed, 0 need manual work" in result.stdout
    before = snapshot(tmp_path)
    again = run_fix(cwd=tmp_path)
    assert again.returncode == 0
    assert "0 fixed" in again.stdout
    assert snapshot(tmp_path) == before


def test_one_name_of_several_is_dropped_and_the_alias_kept(tmp_path):
    target = write(tmp_path, "train.py", ONE_OF_SEVERAL)
    result = run_fix("train.py", cwd=tmp_path)
    fixed = target.read_text(encoding="utf-8")
    assert fixed.splitlines()[0] == "from azureml.train.estimator import Mpi as M"
    assert fixed.splitlines()[1:] == ONE_OF_SEVERAL.splitlines()[1:]
    # 'Mpi' is still used: it stays, reported as manual work, and the run fails
    assert result.returncode == 1
    assert "train.py:1:1: AML102 'Mpi' from azureml.train.estimator is deprecated" in result.stdout
    assert "1 fixed" in result.stdout and "need manual work" in result.stdout


def test_an_unused_alias_is_dropped(tmp_path):
    target = write(tmp_path, "train.py", "from azureml.train.estimator import Mpi as M, Estimator as E\nE\n")
    run_fix(cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == "from azureml.train.estimator import Estimator as E\nE\n"


def test_a_name_still_used_is_left_and_reported(tmp_path):
    target = write(tmp_path, "train.py", STILL_USED)
    result = run_fix(cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == STILL_USED
    assert result.returncode == 1
    assert "train.py:1:1: AML102" in result.stdout and "train.py:3:7: AML101" in result.stdout
    assert "0 fixed" in result.stdout and "2 need manual work" in result.stdout


def test_diff_prints_the_change_writes_nothing_and_exits_1(tmp_path):
    target = write(tmp_path, "train.py", DROPPED_WHOLE)
    before = snapshot(tmp_path)
    result = run_fix("--diff", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ("--- a/train.py\n+++ b/train.py\n@@ -1,4 +1,3 @@\n import os\n"
                             "-from azureml.train.estimator import Estimator\n \n print(os.name)\n")
    assert "1 would be fixed" in result.stderr
    assert snapshot(tmp_path) == before
    assert target.read_text(encoding="utf-8") == DROPPED_WHOLE


def test_diff_without_changes_exits_0(tmp_path):
    write(tmp_path, "clean.py", "from azureml.core import ScriptRunConfig\n")
    result = run_fix("--diff", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")


def test_crlf_stays_crlf(tmp_path):
    target = tmp_path / "train.py"
    target.write_bytes(DROPPED_WHOLE.replace("\n", "\r\n").encode())
    run_fix(cwd=tmp_path)
    assert target.read_bytes() == b"import os\r\n\r\nprint(os.name)\r\n"


def test_byte_order_mark_is_kept(tmp_path):
    target = tmp_path / "train.py"
    target.write_bytes(b"\xef\xbb\xbf" + DROPPED_WHOLE.encode())
    run_fix(cwd=tmp_path)
    assert target.read_bytes() == b"\xef\xbb\xbfimport os\n\nprint(os.name)\n"


def test_a_latin1_coding_cookie_file_round_trips(tmp_path):
    target = tmp_path / "train.py"
    source = "# -*- coding: latin-1 -*-\nfrom azureml.train.estimator import Estimator\nname = 'café'\n"
    target.write_bytes(source.encode("latin-1"))
    result = run_fix(cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == "# -*- coding: latin-1 -*-\nname = 'café'\n".encode("latin-1")


def test_an_unparsable_file_is_reported_untouched_and_the_others_are_fixed(tmp_path):
    broken = write(tmp_path, "broken.py", "from azureml.train.estimator import Estimator\ndef (:\n")
    good = write(tmp_path, "good.py", DROPPED_WHOLE)
    before = broken.stat().st_mtime_ns
    result = run_fix(cwd=tmp_path)
    assert result.returncode == 1
    assert "broken.py: error: syntax error at line 2" in result.stderr
    assert broken.read_text(encoding="utf-8") == "from azureml.train.estimator import Estimator\ndef (:\n"
    assert broken.stat().st_mtime_ns == before
    assert good.read_text(encoding="utf-8") == "import os\n\nprint(os.name)\n"


def _notebook(cells, indent=1) -> str:
    document = {"cells": cells, "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
                "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(document, indent=indent, ensure_ascii=False) + "\n"


def _code(source, outputs=()):
    return {"cell_type": "code", "execution_count": 3, "id": "c1", "metadata": {"tags": ["é"]},
            "outputs": list(outputs), "source": source}


def test_a_notebook_cell_is_fixed_and_everything_else_kept(tmp_path):
    output = {"name": "stdout", "output_type": "stream", "text": ["done\n"]}
    cells = [{"cell_type": "markdown", "id": "m", "metadata": {}, "source": ["# Estimator\n"]},
             _code(["import os\n", "from azureml.train.estimator import Estimator\n", "print(os.name)"], [output]),
             _code("%pip install azureml-core\nx = 1")]
    original = _notebook(cells)
    target = write(tmp_path, "train.ipynb", original)
    result = run_fix(cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    cells[1]["source"] = ["import os\n", "print(os.name)"]
    assert target.read_text(encoding="utf-8") == _notebook(cells)


def test_a_notebook_written_with_two_space_indent_keeps_it(tmp_path):
    cells = [_code("from azureml.train.estimator import Estimator\nx = 1\n")]
    target = write(tmp_path, "train.ipynb", _notebook(cells, indent=2).rstrip("\n"))
    run_fix(cwd=tmp_path)
    cells[0]["source"] = "x = 1\n"
    assert target.read_text(encoding="utf-8") == _notebook(cells, indent=2).rstrip("\n")


def test_broken_notebook_json_is_an_error_and_loses_nothing(tmp_path):
    broken = write(tmp_path, "broken.ipynb", '{"cells": [{"source": "from azureml.train.estimator import E')
    good = write(tmp_path, "good.py", DROPPED_WHOLE)
    result = run_fix(cwd=tmp_path)
    assert result.returncode == 1
    assert "broken.ipynb: error: not valid notebook JSON" in result.stderr
    assert broken.read_text(encoding="utf-8") == '{"cells": [{"source": "from azureml.train.estimator import E'
    assert good.read_text(encoding="utf-8") == "import os\n\nprint(os.name)\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_as_input_is_a_clear_error(tmp_path):
    os.mkfifo(tmp_path / "pipe.py")
    result = run_fix("pipe.py", cwd=tmp_path)
    assert result.returncode == 1
    assert "pipe.py: error: not a regular file: a FIFO (named pipe)" in result.stderr


def test_a_missing_path_is_a_usage_error(tmp_path):
    result = run_fix("nowhere.py", cwd=tmp_path)
    assert result.returncode == 2
    assert "no such file or directory: nowhere.py" in result.stderr


def test_a_bad_configuration_is_a_usage_error(tmp_path):
    write(tmp_path, "pyproject.toml", "[tool.azureml-migrate]\nselect = 12\n")
    write(tmp_path, "train.py", DROPPED_WHOLE)
    result = run_fix(cwd=tmp_path)
    assert result.returncode == 2
    assert (tmp_path / "train.py").read_text(encoding="utf-8") == DROPPED_WHOLE


def test_an_unknown_option_is_a_usage_error(tmp_path):
    result = run_fix("--unsave-fixes", cwd=tmp_path)
    assert result.returncode == 2
    assert "did you mean '--unsafe-fixes'" in result.stderr


def test_select_leaves_other_rules_fixes_unapplied(tmp_path):
    target = write(tmp_path, "train.py", DROPPED_WHOLE)
    result = run_fix("--select", "AML101", cwd=tmp_path)
    assert result.returncode == 0
    assert target.read_text(encoding="utf-8") == DROPPED_WHOLE
    assert "0 fixed, 0 need manual work" in result.stdout


def test_configured_ignore_is_honoured(tmp_path):
    write(tmp_path, "pyproject.toml", "[tool.azureml-migrate]\nignore = ['AML102']\n")
    target = write(tmp_path, "train.py", DROPPED_WHOLE)
    assert run_fix(cwd=tmp_path).returncode == 0
    assert target.read_text(encoding="utf-8") == DROPPED_WHOLE


def test_unchanged_files_keep_their_mtime_and_no_temporary_file_is_left(tmp_path):
    untouched = write(tmp_path, "other.py", STILL_USED)
    plain = write(tmp_path, "plain.py", "print('hello')\n")
    write(tmp_path, "train.py", DROPPED_WHOLE)
    stamps = {path: path.stat().st_mtime_ns for path in (untouched, plain)}
    os.chmod(tmp_path / "train.py", 0o640)
    run_fix(cwd=tmp_path)
    assert {path: path.stat().st_mtime_ns for path in stamps} == stamps
    assert sorted(path.name for path in tmp_path.iterdir()) == ["other.py", "plain.py", "train.py"]
    assert (tmp_path / "train.py").stat().st_mode & 0o777 == 0o640


def test_markdown_is_reported_never_rewritten(tmp_path):
    text = "# Guide\n\n```python\nfrom azureml.train.estimator import Estimator\n```\n"
    target = write(tmp_path, "README.md", text)
    result = run_fix(cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == text
    assert result.returncode == 1
    assert "README.md:4:1: AML102 not fixed in Markdown" in result.stdout


def test_the_current_directory_is_not_imported(tmp_path):
    write(tmp_path, "yaml.py", "raise SystemExit('the audited tree was imported')\n")
    write(tmp_path, "environment.yml", "dependencies:\n  - pip:\n    - azureml-core\n")
    result = subprocess.run([sys.executable, "-m", "azureml_migrate.cli", "fix"], cwd=str(tmp_path),
                            capture_output=True, text=True, check=False)
    assert "imported" not in result.stdout + result.stderr
    assert result.returncode == 0
