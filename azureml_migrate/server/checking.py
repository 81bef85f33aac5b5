"""What the language server checks and fixes, free of the protocol: an editor's buffer of any
kind the audit reads, with the configuration the audit and ``fix`` would use for that file.

A buffer is checked from its text (``audit.checkers.check_text``), never from disk, and fixed
with ``fix``'s own machinery (``fixer.fix_text``). A notebook arrives as cells; they are put
together as the notebook JSON the audit reads, so cell positions are the audit's own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from ..audit.checkers import check_text
from ..audit.config import CommandLine, ConfigError, Settings, load_settings
from ..audit.kinds import MAYBE_CONDA, kind_by_name, yaml_is_conda
from ..audit.model import AuditError, AuditFinding, FileReport
from ..rules import Options
from ..settings import CodeSelection, ignored_for_file, is_excluded

#: the file names whose change means the configuration must be read again
CONFIG_FILE_NAMES = ("pyproject.toml", "setup.cfg")
#: editors' language ids for buffers whose name says nothing (untitled files)
_KIND_BY_LANGUAGE = {
    "python": "python",
    "markdown": "markdown",
    "dockerfile": "dockerfile",
    "pip-requirements": "requirements",
    "requirements": "requirements",
}


def document_kind(path: Optional[PurePath], language_id: str, text: str) -> Optional[str]:
    """The audit kind of a buffer: from its file name as the audit decides, else its language."""
    if path is not None:
        kind = kind_by_name(path.name, path.parent.name)
        if kind == MAYBE_CONDA:
            return "conda" if yaml_is_conda(text.encode("utf-8", "surrogatepass")) else None
        if kind is not None:
            return kind
    return _KIND_BY_LANGUAGE.get(language_id)


class Configuration:
    """The one configuration (``[tool.azureml-migrate]``) per directory, read once until
    ``forget`` (a ``pyproject.toml`` or ``setup.cfg`` changed)."""

    def __init__(self) -> None:
        self._by_directory: Dict[Path, Tuple[Optional[Settings], Optional[str]]] = {}

    def forget(self) -> None:
        self._by_directory.clear()

    def settings_for(self, path: Optional[Path]) -> Settings:
        """Settings for a file (the defaults for a buffer with no file); raises ConfigError."""
        if path is None:
            return Settings()
        directory = path.parent
        if directory not in self._by_directory:
            try:
                found: Tuple[Optional[Settings], Optional[str]] = (
                    load_settings([str(path)], CommandLine(no_baseline=True), directory), None)
            except ConfigError as error:
                found = (None, str(error))
            except OSError as error:
                found = (None, f"cannot read the configuration: {error}")
            self._by_directory[directory] = found
        settings, problem = self._by_directory[directory]
        if settings is None:
            raise ConfigError(problem or "configuration error")
        return settings


@dataclass(frozen=True)
class Scope:
    """How one file is checked: its options and which codes are reported and fixed."""

    options: Options
    selection: CodeSelection
    ignored: Tuple[str, ...]
    excluded: bool

    def wanted(self, code: str) -> bool:
        return self.selection.enabled(code) and not any(code.startswith(prefix) for prefix in self.ignored)


def scope_for(settings: Settings, path: Optional[Path]) -> Scope:
    cwd = path.parent if path is not None else Path.cwd()
    ignored = ignored_for_file(str(path), settings.per_file_ignores, cwd) \
        if path is not None and settings.per_file_ignores else ()
    excluded = path is not None and bool(settings.exclude) and is_excluded(str(path), settings.exclude, cwd)
    selection = CodeSelection(settings.select, settings.ignore, settings.extend_select, settings.target)
    options = Options(min_sdk_version=settings.min_sdk_version, target=settings.target,
                      line_length=settings.line_length.value, target_rules=selection.target_families())
    return Scope(options, selection, ignored, excluded)


def check(text: str, kind: str, path: Optional[Path], scope: Scope) -> FileReport:
    """The reported findings and errors of a buffer (empty for an excluded file); never raises."""
    shown = str(path) if path is not None else "<buffer>"
    if scope.excluded:
        return FileReport(shown, kind)
    try:
        report = check_text(text, kind, shown, scope.options)
    except Exception as error:  # check_text reports its own failures; this is a last guard
        return FileReport(shown, kind, [], [AuditError(shown, f"internal error: {type(error).__name__}: {error}")])
    wanted = {code: scope.wanted(code) for code in {finding.code for finding in report.findings}}
    return FileReport(report.path, report.kind, [f for f in report.findings if wanted[f.code]], report.errors)


# -- notebooks ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Cell:
    """A notebook cell as the editor holds it."""

    code: bool
    language: str
    text: str


def notebook_json(cells: Sequence[Cell]) -> str:
    """The cells as notebook JSON the audit and ``fix`` read (a code cell in another language
    than Python is a raw cell: nothing to check there)."""
    document = {
        "cells": [_cell_json(cell) for cell in cells],
        "metadata": {"language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def _cell_json(cell: Cell) -> dict:
    source = cell.text.splitlines(keepends=True)
    if not cell.code:
        return {"cell_type": "markdown", "metadata": {}, "source": source}
    if cell.language not in ("python", ""):
        return {"cell_type": "raw", "metadata": {}, "source": source}
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}


def notebook_sources(text: str) -> List[str]:
    """Each cell's source text from notebook JSON written by ``fix``."""
    cells = json.loads(text)["cells"]
    return ["".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"] for cell in cells]


# -- edits ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TextChange:
    """Replace the text between two (0-based line, code point column) positions."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


def text_change(before: str, after: str) -> Optional[TextChange]:
    """The one replacement that turns ``before`` into ``after`` (common start and end kept),
    None when they are equal."""
    if before == after:
        return None
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[len(before) - 1 - end] == after[len(after) - 1 - end]:
        end += 1
    line, column = _position(before, start)
    end_line, end_column = _position(before, len(before) - end)
    return TextChange(line, column, end_line, end_column, after[start:len(after) - end])


def _position(text: str, offset: int) -> Tuple[int, int]:
    """(0-based line, code point column) of an offset, lines broken as editors break them."""
    line = 0
    line_start = 0
    index = 0
    while index < offset:
        char = text[index]
        if char == "\r" and index + 1 < len(text) and text[index + 1] == "\n":
            if index + 1 >= offset:
                break
            index += 1
        if char in "\r\n":
            line += 1
            line_start = index + 1
        index += 1
    return line, offset - line_start


def finding_picker(finding: AuditFinding) -> Callable[[object], bool]:
    """Picks the fixer's item for one reported finding (same code, place and cell)."""
    return lambda item: (getattr(item, "code", None), getattr(item, "line", None), getattr(item, "column", None),
                         getattr(item, "cell", None)) == (finding.code, finding.line, finding.column, finding.cell)
