"""Baselines: fingerprints survive moved lines, not edited constructs; CI fails only on new findings."""

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

    def test_rule_path_and_construct_do(self):
        original = finding()
        (reference,) = baseline.fingerprints([original])
        for changed in (replace(original, code="AML301"), replace(original, path="other.py"),
                        replace(original, source="Estimator(entry_script='b.py')")):
            assert baseline.fingerprints([changed]) != [reference]

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


@pytest.mark.parametrize("content, message", [
    ("{", "not valid JSON"),
    ('{"version": 99, "findings": []}', "not an azureml-migrate baseline"),
    ('{"version": 1, "findings": [{"code": "AML101"}]}', "needs a fingerprint"),
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
    assert "wrote 7 findings to baseline" in written.stderr
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

    edited = moved.replace("entry_script='evaluate.py'", "entry_script='score.py'")
    (project / "submit.py").write_text(edited, encoding="utf-8")
    after_edit = run_audit("--baseline", str(store), cwd=project)
    assert after_edit.returncode == 1
    assert new_codes(after_edit.stdout) == ["AML101"]
    assert "1 baseline finding is gone" in after_edit.stdout

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
