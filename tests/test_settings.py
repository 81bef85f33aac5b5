"""The shared settings: the parts checked without a configuration file."""

from __future__ import annotations

import pytest

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
