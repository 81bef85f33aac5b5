"""Checking one Python module: the cheap prefilter, then facts, then rules."""

from __future__ import annotations

import ast
import contextlib
import gc
import warnings
from typing import TYPE_CHECKING, Iterator, List, Optional, Sequence

from . import sdk
from .prefilter import tree_may_have_findings

if TYPE_CHECKING:
    from .builder import CalleeResolver
    from .rules import Finding, Options

#: Names a tracked class is reached through: any import path ends in one of them
#: (``Estimator`` also covers EstimatorStep and the estimator bases, ``Mpi`` MpiStep), and a
#: re-export from the user's own module usually keeps the name.
TRACKED_NAME_MARKERS = tuple(sorted(
    sdk.ESTIMATORS | sdk.DISTRIBUTED_HELPERS
    | {"Estimator", "Mpi", "HyperDrive", "RunConfiguration", "DataReference"}
))
#: Legacy data-reference spellings that need no import of their own.
DATA_REFERENCE_MARKERS = ("as_mount", "as_download", "as_upload", "data_references")
#: With ``azureml`` in the text, a finding needs a tracked name, a requirement keyword or
#: method (requirement strings sit there), or a star import (names without spelling them).
_NAME_MARKERS = TRACKED_NAME_MARKERS + tuple(sorted(set(sdk.REQUIREMENT_KEYWORDS) | set(sdk.REQUIREMENT_METHODS)))
#: The markers that contain ``_package`` (``pip_packages``, ``add_conda_package`` ...): text
#: without that substring has none of them, so one scan stands for them on most modules.
_PACKAGE_PART = "_package"
_PACKAGE_MARKERS = tuple(name for name in _NAME_MARKERS if _PACKAGE_PART in name)
_OTHER_NAME_MARKERS = tuple(name for name in _NAME_MARKERS if _PACKAGE_PART not in name)


def may_have_findings(source: str, inference: bool = False, target_rules: Sequence[str] = ()) -> bool:
    """Cheap text test: False means the module cannot produce a finding, so it is not parsed.

    With ``inference`` (pylint, which follows re-exports from the user's own modules) a
    tracked class name is enough even without ``azureml`` in the text. With a target's rule
    family on (``Options.target_rules``: the v2 rules flag any v1 import) ``azureml`` is enough.
    """
    if "azureml" in source:
        if (target_rules or any(name in source for name in _OTHER_NAME_MARKERS)
                or (_PACKAGE_PART in source and any(name in source for name in _PACKAGE_MARKERS))
                or spells_star_import(source)):
            return True
    elif inference and any(name in source for name in TRACKED_NAME_MARKERS):
        return True
    # last: a module that passes by its names is not scanned for these here, since the tree
    # prefilter scans it for them again first (``prefilter.tree_may_have_findings``)
    return any(marker in source for marker in DATA_REFERENCE_MARKERS)


def check_tree(tree: ast.AST, source: Optional[str], options: Optional[Options] = None,
               resolve_callee: Optional[CalleeResolver] = None) -> List[Finding]:
    """Findings for an already parsed module (``source`` gives hints their original text).

    A module the tree prefilter clears (no target family, no host inference: the default
    families) gets no facts at all. The fact builder and the rules are imported here, on first
    use: a flake8 run whose files never need them does not pay for importing them.
    """
    if (source is not None and resolve_callee is None and not (options is not None and options.target_rules)
            and not tree_may_have_findings(tree, source)):
        return []
    from .builder import build_facts
    from .rules import Options, check_module

    options = options if options is not None else Options()
    facts = build_facts(tree, source, resolve_callee, for_v2=options.reads_v2())
    return check_module(facts, options)


def spells_star_import(source: str) -> bool:
    """Whether ``import``, optional whitespace and ``*`` are written in the text (a star import
    binds names without spelling them). A scan, not a regex, whose compile would cost more than
    the scans of a flake8 run; each whitespace character is read once."""
    size = len(source)
    start = source.find("import")
    while start >= 0:
        end = start + len("import")
        while end < size and source[end].isspace():
            end += 1
        if source.startswith("*", end):
            return True
        start = source.find("import", end)
    return False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a module is parsed (and while the language
    server checks a buffer, ``server/protocol.py``): a syntax tree holds no cycle,
    so a collection during the parse frees nothing, but each one walks every object alive, and
    the many nodes of a large module made parsing it grow faster than its size (a module of
    5,000 rewritten estimator calls: 0.87 s with the collector, 0.33 s without; 500: 0.047 s
    and 0.029 s)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_source(source: str) -> ast.AST:
    """``ast.parse``, with every way it refuses a module raised as SyntaxError, and quiet.

    CPython also refuses source with RecursionError/MemoryError (nesting too deep for its
    parser) and ValueError (NUL bytes before 3.11.4, lone surrogates); callers need one
    exception to report. Warnings (invalid escape sequences) would otherwise be printed for
    the user's code, or raised when warnings are errors.
    """
    with warnings.catch_warnings(), collector_paused():
        warnings.simplefilter("ignore")
        try:
            return ast.parse(source)
        except SyntaxError:
            raise
        except (RecursionError, MemoryError) as error:
            raise SyntaxError(f"nested too deeply for Python to parse ({type(error).__name__})") from None
        except ValueError as error:
            raise SyntaxError(f"not valid Python source: {error}") from None


def check_source(source: str, options: Optional[Options] = None,
                 resolve_callee: Optional[CalleeResolver] = None) -> List[Finding]:
    """Findings for module source text; raises SyntaxError if it does not parse."""
    chosen = options.target_rules if options is not None else ()
    if not may_have_findings(source, inference=resolve_callee is not None, target_rules=chosen):
        return []
    return check_tree(parse_source(source), source, options, resolve_callee)
