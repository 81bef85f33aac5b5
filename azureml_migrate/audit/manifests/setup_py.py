"""Literal requirements of ``setup(...)`` calls, read with ``ast`` (never run)."""

from __future__ import annotations

import ast
from typing import Dict, Iterable, List, Optional, Sequence

from ..readers_text import physical_lines
from .common import LocatedRequirement, character_column

_SETUP_NAMES = frozenset({"setup", "setuptools.setup", "distutils.core.setup"})


def _dotted(node: ast.AST) -> Optional[str]:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def setup_py(tree: ast.AST, source: str) -> List[LocatedRequirement]:
    """Literal ``install_requires``/``extras_require`` of ``setup(...)`` calls, read with ``ast``.

    A name bound once at module level to a literal list or dict is followed; anything else
    (computed lists, file reads) is not evaluated.
    """
    lines = physical_lines(source)
    module_literals: Dict[str, ast.AST] = {}
    for statement in getattr(tree, "body", []):
        if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
                and isinstance(statement.value, (ast.List, ast.Tuple, ast.Dict))):
            module_literals[statement.targets[0].id] = statement.value
    found: List[LocatedRequirement] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _dotted(node.func) not in _SETUP_NAMES:
            continue
        for keyword in node.keywords:
            value = keyword.value
            if isinstance(value, ast.Name):
                value = module_literals.get(value.id, value)
            if keyword.arg in ("install_requires", "tests_require", "setup_requires"):
                found.extend(_literal_strings(value, lines))
            elif keyword.arg == "extras_require" and isinstance(value, ast.Dict):
                for group in value.values:
                    if isinstance(group, ast.Name):
                        group = module_literals.get(group.id, group)
                    found.extend(_literal_strings(group, lines))
    return found


def _literal_strings(node: ast.AST, lines: Sequence[str]) -> Iterable[LocatedRequirement]:
    elements = node.elts if isinstance(node, (ast.List, ast.Tuple, ast.Set)) else [node]
    for element in elements:
        if isinstance(element, ast.Constant) and isinstance(element.value, str):
            line = element.lineno
            text = lines[line - 1] if line - 1 < len(lines) else ""
            col = character_column(text, element.col_offset)
            end_line = element.end_lineno or line
            end_text = lines[end_line - 1] if end_line - 1 < len(lines) else ""
            end_col = character_column(end_text, element.end_col_offset or element.col_offset)
            yield LocatedRequirement(element.value, "pip", line, col, end_line, end_col, text, syntax="python")
