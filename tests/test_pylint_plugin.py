"""End to end: real ``pylint --load-plugins=pylint_azureml_migrate`` in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import pytest

from azureml_migrate.catalog import RULES, rule_for
from tests.annotations import SAMPLES, sample_files

PLUGIN = "--load-plugins=pylint_azureml_migrate"
ONLY_OUR_MESSAGES = ("--disable=all", "--enable=azureml-migrate")


def run_pylint(*args: str, cwd: Optional[Path] = None,
               env: Optional[Dict[str, str]] = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pylint", "--persistent=n", *args],
                          capture_output=True, text=True, check=False, cwd=cwd, env=env)


def pylint_messages(paths: Sequence[Path], *extra: str, cwd: Optional[Path] = None,
                    env: Optional[Dict[str, str]] = None) -> List[dict]:
    """pylint's JSON messages for the plugin's rules only (every rule enabled unless ``extra``
    says otherwise); fails the test on a crash or an internal error."""
    options = extra or ONLY_OUR_MESSAGES
    result = run_pylint(PLUGIN, *options, "--output-format=json2", *map(str, paths), cwd=cwd, env=env)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode & 1 == 0, result.stdout + result.stderr  # no fatal message
    messages = json.loads(result.stdout)["messages"]
    assert not [m for m in messages if m["symbol"] == "azureml-migrate-internal-error"], messages
    return [m for m in messages if m["symbol"].startswith("azureml-")]


def as_findings(messages: List[dict]) -> List[tuple]:
    """(file name, line, flake8-style 1-based column, code) for each message."""
    return sorted((Path(m["path"]).name, m["line"], m["column"] + 1, rule_for(m["symbol"]).code)
                  for m in messages)


def _underlined(path: Path, message: dict) -> str:
    """The source text between a message's start and end positions."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first, last = message["line"] - 1, message["endLine"] - 1
    text = "".join(lines[first:last + 1])
    end = len(text) - len(lines[last]) + message["endColumn"]
    return text[message["column"]:end]


def test_messages_underline_the_exact_call_or_keyword():
    path = SAMPLES / "aml301_environment_params.py"
    messages = pylint_messages([path])
    keyword = next(m for m in messages if m["line"] == 7 and m["symbol"] == "azureml-estimator-environment-param")
    assert _underlined(path, keyword) == "pip_packages=['pandas', 'scikit-learn']"
    call = next(m for m in messages if m["line"] == 6 and m["symbol"] == "azureml-estimator")
    underlined = _underlined(path, call)
    assert call["endLine"] > call["line"]
    assert underlined.startswith("Estimator('src'") and underlined.endswith("environment_variables={'MODE': 'fast'})")
    assert {m["confidence"] for m in messages} == {"HIGH"}


def test_default_off_rules_are_off_unless_enabled():
    paths = [SAMPLES / "aml202_pipeline_runconfig.py", SAMPLES / "aml402_lower_bounds.py"]
    default = {m["symbol"] for m in pylint_messages(paths, "--disable=C,R,E,W", "--enable=azureml-migrate")}
    assert "azureml-pipeline-runconfig" in default  # enabling the checker enables all its rules
    plain = {m["symbol"] for m in pylint_messages(paths, "--score=n")}
    assert "azureml-handmade-runconfig" in plain
    assert "azureml-pipeline-runconfig" not in plain and "azureml-sdk-lower-bound" not in plain
    selected = {m["symbol"] for m in pylint_messages(paths, "--enable=azureml-pipeline-runconfig,W7315")}
    assert {"azureml-pipeline-runconfig", "azureml-sdk-lower-bound"} <= selected


def test_configuration_from_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pylint.main]\nload-plugins = ["pylint_azureml_migrate"]\n\n'
        '[tool.pylint."messages control"]\ndisable = ["all"]\nenable = ["azureml-migrate"]\n\n'
        '[tool.pylint.azureml-migrate]\nazureml-min-sdk-version = "1.19.0"\n', encoding="utf-8")
    (tmp_path / "pins.py").write_text("cd.add_pip_package('azureml-core==1.17.0')\n", encoding="utf-8")
    result = run_pylint("pins.py", cwd=tmp_path)
    assert "W7314: 'azureml-core==1.17.0' keeps the azureml SDK below 1.19.0" in result.stdout
    assert "(azureml-sdk-too-old)" in result.stdout


def test_configuration_from_pylintrc(tmp_path):
    (tmp_path / ".pylintrc").write_text(
        "[MAIN]\nload-plugins=pylint_azureml_migrate\n\n"
        "[MESSAGES CONTROL]\ndisable=all\nenable=azureml-estimator,azureml-pipeline-runconfig\n", encoding="utf-8")
    (tmp_path / "job.py").write_text(
        "from azureml.train.estimator import Estimator\n"
        "from azureml.core import RunConfiguration\n"
        "from azureml.pipeline.steps import PythonScriptStep\n"
        "est = Estimator('src', use_gpu=True)\n"
        "step = PythonScriptStep(script_name='a.py', runconfig=RunConfiguration())\n", encoding="utf-8")
    result = run_pylint("--output-format=json2", "job.py", cwd=tmp_path)
    symbols = sorted(m["symbol"] for m in json.loads(result.stdout)["messages"])
    assert symbols == ["azureml-estimator", "azureml-pipeline-runconfig"]


def test_invalid_min_sdk_version_is_a_clear_usage_error(tmp_path):
    (tmp_path / "x.py").write_text("import azureml\n", encoding="utf-8")
    result = run_pylint(PLUGIN, "--azureml-min-sdk-version=not-a-version", str(tmp_path / "x.py"))
    assert result.returncode == 2
    assert "--azureml-min-sdk-version: not-a-version has an invalid format" in result.stderr
    assert "Traceback" not in result.stderr


def test_messages_list_and_help_come_from_the_catalog():
    listed = run_pylint(PLUGIN, "--list-msgs-enabled").stdout
    for rule in RULES:
        section = "Enabled messages" if rule.default_enabled else "Disabled messages"
        start = listed.index(section)
        assert f"{rule.symbol} ({rule.msgid})" in listed[start:start + listed[start:].find("\n\n") + 1] or \
            f"{rule.symbol} ({rule.msgid})" in listed[start:]
    help_text = run_pylint(PLUGIN, "--help-msg=azureml-estimator").stdout
    assert ":azureml-estimator (W7301):" in help_text
    assert rule_for("AML101").summary in " ".join(help_text.split())


def test_checked_code_is_never_executed(tmp_path):
    marker = tmp_path / "executed"
    (tmp_path / "payload.py").write_text(
        "import pathlib\n"
        f"pathlib.Path({str(marker)!r}).write_text('ran')\n"
        "from azureml.train.estimator import Estimator\n"
        "Estimator('src')\n", encoding="utf-8")
    (tmp_path / "user.py").write_text("from payload import Estimator\nEstimator('src')\n", encoding="utf-8")
    messages = pylint_messages([tmp_path / "user.py", tmp_path / "payload.py"], cwd=tmp_path)
    assert sorted((Path(m["path"]).name, m["symbol"], m["confidence"]) for m in messages) == [
        ("payload.py", "azureml-deprecated-import", "HIGH"),
        ("payload.py", "azureml-estimator", "HIGH"),
        ("user.py", "azureml-estimator", "INFERENCE"),
    ]
    assert not marker.exists()


@pytest.mark.parametrize("source", [
    "def broken(:\n    pass\n",
    "from azureml.train.dnn import PyTorch\nPyTorch(\n",
    "import azureml\n" + "x = " + "(" * 150 + "1" + ")" * 150 + "\n",
    "import azureml\nx = Estimator(script_params=" + "+".join(["1"] * 400) + ")\n",
    "import azureml\n\x00\n",
    "import azureml\nclass A(metaclass=A): pass\nA()\nA = A()\n",
])
def test_broken_or_strange_code_never_crashes_pylint(tmp_path, source):
    path = tmp_path / "strange.py"
    path.write_text(source, encoding="utf-8", errors="surrogateescape")
    result = run_pylint(PLUGIN, *ONLY_OUR_MESSAGES, "--output-format=json2", str(path),
                        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert "Traceback" not in result.stderr
    symbols = {m["symbol"] for m in json.loads(result.stdout)["messages"]}
    assert "azureml-migrate-internal-error" not in symbols
    assert "astroid-error" not in symbols


def test_parallel_jobs_report_the_same_findings():
    """pylint -j hands the checker to worker processes: it must survive being copied there."""
    serial = as_findings(pylint_messages(sample_files()))
    parallel = as_findings(pylint_messages(sample_files(), *ONLY_OUR_MESSAGES, "--jobs=2"))
    assert parallel == serial
