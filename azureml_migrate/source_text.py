"""Source segments by node position, shared by the ``ast`` and ``astroid`` fact builders so
both quote an argument's own text identically in hints."""

from __future__ import annotations

import io
from typing import Optional


class SourceText:
    """A module's lines, cut by (line, byte column) positions as ``ast`` and astroid give them."""

    def __init__(self, source: Optional[str]):
        # Python ends lines at \n, \r\n and \r only; str.splitlines also splits at U+2028,
        # U+0085, form feed and the like, which would misplace every later line.
        self._lines = io.StringIO(source, newline="").readlines() if source is not None else None

    def segment(self, line: Optional[int], col: Optional[int],
                end_line: Optional[int], end_col: Optional[int]) -> Optional[str]:
        """The text between two positions (columns are UTF-8 byte offsets), or None if unknown."""
        lines = self._lines
        if lines is None or not line or end_line is None or end_col is None or end_line > len(lines):
            return None
        first, last = line - 1, end_line - 1
        start = col or 0
        if first == last:
            return lines[first].encode()[start:end_col].decode(errors="replace")
        parts = [lines[first].encode()[start:].decode(errors="replace")]
        parts.extend(lines[first + 1:last])
        parts.append(lines[last].encode()[:end_col].decode(errors="replace"))
        return "".join(parts)
