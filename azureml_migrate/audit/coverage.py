"""Warnings for named paths the audit did not look at, so a gate cannot pass on nothing.

An empty directory, a path whose files are all excluded, or a named file that the
configuration excludes or whose kind the audit does not read is checked by nobody; saying so
on standard error (as ruff does) keeps a mistyped path or an over-broad ``exclude`` from
turning a CI gate green. The check is a sort and one binary search per named path.
"""

from __future__ import annotations

import bisect
import os
from pathlib import Path
from typing import List, Sequence

from ..settings import is_excluded
from .config import Settings
from .kinds import kind_of


def _display(path: str, cwd: Path) -> str:
    absolute = os.path.abspath(path if os.path.isabs(path) else cwd / path)
    try:
        return Path(os.path.relpath(absolute, cwd)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()


def _has_file_below(directory: str, checked: Sequence[str]) -> bool:
    if directory == ".":
        return any(not name.startswith("../") for name in checked)
    prefix = directory.rstrip("/") + "/"
    index = bisect.bisect_left(checked, prefix)
    return index < len(checked) and checked[index].startswith(prefix)


def warnings(paths: Sequence[str], checked: Sequence[str], settings: Settings, cwd: Path) -> List[str]:
    """One line per named path with nothing checked (``checked``: display paths of checked files)."""
    ordered = sorted(checked)
    present = set(checked)
    lines = []
    for given in paths:
        shown = _display(given, cwd)
        if (cwd / given).is_dir():
            if not _has_file_below(shown, ordered):
                lines.append(f"warning: no files to check under {given}")
            continue
        if shown in present:
            continue
        if kind_of(cwd / given) is None:
            reason = "not a kind of file the audit reads"
        elif settings.exclude and is_excluded(shown, settings.exclude, cwd):
            reason = "excluded by the exclude setting"
        else:
            reason = "skipped (ignored or a duplicate)"
        lines.append(f"warning: {given} is not checked: {reason}")
    return lines
