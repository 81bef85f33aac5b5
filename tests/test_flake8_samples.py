"""End to end: real flake8 with the plugin installed (the sample corpus runs in test_sample_corpus)."""

from __future__ import annotations

import re
import subprocess
import sys


_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) (?P<message>.*)$")


def run_flake8(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flake8", "--isolated", *args],
                          capture_output=True, text=True, check=False)


def flake8_findings(path, *extra: str):
    result = run_flake8("--select=AML", "--extend-select=AML202,AML402", *extra, str(path))
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    findings = []
    for line in result.stdout.splitlines():
        match = _LINE.match(line)
        assert match, line
        findings.append((int(match["line"]), int(match["col"]), match["code"], match["message"]))
    return findings


def test_default_off_rules_are_off_unless_selected():
    from tests.annotations import SAMPLES

    result = run_flake8(str(SAMPLES / "aml202_pipeline_runconfig.py"), str(SAMPLES / "aml402_lower_bounds.py"))
    codes = {line.split()[1] for line in result.stdout.splitlines()}
    assert "AML202" not in codes and "AML402" not in codes
    assert "AML201" in codes  # the on-by-default rule in the same file still reports


def test_noqa_is_honoured(tmp_path):
    sample = tmp_path / "noqa.py"
    sample.write_text(
        "from azureml.train.estimator import Estimator  # noqa: AML102\n"
        "a = Estimator('src', pip_packages=['x'])  # noqa: AML101,AML301\n"
        "b = Estimator('src')  # noqa: AML301\n"
        "c = Estimator('src')  # noqa\n",
        encoding="utf-8",
    )
    assert [(line, code) for line, _, code, _ in flake8_findings(sample)] == [(3, "AML101")]


def test_min_sdk_version_option_from_config(tmp_path):
    (tmp_path / "setup.cfg").write_text("[flake8]\nselect = AML\nazureml-min-sdk-version = 1.19.0\n")
    (tmp_path / "pins.py").write_text("cd.add_pip_package('azureml-core==1.17.0')\n")
    result = subprocess.run([sys.executable, "-m", "flake8", "pins.py"], cwd=tmp_path,
                            capture_output=True, text=True, check=False)
    assert "AML401 'azureml-core==1.17.0' keeps the azureml SDK below 1.19.0" in result.stdout
    assert "'azureml-core==1.19.0'" in result.stdout
    default = run_flake8("--select=AML", str(tmp_path / "pins.py"))
    assert default.stdout == ""


def test_invalid_min_sdk_version_is_a_clear_usage_error(tmp_path):
    (tmp_path / "x.py").write_text("import azureml\n")
    result = run_flake8("--azureml-min-sdk-version=not-a-version", str(tmp_path / "x.py"))
    assert result.returncode != 0
    assert "not a version: 'not-a-version'" in result.stderr
    assert "Traceback" not in result.stderr


def test_checked_code_is_never_executed(tmp_path):
    marker = tmp_path / "executed"
    sample = tmp_path / "payload.py"
    sample.write_text(
        "import pathlib\n"
        f"pathlib.Path({str(marker)!r}).write_text('ran')\n"
        "from azureml.train.estimator import Estimator\n"
        "Estimator('src')\n",
        encoding="utf-8",
    )
    codes = [code for _, _, code, _ in flake8_findings(sample)]
    assert codes == ["AML102", "AML101"]
    assert not marker.exists()


def test_the_readme_example_is_real_flake8_output():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    shown = [line for line in readme.split("$ flake8 submit_pytorch.py\n", 1)[1].split("```", 1)[0].splitlines()]
    result = subprocess.run([sys.executable, "-m", "flake8", "--isolated", "--select=AML", "submit_pytorch.py"],
                            cwd=root / "examples" / "legacy_project", capture_output=True, text=True, check=False)
    assert shown and set(shown) <= set(result.stdout.splitlines())


def test_the_readme_fix_diff_is_real_output():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```diff\n", 1)[1].split("```", 1)[0]
    project = root / "examples" / "legacy_project"
    before = (project / "submit_pytorch.py").read_bytes()
    script = Path(sys.executable).parent / "azureml-migrate"
    result = subprocess.run([str(script), "fix", "--diff", "--unsafe-fixes", "submit_pytorch.py"],
                            cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stdout == shown
    assert "9 would be fixed, 1 needs manual work" in result.stderr and "unsafe" not in result.stderr.splitlines()[-1]
    assert (project / "submit_pytorch.py").read_bytes() == before
