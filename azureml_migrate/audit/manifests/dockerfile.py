"""Dockerfile ``RUN`` instructions."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Dict, List, Optional, Sequence

from ..readers_text import physical_lines
from .common import LocatedRequirement, PositionMap
from .shell import command_requirements, install_arguments, shell_words

_ESCAPE_DIRECTIVE = re.compile(r"^#\s*escape\s*=\s*(\S)\s*$", re.IGNORECASE)
_INSTRUCTION = re.compile(r"^\s*([A-Za-z]+)\b")
_JSON_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_JSON_ESCAPE = re.compile(r'\\(u[0-9A-Fa-f]{4}|.)', re.DOTALL)
_SHELL_PROGRAM = re.compile(r"^(?:.*/)?(?:sh|bash|dash|ash|ksh|zsh)$")


def dockerfile(text: str) -> List[LocatedRequirement]:
    """pip/conda install arguments of ``RUN`` instructions (shell form and JSON exec form).

    Suppression: a ``# noqa`` comment line directly above the ``RUN`` instruction, or directly
    above the continuation line holding the requirement, or a shell comment ending the line.
    """
    lines = physical_lines(text)
    escape = "\\"
    for line in lines:
        directive = _ESCAPE_DIRECTIVE.match(line)
        if directive:
            escape = directive.group(1)
            continue
        break
    found: List[LocatedRequirement] = []
    index = 0
    while index < len(lines):
        instruction = _INSTRUCTION.match(lines[index])
        if instruction is None or lines[index].lstrip().startswith("#"):
            index += 1
            continue
        start = index
        positions = PositionMap()
        above = lines[start - 1] if start > 0 else ""
        comment_above: Dict[int, str] = {start + 1: above if above.lstrip().startswith("#") else ""}
        previous_comment = ""
        while index < len(lines):
            text_line = lines[index]
            if index > start and text_line.lstrip().startswith("#"):
                previous_comment = text_line
                index += 1
                continue
            comment_above[index + 1] = previous_comment if index > start else comment_above[start + 1]
            previous_comment = ""
            stripped = text_line.rstrip()
            continued = stripped.endswith(escape)
            offset = instruction.end() if index == start else 0
            piece = stripped[offset:-1] + " " if continued else text_line[offset:]
            positions.add(piece, index + 1, offset)
            index += 1
            if not continued:
                break
        if instruction.group(1).upper() != "RUN":
            continue
        command = positions.text.strip()
        exec_words = _exec_form(positions) if command.startswith("[") else None
        if exec_words is None:
            requirements = command_requirements(positions, "")
        else:
            requirements = _exec_requirements(exec_words, positions)
        before_run = comment_above[start + 1]
        for requirement in requirements:
            own_line = lines[requirement.line - 1]
            comment_text = "\n".join((before_run, comment_above.get(requirement.line, ""), _shell_comment(own_line)))
            found.append(dataclasses.replace(requirement, comment_text=comment_text))
    return found


def _shell_comment(line: str) -> str:
    match = re.search(r"(^|\s)(#.*)$", line)
    return match.group(2) if match else ""


class _JsonString:
    """One string of an exec-form array: its value, and where each of its characters is written.

    ``starts[i]`` is the offset in the instruction's text where character ``i`` of the value
    is written (an escape ``\\"`` writes one character with two); ``starts[len(value)]`` is
    the offset of the closing quote.
    """

    def __init__(self, raw: str, offset: int) -> None:
        pieces: List[str] = []
        self.starts: List[int] = []
        position = 0
        for escape in _JSON_ESCAPE.finditer(raw):
            for index in range(position, escape.start()):
                self.starts.append(offset + index)
            pieces.append(raw[position:escape.start()])
            decoded = json.loads(f'"{escape.group()}"')
            self.starts.extend([offset + escape.start()] * len(decoded))
            pieces.append(decoded)
            position = escape.end()
        self.starts.extend(offset + index for index in range(position, len(raw) + 1))
        pieces.append(raw[position:])
        self.value = "".join(pieces)


def _exec_form(positions: PositionMap) -> Optional[List[_JsonString]]:
    """``RUN ["pip", "install", "x==1"]``: its strings, or None when it is not a JSON array of
    strings (Docker then runs the text with a shell, as the shell form)."""
    try:
        array = json.loads(positions.text)
    except ValueError:
        return None
    if not isinstance(array, list) or not all(isinstance(item, str) for item in array):
        return None
    strings = [_JsonString(match.group(1), match.start(1)) for match in _JSON_STRING.finditer(positions.text)]
    return strings if [string.value for string in strings] == array else None


def _exec_requirements(strings: Sequence[_JsonString], positions: PositionMap) -> List[LocatedRequirement]:
    """Install arguments of an exec-form ``RUN``: of the script a shell runs (``["bash", "-c",
    "pip install ..."]``, each a shell word inside a JSON string), else of the argument list
    itself (each a whole JSON string, no shell reads it)."""
    script = _shell_script(strings)
    if script is None:
        words = [(string.value, index, index) for index, string in enumerate(strings)]
        located = ((word, kind, strings[index], 0, len(word), "json")
                   for word, kind, index, _ in install_arguments(words))
    else:
        located = ((word, kind, script, start, end, "json_shell")
                   for word, kind, start, end in install_arguments(shell_words(script.value)))
    return [_located(word, kind, string, start, end, syntax, positions)
            for word, kind, string, start, end, syntax in located]


def _shell_script(strings: Sequence[_JsonString]) -> Optional[_JsonString]:
    """The command string of ``["/bin/bash", "-c", "..."]`` (also ``-ec``, ``-lc``), or None."""
    if not strings or not _SHELL_PROGRAM.match(strings[0].value):
        return None
    for index, string in enumerate(strings[1:-1], start=1):
        option = string.value
        if not option.startswith("-") or option.startswith("--"):
            return None
        if "c" in option:
            return strings[index + 1]
    return None


def _located(word: str, kind: str, string: _JsonString, start: int, end: int, syntax: str,
             positions: PositionMap) -> LocatedRequirement:
    line, col = positions.position(string.starts[start])
    end_line, end_col = positions.position(string.starts[end] - 1)
    return LocatedRequirement(word, kind, line, col, end_line, end_col + 1, "", syntax=syntax)
