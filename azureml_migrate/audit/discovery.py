"""Finding the files worth auditing under the paths the user gave.

Directories are walked. Inside a git work tree the walk lists what ``git ls-files --cached
--others --exclude-standard`` would (tracked plus untracked-but-not-ignored files), worked out
by reading ``.gitignore`` files and the index (``worktree``): git itself is never run, because
it would honour the audited repository's own configuration (``core.fsmonitor`` runs a
program). Either way, version-control internals, virtual environments, installed packages
and build output are skipped, then the user's ``exclude`` globs. Directory symlinks are followed only while they
stay inside the audited directory, and never twice into the same real directory (no loops);
a file reached by two paths is yielded once, preferring the path without symlinks. A
directory that cannot be listed is yielded itself, so the run reports it as an error rather
than passing over the files below it (``unreadable_path`` says why).

Explicitly named files are yielded when their kind is known and no ``exclude`` glob matches
them (the built-in skip list and ``.gitignore`` apply to what is found, not to what is named).
A named directory that git ignores is walked: naming it is explicit enough.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from pathlib import Path, PurePosixPath
from typing import Dict, Iterator, List, NamedTuple, Optional, Sequence, Set, Tuple, Union

from .files import too_long
from .kinds import kind_by_name, kind_of
from .worktree import WorkTree, find_top

#: Directory names never worth descending into.
SKIPPED_DIRECTORIES = frozenset({
    ".git", ".hg", ".svn", "site-packages", "node_modules", "build", "dist", "__pycache__",
    ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ipynb_checkpoints",
})
_SKIPPED_SUFFIXES = (".egg-info",)
#: A directory holding one of these is a Python environment: a virtual environment
#: (``pyvenv.cfg``) or a conda environment (``conda-meta/``), with a standard library inside.
ENVIRONMENT_MARKERS = frozenset({"pyvenv.cfg", "conda-meta"})

PathLike = Union[str, Path]


def discover(paths: Sequence[PathLike], exclude: Sequence[str] = (), root: Optional[Path] = None) -> Iterator[Path]:
    """Files under ``paths`` whose kind the audit reads, sorted, each once.

    ``exclude`` globs are matched (fnmatch) against the posix path relative to ``root`` (the
    directory the audit runs from; the named directory when the file is not below ``root``)
    and against each component of that path. Raises FileNotFoundError, at the call and
    before any file is listed, for a named path that does not exist.
    """
    given_paths = [Path(given) for given in paths]
    for given_path in given_paths:
        if missing(given_path):
            raise FileNotFoundError(f"no such file or directory: {given_path}")
    return _discover(given_paths, exclude, root or Path.cwd())


def missing(path: PathLike) -> bool:
    """Whether there is nothing at ``path``. A path that may not be looked at (in a directory
    that cannot be searched) is not missing: reading it says why."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except (OSError, ValueError):
        return False
    return False


def _discover(given_paths: Sequence[Path], exclude: Sequence[str], root: Path) -> Iterator[Path]:
    chosen: Dict[str, Tuple[bool, str, Path]] = {}
    for given_path in given_paths:
        if os.path.isdir(given_path):
            candidates = _files_below(given_path)
            base = given_path
        else:
            candidates = [_Found(given_path, os.path.realpath(given_path), os.path.islink(given_path))] \
                if _named_file_audited(given_path) else []
            base = given_path.parent
        anchors = _anchors(root, base)
        for found in candidates:
            if exclude and _excluded(_absolute(found.path), exclude, anchors):
                continue
            rank = (found.through_link, found.path.as_posix())
            previous = chosen.get(found.real)
            if previous is None or rank < previous[:2]:
                chosen[found.real] = (*rank, found.path)
    for _, _, path in sorted(chosen.values(), key=lambda item: item[1]):
        yield path


class _Found(NamedTuple):
    path: Path
    #: the real path, which identifies a file reached by several paths
    real: str
    #: reached through a symlink (another path to the same file is preferred)
    through_link: bool


def _named_file_audited(path: Path) -> bool:
    """A named file of a known kind, or one that cannot be a regular file of it (a FIFO, a device,
    a dangling link, a path too long), or a loop of links: the checker then says why it cannot
    be read."""
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except OSError as error:
        # a loop of links is an error whatever the name says; a dangling link only when its
        # name is of a known kind
        return error.errno == errno.ELOOP or kind_by_name(path.name, path.parent.name) is not None
    if kind_by_name(path.name, path.parent.name) is None:
        return False
    return not regular or kind_of(path) is not None


def _anchors(root: Path, base: Path) -> Tuple[Path, ...]:
    """Directories exclude globs are relative to, as written and with symlinks resolved."""
    return (_absolute(root), root.resolve(), _absolute(base), base.resolve())


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


def _excluded(absolute: Path, exclude: Sequence[str], anchors: Sequence[Path]) -> bool:
    if not exclude:
        return False
    for anchor in anchors:
        try:
            relative = PurePosixPath(absolute.relative_to(anchor).as_posix())
            break
        except ValueError:
            continue
    else:
        relative = PurePosixPath(absolute.as_posix())
    text = relative.as_posix()
    parts = relative.parts
    for pattern in exclude:
        cleaned = pattern[2:] if pattern.startswith("./") else pattern
        cleaned = cleaned.rstrip("/") or cleaned
        if fnmatch.fnmatchcase(text, cleaned) or any(fnmatch.fnmatchcase(part, cleaned) for part in parts):
            return True
        # a pattern naming a directory covers everything below it
        if any(fnmatch.fnmatchcase(PurePosixPath(*parts[:end]).as_posix(), cleaned) for end in range(1, len(parts))):
            return True
    return False


def _skipped_name(name: str) -> bool:
    return name in SKIPPED_DIRECTORIES or name.endswith(_SKIPPED_SUFFIXES)


def _files_below(directory: Path) -> List[_Found]:
    top = find_top(directory)
    if top is None:
        return list(_walk(directory))
    tree = WorkTree(top)
    relative = tree.relative(directory)
    parts = [] if relative == "." else relative.split("/")
    if any(tree.ignored("/".join(parts[:end]), True) for end in range(1, len(parts) + 1)):
        return list(_walk(directory))  # naming an ignored directory is explicit enough
    return list(_walk(directory, tree))


def _inside(path: Path, top: Path) -> bool:
    try:
        path.resolve().relative_to(top)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _walk(directory: Path, tree: Optional[WorkTree] = None) -> Iterator[_Found]:
    """Every file of a known kind below ``directory``; in a work tree, those git would list.

    Real directories are walked first and symlinked ones afterwards, so a symlink into an
    already walked directory (or into one of its ancestors: a loop) is not entered again. In a
    work tree symlinked directories are not entered at all (git lists the link, not what is
    below it), nor are nested repositories and submodules.
    """
    top = directory.resolve()
    visited: Set[str] = set()
    start = _Directory(directory, False, False, tree.relative(directory) if tree is not None else "")
    stack: List[_Directory] = [start]
    linked: List[_Directory] = []
    while stack or linked:
        current = stack.pop() if stack else linked.pop(0)
        real = os.path.realpath(current.path)
        if real in visited:
            continue
        visited.add(real)
        try:
            entries = sorted(os.scandir(current.path), key=lambda entry: entry.name, reverse=True)
        except OSError as error:
            if error.errno not in (errno.ENOENT, errno.ENOTDIR):
                yield _Found(current.path, real, current.through_link)  # the checker says why
            continue
        if current.path != directory and any(entry.name in ENVIRONMENT_MARKERS for entry in entries):
            continue
        for entry in entries:
            path = current.path / entry.name
            relative = f"{current.relative}/{entry.name}" if current.relative not in ("", ".") else entry.name
            try:
                is_link = entry.is_symlink()
                if is_link and not _inside(path, top):
                    continue
                if entry.is_dir():
                    if _skipped_name(entry.name):
                        continue
                    below = _Directory(path, current.through_link or is_link, current.ignored, relative)
                    if tree is not None:
                        if is_link or os.path.lexists(path / ".git") or relative in tree.submodules:
                            continue
                        if not current.ignored and tree.ignored(relative, True):
                            if relative not in tree.tracked_directories:
                                continue
                            below = below._replace(ignored=True)  # only its tracked files are listed
                    (linked if is_link else stack).append(below)
                elif entry.is_file() and kind_by_name(entry.name, current.path.name) is not None:
                    if tree is not None and relative not in tree.tracked and (
                            current.ignored or tree.ignored(relative, False)):
                        continue
                    if kind_of(path) is None:
                        continue
                    file_real = os.path.realpath(path) if is_link else os.path.join(real, entry.name)
                    yield _Found(path, file_real, current.through_link or is_link)
            except OSError:
                continue


def unreadable_path(path: PathLike) -> Optional[str]:
    """Why a path discovery yielded without a file kind cannot be read, as the error checking
    it reports: a directory that cannot be listed, a loop of symbolic links (None: neither)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return f"cannot read it: {error.strerror}" if error.errno == errno.ELOOP else None
    if not stat.S_ISDIR(mode):
        return None
    try:
        with os.scandir(path):
            return None
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG or too_long(path):
            return None  # the checker reports a path too long as such
        return f"cannot read directory: {error.strerror or error}; the files below it are not checked"


class _Directory(NamedTuple):
    path: Path
    through_link: bool
    #: ignored by git's rules but holding tracked files: only those are listed
    ignored: bool
    #: posix path relative to the work tree's top ("" outside a work tree)
    relative: str
