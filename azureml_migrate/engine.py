"""Checking one Python module: the cheap prefilter, then facts, then rules."""

from __future__ import annotations

import ast
import re
import warnings
from typing import TYPE_CHECKING, List, Optional

from . import sdk

if TYPE_CHECKING:
    from .rules import Finding, Options

#: A module can only produce a finding if its text contains one of these: every deprecated
#: class is reached through an ``azureml`` import or requirement string; the rest are the
#: legacy data-reference spellings that need no import.
PREFILTER_MARKERS = ("azureml", "as_mount", "as_download", "as_upload", "data_references")
_DATA_REFERENCE_MARKERS = PREFILTER_MARKERS[1:]
#: With ``azureml`` in the text, a finding also needs one of these: any path to a tracked class
#: ends in its name (``Estimator`` also covers EstimatorStep and the estimator bases, ``Mpi``
#: MpiStep), requirement strings sit in these keywords and methods, and a star import brings
#: names without spelling them.
_NAME_MARKERS = tuple(sorted(
    sdk.ESTIMATORS | sdk.DISTRIBUTED_HELPERS
    | {"Estimator", "Mpi", "HyperDrive", "RunConfiguration", "DataReference"}
    | set(sdk.REQUIREMENT_KEYWORDS) | set(sdk.REQUIREMENT_METHODS)
))
_STAR_IMPORT = re.compile(r"import\s*\*")


def may_have_findings(source: str) -> bool:
    """Cheap text test: False means the module cannot produce a finding, so it is not parsed."""
    if any(marker in source for marker in _DATA_REFERENCE_MARKERS):
        return True
    if "azureml" not in source:
        return False
    return any(name in source for name in _NAME_MARKERS) or _STAR_IMPORT.search(source) is not None


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
