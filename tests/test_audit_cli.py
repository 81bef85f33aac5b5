"""``azureml-migrate audit`` run for real: exit codes, output, selection, configuration precedence."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from azureml_migrate.catalog import RULES_BY_CODE
from tests.test_audit_support import CLEAN_SCRIPT, LEGACY_SCRIPT, audit_command, run_audit, tree_snapshot, write

BROKEN_SCRIPT = "from azureml.train.estimator import Estimator\nest = Estimator(\n"


def codes(stdout: str):
    return sorted(line.split(": ", 1)[1].split()[0] for line in stdout.splitlines()
                  if ": AML" in line and not line.startswith(" "))


@pytest.fixture
def legacy_tree(tmp_path):
    write(tmp_path, "submit.py", LEGACY_SCRIPT)
    write(tmp_path, "src/train.py", "print('training')\n")
    return tmp_path


def test_clean_tree_exits_0(tmp_path):
    write(tmp_path, "submit.py", CLEAN_SCRIPT)
    result = run_audit(cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("0 findings in 0 files (1 file checked)\n")
    assert result.stderr == ""


def test_findings_exit_1_and_are_printed_flake8_style(legacy_tree):
    result = run_audit(cwd=legacy_tree)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("submit.py:2:1: AML102 'Estimator' from azureml.train.estimator is deprecated")
    assert any(line.startswith("submit.py:5:7: AML101 'Estimator' is deprecated since azureml SDK 1.19.0")
               for line in lines)
    assert any(line.startswith("submit.py:6:47: AML301 'pip_packages' on Estimator") for line in lines)
    assert lines[-1] == "3 findings in 1 file (2 files checked); 2 fixable with azureml-migrate fix"
    assert result.stderr == ""


def test_exit_zero(legacy_tree):
    result = run_audit("--exit-zero", cwd=legacy_tree)
    assert result.returncode == 0
    assert "3 findings" in result.stdout


def test_unreadable_files_are_listed_counted_and_the_run_goes_on(legacy_tree):
    write(legacy_tree, "broken.py", BROKEN_SCRIPT)
    (legacy_tree / "latin1.py").write_bytes(b"# caf\xe9\nimport azureml.core\n")
    result = run_audit(cwd=legacy_tree)
    assert result.returncode == 1
    assert codes(result.stdout) == ["AML101", "AML102", "AML301"]
    error_lines = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert [line.split(":", 1)[0] for line in error_lines] == ["broken.py", "latin1.py"]
    assert error_lines[1].endswith(" (to skip it: --extend-exclude latin1.py)")
    silenced = run_audit("--extend-exclude", "latin1.py", "--extend-exclude", "broken.py", cwd=legacy_tree)
    assert ": error: " not in silenced.stdout and "file error" not in silenced.stdout
    expected = ("3 findings in 1 file (4 files checked)"
                "; 2 fixable with azureml-migrate fix; 2 file errors")
    assert result.stdout.splitlines()[-1] == expected
    assert "Traceback" not in result.stdout + result.stderr


def test_only_an_unreadable_file_still_fails(tmp_path):
    write(tmp_path, "broken.py", BROKEN_SCRIPT)
    assert run_audit(cwd=tmp_path).returncode == 1
    assert run_audit("--exit-zero", cwd=tmp_path).returncode == 0


def test_explicit_files_and_directories(legacy_tree):
    write(legacy_tree, "other/more.py", LEGACY_SCRIPT)
    result = run_audit("submit.py", "other", cwd=legacy_tree)
    expected = ("6 findings in 2 files (2 files checked)"
                "; 4 fixable with azureml-migrate fix")
    assert result.stdout.splitlines()[-1] == expected


def test_output_file_and_nothing_else_is_written(legacy_tree, tmp_path_factory):
    before = tree_snapshot(legacy_tree)
    report_dir = tmp_path_factory.mktemp("out")
    result = run_audit("--format", "json", "--output", str(report_dir / "audit.json"), cwd=legacy_tree)
    assert result.returncode == 1
    assert result.stdout == ""
    assert tree_snapshot(legacy_tree) == before
    document = json.loads((report_dir / "audit.json").read_text(encoding="utf-8"))
    assert document["summary"]["findings"] == 3


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "azure", "markdown", "html"])
def test_every_format_from_the_command_line(legacy_tree, fmt):
    before = tree_snapshot(legacy_tree)
    result = run_audit("--format", fmt, cwd=legacy_tree)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    assert tree_snapshot(legacy_tree) == before
    if fmt in ("json", "sarif"):
        json.loads(result.stdout)


def test_statistics_after_the_report(legacy_tree):
    result = run_audit("--statistics", cwd=legacy_tree)
    lines = result.stdout.splitlines()
    summary_index = next(index for index, line in enumerate(lines) if line.startswith("3 findings in"))
    statistics = lines[summary_index + 1:]
    assert statistics == [
        f"1     AML101 {RULES_BY_CODE['AML101'].symbol}: {RULES_BY_CODE['AML101'].summary}"
        " [1 fixable, 0 with --unsafe-fixes]",
        f"1     AML102 {RULES_BY_CODE['AML102'].symbol}: {RULES_BY_CODE['AML102'].summary}",
        f"1     AML301 {RULES_BY_CODE['AML301'].symbol}: {RULES_BY_CODE['AML301'].summary}"
        " [1 fixable, 0 with --unsafe-fixes]",
        "3     total [2 fixable, 0 with --unsafe-fixes]",
    ]


def test_statistics_keep_a_json_document_parseable(legacy_tree):
    result = run_audit("--format", "json", "--statistics", cwd=legacy_tree)
    assert json.loads(result.stdout)["summary"]["by_rule"] == {"AML101": 1, "AML102": 1, "AML301": 1}
    assert "3     total [2 fixable, 0 with --unsafe-fixes]" in result.stderr


def test_select_ignore_and_default_off_rules(tmp_path):
    write(tmp_path, "pipeline.py",
          "from azureml.core.runconfig import RunConfiguration\n"
          "from azureml.pipeline.steps import PythonScriptStep\n"
          "rc = RunConfiguration()\n"
          "step = PythonScriptStep(script_name='p.py', runconfig=rc)\n"
          "env.python.conda_dependencies.add_pip_package('azureml-core>=1.0')\n")
    assert codes(run_audit(cwd=tmp_path).stdout) == []
    # an explicit selection turns on every rule it covers, default-off ones too (as flake8 and pylint)
    assert codes(run_audit("--select", "AML", cwd=tmp_path).stdout) == ["AML202", "AML402"]
    assert codes(run_audit("--extend-select", "AML202,AML402", cwd=tmp_path).stdout) == ["AML202", "AML402"]
    assert codes(run_audit("--select", "AML402", cwd=tmp_path).stdout) == ["AML402"]
    assert codes(run_audit("--extend-select", "AML202", "--extend-select", "AML402", "--ignore", "AML402",
                           cwd=tmp_path).stdout) == ["AML202"]
    assert codes(run_audit("--extend-select", "AML402", "--ignore", "AML4", cwd=tmp_path).stdout) == ["AML402"]


def test_pyproject_settings_and_flags_that_override_them(legacy_tree):
    write(legacy_tree, "pyproject.toml", '[tool.azureml-migrate]\nignore = ["AML301"]\n'
                                         'min-sdk-version = "1.19.0"\n')
    write(legacy_tree, "pins.py", "cd.add_pip_package('azureml-core==1.16.0')\n")
    assert codes(run_audit(cwd=legacy_tree).stdout) == ["AML101", "AML102", "AML401"]
    assert codes(run_audit("--ignore", "AML102", cwd=legacy_tree).stdout) == ["AML101", "AML301", "AML401"]
    assert codes(run_audit("--min-sdk-version", "1.15.0", cwd=legacy_tree).stdout) == ["AML101", "AML102"]
    assert codes(run_audit("--isolated", cwd=legacy_tree).stdout) == ["AML101", "AML102", "AML301"]


def test_per_file_ignores_from_config_and_flag(legacy_tree):
    write(legacy_tree, "legacy/old.py", LEGACY_SCRIPT)
    write(legacy_tree, "pyproject.toml",
          '[tool.azureml-migrate.per-file-ignores]\n"legacy/*" = ["AML1"]\n"submit.py" = ["AML301"]\n')
    result = run_audit(cwd=legacy_tree)
    assert [line.split(":")[0] + " " + line.split(": ")[1].split()[0] for line in result.stdout.splitlines()[:-1]] == [
        "legacy/old.py AML301", "submit.py AML102", "submit.py AML101"]
    result = run_audit("--per-file-ignores", "legacy/*:AML", cwd=legacy_tree)
    assert codes(result.stdout) == ["AML101", "AML102", "AML301"]


def test_exclude_from_flag_and_config(legacy_tree):
    write(legacy_tree, "vendored/lib.py", LEGACY_SCRIPT)
    assert "vendored/lib.py" in run_audit(cwd=legacy_tree).stdout
    assert "vendored/lib.py" not in run_audit("--exclude", "vendored", cwd=legacy_tree).stdout
    write(legacy_tree, "pyproject.toml", '[tool.azureml-migrate]\nexclude = ["vendored"]\n')
    assert "vendored/lib.py" not in run_audit(cwd=legacy_tree).stdout


def test_parallel_and_serial_runs_print_the_same_report(tmp_path):
    for index in range(48):
        write(tmp_path, f"pkg{index % 5}/module_{index:02d}.py", LEGACY_SCRIPT if index % 3 else CLEAN_SCRIPT)
    serial = run_audit("--jobs", "1", "--format", "json", cwd=tmp_path)
    parallel = run_audit("--jobs", "4", "--format", "json", cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout
    document = json.loads(serial.stdout)
    assert document["summary"]["files_checked"] == 48
    assert document["summary"]["findings"] == 32 * 3
    keys = [(f["path"], f["line"], f["column"], f["code"]) for f in document["findings"]]
    assert keys == sorted(keys)


def test_console_script_and_catalog_commands_still_work(legacy_tree):
    script = Path(sys.executable).parent / "azureml-migrate"
    if not script.exists():
        pytest.skip("console script not installed next to this interpreter")
    result = subprocess.run([str(script), "audit", "--exit-zero", "."], cwd=legacy_tree,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "3 findings" in result.stdout
    rules = subprocess.run([str(script), "rules"], capture_output=True, text=True, check=False)
    assert rules.returncode == 0 and "AML101" in rules.stdout
    explain = subprocess.run([str(script), "explain", "AML101"], capture_output=True, text=True, check=False)
    assert explain.stdout.strip() == RULES_BY_CODE["AML101"].docs().strip()


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    for index in range(150):
        write(tmp_path, f"jobs/submit_{index:03d}.py", LEGACY_SCRIPT)
    process = subprocess.Popen([*audit_command(), "audit", "--format", "json", "."], cwd=str(tmp_path),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.readline() == b"{\n"
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=120)
    assert process.returncode == 1
    assert stderr == ""


ERROR_MARKS = {
    "text": "broken.ipynb: error: ",
    "github": "::error file=broken.ipynb,title=azureml-migrate::",
    "azure": "##vso[task.logissue type=error;sourcepath=broken.ipynb]",
    "markdown": "| `broken.ipynb` | ",
    "html": '<td class="loc">broken.ipynb</td>',
}


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "azure", "markdown", "html"])
def test_a_broken_notebook_is_reported_in_every_format(legacy_tree, fmt):
    write(legacy_tree, "broken.ipynb", '{"cells": [{"cell_type": "code", "source": "import azureml.core"')
    result = run_audit("--format", fmt, cwd=legacy_tree)
    assert result.returncode == 1
    if fmt == "json":
        document = json.loads(result.stdout)
        assert [error["path"] for error in document["errors"]] == ["broken.ipynb"]
        assert document["summary"]["errors"] == 1 and document["summary"]["findings"] == 3
    elif fmt == "sarif":
        run = json.loads(result.stdout)["runs"][0]
        (notification,) = run["invocations"][0]["toolExecutionNotifications"]
        assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.ipynb"
        assert len(run["results"]) == 3
    else:
        assert result.stdout.count(ERROR_MARKS[fmt]) == 1


AUDIT_IMPORT_PROBE = (
    "import sys\nfrom azureml_migrate.cli import main\n"
    "main(sys.argv[1:])\n"
    "print(sorted(name for name in (\n"
    "    'azureml_migrate.catalog', 'azureml_migrate.fixer.command', 'azureml_migrate.rewrite.groups',\n"
    "    'azureml_migrate.rewrite.v2_fix', 'azureml_migrate.audit.readers_code',\n"
    "    'azureml_migrate.audit.manifests.conda', 'azureml_migrate.audit.manifests.requirements',\n"
    "    'azureml_migrate.audit.formats.json_report', 'azureml_migrate.audit.formats.sarif',\n"
    "    'azureml_migrate.audit.formats.text', 'multiprocessing', 'yaml')\n"
    "    if name in sys.modules))\n")


@pytest.mark.parametrize("files, options, expected", [
    # Python files in JSON: the rewrites of their fixes, the JSON format, nothing else on the list
    ({"submit.py": LEGACY_SCRIPT}, ["--format", "json"],
     ['azureml_migrate.audit.formats.json_report', 'azureml_migrate.rewrite.groups']),
    # target v2: the SDK v2 rewrites, and the catalog (which rule families the selection turns on)
    ({"submit.py": LEGACY_SCRIPT}, ["--format", "json", "--target", "v2"],
     ['azureml_migrate.audit.formats.json_report', 'azureml_migrate.catalog', 'azureml_migrate.rewrite.groups',
      'azureml_migrate.rewrite.v2_fix']),
    # a notebook and a conda file: the block readers and the conda reader (yaml), but no reader of
    # the requirements files there are none of; the terminal format
    ({"train.ipynb": json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "outputs": [],
                                             "execution_count": None, "source": LEGACY_SCRIPT}],
                                 "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
      "environment.yml": "dependencies:\n  - pip:\n    - azureml-core==1.0.0\n"}, ["--format", "concise"],
     ['azureml_migrate.audit.formats.text', 'azureml_migrate.audit.manifests.conda',
      'azureml_migrate.audit.readers_code', 'azureml_migrate.rewrite.groups', 'yaml']),
])
def test_an_audit_imports_only_what_its_files_and_format_need(tmp_path, files, options, expected):
    """Every audit pays for what it imports: the fix command, the formats it does not write,
    the readers of file kinds it does not meet, the SDK v2 rewrites under the default target,
    the whole rule catalog and, in one process, multiprocessing wait for a run that uses them."""
    for name, text in files.items():
        write(tmp_path, name, text)
    result = subprocess.run([sys.executable, "-c", AUDIT_IMPORT_PROBE, "audit", "--isolated", "--jobs", "1",
                             "--exit-zero", "--output", "report.out", *options, "."],
                            cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.stdout.splitlines()[-1] == str(expected), result.stdout + result.stderr


def test_audit_help_names_the_rules_that_are_off_by_default(tmp_path):
    """The help is filled in from the catalog when it is shown (the run itself does not import it)."""
    from azureml_migrate.catalog import DEFAULT_DISABLED

    result = run_audit("--help", cwd=tmp_path, env={"COLUMNS": "1000"})
    assert result.returncode == 0
    assert f"which leaves out {', '.join(DEFAULT_DISABLED)})" in result.stdout
    assert f"e.g. {','.join(DEFAULT_DISABLED)}" in result.stdout
