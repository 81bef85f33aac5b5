"""Requirement strings out of dependency manifests and install commands, with positions.

One module per format. Each reader turns one file's text into ``LocatedRequirement``s (pip
or conda syntax as the file wrote it) and never judges versions: the shared core
(``rules.check_requirement_string``) does. A reader raises ``ManifestError`` when the whole
file cannot be read as its kind; single lines it does not understand (options, URLs, paths)
are skipped, as pip skips them. Positions are 1-based lines and 0-based columns, like the
core's spans. Every reader runs in linear time in its input (no backtracking regex on
unbounded text, no rescans per requirement).
"""

from .common import LocatedRequirement, ManifestError, PositionMap, character_column
from .conda import MAX_YAML_ALIASES, conda_environment
from .dockerfile import dockerfile
from .pipfile import pipfile
from .pyproject import poetry_to_pep440, pyproject
from .requirements import requirements_file
from .setup_cfg import setup_cfg
from .setup_py import setup_py
from .shell import command_requirements, install_arguments, shell_lines_requirements, shell_words

__all__ = [
    "LocatedRequirement", "ManifestError", "MAX_YAML_ALIASES", "PositionMap", "character_column",
    "command_requirements", "conda_environment", "dockerfile", "install_arguments", "pipfile",
    "poetry_to_pep440", "pyproject", "requirements_file", "setup_cfg", "setup_py",
    "shell_lines_requirements", "shell_words",
]
