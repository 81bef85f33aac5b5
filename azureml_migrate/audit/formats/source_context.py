"""The source text findings point into, read back for the formats that show or locate it.

Findings carry positions, not text; ``full`` shows the flagged line and SARIF/GitLab place a
notebook finding inside the raw ``.ipynb``. Both read the file again, once per file, as a
regular file of bounded size; a file that is gone, too big or unreadable just has no context
(the finding is still reported).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Dict, List, Optional

from ..model import AuditFinding

#: Larger files are not read back for context.
MAX_CONTEXT_BYTES = 20 * 1024 * 1024


def read_text(path: Path) -> Optional[str]:
    try:
        if not path.is_file() or path.stat().st_size > MAX_CONTEXT_BYTES:
            return None
        return path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return None


def cell_sources(notebook_text: str) -> Dict[int, str]:
    """Every cell's source by its 1-based position among all cells (nbformat 4)."""
    try:
        document = json.loads(notebook_text)
    except (ValueError, RecursionError):
        return {}
    cells = document.get("cells") if isinstance(document, dict) else None
    if not isinstance(cells, list):
        return {}
    sources = {}
    for position, cell in enumerate(cells, start=1):
        source = cell.get("source") if isinstance(cell, dict) else None
        if isinstance(source, list) and all(isinstance(piece, str) for piece in source):
            source = "".join(source)
        if isinstance(source, str):
            sources[position] = source
    return sources


class SourceCache:
    """File text and line lists by display path, read once each (relative to ``cwd``)."""

    def __init__(self, cwd: Optional[Path] = None) -> None:
        self.cwd = cwd or Path.cwd()
        self._texts: Dict[str, Optional[str]] = {}
        self._lines: Dict[tuple, Optional[List[str]]] = {}

    def text(self, path: str) -> Optional[str]:
        if path not in self._texts:
            self._texts[path] = read_text(Path(path) if os.path.isabs(path) else self.cwd / path)
        return self._texts[path]

    def lines(self, finding: AuditFinding) -> Optional[List[str]]:
        """The lines ``finding.line`` counts in: the file's, or its notebook cell's."""
        key = (finding.path, finding.cell)
        if key not in self._lines:
            text = self.text(finding.path)
            if text is not None and finding.cell is not None:
                text = cell_sources(text).get(finding.cell)
            self._lines[key] = text.split("\n") if text is not None else None
        return self._lines[key]
