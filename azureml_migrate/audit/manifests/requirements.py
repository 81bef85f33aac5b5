"""pip requirements and constraints files."""

from __future__ import annotations

import re
from typing import List

from .common import INLINE_COMMENT, LocatedRequirement

#: where pip options after a requirement start: ``-x``/``--x`` after whitespace. A lookbehind,
#: not ``\s+--?...``, which is retried at every space of a long run of them (quadratic).
_TRAILING_OPTION = re.compile(r"(?<=\s)--?[A-Za-z]")


def requirements_file(text: str) -> List[LocatedRequirement]:
    """pip requirements/constraints lines; options, editables, URLs and paths are skipped."""
    lines = text.splitlines()
    found: List[LocatedRequirement] = []
    index = 0
    while index < len(lines):
        start = index
        parts = []
        while True:
            line = lines[index]
            index += 1
            stripped_comment = INLINE_COMMENT.sub("", line)
            if stripped_comment.rstrip().endswith("\\") and index < len(lines):
                parts.append(stripped_comment.rstrip()[:-1])
                continue
            parts.append(stripped_comment)
            break
        logical = " ".join(parts)
        option = _TRAILING_OPTION.search(logical)
        requirement = (logical[:option.start()] if option else logical).strip()
        if not requirement or requirement.startswith("-") or "://" in requirement.split(";")[0].split("@")[0]:
            continue
        if requirement.startswith((".", "/", "~")):
            continue
        first = lines[start]
        col = first.find(requirement.split()[0]) if requirement.split() else 0
        col = max(col, 0)
        one_line = start == index - 1
        end_col = col + len(requirement) if one_line else len(lines[index - 1].rstrip())
        found.append(LocatedRequirement(requirement, "pip", start + 1, col, index, end_col,
                                        "\n".join(lines[start:index])))
    return found
