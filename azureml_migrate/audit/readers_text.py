"""Splitting text into the lines a parser numbers.

``str.splitlines`` also breaks at form feeds, ``\\x1c``-``\\x1e``, ``\\x85`` and the Unicode
line separators, which Python's tokenizer, Markdown, TOML and Dockerfiles treat as ordinary
characters: a line number from ``ast`` would then point at the wrong line.
"""

from __future__ import annotations

import re
from typing import List

_PHYSICAL_BREAK = re.compile(r"\r\n|\r|\n")
#: PyYAML also counts NEL and the Unicode line and paragraph separators as line breaks.
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def physical_lines(text: str) -> List[str]:
    """Lines as Python, Markdown, TOML and Dockerfiles count them (no line ends kept)."""
    lines = _PHYSICAL_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def yaml_lines(text: str) -> List[str]:
    """Lines as PyYAML's marks count them."""
    lines = _YAML_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines
