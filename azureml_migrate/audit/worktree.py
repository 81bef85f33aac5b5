"""What git would list in a work tree, worked out without running git.

Running ``git`` on an audited checkout would honour that checkout's own ``.git/config``
(``core.fsmonitor`` names a program git runs, and so do filters and hooks), so anyone handing
over a repository could run code on the auditing machine. Instead the files are read:

- ignore rules from every ``.gitignore`` between the work tree's top and each file, and from
  ``info/exclude`` of the repository, with git's precedence (a deeper file overrides a higher
  one, the last matching line of a file wins, ``!`` re-includes, a trailing ``/`` matches
  directories only, nothing below an ignored directory is re-included); the patterns are
  matched by pathspec, which implements git's wildmatch rules;
- tracked paths from the index (``.git/index``, versions 2 to 4): a tracked file is listed
  even when an ignore rule matches it, as ``git ls-files --cached`` does.

Not read: the user's global excludes file and ``core.excludesFile``, split indexes (their
shared part), and ignore patterns with more than ``MAX_PATTERN_STARS`` single ``*`` (matching
them is polynomial in the name length with that degree; a hostile ``.gitignore`` could make
every file cost seconds). Each of these can only make the audit look at more files, never run
anything. Nested repositories and submodules (a directory holding ``.git``) are not entered,
as git does not list their files.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

from .files import UnreadableFile, read_regular

#: ignore patterns with more single ``*`` than this are not applied (see the module docstring)
MAX_PATTERN_STARS = 2
#: the largest ``.gitignore``, ``info/exclude`` or ``.git`` file read; an index may be larger
MAX_IGNORE_FILE_BYTES = 1024 * 1024
MAX_INDEX_BYTES = 512 * 1024 * 1024
_GITLINK_MODE = 0o160000
_DIRECTORY_MODE = 0o040000

Rules = Tuple[object, ...]  # pathspec patterns, in file order


def find_top(directory: Path) -> Optional[Path]:
    """The work tree holding ``directory`` (the nearest ancestor with a ``.git``), or None."""
    current = Path(os.path.abspath(directory))
    for candidate in (current, *current.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate
    return None


class WorkTree:
    """Ignore rules and tracked paths of one work tree; paths are posix, relative to its top."""

    def __init__(self, top: Path) -> None:
        self.top = top
        git_dir, common_dir = _git_dirs(top)
        self._rules: Dict[str, Rules] = {}
        self._exclude = _rules(common_dir / "info" / "exclude") if common_dir is not None else ()
        entries = _index_entries(git_dir / "index") if git_dir is not None else []
        self.tracked: FrozenSet[str] = frozenset(name for name, mode in entries
                                                 if mode not in (_GITLINK_MODE, _DIRECTORY_MODE))
        self.submodules: FrozenSet[str] = frozenset(name for name, mode in entries if mode == _GITLINK_MODE)
        tracked_directories: Set[str] = {name.rstrip("/") for name, mode in entries if mode == _DIRECTORY_MODE}
        for name in self.tracked:
            parts = name.split("/")
            tracked_directories.update("/".join(parts[:end]) for end in range(1, len(parts)))
        self.tracked_directories: FrozenSet[str] = frozenset(tracked_directories)

    def relative(self, path: Path) -> str:
        return Path(os.path.relpath(os.path.abspath(path), self.top)).as_posix()

    def ignored(self, relative: str, is_directory: bool) -> bool:
        """Whether git's ignore rules match ``relative`` itself (its directories are not checked)."""
        parts = relative.split("/")
        # deepest .gitignore first: the first file with a matching line decides
        for depth in range(len(parts) - 1, -1, -1):
            directory = "/".join(parts[:depth])
            below = "/".join(parts[depth:]) + ("/" if is_directory else "")
            verdict = _verdict(self._rules_of(directory), below)
            if verdict is not None:
                return verdict
        verdict = _verdict(self._exclude, relative + ("/" if is_directory else ""))
        return bool(verdict)

    def _rules_of(self, directory: str) -> Rules:
        rules = self._rules.get(directory)
        if rules is None:
            rules = _rules(self.top / directory / ".gitignore")
            self._rules[directory] = rules
        return rules


def _verdict(rules: Rules, path: str) -> Optional[bool]:
    for pattern in reversed(rules):
        if pattern.match_file(path) is not None:  # type: ignore[attr-defined]
            return bool(pattern.include)  # type: ignore[attr-defined]
    return None


def _rules(path: Path) -> Rules:
    text = _read_small(path)
    if text is None:
        return ()
    import pathspec  # only a tree with an ignore file to read needs it

    lines = [line for line in text.splitlines() if line.replace("**", "").count("*") <= MAX_PATTERN_STARS]
    try:
        spec = pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:  # a line pathspec refuses: git ignores such lines too, so drop them one by one
        spec = pathspec.GitIgnoreSpec(_valid_patterns(lines))
    return tuple(pattern for pattern in spec.patterns if pattern.include is not None)


def _valid_patterns(lines: List[str]) -> List[object]:
    import pathspec

    patterns = []
    for line in lines:
        try:
            patterns.extend(pathspec.GitIgnoreSpec.from_lines([line]).patterns)
        except Exception:
            continue
    return patterns


def _read_small(path: Path) -> Optional[str]:
    """A small regular file's text, or None (missing, not regular, too large, unreadable)."""
    try:
        data = read_regular(path, MAX_IGNORE_FILE_BYTES)
    except UnreadableFile:
        return None
    return data.decode("utf-8", errors="surrogateescape")


def _git_dirs(top: Path) -> Tuple[Optional[Path], Optional[Path]]:
    """(the repository directory, its common directory) of a work tree, read from ``.git``."""
    dot_git = top / ".git"
    if dot_git.is_dir():
        git_dir = dot_git
    else:  # a linked work tree or a submodule: ``gitdir: <path>``
        text = _read_small(dot_git)
        if text is None or not text.startswith("gitdir:"):
            return None, None
        git_dir = top / text[len("gitdir:"):].strip()
    common = _read_small(git_dir / "commondir")
    common_dir = git_dir / common.strip() if common else git_dir
    return git_dir, common_dir


def _index_entries(path: Path) -> List[Tuple[str, int]]:
    """(path, mode) of every entry of a git index; [] when it is missing or not understood."""
    try:
        data = read_regular(path, MAX_INDEX_BYTES)
    except UnreadableFile:
        return []
    if data[:4] != b"DIRC":
        return []
    try:
        return _parse_index(data)
    except (IndexError, ValueError):
        return []


def _parse_index(data: bytes) -> List[Tuple[str, int]]:
    version = int.from_bytes(data[4:8], "big")
    count = int.from_bytes(data[8:12], "big")
    if version not in (2, 3, 4):
        return []
    entries: List[Tuple[str, int]] = []
    position = 12
    previous = b""
    for _ in range(count):
        mode = int.from_bytes(data[position + 24:position + 28], "big")
        flags = int.from_bytes(data[position + 60:position + 62], "big")
        header = 62 + (2 if version >= 3 and flags & 0x4000 else 0)
        start = position + header
        if version == 4:
            strip, start = _varint(data, start)
            end = data.index(b"\0", start)
            name = previous[:len(previous) - strip] + data[start:end]
            position = end + 1
        else:
            end = data.index(b"\0", start)
            name = data[start:end]
            position += (header + len(name) + 8) & ~7
        previous = name
        entries.append((os.fsdecode(name), mode))
    return entries


def _varint(data: bytes, position: int) -> Tuple[int, int]:
    """git's offset encoding of the index v4 prefix length: (value, next position)."""
    byte = data[position]
    position += 1
    value = byte & 0x7F
    while byte & 0x80:
        byte = data[position]
        position += 1
        value = ((value + 1) << 7) | (byte & 0x7F)
    return value, position
