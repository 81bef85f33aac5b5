"""pip/conda install arguments out of shell text (notebook ``!pip``, Markdown shell blocks, ``RUN``)."""

from __future__ import annotations

import re
from typing import Iterator, List, Sequence, Tuple

from .common import LocatedRequirement, PositionMap


_OPERATORS = ("&&", "||", ";", "|", "&", "(", ")")
_PIP_OPTIONS_WITH_VALUE = frozenset({
    "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
    "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root",
    "--platform", "--python-version", "--implementation", "--abi", "--src", "--upgrade-strategy",
    "--progress-bar", "--cache-dir", "--log", "--proxy", "--retries", "--timeout",
    "--trusted-host", "--cert", "--client-cert", "--exists-action", "--no-binary",
    "--only-binary", "--global-option", "--install-option", "--config-settings", "-C",
    "--python", "--report", "--root-user-action", "--keyring-provider",
})
_CONDA_OPTIONS_WITH_VALUE = frozenset({
    "-c", "--channel", "-n", "--name", "-p", "--prefix", "--file", "--repodata-fn",
    "--solver", "--subdir", "--platform",
})
_PIP_PROGRAM = re.compile(r"^(?:.*/)?pip(?:\d+(?:\.\d+)*)?(?:\.exe)?$")
_PYTHON_PROGRAM = re.compile(r"^(?:.*/)?python(?:\d+(?:\.\d+)*)?(?:\.exe)?$")
_CONDA_PROGRAM = re.compile(r"^(?:.*/)?(?:conda|mamba|micromamba)(?:\.exe)?$")


_SHELL_TOKEN = re.compile(r"""(?P<space>\s+)|(?P<op>&&|\|\||[;|&()])|(?P<comment>\#.*)"""
                          r"""|(?P<word>(?:[^\s'"\\;&|()]|'[^']*'?|"(?:[^"\\]|\\.)*"?|\\.?)+)""", re.DOTALL)
_SHELL_QUOTED = re.compile(r"""'([^']*)'?|"((?:[^"\\]|\\.)*)"?|\\(.?)""", re.DOTALL)


def _unquote(match: re.Match) -> str:
    single, double, escaped = match.groups()
    if single is not None:
        return single
    if double is not None:
        return re.sub(r"\\(.)", r"\1", double)
    return escaped or ""


def shell_words(text: str) -> List[Tuple[str, int, int]]:
    """Words of a shell command (quotes removed) with their start/end offsets in ``text``.

    Control operators (``&&``, ``;``, ``|`` ...) come back as words of their own; a ``#``
    starting a word starts a comment. Only what install commands need: no expansion, no
    here-documents.
    """
    words: List[Tuple[str, int, int]] = []
    for match in _SHELL_TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "comment":
            break
        if kind == "op":
            words.append((match.group(), match.start(), match.end()))
        elif kind == "word":
            words.append((_SHELL_QUOTED.sub(_unquote, match.group()), match.start(), match.end()))
    return words


def install_arguments(words: Sequence[Tuple[str, int, int]]) -> Iterator[Tuple[str, str, int, int]]:
    """(requirement, kind, start, end) for each package argument of pip/conda install commands."""
    commands: List[List[Tuple[str, int, int]]] = [[]]
    for word in words:
        if word[0] in _OPERATORS:
            commands.append([])
        else:
            commands[-1].append(word)
    for command in commands:
        yield from _command_arguments(command)


def _command_arguments(command: List[Tuple[str, int, int]]) -> Iterator[Tuple[str, str, int, int]]:
    names = [word for word, _, _ in command]
    for position, name in enumerate(names):
        kind = None
        if _PIP_PROGRAM.match(name):
            kind, rest = "pip", position + 1
        elif _PYTHON_PROGRAM.match(name) and names[position + 1:position + 3] == ["-m", "pip"]:
            kind, rest = "pip", position + 3
        elif _CONDA_PROGRAM.match(name):
            kind, rest = "conda", position + 1
        if kind is None:
            continue
        while rest < len(names) and names[rest].startswith("-"):  # pip's own options (pip -q install)
            rest += 1
        if rest >= len(names) or names[rest] != "install":
            continue
        yield from _package_arguments(command[rest + 1:], kind)
        return


def _package_arguments(arguments: Sequence[Tuple[str, int, int]], kind: str) -> Iterator[Tuple[str, str, int, int]]:
    with_value = _PIP_OPTIONS_WITH_VALUE if kind == "pip" else _CONDA_OPTIONS_WITH_VALUE
    skip_next = False
    for word, start, end in arguments:
        if skip_next:
            skip_next = False
            continue
        if word.startswith("-"):
            skip_next = word in with_value
            continue
        if not word or "$" in word or "://" in word or word.startswith((".", "/", "~")):
            continue
        yield word, kind, start, end


def command_requirements(positions: PositionMap, comment_text: str) -> List[LocatedRequirement]:
    """The install arguments of one logical shell line, located in the file."""
    found = []
    for word, kind, start, end in install_arguments(shell_words(positions.text)):
        line, col = positions.position(start)
        end_line, end_col = positions.position(end - 1)
        found.append(LocatedRequirement(word, kind, line, col, end_line, end_col + 1, comment_text, syntax="shell"))
    return found


def shell_lines_requirements(lines: Sequence[str], first_line: int = 1,
                             first_col: int = 0) -> List[LocatedRequirement]:
    """Install commands in shell text (``\\`` continues a line), located from ``first_line``."""
    found: List[LocatedRequirement] = []
    index = 0
    while index < len(lines):
        positions = PositionMap()
        start = index
        while True:
            text = lines[index]
            continued = text.rstrip().endswith("\\")
            piece = text.rstrip()[:-1] + " " if continued else text
            positions.add(piece, first_line + index, first_col)
            index += 1
            if not continued or index >= len(lines):
                break
        if "install" in positions.text:
            found.extend(command_requirements(positions, "\n".join(lines[start:index])))
    return found
