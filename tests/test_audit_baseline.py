"""Baselines: fingerprints survive moved lines and edited arguments; CI fails only on new findings;
paths are relative to the baseline, and a run over some files judges only those files."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from azureml_migrate.audit import baseline
from azureml_migrate.audit.config import ConfigError
from tests.test_audit_support import LEGACY_SCRIPT, finding, run_audit, write

SECOND_ESTIMATOR = """
other = Estimator(source_directory='src', entry_script='evaluate.py', compute_target='cpu-cluster')
"""


class TestFingerprints:
    def test_lines_and_columns_do_not_matter(self):
        first = finding(line=5, column=7)
        moved = replace(first, line=40, column=11, end_line=41)
        assert baseline.fingerprints([first]) == baseline.fingerprints([moved])

    def test_rule_path_and_callee_do(self):
        original = finding()
        (reference,) = baseline.fingerprints([original])
        for changed in (replace(original, code="AML301"), replace(original, path="other.py"),
                        replace(original, source="PyTorch(entry_script='b.py')")):
            assert baseline.fingerprints([changed]) != [reference]

    def test_argument_edits_do_not(self):
        call = finding(source="Estimator(source_directory='src', pip_packages=['pandas'])")
        for edited in ("Estimator(source_directory='src')", "Estimator( entry_script='b.py',\n x=1)"):
            assert baseline.fingerprints([replace(call, source=edited)]) == baseline.fingerprints([call])
        keyword = finding(code="AML301", source="shm_size='16g'")
        assert baseline.fingerprints([replace(keyword, source="shm_size = '32g'")]) == baseline.fingerprints([keyword])

    @pytest.mark.parametrize("source, expected", [
        ("azureml.train.estimator.Estimator(a=1)", "azureml.train.estimator.Estimator"),
        ("datastore.path('mnist').as_mount()", "datastore.path"),
        ("'azureml-core==1.0.85'", "azureml-core"),
        ("azureml-sdk[notebooks]==1.0.85", "azureml-sdk"),
        ("from azureml.train.dnn import  PyTorch, Nccl", "from azureml.train.dnn import PyTorch, Nccl"),
        ("(weird", "(weird"),
    ])
    def test_anchor(self, source, expected):
        assert baseline.anchor(source) == expected

    def test_fingerprint_path_is_the_one_given(self):
        moved = finding(path="../repo/train/submit.py")
        assert baseline.fingerprints([moved], lambda f: "train/submit.py") == baseline.fingerprints([finding()])

    def test_whitespace_in_the_construct_is_normalized(self):
        assert baseline.fingerprints([finding(source="Estimator( a,\n   b)")]) == \
            baseline.fingerprints([finding(source="Estimator( a, b)")])

    def test_identical_constructs_are_told_apart_by_occurrence(self):
        twice = baseline.fingerprints([finding(line=3), finding(line=9)])
        assert len(set(twice)) == 2
        assert baseline.fingerprints([finding(line=1)]) == twice[:1]

    def test_without_construct_source_the_message_stands_in(self):
        assert baseline.fingerprints([finding(source="", message="a")]) != \
            baseline.fingerprints([finding(source="", message="b")])


def test_written_file_is_sorted_and_stable(tmp_path):
    target = tmp_path / "base.json"
    items = [(finding(path="b.py"), "f2"), (finding(path="a.py", line=9), "f1"), (finding(path="a.py", line=2), "f0")]
    assert baseline.write(target, items) == 3
    first = target.read_text(encoding="utf-8")
    document = json.loads(first)
    assert [entry["fingerprint"] for entry in document["findings"]] == ["f0", "f1", "f2"]
    baseline.write(target, list(reversed(items)))
    assert target.read_text(encoding="utf-8") == first
    assert baseline.read(target).fingerprints == frozenset({"f0", "f1", "f2"})
    assert baseline.read(target).paths == {"f0": "a.py", "f1": "a.py", "f2": "b.py"}


@pytest.mark.parametrize("content, message", [
    ("{", "not valid JSON"),
    ('{"version": 99, "findings": []}', "not an azureml-migrate baseline"),
    ('{"version": 2, "findings": [{"code": "AML101"}]}', "needs a fingerprint"),
    ('{"version": 2, "findings": [{"fingerprint": "f"}]}', "needs a fingerprint and a path"),
    ('{"tool": "azureml-migrate-lint", "version": 1, "findings": []}', "older azureml-migrate.*--write-baseline"),
])
def test_unusable_baselines_are_configuration_errors(tmp_path, content, message):
    path = tmp_path / "base.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        baseline.read(path)


@pytest.fixture
def project(tmp_path):
    write(tmp_path, "submit.py", LEGACY_SCRIPT + SECOND_ESTIMATOR)
    write(tmp_path, "copy.py", LEGACY_SCRIPT)
    return tmp_path


def new_codes(stdout: str):
    return [line.split(": ", 1)[1].split()[0] for line in stdout.splitlines() if ": AML" in line]


def test_baseline_workflow_end_to_end(project, tmp_path_factory):
    store = tmp_path_factory.mktemp("ci") / "baseline.json"
    written = run_audit("--write-baseline", str(store), cwd=project)
    assert written.returncode == 0, written.stderr
    assert written.stdout == f"wrote 7 findings to baseline {store} (2 files checked)\n"
    assert len(json.loads(store.read_text(encoding="utf-8"))["findings"]) == 7

    clean = run_audit("--baseline", str(store), cwd=project)
    assert clean.returncode == 0, clean.stdout
    assert new_codes(clean.stdout) == []
    assert "7 known in baseline" in clean.stdout

    moved = (project / "submit.py").read_text(encoding="utf-8").replace(
        "ws = Workspace.from_config()\n", "\n\n# set up the workspace first\nws = Workspace.from_config()\n\n")
    (project / "submit.py").write_text(moved, encoding="utf-8")
    after_move = run_audit("--baseline", str(store), cwd=project)
    assert after_move.returncode == 0, after_move.stdout
    assert new_codes(after_move.stdout) == []

    # partial migration: the call's arguments change, its AML101 stays known; the dropped
    # pip_packages keyword's AML301 is gone
    edited = moved.replace("entry_script='evaluate.py'", "entry_script='score.py'").replace(
        ", pip_packages=['pandas'])", ")")
    (project / "submit.py").write_text(edited, encoding="utf-8")
    after_edit = run_audit("--baseline", str(store), cwd=project)
    assert after_edit.returncode == 0, after_edit.stdout
    assert "1 baseline finding is gone" in after_edit.stdout

    (project / "submit.py").write_text(edited + "third = Estimator(source_directory='x')\n", encoding="utf-8")
    after_new = run_audit("--baseline", str(store), cwd=project)
    assert after_new.returncode == 1
    assert new_codes(after_new.stdout) == ["AML101"]

    (project / "copy.py").write_text("print('migrated')\n", encoding="utf-8")
    after_fix = run_audit("--baseline", str(store), "--format", "json", cwd=project)
    summary = json.loads(after_fix.stdout)["summary"]
    assert summary["baseline"]["gone"] == 4
    assert summary["findings"] == 1


def test_baseline_from_configuration_and_no_baseline(project):
    (project / "ci").mkdir()
    written = run_audit("--write-baseline", "ci/baseline.json", cwd=project)
    assert written.returncode == 0
    write(project, "pyproject.toml", '[tool.azureml-migrate]\nbaseline = "ci/baseline.json"\n')
    assert run_audit(cwd=project).returncode == 0
    assert run_audit("--no-baseline", cwd=project).returncode == 1


def test_write_baseline_twice_gives_identical_files(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("ci")
    run_audit("--write-baseline", str(out / "one.json"), cwd=project)
    run_audit("--jobs", "1", "--write-baseline", str(out / "two.json"), cwd=project)
    assert (out / "one.json").read_bytes() == (out / "two.json").read_bytes()


def test_missing_baseline_is_exit_2(project):
    result = run_audit("--baseline", "nope.json", cwd=project)
    assert result.returncode == 2
    assert "does not exist" in result.stderr and "--write-baseline" in result.stderr


@pytest.fixture
def configured(tmp_path):
    """A repository whose configuration names the baseline, written from the root."""
    (tmp_path / ".git").mkdir()
    write(tmp_path, "pyproject.toml", '[tool.azureml-migrate]\nbaseline = ".azureml-migrate-baseline.json"\n')
    write(tmp_path, "jobs/submit.py", LEGACY_SCRIPT + SECOND_ESTIMATOR)
    write(tmp_path, "jobs/copy.py", LEGACY_SCRIPT)
    write(tmp_path, "other/legacy.py", LEGACY_SCRIPT)
    written = run_audit("--write-baseline", ".azureml-migrate-baseline.json", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    return tmp_path


def test_baseline_paths_are_relative_to_the_baseline_file(configured):
    entries = json.loads((configured / ".azureml-migrate-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert {entry["path"] for entry in entries} == {"jobs/submit.py", "jobs/copy.py", "other/legacy.py"}


def test_a_run_from_a_subdirectory_uses_the_same_baseline(configured):
    result = run_audit(cwd=configured / "jobs")
    assert result.returncode == 0, result.stdout
    assert new_codes(result.stdout) == []
    assert "7 known in baseline ../.azureml-migrate-baseline.json" in result.stdout
    assert "gone" not in result.stdout


def test_a_pre_commit_style_run_over_staged_files_judges_only_those(configured):
    """pre-commit passes only the staged file names: findings elsewhere are not 'gone'."""
    staged = run_audit("jobs/copy.py", cwd=configured)
    assert staged.returncode == 0, staged.stdout
    assert "3 known in baseline" in staged.stdout and "gone" not in staged.stdout
    (configured / "jobs" / "copy.py").write_text("print('migrated')\n", encoding="utf-8")
    fixed = run_audit("jobs/copy.py", "other/legacy.py", cwd=configured)
    assert fixed.returncode == 0
    assert "3 baseline findings are gone" in fixed.stdout
    write(configured, "jobs/new.py", LEGACY_SCRIPT)
    added = run_audit("jobs/new.py", cwd=configured)
    assert added.returncode == 1
    assert sorted(new_codes(added.stdout)) == ["AML101", "AML102", "AML301"]
