"""The hooks in .pre-commit-hooks.yaml, run by real pre-commit (``pre-commit try-repo``) in a
temporary git repository holding deprecated code, as a user's ``.pre-commit-config.yaml`` would.

pre-commit installs this project into a virtual environment of its own from a commit of the
working tree (a copy committed once per module, so the environment is built once).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.source_copy import ROOT, committed_copy, git

pytestmark = pytest.mark.slow  # pre-commit builds and installs the package (about 20 s)

EXAMPLE = ROOT / "examples" / "legacy_project"
SUMMARY = re.compile(r"^\d+ findings? in \d+ files? \(\d+ files? checked\).*$", re.MULTILINE)
# more files than pre-commit's smallest batch (4) times two cores: without require_serial it
# would run the hook in several processes, each printing its own summary
COPIES = 12


def hooks() -> dict:
    return {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def hook_repository(tmp_path_factory):
    return committed_copy(tmp_path_factory.mktemp("hooks") / "azureml-migrate-lint")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


def project_with_deprecated_code(root: Path) -> Path:
    """A git repository with the bundled example and many copies of one deprecated script."""
    shutil.copytree(EXAMPLE, root)
    for index in range(COPIES):
        shutil.copy(root / "submit_sklearn.py", root / f"job_{index}.py")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "deprecated code")
    return root


def try_repo(project: Path, hook_repository: Path, home: Path, hook_id: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never",
                   "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1"}
    environment.pop("PRE_COMMIT_NO_CONCURRENCY", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repository), hook_id,
                           "--all-files", "--verbose"],
                          cwd=project, env=environment, capture_output=True, text=True, check=False)


def direct(command: str, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    script = Path(sys.executable).parent / "azureml-migrate"
    return subprocess.run([str(script), command, *args], cwd=cwd, capture_output=True, text=True, check=False)


def tracked_files(project: Path) -> list[str]:
    return git(project, "ls-files").split()


def test_both_hooks_run_once_with_every_file():
    offered = hooks()
    assert set(offered) == {"azureml-migrate-audit", "azureml-migrate-fix"}
    for hook in offered.values():
        assert hook["language"] == "python" and hook["require_serial"] is True
    assert offered["azureml-migrate-audit"]["entry"] == "azureml-migrate audit"
    assert offered["azureml-migrate-fix"]["entry"] == "azureml-migrate fix"


def test_audit_hook_prints_one_summary_for_every_file(tmp_path, hook_repository, pre_commit_home):
    project = project_with_deprecated_code(tmp_path / "project")
    result = try_repo(project, hook_repository, pre_commit_home, "azureml-migrate-audit")
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"^azureml-migrate audit\.+Failed$", result.stdout, re.MULTILINE), result.stdout
    expected = direct("audit", project, "--format", "concise", *tracked_files(project))
    assert expected.returncode == 1
    (summary,) = SUMMARY.findall(result.stdout)
    assert summary == expected.stdout.splitlines()[-1]
    assert f"({len(tracked_files(project))} files checked)" in summary
    for line in expected.stdout.splitlines()[:-1]:
        assert line in result.stdout


def test_audit_hook_passes_on_migrated_code(tmp_path, hook_repository, pre_commit_home):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(EXAMPLE / "submit_migrated.py", project / "submit.py")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "migrated")
    result = try_repo(project, hook_repository, pre_commit_home, "azureml-migrate-audit")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^azureml-migrate audit\.+Passed$", result.stdout, re.MULTILINE), result.stdout


def test_fix_hook_fixes_the_files_and_prints_one_summary(tmp_path, hook_repository, pre_commit_home):
    project = project_with_deprecated_code(tmp_path / "project")
    reference = tmp_path / "reference"
    shutil.copytree(project, reference, ignore=shutil.ignore_patterns(".git"))
    expected = direct("fix", reference, *tracked_files(project))
    assert expected.returncode == 1  # manual findings remain in the example

    result = try_repo(project, hook_repository, pre_commit_home, "azureml-migrate-fix")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "- files were modified by this hook" in result.stdout
    changed = git(project, "diff", "--name-only").split()
    assert changed  # the example has safe fixes
    for name in tracked_files(project):
        assert (project / name).read_bytes() == (reference / name).read_bytes(), name
    summaries = [line for line in result.stdout.splitlines() if re.match(r"^\d+ fixed, ", line)]
    assert summaries == [expected.stdout.splitlines()[-1]]


def documented_configuration(kind: str) -> str:
    """The ``.pre-commit-config.yaml`` docs/ci.md shows under ``<!-- pre-commit-config: KIND -->``."""
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    after = text.split(f"<!-- pre-commit-config: {kind} -->\n```yaml\n", 1)[1]
    return after.split("```", 1)[0]


def run_configuration(project: Path, configuration: str, home: Path, path_prefix: str = ""):
    (project / ".pre-commit-config.yaml").write_text(configuration, encoding="utf-8")
    git(project, "add", ".pre-commit-config.yaml")
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never",
                   "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1"}
    environment["PATH"] = path_prefix + environment["PATH"]
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--verbose"], cwd=project,
                          env=environment, capture_output=True, text=True, check=False)


def test_the_documented_remote_configuration_runs_both_hooks(tmp_path, hook_repository, pre_commit_home):
    project = project_with_deprecated_code(tmp_path / "project")
    template = documented_configuration("remote")
    assert "<your fork or mirror URL>" in template and "<tag or commit>" in template
    revision = git(hook_repository, "rev-parse", "HEAD").strip()
    configuration = template.replace("<your fork or mirror URL>", str(hook_repository)).replace(
        "<tag or commit>", revision)
    result = run_configuration(project, configuration, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"^azureml-migrate audit\.+Failed$", result.stdout, re.MULTILINE)
    assert re.search(r"^azureml-migrate fix\.+Failed$", result.stdout, re.MULTILINE)
    assert len(SUMMARY.findall(result.stdout)) == 1
    assert "- files were modified by this hook" in result.stdout


def test_the_documented_local_hook_uses_the_installed_command(tmp_path, pre_commit_home):
    project = project_with_deprecated_code(tmp_path / "project")
    result = run_configuration(project, documented_configuration("local"), pre_commit_home,
                               path_prefix=str(Path(sys.executable).parent) + os.pathsep)
    assert result.returncode == 1, result.stdout + result.stderr
    expected = direct("audit", project, "--format", "concise", *tracked_files(project))
    (summary,) = SUMMARY.findall(result.stdout)
    assert summary == expected.stdout.splitlines()[-1]
