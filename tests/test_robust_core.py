"""The shared core on hostile Python: it reports what it can and refuses the rest with SyntaxError."""

from __future__ import annotations

import ast
import importlib.util
import warnings

import pytest

from azureml_migrate.builder import build_facts
from azureml_migrate.engine import check_source, check_tree, parse_source
from azureml_migrate.fixer import fix_text
from tests.hostile import (
    CHECKABLE_PYTHON,
    LEGACY_CODE,
    LEGACY_CODES,
    NESTED_KINDS,
    deepest_parseable,
    nested,
    python_files,
)


def codes(findings):
    return [finding.code for finding in findings]


@pytest.mark.parametrize("kind", NESTED_KINDS)
def test_code_as_deep_as_python_parses_is_checked_in_full(kind):
    """Python accepts ~3,000 levels (10,000 on 3.13); a recursive walk alone fails near 330."""
    depth = deepest_parseable(kind)
    source = LEGACY_CODE + "x = " + nested(kind, depth) + "\nEstimator('t', use_gpu=True)\n"
    assert codes(check_source(source)) == LEGACY_CODES + ["AML101", "AML301"]


def test_deep_fallback_leaves_the_recursion_limit_as_it_was():
    import sys

    before = sys.getrecursionlimit()
    depth = deepest_parseable("binary")
    build_facts(ast.parse("x = " + nested("binary", depth)))
    assert sys.getrecursionlimit() == before


def test_deep_code_inside_an_estimator_call_keeps_its_findings():
    depth = deepest_parseable("binary")
    source = ("from azureml.train.estimator import Estimator\n"
              f"Estimator('src', pip_packages=['a'] + {nested('binary', depth)})\n")
    assert codes(check_source(source)) == ["AML102", "AML101", "AML301"]


@pytest.mark.parametrize("source, reason", [
    (LEGACY_CODE + "x = " + nested("calls", 5000) + "\n", "too many nested parentheses"),
    (LEGACY_CODE + "x = " + "lambda: " * 5000 + "1\n", "nested|too many"),
    (LEGACY_CODE + "x = 1\x00\n", "null bytes"),
    (LEGACY_CODE + "s = '\udc80'\n", "surrogates"),
    (LEGACY_CODE + "print 'python 2'\n", "print"),
], ids=["5000_nested_calls", "5000_lambdas", "nul_byte", "lone_surrogate", "python2_print"])
def test_source_python_refuses_is_one_syntax_error(source, reason):
    """Callers handle one exception; CPython raises four kinds (RecursionError, MemoryError...)."""
    with pytest.raises(SyntaxError, match=reason):
        check_source(source)


def test_nesting_beyond_what_any_checker_walks_is_refused_clearly():
    """3.11+ refuse 100,000 levels while parsing; 3.9/3.10 parse them, and the facts builder stops."""
    source = LEGACY_CODE + "x = " + nested("binary", 100_000) + "\n"
    with pytest.raises((SyntaxError, RecursionError), match="too deep"):
        check_source(source)


def test_parsing_is_quiet_and_unaffected_by_warnings_as_errors():
    """``'\\d'`` warns in 3.12+; with -W error that warning would make valid code unparsable."""
    source = LEGACY_CODE + "pattern = '\\d+'\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert codes(check_source(source)) == LEGACY_CODES
        parse_source(source)


@pytest.mark.parametrize("name", sorted(python_files()))
def test_every_hostile_module_gives_findings_or_a_syntax_error(name):
    data = python_files()[name]
    try:
        source = importlib.util.decode_source(data)
    except (SyntaxError, UnicodeDecodeError, LookupError):
        source = data.decode("latin-1")  # as flake8 falls back
    try:
        found = codes(check_source(source))
    except SyntaxError:
        assert name not in CHECKABLE_PYTHON
        return
    if name in CHECKABLE_PYTHON:
        assert found == LEGACY_CODES
    else:
        assert found in ([], LEGACY_CODES)


def test_a_megabyte_list_on_one_line_is_checked():
    source = LEGACY_CODE + "x = [" + "1, " * 350_000 + "]\n"
    assert codes(check_source(source)) == LEGACY_CODES


def test_check_tree_accepts_a_tree_without_source_text():
    """The audit and flake8 pass source; a caller with only a tree still gets hints (unparsed)."""
    tree = ast.parse(LEGACY_CODE)
    assert codes(check_tree(tree, None)) == LEGACY_CODES


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x1c", "\x1e", "\x0b"],
                         ids=["U+2028", "U+2029", "NEL", "form_feed", "FS", "RS", "VT"])
def test_characters_str_splitlines_breaks_at_do_not_shift_quoted_text(separator):
    """Only \\n, \\r\\n and \\r end a Python line; hints must quote the right line after others."""
    source = (f"note = 'a{separator}b'\n"
              "from azureml.train.estimator import Estimator\n"
              "est = Estimator(src_dir, entry_script=pick('train.py'), compute_target='local')\n")
    [aml101] = [finding for finding in check_source(source) if finding.code == "AML101"]
    assert "    source_directory=src_dir,\n    script=pick('train.py'),\n" in aml101.hint
    fixed = fix_text(source, "python").text
    assert fixed.startswith(f"note = 'a{separator}b'\n")
    assert "est = ScriptRunConfig(\n    source_directory=src_dir,\n    script=pick('train.py'),\n" in fixed
