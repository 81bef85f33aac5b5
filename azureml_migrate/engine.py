"""Checking one Python module: the cheap prefilter, then facts, then rules."""

from __future__ import annotations

import ast
import warnings
from typing import TYPE_CHECKING, List, Optional

if TYPE_CHECKING:
    from .rules import Finding, Options

#: A module can only produce a finding if its text contains one of these: every deprecated
#: class is reached through an ``azureml`` import or requirement string; the rest are the
#: legacy data-reference spellings that need no import.
PREFILTER_MARKERS = ("azureml", "as_mount", "as_download", "as_upload", "data_references")


def may_have_findings(source: str) -> bool:
    return any(marker in source for marker in PREFILTER_MARKERS)


def check_tree(tree: ast.AST, source: Optional[str], options: Optional[Options] = None) -> List[Finding]:
    """Findings for an already parsed module (``source`` gives hints their original text).

    The fact builder and the rules are imported here, on first use: a flake8 run whose files
    never pass the prefilter does not pay the ~50 ms it takes to import them.
    """
    from .ast_facts import build_facts
    from .rules import Options, check_module

    return check_module(build_facts(tree, source), options if options is not None else Options())


def parse_source(source: str) -> ast.AST:
    """``ast.parse``, with every way it refuses a module raised as SyntaxError, and quiet.

    CPython also refuses source with RecursionError/MemoryError (nesting too deep for its
    parser) and ValueError (NUL bytes before 3.11.4, lone surrogates); callers need one
    exception to report. Warnings (invalid escape sequences) would otherwise be printed for
    the user's code, or raised when warnings are errors.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ast.parse(source)
        except SyntaxError:
            raise
        except (RecursionError, MemoryError) as error:
            raise SyntaxError(f"nested too deeply for Python to parse ({type(error).__name__})") from None
        except ValueError as error:
            raise SyntaxError(f"not valid Python source: {error}") from None


def check_source(source: str, options: Optional[Options] = None) -> List[Finding]:
    """Findings for module source text; raises SyntaxError if it does not parse."""
    if not may_have_findings(source):
        return []
    return check_tree(parse_source(source), source, options)
