"""Which kind of file a path is, from its name (and, for plain ``.yml`` files, its first bytes).

Kinds: python, notebook, markdown, requirements, conda, pyproject, setup_cfg, setup_py,
pipfile, dockerfile. ``setup.py`` is both Python and a manifest; its kind is ``setup_py`` and
the checker reads it both ways.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import PurePath
from typing import Optional

from .files import UnreadableFile, read_regular

KINDS = ("python", "notebook", "markdown", "requirements", "conda", "pyproject", "setup_cfg",
         "setup_py", "pipfile", "dockerfile")

_EXACT = {
    "pyproject.toml": "pyproject",
    "setup.cfg": "setup_cfg",
    "setup.py": "setup_py",
    "Pipfile": "pipfile",
    "Dockerfile": "dockerfile",
    "Containerfile": "dockerfile",
}
_SUFFIXES = {
    ".py": "python",
    ".pyi": "python",
    ".ipynb": "notebook",
    ".md": "markdown",
    ".markdown": "markdown",
    ".dockerfile": "dockerfile",
}
_REQUIREMENT_GLOBS = ("*requirements*.txt", "*constraints*.txt")
#: ``*.in`` is pip-tools' input format, but autotools and setuptools use the suffix too.
_NOT_REQUIREMENTS_IN = frozenset({"manifest.in", "makefile.in", "configure.in", "config.in"})
_CONDA_GLOBS = ("environment*.yml", "environment*.yaml", "conda*.yml", "conda*.yaml",
                "env*.yml", "env*.yaml")
#: How much of an unnamed YAML file is read to look for a top-level ``dependencies:`` list.
CONTENT_PROBE_BYTES = 64 * 1024
#: ``dependencies:`` at column 0, followed by a block list (next lines) or a flow list
_TOP_LEVEL_DEPENDENCIES = re.compile(rb"^dependencies\s*:\s*(?:\[.*)?(?:#.*)?\r?$", re.MULTILINE)


def kind_of(path: PurePath, read_content: bool = True) -> Optional[str]:
    """The file kind of ``path``, or None when the audit has nothing to read in it.

    With ``read_content=False`` the name alone decides (no file is opened), so YAML files not
    named like conda environments come back as None.
    """
    kind = kind_by_name(path.name, path.parent.name)
    if kind == MAYBE_CONDA:
        return "conda" if read_content and _has_top_level_dependencies(path) else None
    return kind


#: what ``kind_by_name`` says of a YAML file whose content decides
MAYBE_CONDA = "yaml"


def kind_by_name(name: str, parent_name: str = "") -> Optional[str]:
    """The kind a file name (and its directory's name) gives, ``"yaml"`` when content decides."""
    exact = _EXACT.get(name)
    if exact is not None:
        return exact
    lowered = name.lower()
    suffix = lowered[lowered.rfind("."):] if "." in lowered else ""
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if name.startswith(("Dockerfile.", "Containerfile.")):
        return "dockerfile"
    if suffix == ".txt":
        if any(fnmatch.fnmatch(lowered, pattern) for pattern in _REQUIREMENT_GLOBS):
            return "requirements"
        return "requirements" if parent_name.lower() == "requirements" else None
    if suffix == ".in":
        if lowered in _NOT_REQUIREMENTS_IN or lowered.count(".") > 1:
            return None
        return "requirements"
    if suffix in (".yml", ".yaml"):
        if any(fnmatch.fnmatch(lowered, pattern) for pattern in _CONDA_GLOBS):
            return "conda"
        return MAYBE_CONDA
    return None


def _has_top_level_dependencies(path: PurePath) -> bool:
    """The cheap content check for YAML files not named like a conda environment (a bounded
    read of a regular file: a FIFO or device is not a conda file)."""
    try:
        head = read_regular(path, CONTENT_PROBE_BYTES, whole=False)
    except UnreadableFile:
        return False
    return yaml_is_conda(head)


def yaml_is_conda(head: bytes) -> bool:
    """Whether the first bytes of a YAML file hold a top-level ``dependencies:`` list."""
    return _TOP_LEVEL_DEPENDENCIES.search(head[:CONTENT_PROBE_BYTES]) is not None
