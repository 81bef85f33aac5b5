"""The migration target (``target = "scriptrunconfig" | "v2"``): one setting, read alike by the
audit, fix, real flake8 and real pylint; the v2 rule family follows it."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from azureml_migrate.catalog import RULES
from azureml_migrate.settings import CodeSelection, ConfigError, read_config
from tests.test_audit_support import run_audit, write
from tests.test_flake8_samples import run_flake8
from tests.test_pylint_plugin import pylint_messages

V2_CODES = sorted(rule.code for rule in RULES if rule.target == "v2")
#: One v1 submission script: a default-target finding (AML201) and several of the v2 family.
SCRIPT = """\
from azureml.core import Experiment, RunConfiguration, ScriptRunConfig, Workspace

ws = Workspace.from_config()
run_config = RunConfiguration()
src = ScriptRunConfig(source_directory='src', script='train.py', run_config=run_config)
run = Experiment(ws, 'train').submit(src)
"""
V2_FINDINGS = {"AML501", "AML503", "AML504"}


def _codes_in(text: str):
    return {code for code in ("AML201", *V2_CODES) if f" {code} " in text or f'"{code}"' in text}


def _project(tmp_path: Path, table: str = "") -> Path:
    write(tmp_path, "pyproject.toml", f"[tool.azureml-migrate]\n{table}")
    write(tmp_path, "submit.py", SCRIPT)
    (tmp_path / ".git").mkdir()
    return tmp_path


# -- the setting ---------------------------------------------------------------------------
def test_the_default_target_is_scriptrunconfig_and_leaves_the_v2_family_off():
    selection = CodeSelection()
    assert selection.target == "scriptrunconfig"
    assert not any(selection.enabled(code) for code in V2_CODES)
    assert selection.target_families() == ()


@pytest.mark.parametrize("select, extend_select, on", [
    (None, (), False),
    (("AML",), (), False),          # the bare prefix selects the chosen target's rules
    (("AML5",), (), True),          # naming the family selects it under any target
    (None, ("AML501",), True),
    (("AML1", "AML501"), (), True),
])
def test_under_the_default_target_a_selection_must_name_the_family(select, extend_select, on):
    selection = CodeSelection(select=select, extend_select=extend_select)
    assert selection.enabled("AML501") is on
    assert selection.target_families() == (("v2",) if on else ())


def test_target_v2_turns_the_family_on_and_ignore_still_wins():
    assert all(CodeSelection(target="v2").enabled(code) for code in V2_CODES)
    assert not CodeSelection(ignore=("AML504",), target="v2").enabled("AML504")
    assert not CodeSelection(select=("AML1",), target="v2").enabled("AML501")


@pytest.mark.parametrize("value, expected", [
    ('"v2"', "v2"), ('" V2 "', "v2"), ('"scriptrunconfig"', "scriptrunconfig")])
def test_the_configuration_reads_the_target(tmp_path, value, expected):
    config = write(tmp_path, "pyproject.toml", f"[tool.azureml-migrate]\ntarget = {value}\n")
    assert read_config(config).target == expected


@pytest.mark.parametrize("value", ['"v3"', "2", '["v2"]', '""'])
def test_a_bad_target_is_a_clear_configuration_error(tmp_path, value):
    config = write(tmp_path, "pyproject.toml", f"[tool.azureml-migrate]\ntarget = {value}\n")
    with pytest.raises(ConfigError, match="target: must be one of scriptrunconfig, v2"):
        read_config(config)


def test_setup_cfg_reads_the_target_too(tmp_path):
    config = write(tmp_path, "setup.cfg", "[azureml-migrate]\ntarget = v2\n")
    assert read_config(config).target == "v2"


# -- the audit and fix -----------------------------------------------------------------------
def test_audit_reports_the_v2_family_with_target_v2_in_the_configuration(tmp_path):
    default = run_audit("--format", "concise", "submit.py", cwd=_project(tmp_path))
    assert _codes_in(default.stdout) == {"AML201"}
    (tmp_path / "pyproject.toml").write_text('[tool.azureml-migrate]\ntarget = "v2"\n')
    chosen = run_audit("--format", "concise", "submit.py", cwd=tmp_path)
    assert chosen.returncode == 1, chosen.stderr
    assert _codes_in(chosen.stdout) == {"AML201"} | V2_FINDINGS


def test_audit_target_flag_overrides_the_configuration(tmp_path):
    _project(tmp_path, 'target = "v2"\n')
    result = run_audit("--format", "concise", "--target", "scriptrunconfig", "submit.py", cwd=tmp_path)
    assert _codes_in(result.stdout) == {"AML201"}
    flagged = run_audit("--format", "concise", "--isolated", "--target", "v2", "submit.py", cwd=tmp_path)
    assert _codes_in(flagged.stdout) == {"AML201"} | V2_FINDINGS


def test_show_settings_names_the_target_and_where_it_came_from(tmp_path):
    _project(tmp_path, 'target = "v2"\n')
    result = run_audit("--show-settings", cwd=tmp_path)
    assert "target = v2" in result.stdout and "pyproject.toml" in result.stdout
    assert "AML501" in result.stdout.split("rules reported:")[1]


@pytest.mark.parametrize("command", ["audit", "fix"])
def test_a_bad_target_flag_is_a_usage_error(tmp_path, command):
    _project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "azureml_migrate.cli", command, "--target", "v3", "submit.py"],
                            cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "--target: must be one of scriptrunconfig, v2, not 'v3'" in result.stderr
    assert "Traceback" not in result.stderr


def test_fix_with_target_v2_reports_the_v2_family_and_rewrites_nothing_it_cannot_prove(tmp_path):
    _project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "azureml_migrate.cli", "fix", "--isolated", "--target", "v2",
                             "--select", "AML5", "submit.py"],
                            cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stderr
    assert (tmp_path / "submit.py").read_text() == SCRIPT
    assert _codes_in(result.stdout + result.stderr) == V2_FINDINGS


# -- flake8 and pylint -------------------------------------------------------------------------
def test_flake8_honours_the_configured_target(tmp_path):
    _project(tmp_path, 'target = "v2"\n')
    result = subprocess.run([sys.executable, "-m", "flake8", "--select=AML", "submit.py"], cwd=tmp_path,
                            capture_output=True, text=True, check=False)
    assert _codes_in(result.stdout) == {"AML201"} | V2_FINDINGS, result.stderr


def test_flake8_target_option_overrides_and_the_family_is_off_by_default(tmp_path):
    _project(tmp_path)
    path = str(tmp_path / "submit.py")
    assert _codes_in(run_flake8("--select=AML", path).stdout) == {"AML201"}
    assert _codes_in(run_flake8("--select=AML", "--azureml-target=v2", path).stdout) == {"AML201"} | V2_FINDINGS
    assert _codes_in(run_flake8("--select=AML5", path).stdout) == V2_FINDINGS


def test_flake8_bad_target_is_a_usage_error(tmp_path):
    _project(tmp_path)
    result = run_flake8("--azureml-target=v3", str(tmp_path / "submit.py"))
    assert result.returncode != 0
    assert "must be one of scriptrunconfig, v2" in result.stderr
    assert "Traceback" not in result.stderr


def test_flake8_reports_a_bad_configured_target_as_a_configuration_error(tmp_path):
    _project(tmp_path, 'target = "v3"\n')
    result = subprocess.run([sys.executable, "-m", "flake8", "submit.py"], cwd=tmp_path,
                            capture_output=True, text=True, check=False)
    assert "AML000 azureml-migrate-lint configuration error" in result.stdout
    assert "target: must be one of scriptrunconfig, v2" in result.stdout


def test_pylint_honours_the_configured_target_and_its_option(tmp_path):
    _project(tmp_path)
    symbols = lambda messages: {message["messageId"] for message in messages}  # noqa: E731
    by_code = {rule.msgid: rule.code for rule in RULES}
    default = pylint_messages([tmp_path / "submit.py"], cwd=tmp_path)
    assert {by_code[m] for m in symbols(default)} == {"AML201"}
    chosen = pylint_messages([tmp_path / "submit.py"], "--disable=all", "--enable=azureml-migrate",
                             "--azureml-target=v2", cwd=tmp_path)
    assert {by_code[m] for m in symbols(chosen)} == {"AML201"} | V2_FINDINGS
    (tmp_path / "pyproject.toml").write_text('[tool.azureml-migrate]\ntarget = "v2"\n')
    configured = pylint_messages([tmp_path / "submit.py"], cwd=tmp_path)
    assert {by_code[m] for m in symbols(configured)} == {"AML201"} | V2_FINDINGS


def test_pylint_bad_target_is_a_usage_error(tmp_path):
    _project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "pylint", "--load-plugins=pylint_azureml_migrate",
                             "--azureml-target=v3", "submit.py"], cwd=tmp_path,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "--azureml-target: invalid choice: 'v3'" in result.stderr and "Traceback" not in result.stderr


# -- the v1 names the family flags are real SDK v1 names ------------------------------------
def _import_tables():
    from azureml_migrate.rules import (aml502_v2_environment, aml504_v2_submission, aml505_v2_hyperdrive,
                                       aml506_v2_data_input, aml507_v2_pipeline, aml508_v2_run_context)

    for table in (aml502_v2_environment.NAMES, aml504_v2_submission.NAMES, aml505_v2_hyperdrive.POLICIES,
                  aml506_v2_data_input.NAMES, aml507_v2_pipeline.NAMES, aml508_v2_run_context.NAMES):
        for name, modules in table.items():
            for module in modules:
                yield f"{module}.{name}"


@pytest.mark.parametrize("path", sorted(_import_tables()))
def test_every_flagged_import_is_a_name_of_the_installed_sdk_v1(path):
    pytest.importorskip("azureml.core")
    module, _, name = path.rpartition(".")
    try:
        imported = importlib.import_module(module)
    except ImportError as error:  # an optional SDK package (pipeline) not installed
        pytest.skip(str(error))
    assert getattr(imported, name).__name__ == name


# -- explain shows both rewrites -----------------------------------------------------------------
@pytest.mark.parametrize("rule", [rule for rule in RULES if rule.instead_v2], ids=lambda rule: rule.code)
def test_explain_shows_the_scriptrunconfig_and_the_v2_rewrite(rule):
    compile(rule.instead_v2, f"{rule.code}-instead-v2", "exec")
    result = subprocess.run([sys.executable, "-m", "azureml_migrate.cli", "explain", rule.code],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    page = result.stdout
    assert page.index("## Use instead\n") < page.index("## Use instead with target v2") < page.index("## Fix safety")
    assert rule.instead in page and rule.instead_v2 in page


def test_the_estimator_rules_document_their_v2_rewrite():
    assert {rule.code for rule in RULES if rule.instead_v2} >= {"AML101", "AML104", "AML105", "AML203"}


def test_the_language_server_honours_the_configured_target(tmp_path):
    from azureml_migrate.audit.config import CommandLine, load_settings
    from azureml_migrate.server.checking import check, scope_for

    path = _project(tmp_path, 'target = "v2"\n') / "submit.py"
    settings = load_settings([str(path)], CommandLine(no_baseline=True), tmp_path)
    report = check(SCRIPT, "python", path, scope_for(settings, path))
    assert {finding.code for finding in report.findings} == {"AML201"} | V2_FINDINGS
    default = load_settings([str(path)], CommandLine(no_baseline=True, target="scriptrunconfig"), tmp_path)
    assert {finding.code for finding in check(SCRIPT, "python", path, scope_for(default, path)).findings} == {"AML201"}
