"""A core fix (``ast`` positions: columns in UTF-8 bytes) in the audit's positions.

The reports number columns in characters from 1, and a notebook finding by its cell and the
line within it; a fix's edits get the same numbering, each edit its own cell (an import a fix
adds may go to an earlier cell than the finding's). Manifest requirements are located in
characters; ``byte_span`` turns them into the core's byte columns and keeps the exact text
under the span, which a requirement fix replaces.
"""

from __future__ import annotations

from typing import Callable, Optional, Sequence, Tuple

from ..facts import Span
from ..fixes import Fix
from .manifests import character_column
from .model import AuditEdit, AuditFix

#: a span in ``ast`` positions -> (cell or None, line, column, end line, end column) in the
#: report's positions (1-based lines, 0-based character columns), or None if it has no place
Place = Callable[[Span], Optional[Tuple[Optional[int], int, int, int, int]]]


def byte_span(lines: Sequence[str], line: int, col: int, end_line: int,
              end_col: int) -> Tuple[Span, Optional[str]]:
    """(the span in byte columns, the exact text under it) of a span in character columns.

    A span outside ``lines`` (a reader that numbers lines its own way) is returned unchanged,
    with no text: nothing can be edited there.
    """
    if not (1 <= line <= end_line <= len(lines)) or col > len(lines[line - 1]) \
            or end_col > len(lines[end_line - 1]):
        return Span(line, col, end_line, end_col), None
    first, last = lines[line - 1], lines[end_line - 1]
    if line == end_line:
        raw = first[col:end_col]
    else:
        raw = "\n".join([first[col:], *lines[line:end_line - 1], last[:end_col]])
    return Span(line, len(first[:col].encode()), end_line, len(last[:end_col].encode())), raw


def in_lines(lines: Sequence[str], first_line: int = 1, col_offsets: Sequence[int] = (),
             cell: Optional[int] = None) -> Place:
    """Spans in ``lines`` (a file, or a block starting at ``first_line`` of its file)."""
    def column(line: int, col: int) -> Optional[int]:
        if line == len(lines) + 1 and col == 0:
            return 0  # an insertion after the last line
        if not 1 <= line <= len(lines):
            return None
        offset = col_offsets[line - 1] if line <= len(col_offsets) else 0
        return character_column(lines[line - 1], col) + offset

    def place(span: Span) -> Optional[Tuple[Optional[int], int, int, int, int]]:
        start, end = column(span.line, span.col), column(span.end_line, span.end_col)
        if start is None or end is None:
            return None
        return cell, span.line + first_line - 1, start, span.end_line + first_line - 1, end
    return place


#: what the message of a finding whose fix ``audit_fix`` cannot place says to do
UNPLACED = "its edits cross notebook cells or blocks: apply it by hand"


def audit_fix(fix: Optional[Fix], place: Place) -> Optional[AuditFix]:
    """The fix in report positions; a fix with an edit that cannot be placed (outside the
    text, or across notebook cells) is shown as manual, saying so."""
    if fix is None:
        return None
    imports = tuple(sorted({item.statement() for item in fix.imports}))
    edits = []
    for edit in fix.edits:
        placed = place(edit.span)
        if placed is None:
            return AuditFix("manual", fix.title, "an edit of the fix has no place in the file as the report "
                            "numbers it (it crosses cells or blocks): apply it by hand", (), imports, fix.group)
        cell, line, col, end_line, end_col = placed
        edits.append(AuditEdit(line, col + 1, end_line, end_col + 1, edit.text, cell))
    return AuditFix(fix.applicability.value, fix.title, fix.reason, tuple(edits), imports, fix.group)
