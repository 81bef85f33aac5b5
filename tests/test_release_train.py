"""The SDK release train is the list the checked-in package-index snapshot gives, by the rule
of scripts/refresh_release_train.py (offline: the snapshot is re-classified, nothing fetched)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from azureml_migrate.engine import check_source
from azureml_migrate.sdk import SDK_RELEASE_TRAIN, SDK_TRAIN_RELEASES, is_sdk_package

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "refresh_release_train.py"
SNAPSHOT = ROOT / "tests" / "data" / "azureml_release_train.json"


def _script():
    spec = importlib.util.spec_from_file_location("refresh_release_train", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def snapshot():
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_the_list_is_what_the_rule_gives_on_the_snapshot(snapshot):
    members, _ = _script().classify(snapshot)
    assert members == sorted(SDK_RELEASE_TRAIN)
    assert members == snapshot["release_train"]


def test_the_releases_exact_pins_are_raised_to_are_the_snapshots(snapshot):
    script = _script()
    assert list(SDK_TRAIN_RELEASES) == sorted(snapshot["train_releases"], key=script.release_number)
    assert all(script.release_number(release)[0] >= 1 for release in SDK_TRAIN_RELEASES)


def test_the_snapshot_names_its_source_date_and_rule(snapshot):
    assert snapshot["date"] == "2026-11-29"
    assert "/pypi/<name>/json, for azureml-sdk and azureml-core" in snapshot["source"]
    assert snapshot["rule"] == _script().RULE
    assert len(snapshot["projects"]) >= 90


@pytest.mark.parametrize("name", [
    "azureml-core", "azureml-sdk", "azureml-train-core", "azureml-pipeline-steps",
    "azureml-contrib-functions", "azureml-contrib-iot", "azureml-contrib-mir",
    "azureml-mlflow", "azureml-training-tabular", "azureml-contrib-gbdt",
])
def test_lockstep_projects_are_on_the_train(name):
    assert is_sdk_package(name)


@pytest.mark.parametrize("name", [
    "azureml-dataprep", "azureml-dataprep-rslex", "azureml-inference-server-http",
    "azureml-fsspec", "azureml-pipeline-wrapper", "azureml-featurestore", "azureml-assets",
    "azureml-contrib-datadrift", "azureml-sdk-contrib",
])
def test_projects_on_their_own_train_or_stopped_early_are_not(name):
    assert not is_sdk_package(name)


def test_names_are_canonical_and_every_one_is_on_the_index(snapshot):
    canonical = _script().canonical
    assert all(canonical(name) == name for name in SDK_RELEASE_TRAIN)
    assert SDK_RELEASE_TRAIN <= set(snapshot["projects"])


@pytest.mark.parametrize("project, expected", [
    ({"newest": "1.62.0.post6", "month": "2026-09"}, True),
    ({"newest": "1.4.0", "month": "2026-07"}, False),
    ({"newest": "1.0.85", "month": "2020-01"}, False),
    ({"newest": "1.17.8", "month": "2020-11"}, False),
    ({"newest": "1.62.0rc1", "month": "2026-02"}, False),
    ({"newest": "0.1.74", "month": "2018-11"}, False),
])
def test_the_rule_on_single_projects(project, expected):
    snapshot = {"train_releases": {"0.1.74": "2018-11", "1.0.85": "2020-01", "1.4.0": "2020-04",
                                   "1.17.0": "2020-11", "1.62.0": "2026-02"},
                "projects": {"azureml-x": project}}
    members, _ = _script().classify(snapshot)
    assert (members == ["azureml-x"]) is expected


def test_a_newly_listed_project_is_flagged_when_pinned_below_the_minimum():
    found = check_source("from azureml.core.conda_dependencies import CondaDependencies\n"
                         "CondaDependencies.create(pip_packages=['azureml-contrib-functions==1.1.5',"
                         " 'azureml-contrib-iot==1.62.0', 'azureml-dataprep==1.1.0'])\n")
    assert [(f.code, f.span.col) for f in found] == [("AML401", 39)]


def test_check_command_agrees_offline():
    result = subprocess.run([sys.executable, str(SCRIPT), "check", "--sdk"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "missing from SDK_RELEASE_TRAIN: []" in result.stdout
