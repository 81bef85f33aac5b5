"""What every manifest reader shares: the located requirement, the error, offsets and comments.

Positions are 1-based lines and 0-based columns, like the core's spans.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

#: a ``#`` comment at the start of a line or after whitespace (pip, setup.cfg, TOML)
INLINE_COMMENT = re.compile(r"(^|\s)#.*$")


class ManifestError(Exception):
    """The file cannot be read as its kind; the message says what and where."""


@dataclass(frozen=True)
class LocatedRequirement:
    text: str
    kind: str  # "pip" or "conda"
    line: int
    col: int
    end_line: int
    end_col: int
    #: the text suppression comments are looked for in (the physical line(s) of the requirement)
    comment_text: str = ""
    #: how the file wrote it, when ``text`` had to be translated to PEP 508 (Poetry)
    shown: Optional[str] = None
    #: what the span covers: a ``RequirementSyntax`` value ("plain", "shell", "python", "toml_key")
    syntax: str = "plain"


class PositionMap:
    """Offsets in a joined logical line back to (line, column) in the file.

    Pieces are joined once, when the text is first read: appending to one string piece by
    piece would copy it again for every continuation line (quadratic in long commands).
    """

    def __init__(self) -> None:
        self._pieces: List[str] = []
        self._length = 0
        self._joined: Optional[str] = None
        self._starts: List[int] = []
        self._origins: List[Tuple[int, int]] = []

    @property
    def text(self) -> str:
        if self._joined is None:
            self._joined = "".join(self._pieces)
        return self._joined

    def add(self, piece: str, line: int, col: int) -> None:
        self._starts.append(self._length)
        self._origins.append((line, col))
        self._pieces.append(piece)
        self._length += len(piece)
        self._joined = None

    def position(self, offset: int) -> Tuple[int, int]:
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        line, col = self._origins[index]
        return line, col + offset - self._starts[index]


def character_column(line_text: str, byte_offset: int) -> int:
    """``ast`` columns are UTF-8 byte offsets; reports want characters."""
    return len(line_text.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))
