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
