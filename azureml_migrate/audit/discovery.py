"""Finding the files worth auditing under the paths the user gave.

Inside a git work tree the file list comes from ``git ls-files --cached --others
--exclude-standard`` (tracked plus untracked-but-not-ignored files), so ``.gitignore`` is
respected exactly as git reads it; elsewhere, or without git, directories are walked. Either
way, version-control internals, virtual environments, installed packages and build output are
skipped, then the user's ``exclude`` globs. Directory symlinks are followed only while they
stay inside the audited directory, and never twice into the same real directory (no loops);
a file reached by two paths is yielded once, preferring the path without symlinks.

Explicitly named files are yielded when their kind is known and no ``exclude`` glob matches
them (the built-in skip list and ``.gitignore`` apply to what is found, not to what is named).
A named directory that git ignores is walked: naming it is explicit enough.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
from pathlib import Path, PurePosixPath
from typing import Dict, Iterator, List, NamedTuple, Optional, Sequence, Set, Tuple, Union

from .kinds import kind_by_name, kind_of

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
        if not os.path.lexists(given_path):
            raise FileNotFoundError(f"no such file or directory: {given_path}")
    return _discover(given_paths, exclude, root or Path.cwd())


def _discover(given_paths: Sequence[Path], exclude: Sequence[str], root: Path) -> Iterator[Path]:
    chosen: Dict[str, Tuple[bool, str, Path]] = {}
    for given_path in given_paths:
        if given_path.is_dir():
            candidates = _files_below(given_path)
            base = given_path
        else:
            candidates = [_Found(given_path, os.path.realpath(given_path), given_path.is_symlink())] \
                if kind_of(given_path) is not None else []
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
    listed = _git_files(directory)
    if listed is None:
        return list(_walk(directory))
    return _filter_listing(directory, listed)


def _git_files(directory: Path) -> Optional[List[str]]:
    """Paths git would consider (relative to ``directory``), or None outside a work tree."""
    git = shutil.which("git")
    if git is None:
        return None
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("GIT_DIR", "GIT_WORK_TREE")}
    try:
        result = subprocess.run(
            [git, "-C", str(directory), "ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", "."],
            capture_output=True, env=environment, check=False)
    except OSError:
        return None
    if result.returncode != 0:
        return None
    names = [os.fsdecode(item) for item in result.stdout.split(b"\0") if item]
    if not names and _git_ignores(git, directory, environment):
        return None
    return names


def _git_ignores(git: str, directory: Path, environment: Dict[str, str]) -> bool:
    try:
        result = subprocess.run([git, "-C", str(directory.parent), "check-ignore", "-q", directory.name or "."],
                                capture_output=True, env=environment, check=False)
    except OSError:
        return False
    return result.returncode == 0


def _filter_listing(directory: Path, names: Sequence[str]) -> List[_Found]:
    """git's listing minus skipped directories, virtual environments and escaping symlinks.

    git lists a symlink as a file of its own and never lists what is below a symlinked
    directory, so only the symlinks themselves need resolving.
    """
    venvs = _environments(names)
    top = directory.resolve()
    real_top = str(top)
    found: List[_Found] = []
    for name in set(names):
        if name.endswith("/"):  # a nested repository git does not descend into
            continue
        parents = name.split("/")[:-1]
        file_name = name.rpartition("/")[2]
        if kind_by_name(file_name, parents[-1] if parents else directory.name) is None:
            continue  # most files are not ours: decided by name, without a system call
        if any(_skipped_name(part) for part in parents):
            continue
        if venvs and any("/".join(parents[:end]) in venvs for end in range(1, len(parents) + 1)):
            continue
        path = directory / name
        is_link = path.is_symlink()
        if is_link and not _inside(path, top):
            continue
        if not path.is_file() or kind_of(path) is None:  # deleted but still in the index, or not ours
            continue
        real = os.path.realpath(path) if is_link else os.path.join(real_top, *parents, file_name)
        found.append(_Found(path, real, is_link))
    return found


def _environments(names: Sequence[str]) -> Set[str]:
    """Directories (relative, posix) that git's listing shows to be Python environments."""
    environments = set()
    for name in names:
        if "pyvenv.cfg" in name or "conda-meta/" in name:
            parts = name.split("/")
            for index, part in enumerate(parts):
                if part in ENVIRONMENT_MARKERS:
                    environments.add("/".join(parts[:index]))
                    break
    return environments


def _inside(path: Path, top: Path) -> bool:
    try:
        path.resolve().relative_to(top)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _walk(directory: Path) -> Iterator[_Found]:
    """Every file of a known kind below ``directory``, without git.

    Real directories are walked first and symlinked ones afterwards, so a symlink into an
    already walked directory (or into one of its ancestors: a loop) is not entered again.
    """
    top = directory.resolve()
    visited: Set[str] = set()
    stack: List[Tuple[Path, bool]] = [(directory, False)]
    linked: List[Tuple[Path, bool]] = []
    while stack or linked:
        current, through_link = stack.pop() if stack else linked.pop(0)
        real = os.path.realpath(current)
        if real in visited:
            continue
        visited.add(real)
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name, reverse=True)
        except OSError:
            continue
        if current != directory and any(entry.name in ENVIRONMENT_MARKERS for entry in entries):
            continue
        for entry in entries:
            path = current / entry.name
            try:
                is_link = entry.is_symlink()
                if is_link and not _inside(path, top):
                    continue
                if entry.is_dir():
                    if not _skipped_name(entry.name):
                        (linked if is_link else stack).append((path, through_link or is_link))
                elif entry.is_file() and kind_of(path) is not None:
                    file_real = os.path.realpath(path) if is_link else os.path.join(real, entry.name)
                    yield _Found(path, file_real, through_link or is_link)
            except OSError:
                continue
