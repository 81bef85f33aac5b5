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

#: an empty run names at most this many of the files it could not read
MAX_NAMED = 5


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
    """Warnings about named paths with nothing checked (``checked``: display paths of checked files).

    A named directory with nothing in it to check, and a named file the configuration
    excludes, each get a line. Named files of kinds the audit does not read are normal under
    pre-commit (it passes every staged text file), so they are mentioned only when the whole
    run checked nothing, in one line.
    """
    ordered = sorted(checked)
    present = set(checked)
    lines = []
    other_kinds = []
    for given in paths:
        shown = _display(given, cwd)
        if os.path.isdir(cwd / given):
            if not _has_file_below(shown, ordered):
                lines.append(f"warning: no files to check under {given}")
        elif shown in present:
            continue
        elif kind_of(cwd / given) is not None and settings.exclude and is_excluded(shown, settings.exclude, cwd):
            lines.append(f"warning: {given} is not checked: excluded by the exclude setting")
        elif kind_of(cwd / given) is None:
            other_kinds.append(given)
        else:
            lines.append(f"warning: {given} is not checked (ignored, or the same file as another path)")
    if other_kinds and not checked:
        more = len(other_kinds) - MAX_NAMED
        named = ", ".join(other_kinds[:MAX_NAMED]) + (f" and {more} more" if more > 0 else "")
        lines.append(f"warning: no files to check under {named} (not kinds of file the audit reads)")
    return lines
