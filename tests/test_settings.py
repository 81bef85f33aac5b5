"""The shared settings: the parts checked without a configuration file."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from azureml_migrate import catalog
from azureml_migrate.settings import DEFAULT_TARGET, TARGETS, CodeSelection


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("select", [None, ("AML",), ("AML5",), ("AML501",), ("W",), ("AML1", "E")])
@pytest.mark.parametrize("extend_select", [(), ("AML",), ("AML5",), ("AML509",), ("A",)])
def test_the_target_families_shortcut_agrees_with_the_catalog(target, select, extend_select):
    """``target_families`` answers without the catalog under the default target and bare
    selections; the answer must be the one every rule's ``enabled`` gives."""
    selection = CodeSelection(select=select, extend_select=extend_select, target=target)
    every = tuple(sorted({family for code, family in catalog.TARGET_OF.items() if selection.enabled(code)}))
    assert selection.target_families() == every


def test_no_rule_family_belongs_to_the_default_target():
    """The shortcut assumes it: the default target's rules are the default-on ones."""
    assert DEFAULT_TARGET not in catalog.TARGET_OF.values()


@pytest.mark.parametrize("code", [*(rule.code for rule in catalog.RULES), "AML000", "AML999", "E501", ""])
def test_a_codes_family_and_default_read_from_its_module_agree_with_the_catalog(code):
    """``enabled`` learns a code's family and default from that rule's module alone (a flake8
    run with one finding does not load the catalog); the answer must be the catalog's."""
    from azureml_migrate.rules import rule_of_code
    from azureml_migrate.settings import _family_and_default_off

    assert _family_and_default_off(code) == (catalog.TARGET_OF.get(code), code in catalog.DEFAULT_DISABLED)
    if code in catalog.RULES_BY_CODE:
        assert rule_of_code(code) is catalog.RULES_BY_CODE[code]
    else:
        assert rule_of_code(code) is None


def _parser_finds_table(text: str) -> bool:
    """What ``has_section`` answers for a pyproject.toml by parsing it (the slow way)."""
    import tomllib

    from azureml_migrate.settings import TABLE, _broken_toml_names_table

    try:
        document = tomllib.loads(text)
    except (ValueError, RecursionError):
        return _broken_toml_names_table(text)
    return isinstance(document.get("tool"), dict) and TABLE in document["tool"]


#: Lines of pyproject.toml text, valid and broken, that put the table's key in and out of
#: ``tool``: headers, dotted keys, inline tables, multi-line arrays whose lines look like
#: headers, brackets in strings and comments, escapes and multi-line strings.
TOML_LINES = [
    "[tool]", "[tool.azureml-migrate]", "[[tool.azureml-migrate]]", '["tool"]', "[ 'tool' . x ]",
    "[tool.azureml-migrate.per-file-ignores]", "[project]", "[project.scripts]", "[toolx]", "[ tool ]",
    "azureml-migrate = 'azureml_migrate.cli:main'", "azureml-migrate = {select = ['AML']}",
    "azureml-migrate.select = ['AML']", "'azureml-migrate' = {}", "tool.azureml-migrate.select = []",
    "tool = {azureml-migrate = {}}", "x = [", "[1],", "['tool'],", "]", "x = ['[tool]', \"[project]\"]",
    "# [tool] azureml-migrate", "name = 'azureml-migrate-lint'", "y = { a = [", "[tool.azureml-migrate],",
    "] }", '"azureml\\u002dmigrate" = {}', 'z = """', "[tool]", '"""', "x = 1 # ]", "  [tool]", "\t[project]",
    "[tool.azureml-migrate", "= broken", "[", "}",
]


@pytest.mark.parametrize("text", [
    "[project]\nname = 'azureml-migrate-lint'\n[project.scripts]\nazureml-migrate = 'x:main'\n",
    "[tool.ruff]\nline-length = 100\n",
    "[project]\ndependencies = [\n  'azureml-migrate-lint',\n]\n[tool.pytest.ini_options]\naddopts = '-q'\n",
])
def test_toml_without_the_table_is_not_parsed(text):
    """The common pyproject.toml (the plugin as a dependency, another tool's table, a script
    of that name) is answered without the TOML parser; the parser agrees."""
    from azureml_migrate.settings import _toml_may_hold_table

    assert _toml_may_hold_table(text) is False
    assert _parser_finds_table(text) is False


def test_this_repositorys_pyproject_is_answered_without_the_parser():
    from pathlib import Path

    from azureml_migrate.settings import _toml_may_hold_table

    text = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert _toml_may_hold_table(text) is False
    assert _parser_finds_table(text) is False


@pytest.mark.parametrize("text", [
    "[tool.azureml-migrate]\nselect = ['AML']\n", "[tool]\nazureml-migrate = {select = ['AML']}\n",
    "tool.azureml-migrate.select = ['AML']\n", "tool = {azureml-migrate = {}}\n",
    "[project]\nx = [\n[1],\n]\n[tool]\nazureml-migrate.select = []\n",
    "[\"tool\".'azureml-migrate']\n", "[tool]\n\"azureml\\u002dmigrate\" = {}\n",
    "[tool]\nx = '''\n[project]\n'''\nazureml-migrate = {}\n", "[tool.azureml-migrate\n",
])
def test_toml_with_the_table_goes_to_the_parser(text):
    from azureml_migrate.settings import _toml_may_hold_table

    assert _toml_may_hold_table(text) is True
    assert _parser_finds_table(text) is True


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(TOML_LINES), max_size=12), st.sampled_from(["\n", "\r\n"]))
def test_toml_the_parser_finds_the_table_in_is_never_skipped(lines, newline):
    """Documents put together from tricky lines: whenever the parser finds the table (or a
    broken document names it), the cheap test must send the text to the parser."""
    from azureml_migrate.settings import _toml_may_hold_table

    text = newline.join(lines) + newline
    if _parser_finds_table(text):
        assert _toml_may_hold_table(text)


@pytest.mark.parametrize("text", ["[flake8]\nmax-line-length = 120\n", "[ azureml-migrate ]\nselect = AML\n",
                                  "[AzureML-Migrate]\nselect = AML\n", "[azureml-migrate-lint]\nx = 1\n",
                                  "[azureml-migrate]\nselect = AML\n", "[azureml-migrate]\n[azureml-migrate]\n"])
def test_setup_cfg_without_the_section_spelled_is_not_parsed(tmp_path, text):
    """configparser names a section exactly as its header line spells it, so a setup.cfg whose
    text lacks ``[azureml-migrate]`` is answered without parsing; the answer is the parser's
    (a broken file that spells it counts as ours)."""
    import configparser

    from azureml_migrate.settings import TABLE, has_section

    path = tmp_path / "setup.cfg"
    path.write_text(text, encoding="utf-8")
    try:
        expected = configparser.ConfigParser(interpolation=None, strict=False)
        expected.read_string(text)
        parsed = expected.has_section(TABLE)
    except configparser.Error:
        parsed = f"[{TABLE}]" in text
    assert has_section(path) is parsed
