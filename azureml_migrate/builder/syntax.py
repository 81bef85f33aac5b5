"""Small readings of ``ast`` nodes the fact builder needs: positions, literal values, source
text, and whether an ``except`` clause is an import fallback."""

from __future__ import annotations

import ast
import io
import tokenize
from typing import Optional, Tuple

from .. import sdk
from ..facts import NOT_LITERAL, Span
from ..source_text import SourceText


def span(node: ast.AST) -> Span:
    end_line = getattr(node, "end_lineno", None) or node.lineno
    end_col = getattr(node, "end_col_offset", None)
    return Span(node.lineno, node.col_offset, end_line, node.col_offset if end_col is None else end_col)


#: expressions ``ast.literal_eval`` always refuses: answered without raising its exception
_NEVER_LITERAL = (ast.Name, ast.Attribute, ast.JoinedStr)


def literal(node: ast.AST):
    if node.__class__ is ast.Constant:
        return node.value
    if isinstance(node, _NEVER_LITERAL):
        return NOT_LITERAL
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return NOT_LITERAL


def segment(text: SourceText, node: ast.AST) -> str:
    """The node's own source text (an argument quoted in a hint), else its unparsed form."""
    found = text.segment(node.lineno, node.col_offset,
                         getattr(node, "end_lineno", None), getattr(node, "end_col_offset", None))
    if found is not None:
        return found
    try:
        return ast.unparse(node)
    except (RecursionError, ValueError, AttributeError):
        return "..."


def catches_import_error(handler: ast.ExceptHandler) -> bool:
    """``except ImportError:`` (or a tuple with it): the handler is a compatibility fallback."""
    caught = handler.type
    if caught is None:
        return False
    elements = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    return any(isinstance(e, ast.Name) and e.id in sdk.IMPORT_ERROR_NAMES for e in elements)


def dotted_root(node: ast.AST) -> Optional[ast.Name]:
    """The name an ``a.b.c`` chain starts from, or None for any other expression."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return node if isinstance(node, ast.Name) else None


def is_sdk_module(module: str) -> bool:
    return module == "azureml" or module.startswith("azureml.")


def comments(text: SourceText, where: Span) -> Tuple[Tuple[int, int, str], ...]:
    """The comments inside a statement as (line, byte column, text); a segment ``tokenize``
    cannot read keeps each line's text from its first ``#`` (more kept, never less)."""
    segment = text.segment(where.line, where.col, where.end_line, where.end_col)
    if segment is None or "#" not in segment:
        return ()
    lines = segment.splitlines(keepends=True)

    def byte_col(row: int, col: int) -> int:
        return len(lines[row][:col].encode()) + (where.col if row == 0 else 0)

    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(segment).readline):
            if token.type == tokenize.COMMENT:
                row, col = token.start
                found.append((where.line + row - 1, byte_col(row - 1, col), token.string))
    except (tokenize.TokenError, SyntaxError):
        found = [(where.line + row, byte_col(row, line.index("#")), line[line.index("#"):].rstrip("\r\n"))
                 for row, line in enumerate(lines) if "#" in line]
    return tuple(found)


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
