"""``[tool.azureml-migrate]`` steers real pylint run with its default enablement (no --enable):
select / extend-select turn default-off rules on, ignore turns rules off, and a broken
configuration is a configuration error, not an internal one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_pylint_plugin import PLUGIN, run_pylint

PIPELINE = """\
from azureml.core import RunConfiguration
from azureml.pipeline.steps import PythonScriptStep
from azureml.train.estimator import Estimator

rc = RunConfiguration()
step = PythonScriptStep(script_name='t.py', runconfig=rc)
est = Estimator(source_directory='src', entry_script='train.py', compute_target='cpu')
"""


def _symbols(tmp_path: Path, config: str) -> set:
    (tmp_path / "pyproject.toml").write_text(f"[tool.azureml-migrate]\n{config}\n", encoding="utf-8")
    (tmp_path / "pipeline.py").write_text(PIPELINE, encoding="utf-8")
    result = run_pylint(PLUGIN, "--output-format=json2", "pipeline.py", cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    return {message["symbol"] for message in json.loads(result.stdout)["messages"]
            if message["symbol"].startswith("azureml-")}


@pytest.mark.parametrize("config, expected", [
    ("", {"azureml-estimator", "azureml-deprecated-import"}),
    ('extend-select = ["AML202"]', {"azureml-estimator", "azureml-deprecated-import", "azureml-pipeline-runconfig"}),
    ('select = ["AML"]', {"azureml-estimator", "azureml-deprecated-import", "azureml-pipeline-runconfig"}),
    ('select = ["AML2"]', {"azureml-pipeline-runconfig"}),
    ('extend-select = ["AML202"]\nignore = ["AML1"]', {"azureml-pipeline-runconfig"}),
])
def test_the_configuration_selects_pylint_messages(tmp_path, config, expected):
    assert _symbols(tmp_path, config) == expected


def test_a_pylint_disable_still_wins_for_a_default_on_rule(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.azureml-migrate]\nselect = ["AML"]\n', encoding="utf-8")
    (tmp_path / "pipeline.py").write_text(PIPELINE, encoding="utf-8")
    result = run_pylint(PLUGIN, "--output-format=json2", "--disable=azureml-estimator", "pipeline.py", cwd=tmp_path)
    symbols = {message["symbol"] for message in json.loads(result.stdout)["messages"]}
    assert "azureml-estimator" not in symbols and "azureml-pipeline-runconfig" in symbols


def test_a_broken_configuration_is_a_configuration_error(tmp_path):
    assert _symbols(tmp_path, "select = 3") == {"azureml-migrate-config-error"}
    result = run_pylint(PLUGIN, "pipeline.py", cwd=tmp_path)
    line = next(line for line in result.stdout.splitlines() if "F7398" in line)
    assert "azureml-migrate configuration error:" in line and "select must be a list of strings" in line
    assert "please report" not in result.stdout.lower()
