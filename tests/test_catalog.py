"""The catalog is data: ids are valid and unique, every rule is documented, and everything
generated from it (flake8 messages, README table, docs/rules.md, CLI) agrees with it."""

from __future__ import annotations

import json
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from azureml_migrate.catalog import (
    DOC_SECTIONS,
    FLAKE8_PREFIX,
    INTERNAL_ERROR_CODE,
    PYLINT_CHECKER_ID,
    RULES,
    all_docs_markdown,
    rule_for,
    rules_table_markdown,
)
from azureml_migrate.records import field_names

ROOT = Path(__file__).resolve().parent.parent

#: Checker ids in pylint's external range used by pylint's own extensions and by well-known
#: plugins (pylint-django 51, dslinter 55, pylint-protobuf 59, pylint-pytest 64,
#: pylint-restricted-imports 69, pylint-secure-coding-standard/pylint-ml 80, pylint-odoo and
#: perflint 81-84, pylint-airflow 83, pylint docparams 90, ...).
TAKEN_CHECKER_IDS = {51, 55, 56, 59, 60, 61, 62, 63, 64, 69, 80, 81, 82, 83, 84, 90, 99}


def test_flake8_codes_are_valid_and_unique():
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    for code in codes + [INTERNAL_ERROR_CODE]:
        assert re.fullmatch(r"[A-Z]{1,3}[0-9]{0,3}", code), code
        assert code.startswith(FLAKE8_PREFIX)
    assert INTERNAL_ERROR_CODE not in codes


def test_pylint_ids_share_one_free_external_checker_id():
    assert 51 <= int(PYLINT_CHECKER_ID) <= 99
    assert int(PYLINT_CHECKER_ID) not in TAKEN_CHECKER_IDS
    msgids = [rule.msgid for rule in RULES]
    assert len(msgids) == len(set(msgids))
    for msgid in msgids:
        assert re.fullmatch(rf"[CWERF]{PYLINT_CHECKER_ID}\d\d", msgid), msgid


def test_symbols_are_unique_and_namespaced():
    symbols = [rule.symbol for rule in RULES]
    assert len(symbols) == len(set(symbols))
    for symbol in symbols:
        assert re.fullmatch(r"azureml-[a-z0-9-]+", symbol), symbol


def test_every_rule_is_documented_with_the_same_sections():
    for rule in RULES:
        page = rule.docs()
        positions = [page.find(section) for section in DOC_SECTIONS]
        assert -1 not in positions and positions == sorted(positions), rule.code
        for field in (rule.summary, rule.what, rule.why, rule.example, rule.use_instead(), rule.fix_safety):
            assert field.strip(), rule.code
        safety = page[page.index("## Fix safety"):]
        assert f"Fix availability: {rule.fix}" in safety and rule.fix_safety in safety, rule.code
        compile(rule.example, f"{rule.code}-example", "exec")
        compile(rule.use_instead(), f"{rule.code}-instead", "exec")


def test_messages_use_only_named_placeholders():
    for rule in RULES:
        names = [name for _, name, _, _ in string.Formatter().parse(rule.message) if name is not None]
        assert names and all(name.isidentifier() for name in names), rule.code


def test_only_the_documented_rules_are_off_by_default():
    assert {rule.code for rule in RULES if not rule.default_enabled and not rule.target} == {"AML202", "AML402"}
    # the v2 family: off by default, on with target = "v2"
    assert {rule.code for rule in RULES if rule.target} == {f"AML50{n}" for n in range(1, 10)}
    assert all(not rule.default_enabled and rule.target == "v2" for rule in RULES if rule.target)


def test_readme_rule_table_matches_the_catalog():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- rules-table:start -->\n", 1)[1].split("\n<!-- rules-table:end -->", 1)[0]
    assert table == rules_table_markdown()


def test_docs_rules_page_is_generated_from_the_catalog():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == all_docs_markdown()


@pytest.mark.parametrize("key", ["AML301", "aml301", "W7309", "azureml-estimator-environment-param"])
def test_rules_can_be_looked_up_by_code_msgid_or_symbol(key):
    assert rule_for(key).code == "AML301"


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "azureml_migrate.cli", *args],
                          capture_output=True, text=True, check=False)


def test_cli_rules_json_lists_every_rule():
    result = _cli("rules", "--format", "json")
    assert result.returncode == 0
    listed = json.loads(result.stdout)["rules"]
    assert [(r["code"], r["symbol"], r["msgid"], r["default_enabled"]) for r in listed] == [
        (rule.code, rule.symbol, rule.msgid, rule.default_enabled) for rule in RULES]
    assert all(r["summary"] for r in listed)


def test_cli_rules_table_has_a_line_per_rule():
    lines = _cli("rules").stdout.splitlines()
    assert [line.split()[0] for line in lines] == [rule.code for rule in RULES]


def test_cli_explain_prints_the_rule_docs():
    result = _cli("explain", "AML301")
    assert result.returncode == 0
    assert result.stdout.strip() == rule_for("AML301").docs().strip()
    assert "## Use instead" in result.stdout and "DockerConfiguration" in result.stdout


def test_installed_explain_shows_the_fix_safety_section(tmp_path):
    from tests.test_audit_support import audit_command

    result = subprocess.run([*audit_command(), "explain", "AML401"], cwd=tmp_path, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0 and result.stderr == ""
    safety = result.stdout[result.stdout.index("## Fix safety"):]
    assert safety.startswith("## Fix safety\n\nFix availability: sometimes")
    assert "It is unsafe: it changes what installs" in safety and "hash-checking" in safety


def test_cli_explain_unknown_rule_is_a_usage_error():
    result = _cli("explain", "AML999")
    assert result.returncode == 2
    assert "unknown rule 'AML999'" in result.stderr


def test_a_rule_code_is_written_only_in_its_own_module():
    """Everything else reaches a rule through the catalog, so renaming or retiring one rule is
    one module (docs, tests and samples aside)."""
    packages = [ROOT / "azureml_migrate", ROOT / "flake8_azureml_migrate", ROOT / "pylint_azureml_migrate"]
    own_module = {rule.code: f"{rule.code.lower()}_" for rule in RULES}
    misplaced = []
    for package in packages:
        for path in sorted(package.rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                for code in re.findall(r"\bAML\d{3}\b", line):
                    if code in own_module and not path.name.startswith(own_module[code]):
                        misplaced.append(f"{path.relative_to(ROOT)}:{number}: {code}")
    assert misplaced == []


def test_message_templates_have_typed_fields():
    for rule in RULES:
        fields = {name for _, name, _, _ in string.Formatter().parse(rule.message) if name}
        assert fields == set(field_names(rule.fields)), rule.code


def test_a_finding_needs_its_rules_own_message_fields():
    from azureml_migrate.facts import Span

    estimator, data_reference = rule_for("AML101"), rule_for("AML203")
    span = Span(1, 0, 1, 1)
    with pytest.raises(TypeError):
        estimator.finding(span, data_reference.fields(what="x", replacement="y"))
    with pytest.raises(TypeError):
        estimator.fields(cls="PyTorch", replacement="y")
    message = estimator.finding(span, estimator.fields(cls="PyTorch")).message
    assert message.startswith("'PyTorch'") and message.endswith(" (manual)")


def test_rule_texts_are_dedented_as_textwrap_does():
    """``rules.base.dedented`` stands for ``textwrap.dedent(text).strip()``: the same text for
    indented blocks with blank, whitespace-only, tab and carriage-return lines."""
    import textwrap

    from hypothesis import given, settings, strategies as st

    from azureml_migrate.rules.base import dedented

    line = st.tuples(st.sampled_from(["", " ", "  ", "    ", "\t", " \t", "      "]),
                     st.sampled_from(["", "x", "a b", " ", "\x0b", "\x0c y", "é", "\r", "z\r"])).map("".join)

    @settings(max_examples=500, deadline=None)
    @given(st.lists(line, max_size=8).map("\n".join))
    def same(text):
        assert dedented(text) == textwrap.dedent(text).strip()

    same()
