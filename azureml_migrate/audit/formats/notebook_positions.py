"""Where a notebook cell's line sits in the raw ``.ipynb`` JSON text.

Code scanning (SARIF) and GitLab show an alert at a line of the file as stored; for a
notebook that is the JSON string holding the cell line, not line N of the cell. One linear
pass over the JSON text finds every ``cells[i].source`` string token and decodes it while
remembering where each decoded character starts in the raw text, so a (cell, line, column)
maps to a raw (line, column). Anything unexpected (not nbformat 4, broken JSON) gives None
and the caller keeps the in-cell position.
"""

from __future__ import annotations

import bisect
from typing import Dict, List, Optional, Tuple

from .source_context import SourceCache

_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


class _Scanner:
    """A minimal JSON walker: records the source strings of ``cells[*].source``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.index = 0
        #: cell position (1-based) -> decoded characters' raw offsets, plus the end offset
        self.offsets: Dict[int, List[int]] = {}
        self.sources: Dict[int, List[str]] = {}

    def skip_space(self) -> None:
        text, index = self.text, self.index
        while index < len(text) and text[index] in " \t\r\n":
            index += 1
        self.index = index

    def string(self, record: Optional[int] = None) -> str:
        """A string token at ``index`` (past the opening quote on return: past the closing one)."""
        text = self.text
        index = self.index + 1
        chars: List[str] = []
        offsets = self.offsets.setdefault(record, []) if record is not None else None
        while True:
            char = text[index]
            if char == '"':
                self.index = index + 1
                if record is not None:
                    self.sources.setdefault(record, []).append("".join(chars))
                return "".join(chars)
            start = index
            if char == "\\":
                escape = text[index + 1]
                if escape == "u":
                    char = chr(int(text[index + 2:index + 6], 16))
                    index += 6
                else:
                    char = _ESCAPES[escape]
                    index += 2
            else:
                index += 1
            chars.append(char)
            if offsets is not None:
                offsets.append(start)

    def value(self, path: Tuple) -> None:
        self.skip_space()
        char = self.text[self.index]
        if char == '"':
            record = path[1] if len(path) >= 3 and path[0] == "cells" and path[2] == "source" else None
            self.string(record)
        elif char == "{":
            self.index += 1
            self.skip_space()
            if self.text[self.index] == "}":
                self.index += 1
                return
            while True:
                self.skip_space()
                key = self.string()
                self.skip_space()
                self.index += 1  # ':'
                self.value(self._child(path, key))
                self.skip_space()
                separator = self.text[self.index]
                self.index += 1
                if separator == "}":
                    return
        elif char == "[":
            self.index += 1
            self.skip_space()
            if self.text[self.index] == "]":
                self.index += 1
                return
            position = 0
            while True:
                position += 1
                self.value(self._child(path, position))
                self.skip_space()
                separator = self.text[self.index]
                self.index += 1
                if separator == "]":
                    return
        else:
            while self.index < len(self.text) and self.text[self.index] not in ",]} \t\r\n":
                self.index += 1

    @staticmethod
    def _child(path: Tuple, key) -> Tuple:
        """Only the paths that can lead to a cell source are tracked; others become ('',)."""
        if path == () and key == "cells":
            return ("cells",)
        if path == ("cells",) and isinstance(key, int):
            return ("cells", key)
        if len(path) == 2 and path[0] == "cells" and key == "source":
            return ("cells", path[1], "source")
        if len(path) == 3 and path[2] == "source" and isinstance(key, int):
            return path
        return ("",)


class NotebookPositions:
    """Maps (cell, line, column) in a notebook to (line, column) in its raw text; all 1-based."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._line_starts = [0] + [index + 1 for index, char in enumerate(raw) if char == "\n"]
        scanner = _Scanner(raw)
        try:
            scanner.value(())
            self.ok = True
        except (IndexError, KeyError, ValueError, RecursionError):
            self.ok = False
        self._offsets = scanner.offsets
        self._cells = {cell: "".join(pieces) for cell, pieces in scanner.sources.items()}
        self._cell_line_starts: Dict[int, List[int]] = {}

    def raw_position(self, cell: int, line: int, column: int, past_end: bool = True) -> Optional[Tuple[int, int]]:
        """The raw position of a cell position; ``past_end=False``: None for a position after the
        cell's last character (its raw width is unknown when that character was escaped)."""
        if not self.ok or cell not in self._cells:
            return None
        source, offsets = self._cells[cell], self._offsets[cell]
        starts = self._cell_line_starts.get(cell)
        if starts is None:
            starts = self._cell_line_starts[cell] = [0] + [i + 1 for i, char in enumerate(source) if char == "\n"]
        if not 1 <= line <= len(starts):
            return None
        index = starts[line - 1] + max(column - 1, 0)
        if index < len(offsets):
            offset = offsets[index]
        elif offsets and past_end:
            offset = offsets[-1] + 1
        else:
            return None
        raw_line = bisect.bisect_right(self._line_starts, offset)
        return raw_line, offset - self._line_starts[raw_line - 1] + 1


class RawLocator:
    """Raw-file positions for notebook findings, each notebook read and scanned once."""

    def __init__(self, sources: Optional[SourceCache] = None) -> None:
        self.sources = sources or SourceCache()
        self._notebooks: Dict[str, Optional[NotebookPositions]] = {}

    def position(self, path: str, cell: int, line: int, column: int, past_end: bool = True):
        if path not in self._notebooks:
            text = self.sources.text(path)
            self._notebooks[path] = NotebookPositions(text) if text is not None else None
        positions = self._notebooks[path]
        return positions.raw_position(cell, line, column, past_end) if positions is not None else None
