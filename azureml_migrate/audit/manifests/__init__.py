"""Requirement strings out of dependency manifests and install commands, with positions.

One module per format. Each reader turns one file's text into ``LocatedRequirement``s (pip
or conda syntax as the file wrote it) and never judges versions: the shared core
(``rules.check_requirement_string``) does. A reader raises ``ManifestError`` when the whole
file cannot be read as its kind; single lines it does not understand (options, URLs, paths)
are skipped, as pip skips them. Positions are 1-based lines and 0-based columns, like the
core's spans. Every reader runs in linear time in its input (no backtracking regex on
unbounded text, no rescans per requirement).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .common import LocatedRequirement, ManifestError, PositionMap, character_column
    from .conda import MAX_YAML_ALIASES, conda_environment
    from .dockerfile import dockerfile
    from .pipfile import pipfile
    from .pyproject import poetry_to_pep440, pyproject
    from .requirements import requirements_file
    from .setup_cfg import setup_cfg
    from .setup_py import setup_py
    from .shell import command_requirements, install_arguments, shell_lines_requirements, shell_words

#: each name this package offers, by the module that defines it: a reader's module (and what it
#: imports: yaml, tomllib ...) is imported when the name is first read, so an audit of Python
#: files loads none of them
_MODULE_OF = {
    "LocatedRequirement": "common", "ManifestError": "common", "PositionMap": "common",
    "character_column": "common",
    "MAX_YAML_ALIASES": "conda", "conda_environment": "conda",
    "dockerfile": "dockerfile",
    "pipfile": "pipfile",
    "poetry_to_pep440": "pyproject", "pyproject": "pyproject",
    "requirements_file": "requirements",
    "setup_cfg": "setup_cfg",
    "setup_py": "setup_py",
    "command_requirements": "shell", "install_arguments": "shell", "shell_lines_requirements": "shell",
    "shell_words": "shell",
}

__all__ = [
    "LocatedRequirement", "ManifestError", "MAX_YAML_ALIASES", "PositionMap", "character_column",
    "command_requirements", "conda_environment", "dockerfile", "install_arguments", "pipfile",
    "poetry_to_pep440", "pyproject", "requirements_file", "setup_cfg", "setup_py",
    "shell_lines_requirements", "shell_words",
]


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """This package: a reader named as its module (``pipfile``, ``pyproject``, ``setup_cfg``,
    ``setup_py``, ``dockerfile``) stays the reader when its module is first imported (the import
    system binds the module to the package's attribute of that name), as when every reader was
    imported here."""

    def __setattr__(self, name: str, value) -> None:
        if isinstance(value, types.ModuleType) and _MODULE_OF.get(name) == name:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __dir__():
    return sorted(set(globals()) | set(_MODULE_OF))
