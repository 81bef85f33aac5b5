"""The GitHub Action (action.yml): its inputs are wired, and its step, run as the runner runs it
(``bash --noprofile --norc -eo pipefail``, the step's own ``run`` text, the environment the step
maps from the inputs, ``GITHUB_ACTION_PATH``, ``RUNNER_TEMP`` and ``GITHUB_OUTPUT``), installs the
tool from the action's checkout, writes SARIF and gates on the baseline as docs/ci.md says.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.source_copy import ROOT, copy_source

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
INPUT_REFERENCE = re.compile(r"\binputs\.([\w-]+)")
EXAMPLE = ROOT / "examples" / "legacy_project"
NEW_DEPRECATED_CODE = ("from azureml.train.estimator import Estimator\n"
                       "est = Estimator(source_directory='src', entry_script='train.py', compute_target='cpu')\n")


def audit_step() -> dict:
    (step,) = [step for step in ACTION["runs"]["steps"] if step.get("id") == "audit"]
    return step


def expressions(node) -> list[str]:
    if isinstance(node, dict):
        return [found for value in node.values() for found in expressions(value)]
    if isinstance(node, list):
        return [found for value in node for found in expressions(value)]
    return EXPRESSION.findall(node) if isinstance(node, str) else []


def test_every_input_referenced_is_declared_and_every_declared_input_is_used():
    declared = set(ACTION["inputs"])
    referenced = {name for expression in expressions(ACTION["runs"]) + expressions(ACTION["outputs"])
                  for name in INPUT_REFERENCE.findall(expression)}
    assert referenced == declared


def test_the_script_reads_exactly_the_inputs_the_step_passes():
    step = audit_step()
    script = (ROOT / "scripts" / "github-action.sh").read_text(encoding="utf-8")
    read = set(re.findall(r"\$\{?(INPUT_[A-Z_]+)", script))
    assert read == set(step["env"])
    for name, value in step["env"].items():
        (expression,) = EXPRESSION.findall(value)
        assert expression == "inputs." + name[len("INPUT_"):].lower().replace("_", "-")


def test_the_step_runs_the_script_from_the_action_checkout_and_uploads_its_sarif():
    steps = ACTION["runs"]["steps"]
    assert ACTION["runs"]["using"] == "composite"
    assert audit_step()["run"] == '"$GITHUB_ACTION_PATH/scripts/github-action.sh"'
    assert (ROOT / "scripts" / "github-action.sh").stat().st_mode & 0o111
    (upload,) = [step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert upload["with"]["sarif_file"] == "${{ steps.audit.outputs.sarif-file }}"
    assert "!cancelled()" in upload["if"]  # uploaded when the gate fails too
    assert set(ACTION["outputs"]) == {"sarif-file", "exit-code"}


def step_environment(inputs: dict, action_path: Path, runner_temp: Path, output: Path) -> dict:
    """The environment GitHub gives the audit step: its ``env`` with the inputs substituted."""
    values = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    values.update(inputs)
    environment = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(runner_temp),
                   "GITHUB_ACTION_PATH": str(action_path), "RUNNER_TEMP": str(runner_temp),
                   "GITHUB_OUTPUT": str(output)}
    for name, value in audit_step()["env"].items():
        environment[name] = EXPRESSION.sub(lambda match: values[match.group(1)[len("inputs."):]], value)
    return environment


@pytest.fixture(scope="module")
def action_checkout(tmp_path_factory):
    return copy_source(tmp_path_factory.mktemp("action") / "azureml-migrate-lint")


@pytest.fixture(scope="module")
def runner_temp(tmp_path_factory):
    """One per module: the step installs the tool there once and reuses it, as within one job."""
    return tmp_path_factory.mktemp("runner-temp")


def run_action(project: Path, action_checkout: Path, runner_temp: Path, **inputs: str):
    output = project.parent / "github-output"
    output.write_text("", encoding="utf-8")
    environment = step_environment({**{"python": sys.executable}, **inputs}, action_checkout, runner_temp, output)
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", audit_step()["run"]],
                            cwd=project, env=environment, capture_output=True, text=True, check=False)
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())
    return result, outputs


def project_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path / "project"))


def azureml_migrate(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    script = Path(sys.executable).parent / "azureml-migrate"
    return subprocess.run([str(script), *args], cwd=cwd, capture_output=True, text=True, check=False)


def sarif_results(path: Path) -> list:
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["version"] == "2.1.0"
    return document["runs"][0]["results"]


@pytest.mark.slow  # the step installs the package into a virtual environment (about 20 s, once)
def test_gate_passes_on_known_findings_and_sarif_has_every_finding(tmp_path, action_checkout, runner_temp):
    project = project_copy(tmp_path)
    written = azureml_migrate("audit", "--write-baseline", "baseline.json", ".", cwd=project)
    assert written.returncode == 0, written.stderr
    findings = json.loads(azureml_migrate("audit", "--format", "json", ".", cwd=project).stdout)["summary"]["findings"]

    result, outputs = run_action(project, action_checkout, runner_temp, baseline="baseline.json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert outputs == {"sarif-file": "azureml-migrate.sarif", "exit-code": "0"}
    assert len(sarif_results(project / "azureml-migrate.sarif")) == findings > 0
    assert "::warning" not in result.stdout
    assert f"{findings} known in baseline" in result.stdout


@pytest.mark.slow
def test_gate_fails_on_a_new_finding_and_annotates_only_it(tmp_path, action_checkout, runner_temp):
    project = project_copy(tmp_path)
    assert azureml_migrate("audit", "--write-baseline", "baseline.json", ".", cwd=project).returncode == 0
    (project / "new_job.py").write_text(NEW_DEPRECATED_CODE, encoding="utf-8")

    result, outputs = run_action(project, action_checkout, runner_temp, baseline="baseline.json")
    assert result.returncode == 1, result.stdout + result.stderr
    assert outputs["exit-code"] == "1"
    annotated = {match for match in re.findall(r"^::warning file=([^,]+),", result.stdout, re.MULTILINE)}
    assert annotated == {"new_job.py"}
    assert any(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "new_job.py"
               for result in sarif_results(project / "azureml-migrate.sarif"))


@pytest.mark.slow
def test_without_a_baseline_every_finding_fails_and_inputs_are_honoured(tmp_path, action_checkout, runner_temp):
    project = project_copy(tmp_path)
    (project / "reports").mkdir()
    result, outputs = run_action(project, action_checkout, runner_temp, path="pipelines submit_pytorch.py",
                                 **{"sarif-file": "reports/out.sarif", "args": "--select AML101"})
    assert result.returncode == 1, result.stdout + result.stderr
    assert outputs == {"sarif-file": "reports/out.sarif", "exit-code": "1"}
    annotated = re.findall(r"^::warning file=([^,]+),.*title=(AML\d+)::", result.stdout, re.MULTILINE)
    expected = azureml_migrate("audit", "--format", "github", "--select", "AML101", "pipelines", "submit_pytorch.py",
                               cwd=project)
    assert annotated and {code for _, code in annotated} == {"AML101"}
    assert {path for path, _ in annotated} == {"submit_pytorch.py", "pipelines/nightly.py"}
    assert result.stdout.splitlines()[-1] == expected.stdout.splitlines()[-1]
    assert len(sarif_results(project / "reports" / "out.sarif")) == len(annotated)


@pytest.mark.slow
def test_a_missing_baseline_is_a_configuration_error(tmp_path, action_checkout, runner_temp):
    project = project_copy(tmp_path)
    result, outputs = run_action(project, action_checkout, runner_temp, baseline="no-such-baseline.json")
    assert result.returncode == 2
    assert outputs["exit-code"] == "2"
    assert "no-such-baseline.json" in result.stderr
