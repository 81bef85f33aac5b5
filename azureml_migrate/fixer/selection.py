"""Fixing only some findings of a file: an editor's quick fix for the finding under the cursor.

The document is checked as usual; the first check keeps the candidates the caller picked and
every member of their fix groups (``Fix.group``: fixes that only work together), and every later
round keeps the candidates that carry the same fixes (``Candidate.key``: a fix keeps its text
while positions shift), so the loop applies those fixes, their imports and nothing else.
"""

from __future__ import annotations

from typing import Callable, Dict, Optional, Set, Tuple

from .model import Checked, Item, UnitKey

#: picks findings by their report item (code, 1-based line and column, notebook cell)
Picked = Callable[[Item], bool]


class OnlyPicked:
    """A fixing-loop document that shows the loop only the picked findings' fixes."""

    def __init__(self, document, picked: Picked) -> None:
        self.document = document
        self.picked = picked
        self.units: Dict[UnitKey, str] = document.units
        self.yaml: bool = document.yaml
        self._keys: Optional[Set[Tuple]] = None

    def check(self, units: Dict[UnitKey, str]) -> Checked:
        checked = self.document.check(units)
        if self._keys is None:
            chosen = [candidate for candidate in checked.candidates if self.picked(candidate.item(""))]
            groups = {(candidate.program, candidate.fix.group) for candidate in chosen
                      if candidate.fix is not None and candidate.fix.group}
            chosen = [candidate for candidate in checked.candidates if candidate in chosen
                      or candidate.fix is not None and (candidate.program, candidate.fix.group) in groups]
            self._keys = {candidate.key for candidate in chosen if candidate.fix is not None}
        else:
            chosen = [candidate for candidate in checked.candidates
                      if candidate.fix is not None and candidate.key in self._keys]
        return Checked(chosen, checked.programs, checked.errors)

    def broken(self, units, changed):
        return self.document.broken(units, changed)

    def assemble(self, units: Dict[UnitKey, str]) -> str:
        return self.document.assemble(units)
