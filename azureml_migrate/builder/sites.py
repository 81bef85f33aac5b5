"""What a fix needs to know about where facts sit, filled after the main walk.

Only modules with a call a fix rewrites, or a deprecated import a fix may drop, pay for this
one extra pass: the statement each rewritten call sits in, the identifiers the module uses
(so new names collide with none), where imports go, and which imported names are still read.
"""

from __future__ import annotations

import ast
import dataclasses
from collections import Counter
from typing import Dict, List, Optional, Set, Tuple

from .. import sdk
from ..facts import CallFact, ModuleFacts, StatementSite
from ..source_text import SourceText
from .syntax import is_sdk_module, span

#: calls whose fix places statements before the call's statement
REWRITTEN_CALLS = sdk.ESTIMATORS | sdk.DEPRECATED_STEPS
_COMPOUND = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try,
             ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef) + (
                 (ast.Match,) if hasattr(ast, "Match") else ()) + (
                 (ast.TryStar,) if hasattr(ast, "TryStar") else ())


def needs_sites(facts: ModuleFacts) -> bool:
    return any(call.canonical in REWRITTEN_CALLS for call in facts.calls) or any(
        fact.name != "*" and fact.name in sdk.DEPRECATED_IMPORTS for fact in facts.imports)


def fill(tree: ast.AST, facts: ModuleFacts, text: SourceText) -> None:
    """Add statement sites, module names, the import line and import usage to ``facts``.

    One walk of the tree: each node is visited with the innermost statement around it and
    whether it runs deferred (in a lambda or comprehension), so a rewritten call finds its
    statement without a search per call.
    """
    names: Set[str] = set()
    uses: Counter = Counter()
    loaded: Set[str] = set()
    wanted = {(call.span.line, call.span.col, call.span.end_line, call.span.end_col)
              for call in facts.calls if call.canonical in REWRITTEN_CALLS}
    placed: Dict[Tuple[int, int, int, int], Tuple[Optional[ast.stmt], bool]] = {}
    stack: List[Tuple[ast.AST, Optional[ast.stmt], bool]] = [(tree, None, False)]
    while stack:
        node, statement, deferred = stack.pop()
        if isinstance(node, ast.Name):
            names.add(node.id)
            uses[node.id] += 1
            if isinstance(node.ctx, ast.Load):
                loaded.add(node.id)
            continue
        if isinstance(node, ast.stmt):
            statement = node
            _note_statement(node, names, loaded)
        elif isinstance(node, _DEFERRED):
            deferred = True
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Call) and wanted:
            key = (node.lineno, node.col_offset, node.end_lineno or node.lineno, node.end_col_offset or 0)
            if key in wanted:
                placed[key] = (statement, deferred)
        stack.extend((child, statement, deferred) for child in ast.iter_child_nodes(node))
    facts.names = frozenset(names)
    facts.name_uses = dict(uses)
    facts.import_line = import_line(tree)
    facts.calls[:] = [_with_site(call, placed, text) for call in facts.calls]
    facts.imports[:] = [dataclasses.replace(fact, used=(fact.asname or fact.name) in loaded)
                        if fact.name != "*" else fact for fact in facts.imports]


_DEFERRED = (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _note_statement(node: ast.stmt, names: Set[str], loaded: Set[str]) -> None:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        names.add(node.name)
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    elif isinstance(node, (ast.Global, ast.Nonlocal)):
        names.update(node.names)
    elif _assigns_all(node):
        # a name listed in ``__all__`` keeps its import
        loaded.update(item.value for item in ast.walk(node.value)
                      if isinstance(item, ast.Constant) and isinstance(item.value, str))


def _with_site(call: CallFact, placed, text: SourceText) -> CallFact:
    if call.canonical not in REWRITTEN_CALLS:
        return call
    statement, deferred = placed.get((call.span.line, call.span.col, call.span.end_line, call.span.end_col),
                                     (None, False))
    site = None if statement is None or deferred else _site(call, statement, text)
    return dataclasses.replace(call, site=site) if site is not None else call


def _site(call: CallFact, innermost: ast.stmt, text: SourceText) -> Optional[StatementSite]:
    """Where statements can go before ``innermost``: not a compound statement's header, and
    nothing but indentation before it on its line."""
    if isinstance(innermost, _COMPOUND):
        return None
    indent = text.segment(innermost.lineno, 0, innermost.lineno, innermost.col_offset)
    if indent is None or indent.strip():
        return None
    target = None
    if (isinstance(innermost, ast.Assign) and len(innermost.targets) == 1
            and isinstance(innermost.targets[0], ast.Name) and isinstance(innermost.value, ast.Call)
            and span(innermost.value) == call.span):
        target = innermost.targets[0].id
    return StatementSite(span(innermost), indent, target)


def _assigns_all(node: ast.stmt) -> bool:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
        node, (ast.AugAssign, ast.AnnAssign)) else []
    return getattr(node, "value", None) is not None and any(
        isinstance(target, ast.Name) and target.id == "__all__" for target in targets)


def import_line(tree: ast.AST) -> int:
    """Where a fix adds imports: after the leading docstring and imports when they import from
    azureml, else after the first top-level azureml import (a notebook's first cell is often
    ``%pip install`` and settings; the SDK is imported further down, and so are its new names)."""
    body = getattr(tree, "body", [])
    line, leading_azureml, index = 1, False, 0
    for index, statement in enumerate(body):
        docstring = (index == 0 and isinstance(statement, ast.Expr)
                     and isinstance(statement.value, ast.Constant) and isinstance(statement.value.value, str))
        if not (docstring or isinstance(statement, (ast.Import, ast.ImportFrom))):
            break
        line = (statement.end_lineno or statement.lineno) + 1
        leading_azureml = leading_azureml or _imports_azureml(statement)
    else:
        return line
    if leading_azureml:
        return line
    for statement in body[index:]:
        if _imports_azureml(statement):
            return (statement.end_lineno or statement.lineno) + 1
    return line


def _imports_azureml(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.ImportFrom):
        return not statement.level and is_sdk_module(statement.module or "")
    return isinstance(statement, ast.Import) and any(is_sdk_module(alias.name) for alias in statement.names)


def import_names(node: ast.ImportFrom) -> Tuple[Tuple[str, Optional[str]], ...]:
    return tuple((alias.name, alias.asname) for alias in node.names)


def import_indent(node: ast.stmt, text: SourceText) -> Optional[str]:
    """The statement's leading whitespace when it is alone on its lines (nothing but blanks
    before it, nothing but blanks or a comment after it), else None: only then can a fix
    delete its lines whole."""
    indent = text.segment(node.lineno, 0, node.lineno, node.col_offset)
    if indent is None or indent.strip():
        return None
    end_line = node.end_lineno or node.lineno
    after = text.segment(end_line, node.end_col_offset, end_line, _LINE_END)
    if after is None or (after.strip() and not after.lstrip().startswith("#")):
        return None
    return indent


#: a column past the end of any line: a segment up to it runs to the end of its line
_LINE_END = 2**62
