"""Property-based fuzzing of the pylint side: the astroid fact builder and rules never raise, line
endings change nothing, and hints quote the code's own text (parity with flake8 is fuzzed in
test_pylint_fuzz_parity.py)."""

from __future__ import annotations

import ast
import warnings

import pytest

hypothesis = pytest.importorskip("hypothesis")
hypothesmith = pytest.importorskip("hypothesmith")

import astroid  # noqa: E402
from hypothesis import HealthCheck, assume, given, settings  # noqa: E402

from azureml_migrate.engine import parse_source  # noqa: E402
from azureml_migrate.rules import check_module  # noqa: E402
from pylint_azureml_migrate.astroid_facts import build_facts  # noqa: E402
from tests.test_fuzz_core import assert_well_formed, azureml_modules  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")


def pylint_findings(source: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        module = astroid.parse(source)
    facts, _ = build_facts(module, source)
    return [(f.code, f.span, f.message, f.hint, f.confidence) for f in check_module(facts)]


@given(azureml_modules())
def test_pylint_facts_never_raise_on_azureml_code(source):
    assert_well_formed(pylint_findings(source), source)


@given(hypothesmith.from_grammar())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], max_examples=100)
def test_pylint_facts_never_raise_on_any_python(source):
    try:
        parse_source(source)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            astroid.parse(source)
    except (SyntaxError, astroid.AstroidSyntaxError, RecursionError):
        assume(False)
    assert_well_formed(pylint_findings("from azureml.train.dnn import *\n" + source), source)


@given(azureml_modules())
def test_crlf_line_endings_give_the_same_pylint_findings(source):
    assert pylint_findings(source.replace("\n", "\r\n")) == pylint_findings(source)


@given(azureml_modules().map(lambda source: source.replace("\n", "\r\n", 1)))
def test_pylint_hints_quote_the_arguments_own_source(source):
    """Keyword values as the facts carry them are Python's own get_source_segment of the value."""
    tree = parse_source(source)
    written = {(node.arg, node.lineno, node.col_offset): ast.get_source_segment(source, node.value)
               for node in ast.walk(tree) if isinstance(node, ast.keyword) and node.arg}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        facts, _ = build_facts(astroid.parse(source), source)
    for call in facts.calls:
        for keyword in call.keywords:
            assert keyword.value.text == written[(keyword.name, keyword.span.line, keyword.span.col)]
