"""Checking one Python module: the cheap prefilter, then facts, then rules."""

from __future__ import annotations

import ast
from typing import List, Optional

from .ast_facts import build_facts
from .rules import Finding, Options, check_module

#: A module can only produce a finding if its text contains one of these: every deprecated
#: class is reached through an ``azureml`` import or requirement string; the rest are the
#: legacy data-reference spellings that need no import.
PREFILTER_MARKERS = ("azureml", "as_mount", "as_download", "as_upload", "data_references")


def may_have_findings(source: str) -> bool:
    return any(marker in source for marker in PREFILTER_MARKERS)


def check_tree(tree: ast.AST, source: Optional[str], options: Options = Options()) -> List[Finding]:
    """Findings for an already parsed module (``source`` gives hints their original text)."""
    return check_module(build_facts(tree, source), options)


def check_source(source: str, options: Options = Options()) -> List[Finding]:
    """Findings for module source text; raises SyntaxError if it does not parse."""
    if not may_have_findings(source):
        return []
    return check_tree(ast.parse(source), source, options)
