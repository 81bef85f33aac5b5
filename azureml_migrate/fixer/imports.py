"""The imports a fix needs: which are bound already, which name clashes, and where new ones go.

A fix's ``imports`` are added as ``from M import N`` unless the module already binds ``N``
that way at module level. When ``N`` is bound to anything else at module level, the fix would
change what that name means, so it is not applied (the caller reports it as manual work).
New names join an existing one-line top-level ``from M import ...`` of the same module, or go
on a line of their own at the module's import line (after its docstring, ``__future__`` and
leading imports).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional, Sequence, Set, Tuple

from ..builder.sites import import_line
from ..fixes import Import

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda,
           ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


@dataclass
class ModuleNames:
    """What a module binds at module level (not inside functions or classes)."""

    #: (module, name) of every ``from module import name`` (no alias, or ``as name``)
    imported: Set[Tuple[str, str]] = field(default_factory=set)
    #: every name bound at module level, by anything
    bound: Set[str] = field(default_factory=set)
    #: module -> the last one-line top-level ``from module import ...`` statement
    mergeable: Dict[str, ast.ImportFrom] = field(default_factory=dict)
    #: the line new import statements go on
    line: int = 1

    @classmethod
    def of(cls, tree: ast.Module) -> "ModuleNames":
        names = cls(line=import_line(tree))
        for node in _module_level(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    if alias.name == "*":
                        continue
                    bound = alias.asname or alias.name.split(".")[0]
                    names.bound.add(bound)
                    if isinstance(node, ast.ImportFrom) and not node.level and bound == alias.name:
                        names.imported.add((node.module or "", alias.name))
            elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                names.bound.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.bound.add(node.name)
            elif isinstance(node, ast.ExceptHandler) and node.name:
                names.bound.add(node.name)
            elif isinstance(node, (ast.Global, ast.Nonlocal)):
                names.bound.update(node.names)
            elif type(node).__name__ in ("MatchAs", "MatchStar") and getattr(node, "name", None):
                names.bound.add(node.name)
            elif type(node).__name__ == "MatchMapping" and getattr(node, "rest", None):
                names.bound.add(node.rest)
        for statement in tree.body:
            if (isinstance(statement, ast.ImportFrom) and not statement.level and statement.module
                    and statement.lineno == statement.end_lineno
                    and all(alias.name != "*" for alias in statement.names)):
                names.mergeable[statement.module] = statement
        return names

    def missing(self, imports: Sequence[Import]) -> Tuple[List[Import], Optional[str]]:
        """(the imports still to add, the first name bound to something else, if any)."""
        needed = []
        for item in imports:
            if (item.module, item.name) in self.imported:
                continue
            if item.name in self.bound:
                return [], item.name
            needed.append(item)
        return needed, None


def _module_level(tree: ast.Module) -> Iterator[ast.AST]:
    """Every node that runs at module level; a function or class is its name, not its body."""
    stack: List[ast.AST] = list(reversed(tree.body))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, _SCOPES):
            # defaults, decorators and bases run at module level, but bind nothing here
            # except through a walrus, which code a fix touches does not rely on
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


@dataclass(frozen=True)
class ImportPlan:
    """Where each needed import is written: joined to an existing statement, or on new lines."""

    #: (statement, names) to append to a one-line ``from module import ...``
    joined: Tuple[Tuple[ast.ImportFrom, Tuple[str, ...]], ...] = ()
    #: new statements for the import line, sorted
    new_lines: Tuple[str, ...] = ()


def plan(names: ModuleNames, imports: Sequence[Import],
         can_join=lambda statement: True) -> ImportPlan:
    """How to add ``imports`` (already deduplicated and missing): join or new lines.

    ``can_join(statement)`` says whether the statement is free to extend (no fix of this round
    edits it, and it sits where an edit may go).
    """
    by_module: Dict[str, List[str]] = {}
    for item in imports:
        listed = by_module.setdefault(item.module, [])
        if item.name not in listed:
            listed.append(item.name)
    joined = []
    new_lines = []
    for module in sorted(by_module):
        statement = names.mergeable.get(module)
        if statement is not None and can_join(statement):
            joined.append((statement, tuple(by_module[module])))
        else:
            new_lines.append(f"from {module} import {', '.join(sorted(by_module[module]))}")
    return ImportPlan(tuple(joined), tuple(new_lines))


def join_text(line_text: str, statement: ast.ImportFrom, added: Sequence[str]) -> Tuple[int, str]:
    """(byte column to insert at, text) to add names to a one-line ``from M import a``
    (or ``from M import (a, b)``)."""
    encoded = line_text.encode("utf-8", errors="surrogatepass")
    end = statement.end_col_offset or 0
    names = ", ".join(added)
    if encoded[end - 1:end] == b")":
        inside = encoded[:end - 1].rstrip()
        return end - 1, (f" {names}" if inside.endswith(b",") else f", {names}")
    return end, f", {names}"
