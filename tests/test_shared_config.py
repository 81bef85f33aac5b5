"""One configuration, ``[tool.azureml-migrate]``, read alike by real flake8, real pylint and the audit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import List, Optional, Set, Tuple

import pytest

from azureml_migrate.catalog import rule_for
from azureml_migrate.linter_settings import LinterSettings
from azureml_migrate.settings import find_config_file
from tests.test_audit_support import run_audit, write
from tests.test_pylint_plugin import pylint_messages

PYPROJECT = """\
[tool.azureml-migrate]
min-sdk-version = "1.19.0"
extend-select = ["AML402"]
ignore = ["AML305"]
exclude = ["vendored"]

[tool.azureml-migrate.per-file-ignores]
"legacy/*" = ["AML101", "AML301"]
"""

SETUP_CFG = """\
[metadata]
name = demo

[azureml-migrate]
min-sdk-version = 1.19.0
extend-select = AML402
ignore = AML305
exclude = vendored
per-file-ignores =
    legacy/*: AML101,AML301
"""

TRAIN = """\
from azureml.train.dnn import PyTorch

est = PyTorch(source_directory='src', entry_script='train.py', compute_target='gpu',
              vm_size='Standard_NC6', pip_packages=['azureml-core==1.16.0'])
env.python.conda_dependencies.add_pip_package('azureml-core>=1.0')
"""

LEGACY = """\
from azureml.train.estimator import Estimator

old = Estimator(source_directory='.', entry_script='a.py', compute_target='cpu', use_gpu=True)
"""

Finding = Tuple[str, int, str]


def project(root: Path, config_name: str = "pyproject.toml", config: str = PYPROJECT) -> Path:
    (root / ".git").mkdir()
    write(root, config_name, config)
    write(root, "jobs/train.py", TRAIN)
    write(root, "legacy/old.py", LEGACY)
    write(root, "vendored/copy.py", LEGACY)
    return root


FILES = ("jobs/train.py", "legacy/old.py", "vendored/copy.py")


def flake8(root: Path, *args: str, cwd: Optional[Path] = None, files=FILES) -> Set[Finding]:
    cwd = cwd or root
    shown = [str(Path(root / name).relative_to(cwd)) if (root / name).is_relative_to(cwd) else str(root / name)
             for name in files]
    result = subprocess.run([sys.executable, "-m", "flake8", "--select=AML", *args, *shown], cwd=cwd,
                            capture_output=True, text=True, check=False)
    assert "Traceback" not in result.stderr, result.stderr
    found = set()
    for line in result.stdout.splitlines():
        path, number, _, rest = line.split(":", 3)
        found.add(((cwd / path).resolve().relative_to(root).as_posix(), int(number), rest.split()[0]))
    return found


def pylint(root: Path) -> Set[Finding]:
    messages = pylint_messages([Path(name) for name in FILES], "--disable=all", "--enable=azureml-migrate", cwd=root)
    return {(Path(m["path"]).as_posix(), m["line"], rule_for(m["symbol"]).code) for m in messages}


def audit(root: Path, *args: str, cwd: Optional[Path] = None) -> Set[Finding]:
    result = run_audit("--format", "json", *args, cwd=cwd or root)
    assert result.returncode in (0, 1), result.stderr
    document = json.loads(result.stdout)
    return {(((cwd or root) / item["path"]).resolve().relative_to(root).as_posix(), item["line"], item["code"])
            for item in document["findings"] if item["path"].endswith(".py")}


def codes(found: Set[Finding], path: str) -> List[str]:
    return sorted(code for name, _, code in found if name == path)


@pytest.mark.parametrize("config_name, config", [("pyproject.toml", PYPROJECT), ("setup.cfg", SETUP_CFG)])
def test_flake8_pylint_and_audit_read_the_same_configuration(tmp_path, config_name, config):
    root = project(tmp_path, config_name, config)
    from_flake8, from_pylint, from_audit = flake8(root), pylint(root), audit(root)
    assert from_flake8 == from_pylint == from_audit
    assert codes(from_audit, "vendored/copy.py") == []                       # exclude
    assert codes(from_audit, "legacy/old.py") == ["AML102"]                  # per-file-ignores
    assert "AML305" not in codes(from_audit, "jobs/train.py")                # ignore
    assert ("jobs/train.py", 4, "AML401") in from_audit                      # min-sdk-version 1.19.0
    assert ("jobs/train.py", 5, "AML402") in from_audit                      # extend-select


def test_the_plugins_find_the_configuration_from_a_subdirectory(tmp_path):
    root = project(tmp_path)
    assert flake8(root, cwd=root / "jobs", files=("jobs/train.py",)) == \
        {item for item in flake8(root) if item[0] == "jobs/train.py"}
    assert audit(root, "train.py", cwd=root / "jobs") == {item for item in audit(root) if item[0] == "jobs/train.py"}


def test_a_hosts_own_option_overrides_the_configuration_for_that_host(tmp_path):
    root = project(tmp_path)
    assert ("jobs/train.py", 4, "AML401") not in flake8(root, "--azureml-min-sdk-version=1.15.0")
    # flake8's --select replaces the configured select; the configured ignore still applies
    assert {code for _, _, code in flake8(root, "--select=AML401")} == {"AML401"}
    # flake8's per-file-ignores apply on top of the configured ones
    narrowed = flake8(root, "--per-file-ignores=jobs/*:AML102")
    assert codes(narrowed, "jobs/train.py") == ["AML101", "AML301", "AML401", "AML402"]


def test_select_aml_means_every_rule_it_covers_in_all_three_hosts(tmp_path):
    write(tmp_path, "pipe.py", "from azureml.core import RunConfiguration\n"
                               "from azureml.pipeline.steps import PythonScriptStep\n"
                               "rc = RunConfiguration()\n"
                               "step = PythonScriptStep(script_name='p.py', runconfig=rc)\n")
    (tmp_path / ".git").mkdir()
    flake8_codes = {code for _, _, code in flake8(tmp_path, files=("pipe.py",))}
    pylint_codes = {rule_for(m["symbol"]).code for m in pylint_messages(
        [Path("pipe.py")], "--disable=all", "--enable=azureml-migrate", cwd=tmp_path)}
    audit_codes = {code for _, _, code in audit(tmp_path, "--select", "AML")}
    assert "AML202" in flake8_codes and flake8_codes == pylint_codes == audit_codes
    assert "AML202" not in {code for _, _, code in audit(tmp_path)}


def test_a_broken_configuration_is_a_clear_message_not_a_traceback(tmp_path):
    root = project(tmp_path, config=PYPROJECT.replace('"1.19.0"', '"soon"'))
    result = subprocess.run([sys.executable, "-m", "flake8", "jobs/train.py"], cwd=root,
                            capture_output=True, text=True, check=False)
    assert "Traceback" not in result.stderr
    assert "AML000 azureml-migrate-lint configuration error" in result.stdout and "not a version" in result.stdout
    assert run_audit(cwd=root).returncode == 2


def test_the_search_is_cached_per_directory_and_stops_at_the_repository_root(tmp_path):
    root = project(tmp_path)
    cache = {}
    assert find_config_file(root / "jobs", cache) == root / "pyproject.toml"
    assert cache == {root / "jobs": root / "pyproject.toml", root: root / "pyproject.toml"}
    (root / "jobs" / "pyproject.toml").write_text("[tool.azureml-migrate]\n", encoding="utf-8")
    assert find_config_file(root / "jobs", cache) == root / "pyproject.toml"   # answered from the cache
    write(tmp_path, "outer/pyproject.toml", PYPROJECT)
    (tmp_path / "outer" / "repo" / ".git").mkdir(parents=True)
    assert find_config_file(tmp_path / "outer" / "repo") is None


def test_many_files_in_one_directory_read_the_configuration_once(tmp_path, monkeypatch):
    import azureml_migrate.linter_settings as module

    root = project(tmp_path)
    reads = []
    real = module.read_config
    monkeypatch.setattr(module, "read_config", lambda path: reads.append(path) or real(path))
    settings = LinterSettings(cwd=root)
    for number in range(200):
        settings.for_file(f"jobs/file{number}.py")
    assert reads == [root / "pyproject.toml"]


def test_show_settings_prints_each_value_with_its_origin(tmp_path):
    root = project(tmp_path)
    result = run_audit("--show-settings", "--ignore", "AML1", cwd=root / "jobs")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"configuration file: {root / 'pyproject.toml'}"
    assert f"min-sdk-version = 1.19.0    [{root / 'pyproject.toml'}]" in lines
    assert f"ignore = AML1    [command line (over {root / 'pyproject.toml'})]" in lines
    assert "per-file-ignores = ../legacy/*: AML101,AML301" in result.stdout
    assert lines[-1] == "rules reported: AML201, AML203, AML301, AML302, AML303, AML304, AML305, AML401, AML402"
    assert run_audit("--show-settings", "--isolated", cwd=root).stdout.startswith("configuration file: (none")


def test_pylint_reports_a_broken_configuration_as_a_message_not_a_traceback(tmp_path):
    from tests.test_pylint_plugin import PLUGIN, run_pylint

    root = project(tmp_path, config=PYPROJECT.replace('"1.19.0"', '"soon"'))
    result = run_pylint(PLUGIN, "--disable=all", "--enable=azureml-migrate", "jobs/train.py", cwd=root)
    assert "Traceback" not in result.stderr
    assert "azureml-migrate-config-error" in result.stdout and "not a version: 'soon'" in result.stdout
    assert "internal-error" not in result.stdout and "please report" not in result.stdout.lower()
