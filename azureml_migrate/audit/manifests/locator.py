"""TOML loading and finding where a value parsed without positions (TOML, configparser) was written."""

from __future__ import annotations

import re
import sys
from typing import Any, Dict, List, Optional, Tuple

from ..readers_text import physical_lines
from .common import INLINE_COMMENT, LocatedRequirement, ManifestError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib


def load_toml(text: str) -> Dict[str, Any]:
    try:
        return tomllib.loads(text)
    except ValueError as error:  # TOMLDecodeError, or an integer too long for int() (valid TOML)
        raise ManifestError(f"malformed TOML: {error}") from None


_QUOTED_STRING = re.compile(r"""(["'])(?P<value>(?:(?!\1).)*)\1""")
_TOML_KEY = re.compile(r"""^\s*(?P<quote>["']?)(?P<name>[^"'=\s\[]+)(?P=quote)\s*=""")
#: what a located span covers, by what was looked for: the inside of a quoted string, a whole
#: ``key = value`` line, a setup.cfg value
_SYNTAX = {"string": "plain", "key": "toml_key", "value": "plain"}
#: ``key =`` or ``key:`` opening a setup.cfg line (the value follows)
_CFG_KEY = re.compile(r"[^\s=:][^=:]*[=:]")


class TextLocator:
    """Finds where a value parsed by a position-less parser (TOML, configparser) was written.

    The text is indexed once (quoted strings, ``key =`` lines, bare values) so locating many
    requirements stays linear; a value written twice is matched to its occurrences in order,
    preferring those below the section header it belongs to. A value that cannot be found
    (written with escapes, say) is placed at line 1.
    """

    def __init__(self, text: str) -> None:
        self.lines = physical_lines(text)
        self._indexes: Dict[str, Dict[str, List[Tuple[int, int, int]]]] = {}

    def section_start(self, header: re.Pattern) -> int:
        for number, line in enumerate(self.lines):
            if header.match(line):
                return number
        return 0

    def _index(self, what: str) -> Dict[str, List[Tuple[int, int, int]]]:
        index = self._indexes.get(what)
        if index is not None:
            return index
        index = {}

        def add(key: str, number: int, start: int, end: int) -> None:
            index.setdefault(key, []).append((number, start, end))

        for number, line in enumerate(self.lines):
            if what == "string":
                for match in _QUOTED_STRING.finditer(line):
                    add(match.group("value"), number, match.start("value"), match.end("value"))
            elif what == "key":
                match = _TOML_KEY.match(line)
                if match is not None:
                    add(match.group("name"), number, match.start("quote"), len(INLINE_COMMENT.sub("", line).rstrip()))
            else:
                cleaned = INLINE_COMMENT.sub("", line)
                value = _cfg_value(cleaned)
                if value is not None:
                    start, end = value
                    add(cleaned[start:end], number, start, end)
        self._indexes[what] = index
        return index

    def located(self, requirement: str, kind: str, what: str, value: str, start: int = 0,
                shown: Optional[str] = None) -> LocatedRequirement:
        """``requirement`` placed where ``value`` is written as a ``what`` (string, key, value).

        A key is not used up: several constraints of one Poetry dependency share its line.
        """
        places = self._index(what).get(value)
        if not places:
            return LocatedRequirement(requirement, kind, 1, 0, 1, 0, "", shown, _SYNTAX[what])
        chosen = next((place for place in places if place[0] >= start), places[0])
        if what != "key":
            places.remove(chosen)
        number, col, end = chosen
        return LocatedRequirement(requirement, kind, number + 1, col, number + 1, end, self.lines[number], shown,
                                  _SYNTAX[what])


def table_header(*names: str) -> re.Pattern:
    dotted = r"\s*\.\s*".join(r"""["']?""" + re.escape(name) + r"""["']?""" for name in names)
    return re.compile(r"^\s*\[\s*" + dotted + r"\s*\]")


def _cfg_value(line: str) -> Optional[Tuple[int, int]]:
    """Where the value of a setup.cfg line is (after ``key =`` if any, stripped), or None if blank.

    String methods rather than a regex with ``\\S.*?\\s*$``, which rescans the trailing
    whitespace at every character and is quadratic on a long run of spaces.
    """
    key = _CFG_KEY.match(line)
    if key is not None and line[key.end():].strip():
        start = key.end()
    elif line.strip():
        start = 0
    else:
        return None
    rest = line[start:]
    return start + len(rest) - len(rest.lstrip()), len(line.rstrip())
