"""Text edits at ``ast`` positions: (1-based line, UTF-8 byte column) turned into string
offsets, applied from the bottom of the text up, and chosen so no two overlap.

Lines are split where the file's own reader splits them: Python, TOML, requirements and
notebook cells at ``\\n``, ``\\r\\n`` and ``\\r``; YAML also at NEL and the Unicode line and
paragraph separators (PyYAML's marks count those). Line endings stay as they are; text an
edit inserts is written with the file's newline.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from ..facts import Span
from ..fixes import Edit

_BREAK = re.compile(r"\r\n|\r|\n")
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class EditError(Exception):
    """An edit's position is not in the text (past its end, or inside a character)."""


def newline_of(text: str) -> str:
    """The text's first line ending (what lines it gains are written with); ``\\n`` if none."""
    found = _BREAK.search(text)
    return found.group() if found else "\n"


class Lines:
    """Where each line of a text starts, to turn (line, byte column) into a string offset."""

    def __init__(self, text: str, yaml: bool = False) -> None:
        self.text = text
        self.starts = [0]
        for found in (_YAML_BREAK if yaml else _BREAK).finditer(text):
            self.starts.append(found.end())
        if self.starts[-1] == len(text) and len(self.starts) > 1:
            self.starts.pop()  # a final line break does not start a line

    def line_text(self, line: int) -> str:
        """Line ``line`` with its line ending."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end]

    def offset(self, line: int, byte_col: int) -> int:
        """The string offset of a position; the line just past the last one, column 0, is the end."""
        if line == len(self.starts) + 1 and byte_col == 0:
            return len(self.text)
        if not 1 <= line <= len(self.starts) or byte_col < 0:
            raise EditError(f"line {line} is not in the text ({len(self.starts)} lines)")
        encoded = self.line_text(line).encode("utf-8", errors="surrogatepass")
        if byte_col > len(encoded):
            raise EditError(f"column {byte_col} is past the end of line {line}")
        try:
            prefix = encoded[:byte_col].decode("utf-8", errors="surrogatepass")
        except UnicodeDecodeError:
            raise EditError(f"column {byte_col} of line {line} is inside a character") from None
        return self.starts[line - 1] + len(prefix)

    def byte_col(self, line: int, char_col: int) -> int:
        """A character column of a line as a UTF-8 byte column (manifest readers count characters)."""
        if not 1 <= line <= len(self.starts):
            return char_col
        return len(self.line_text(line)[:char_col].encode("utf-8", errors="surrogatepass"))


@dataclass(frozen=True)
class Range:
    """An edit resolved to string offsets: replace ``text[start:end]`` with ``new``."""

    start: int
    end: int
    new: str


def resolve(lines: Lines, edits: Sequence[Edit], newline: str = "\n") -> Tuple[Range, ...]:
    """Edits as offset ranges (raises EditError); inserted text takes the file's newline."""
    ranges = []
    for edit in edits:
        span: Span = edit.span
        start = lines.offset(span.line, span.col)
        end = lines.offset(span.end_line, span.end_col)
        if end < start:
            raise EditError(f"edit ends before it starts (line {span.line})")
        new = edit.text.replace("\r\n", "\n")
        if newline != "\n":
            new = new.replace("\n", newline)
        ranges.append(Range(start, end, new))
    return tuple(ranges)


def apply(text: str, ranges: Sequence[Range]) -> str:
    """The text with every range replaced, bottom up so earlier offsets stay valid.

    At one offset an insertion goes before the text that replaces what starts there, and of
    two insertions the one listed later goes first. Whole lines added at the very end of a text
    without a final line break start a line of their own (text joined to the last line does
    not), and deleting the last line of such a text takes the line break before it too.
    """
    newline = newline_of(text)
    ordered = sorted(ranges, key=lambda item: (item.start, item.end != item.start, item.end), reverse=True)
    pieces: List[str] = []
    tail = len(text)
    ends_open = bool(text) and text[-1] not in "\r\n"
    for item in ordered:
        if item.end > tail:
            raise EditError("overlapping edits")
        start, new = item.start, item.new
        if item.start == len(text) and ends_open and new.endswith(("\n", "\r")):
            new = newline + new.rstrip("\r\n")
        elif item.end == len(text) and ends_open and not new and start > 0:
            start = _line_break_before(text, start)
        pieces.append(text[item.end:tail])
        pieces.append(new)
        tail = start
    pieces.append(text[:tail])
    return "".join(reversed(pieces))


def _line_break_before(text: str, offset: int) -> int:
    if text.endswith("\r\n", 0, offset):
        return offset - 2
    if text[offset - 1] in "\r\n":
        return offset - 1
    return offset


class Occupied:
    """Offset ranges already taken by chosen fixes: a new fix's ranges must not overlap them.

    Ranges are kept sorted by start and never overlap one another, so a new range only needs
    comparing with its neighbours (a bisection per range, whatever the number of fixes).
    """

    def __init__(self) -> None:
        self._starts: List[int] = []
        self._ranges: List[Range] = []

    def free(self, ranges: Sequence[Range]) -> bool:
        for item in ranges:
            index = bisect.bisect_left(self._starts, item.start)
            for neighbour in self._ranges[max(0, index - 1):index + 1]:
                if _overlap(item, neighbour):
                    return False
        return not _overlapping(ranges)

    def take(self, ranges: Sequence[Range]) -> None:
        for item in ranges:
            index = bisect.bisect_left(self._starts, item.start)
            self._starts.insert(index, item.start)
            self._ranges.insert(index, item)


def _overlapping(ranges: Sequence[Range]) -> bool:
    """Whether two of ``ranges`` overlap (``_overlap``), in one sweep by start: a range that
    overlaps an earlier one overlaps the one just before it or the earlier one reaching
    furthest (a fix group of many rewrites has thousands of ranges)."""
    ordered = sorted(ranges, key=lambda item: (item.start, item.end))
    widest: Optional[Range] = None
    for previous, item in zip([None] + ordered, ordered):
        if previous is not None and _overlap(previous, item) or widest is not None and _overlap(widest, item):
            return True
        if widest is None or item.end > widest.end:
            widest = item
    return False


def _overlap(a: Range, b: Range) -> bool:
    """Ranges that share text, or two edits at one point (their order would be a guess)."""
    if a.start < b.end and b.start < a.end:
        return True
    points = (a.start == a.end, b.start == b.end)
    if any(points) and (a.start == b.start or a.end == b.end):
        return a != b or all(points)
    return False


def span_of(lines: Lines, line: int, col: int, end_line: int, end_col: int) -> Optional[Range]:
    try:
        return Range(lines.offset(line, col), lines.offset(end_line, end_col), "")
    except EditError:
        return None
