"""Configuration: where it is found, what it means, how flags override it, and bad files."""

from __future__ import annotations

from pathlib import Path

import pytest
from packaging.version import Version

from azureml_migrate.audit.config import (CommandLine, ConfigError, ExcludePattern, PerFileIgnore, find_config,
                                          load_settings, parse_per_file_ignores)
from azureml_migrate.settings import CodeSelection, ignored_for_file, is_excluded
from tests.test_audit_support import run_audit, write

CONFIG = """\
[project]
name = "demo"

[tool.azureml-migrate]
select = ["AML1", "AML4"]
ignore = ["AML105"]
extend-select = ["AML402"]
exclude = ["vendored/", "generated/*.py"]
min-sdk-version = "1.19.0"
baseline = "ci/azureml-baseline.json"

[tool.azureml-migrate.per-file-ignores]
"legacy/*" = ["AML101", "AML301"]
"*_old.py" = ["AML"]
"""


def test_found_from_the_first_audited_path_upwards(tmp_path):
    write(tmp_path, "pyproject.toml", CONFIG)
    write(tmp_path, "project/sub/file.py", "")
    (tmp_path / ".git").mkdir()
    assert find_config(["project/sub/file.py"], tmp_path) == tmp_path / "pyproject.toml"
    assert find_config(["project/sub"], tmp_path) == tmp_path / "pyproject.toml"


def test_pyproject_without_the_table_is_passed_over(tmp_path):
    write(tmp_path, "pyproject.toml", CONFIG)
    write(tmp_path, "sub/pyproject.toml", "[project]\nname = 'sub'\n")
    write(tmp_path, "sub/broken/pyproject.toml", "[project\nname = ")
    assert find_config(["sub/broken"], tmp_path) == tmp_path / "pyproject.toml"


def test_search_stops_at_the_repository_root(tmp_path):
    write(tmp_path, "pyproject.toml", CONFIG)
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert find_config(["repo"], tmp_path) is None


def test_file_values_are_read(tmp_path):
    write(tmp_path, "pyproject.toml", CONFIG)
    settings = load_settings(["."], CommandLine(), tmp_path)
    assert settings.select == ("AML1", "AML4")
    assert settings.ignore == ("AML105",)
    assert settings.extend_select == ("AML402",)
    assert settings.exclude == (ExcludePattern(tmp_path, "vendored/"), ExcludePattern(tmp_path, "generated/*.py"))
    assert settings.min_sdk_version == Version("1.19.0")
    assert settings.baseline == tmp_path / "ci/azureml-baseline.json"
    assert settings.per_file_ignores == (PerFileIgnore(tmp_path, "legacy/*", ("AML101", "AML301")),
                                         PerFileIgnore(tmp_path, "*_old.py", ("AML",)))
    assert settings.source == tmp_path / "pyproject.toml"


def test_flags_override_the_file(tmp_path):
    write(tmp_path, "pyproject.toml", CONFIG)
    flags = CommandLine(select="AML2", ignore="", extend_select=["AML202"], exclude=["other/"],
                        extend_exclude=["more/"], per_file_ignores="x.py:AML201", min_sdk_version="1.15.0",
                        baseline="elsewhere.json")
    settings = load_settings(["."], flags, tmp_path)
    assert settings.select == ("AML2",)
    assert settings.ignore == ()
    assert settings.extend_select == ("AML402", "AML202")
    assert settings.exclude == (ExcludePattern(tmp_path, "other/"), ExcludePattern(tmp_path, "more/"))
    assert settings.per_file_ignores == (PerFileIgnore(tmp_path, "x.py", ("AML201",)),)
    assert settings.min_sdk_version == Version("1.15.0")
    assert settings.baseline == tmp_path / "elsewhere.json"
    assert load_settings(["."], CommandLine(no_baseline=True), tmp_path).baseline is None


def test_paths_in_a_parent_config_are_relative_to_it(tmp_path):
    write(tmp_path, "pyproject.toml", CONFIG)
    (tmp_path / "work").mkdir()
    settings = load_settings([".."], CommandLine(), tmp_path / "work")
    assert settings.baseline == tmp_path / "ci/azureml-baseline.json"
    assert settings.per_file_ignores[0].base == tmp_path


def test_isolated_and_explicit_config(tmp_path):
    write(tmp_path, "pyproject.toml", CONFIG)
    write(tmp_path, "other.toml", '[tool.azureml-migrate]\nignore = ["AML3"]\n')
    assert load_settings(["."], CommandLine(), tmp_path, use_config=False).select is None
    assert load_settings(["."], CommandLine(), tmp_path, config_file="other.toml").ignore == ("AML3",)


def test_symbols_and_lowercase_codes_are_accepted(tmp_path):
    settings = load_settings(["."], CommandLine(select="azureml-estimator,aml3"), tmp_path)
    assert settings.select == ("AML101", "AML3")


@pytest.mark.parametrize("body, message", [
    ("[tool.azureml-migrate]\nselect = [\n", "not valid TOML"),
    ("[tool.azureml-migrate]\nslect = ['AML1']\n", "unknown key slect"),
    ("[tool.azureml-migrate]\nselect = ['AML999']\n", "unknown rule code"),
    ("[tool.azureml-migrate]\nselect = 3\n", "select must be a list of strings"),
    ("[tool.azureml-migrate]\nmin-sdk-version = 'latest'\n", "not a version"),
    ("[tool.azureml-migrate]\nbaseline = 1\n", "baseline must be a path"),
    ("[tool.azureml-migrate]\nper-file-ignores = ['x']\n", "per-file-ignores must be a table"),
    ("[tool.azureml-migrate]\nper-file-ignores = {'x' = 1}\n", "must be a list of codes"),
    ("[tool]\nazureml-migrate = 1\n", "must be a table"),
])
def test_malformed_configuration_is_a_clear_error(tmp_path, body, message):
    write(tmp_path, "pyproject.toml", body)
    with pytest.raises(ConfigError, match=message):
        load_settings(["."], CommandLine(), tmp_path)


@pytest.mark.parametrize("args, message", [
    (["--config", "missing.toml"], "cannot read configuration"),
    (["--select", "NOPE"], "unknown rule code"),
    (["--min-sdk-version", "one"], "not a version"),
    (["--per-file-ignores", "AML101"], "expected GLOB:CODES"),
    (["--baseline", "nothere.json"], "does not exist"),
    (["--jobs", "-2"], "--jobs"),
    (["no/such/dir"], "no such file or directory"),
    (["--format", "yaml"], "invalid choice"),
    (["--output", "no/such/dir/report.html"], "no such directory"),
    (["--write-baseline", "no/such/dir/baseline.json"], "no such directory"),
])
def test_bad_flags_exit_2(tmp_path, args, message):
    result = run_audit(*args, cwd=tmp_path)
    assert result.returncode == 2, result
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_pyproject_exits_2_naming_the_file(tmp_path):
    write(tmp_path, "pyproject.toml", "[tool.azureml-migrate]\nselect = ['AML1'\n")
    result = run_audit(cwd=tmp_path)
    assert result.returncode == 2
    assert "pyproject.toml: not valid TOML" in result.stderr
    assert result.stdout == ""


class TestCodeSelection:
    """flake8's decision: longest matching prefix wins, default-off rules need their own code."""

    def test_default_reports_default_on_rules_only(self):
        selection = CodeSelection()
        assert selection.enabled("AML101") and selection.enabled("AML401")
        assert not selection.enabled("AML202") and not selection.enabled("AML402")

    def test_explicit_prefix_select_turns_on_default_off_rules_as_flake8_does(self):
        assert CodeSelection(select=("AML",)).enabled("AML202")
        assert CodeSelection(select=("AML2",)).enabled("AML202")
        assert CodeSelection(select=("AML2",)).enabled("AML201")
        assert CodeSelection(extend_select=("AML4",)).enabled("AML402")
        assert not CodeSelection(select=("AML1",)).enabled("AML202")

    def test_explicit_code_turns_them_on(self):
        assert CodeSelection(select=("AML202",)).enabled("AML202")
        assert CodeSelection(extend_select=("AML402",)).enabled("AML402")

    def test_ignore_prefix_beats_default_select(self):
        selection = CodeSelection(ignore=("AML3",))
        assert not selection.enabled("AML301") and selection.enabled("AML101")

    def test_more_specific_wins(self):
        assert CodeSelection(select=("AML301",), ignore=("AML3",)).enabled("AML301")
        assert not CodeSelection(select=("AML3",), ignore=("AML301",)).enabled("AML301")
        assert not CodeSelection(select=("AML301",), ignore=("AML301",)).enabled("AML301")

    def test_select_limits(self):
        selection = CodeSelection(select=("AML1",))
        assert selection.enabled_codes() == ("AML101", "AML102", "AML103", "AML104", "AML105")


class TestPerFileIgnores:
    def test_name_pattern_directory_pattern_and_directory(self, tmp_path):
        entries = (PerFileIgnore(tmp_path, "*_old.py", ("AML1",)),
                   PerFileIgnore(tmp_path, "legacy/*", ("AML301",)),
                   PerFileIgnore(tmp_path, "notebooks", ("AML4",)))
        assert ignored_for_file("a/b/train_old.py", entries, tmp_path) == ("AML1",)
        assert ignored_for_file("legacy/deep/x.py", entries, tmp_path) == ("AML301",)
        assert ignored_for_file("notebooks/x.ipynb", entries, tmp_path) == ("AML4",)
        assert ignored_for_file("src/legacy_x.py", entries, tmp_path) == ()

    def test_patterns_are_relative_to_the_config_directory(self, tmp_path):
        entries = (PerFileIgnore(tmp_path, "legacy/*", ("AML301",)),)
        assert ignored_for_file("x.py", entries, tmp_path / "legacy") == ("AML301",)
        assert ignored_for_file("../legacy/x.py", entries, tmp_path / "src") == ("AML301",)
        assert ignored_for_file("x.py", entries, tmp_path / "src") == ()


class TestExclude:
    def test_bare_names_match_any_directory_and_globs_match_relative_paths(self, tmp_path):
        patterns = (ExcludePattern(tmp_path, "vendored"), ExcludePattern(tmp_path, "generated/*.py"))
        assert is_excluded("a/vendored/lib.py", patterns, tmp_path)
        assert is_excluded("generated/x.py", patterns, tmp_path)
        assert not is_excluded("src/generated/x.py", patterns, tmp_path)
        assert not is_excluded("src/x.py", patterns, tmp_path)

    def test_patterns_of_a_parent_config_stay_relative_to_it(self, tmp_path):
        patterns = (ExcludePattern(tmp_path, "generated/*.py"),)
        assert is_excluded("x.py", patterns, tmp_path / "generated")
        assert not is_excluded("generated/x.py", patterns, tmp_path / "src")


def test_config_values_flow_into_settings_types(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.azureml-migrate]\nselect = "AML1, AML2"\n'
                                      '[tool.azureml-migrate.per-file-ignores]\n"a.py" = "AML101,AML102"\n')
    settings = load_settings(["."], CommandLine(), tmp_path)
    assert settings.select == ("AML1", "AML2")
    assert settings.per_file_ignores[0].codes == ("AML101", "AML102")
    assert isinstance(settings.per_file_ignores[0].base, Path)


def test_per_file_ignores_flag_accepts_flake8_spacing(tmp_path):
    entries = parse_per_file_ignores("legacy/*: AML101, AML301\n    *_old.py:AML", tmp_path)
    assert entries == [PerFileIgnore(tmp_path, "legacy/*", ("AML101", "AML301")),
                       PerFileIgnore(tmp_path, "*_old.py", ("AML",))]


def test_exclude_globs_may_contain_spaces(tmp_path):
    settings = load_settings(["."], CommandLine(exclude=["my dir/*.py, vendored"]), tmp_path)
    assert settings.exclude == (ExcludePattern(tmp_path, "my dir/*.py"), ExcludePattern(tmp_path, "vendored"))
