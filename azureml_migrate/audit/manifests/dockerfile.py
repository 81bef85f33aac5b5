"""Dockerfile ``RUN`` instructions."""

from __future__ import annotations

import dataclasses
import re
from typing import Dict, List

from ..readers_text import physical_lines
from .common import LocatedRequirement, PositionMap
from .shell import command_requirements

_ESCAPE_DIRECTIVE = re.compile(r"^#\s*escape\s*=\s*(\S)\s*$", re.IGNORECASE)
_INSTRUCTION = re.compile(r"^\s*([A-Za-z]+)\b")


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
        exec_form = command.startswith("[")
        command_positions = _exec_form(positions) if exec_form else positions
        before_run = comment_above[start + 1]
        for requirement in command_requirements(command_positions, ""):
            own_line = lines[requirement.line - 1]
            comment_text = "\n".join((before_run, comment_above.get(requirement.line, ""), _shell_comment(own_line)))
            # the exec form's words are JSON strings, never seen by a shell: their content is plain
            found.append(dataclasses.replace(requirement, comment_text=comment_text,
                                             syntax="plain" if exec_form else requirement.syntax))
    return found


def _shell_comment(line: str) -> str:
    match = re.search(r"(^|\s)(#.*)$", line)
    return match.group(2) if match else ""


def _exec_form(positions: PositionMap) -> PositionMap:
    """``RUN ["pip", "install", "x==1"]``: the JSON strings as shell words, positions kept."""
    exec_positions = PositionMap()
    for match in re.finditer(r'"((?:[^"\\]|\\.)*)"', positions.text):
        line, col = positions.position(match.start(1))
        exec_positions.add(match.group(1) + " ", line, col)
    return exec_positions
