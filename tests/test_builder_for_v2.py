"""``build_facts(..., for_v2=False)``: with no v2 rule or rewrite on, a ScriptRunConfig call and
v1 imports do not make the builder record a fix's surroundings (``sites.needs_fill``). The
default families must then report the same findings with the same fixes, on every corpus."""

from __future__ import annotations

import pytest

from azureml_migrate.builder import build_facts
from azureml_migrate.engine import check_tree, may_have_findings, parse_source
from azureml_migrate.rules import Options, check_module
from tests.test_prefilter import SDK_TREE, corpus_files

SUBMITTING_MODULE = '''\
from azureml.core import Experiment, ScriptRunConfig, Workspace
ws = Workspace.from_config()
src = ScriptRunConfig(source_directory=".", script="train.py")
src.run_config.data_references = {"d": ref}
Experiment(ws, "e").submit(src)
'''


def test_a_submitting_module_records_no_sites_without_v2():
    """The case the flag is for: a v1 job submitted through ScriptRunConfig, and a finding."""
    tree = parse_source(SUBMITTING_MODULE)
    with_v2 = build_facts(tree, SUBMITTING_MODULE)
    without = build_facts(tree, SUBMITTING_MODULE, for_v2=False)
    assert with_v2.name_counts and not without.name_counts
    assert with_v2.attribute_reads and not without.attribute_reads
    findings = check_module(without, Options())
    assert [f.code for f in findings] == ["AML203"]
    assert findings == check_module(with_v2, Options())


def test_the_default_families_find_and_fix_the_same_on_every_corpus():
    compared = differing_facts = 0
    for path in corpus_files():
        try:
            source = path.read_text(encoding="utf-8")
            tree = parse_source(source)
        except (UnicodeDecodeError, SyntaxError):
            continue
        if not may_have_findings(source):
            continue
        with_v2 = build_facts(tree, source)
        without = build_facts(tree, source, for_v2=False)
        differing_facts += with_v2 != without
        for options in (Options(), Options(line_length=79)):
            assert check_module(without, options) == check_module(with_v2, options), path
        compared += 1
    assert compared > 100 and differing_facts > 10, (compared, differing_facts)


@pytest.mark.parametrize("target, target_rules", [("v2", ("v2",)), ("scriptrunconfig", ("v2",)), ("v2", ())])
def test_the_v2_target_or_family_builds_everything(target, target_rules):
    tree = parse_source(SUBMITTING_MODULE)
    options = Options(target=target, target_rules=target_rules)
    assert check_tree(tree, SUBMITTING_MODULE, options) == check_module(build_facts(tree, SUBMITTING_MODULE), options)
