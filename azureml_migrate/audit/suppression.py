"""Inline suppression comments, written once for every file kind the audit reads.

``# noqa`` and ``# noqa: <code>,AML3`` work as in flake8 (a listed code matches itself and
every code it is a prefix of) wherever the file kind has ``#`` comments. In Python code
(modules, notebook cells, Markdown code blocks) ``# pylint: disable=<symbol or msgid>``
works as in pylint: on the finding's line, as ``disable-next`` on the line before, and as a
standalone comment line that disables from there until a matching ``enable`` (a standalone
comment that is indented only lasts until the end of its block).
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Sequence

from ..rules import rule_of_code
from .readers_text import physical_lines

_NOQA = re.compile(r"#\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]*(?:[,\s]+[A-Z]+[0-9]*)*))?", re.IGNORECASE)
_PYLINT = re.compile(r"#\s*pylint\s*:\s*(?P<action>disable-next|disable|enable)\s*="
                     r"\s*(?P<names>[\w\-]+(?:\s*,\s*[\w\-]+)*)")


def names_for(code: str) -> FrozenSet[str]:
    """Every name a comment may use for a rule: its code, pylint symbol and msgid."""
    rule = rule_of_code(code)  # its module alone, not the catalog (every rule module)
    names = {code.lower(), "all"}
    if rule is not None:
        names.update((rule.symbol.lower(), rule.msgid.lower()))
    return frozenset(names)


def noqa_suppresses(text: str, code: str) -> bool:
    """True when ``text`` (a physical line or a comment) carries a ``# noqa`` covering ``code``."""
    if "noqa" not in text.lower():
        return False
    for match in _NOQA.finditer(text):
        codes = match.group("codes")
        if codes is None:
            return True
        if any(code.upper().startswith(listed.upper()) for listed in re.split(r"[,\s]+", codes) if listed):
            return True
    return False


def pylint_disables(comment: str, code: str, actions: Sequence[str] = ("disable",)) -> bool:
    """True when a ``# pylint: <action>=...`` in ``comment`` names the rule of ``code``."""
    if "pylint" not in comment:
        return False
    names = names_for(code)
    for match in _PYLINT.finditer(comment):
        if match.group("action") in actions:
            listed = {name.strip().lower() for name in match.group("names").split(",")}
            if listed & names:
                return True
    return False


def suppressed(line_text: str, code: str, python: bool = False) -> bool:
    """The one check every kind uses: does this physical line suppress ``code``?

    ``python`` adds the on-line ``# pylint: disable=`` form (the comment must be Python's).
    """
    return noqa_suppresses(line_text, code) or (python and pylint_disables(line_text, code))


@dataclass
class PythonComments:
    """The comments of one Python text, by line, found with ``tokenize`` (not in strings)."""

    by_line: Dict[int, str] = field(default_factory=dict)
    #: lines that hold nothing but a comment, with the comment's indentation
    standalone: Dict[int, int] = field(default_factory=dict)
    #: indentation of each line that holds code
    code_indent: Dict[int, int] = field(default_factory=dict)

    @classmethod
    def of(cls, source: str) -> "PythonComments":
        comments = cls()
        lines = physical_lines(source)
        try:
            line_starts = True
            for token in tokenize.generate_tokens(io.StringIO(source).readline):
                line, col = token.start
                if token.type == tokenize.COMMENT:
                    comments.by_line[line] = comments.by_line.get(line, "") + token.string
                    if not lines[line - 1][:col].strip():
                        comments.standalone[line] = col
                elif token.type in (tokenize.NEWLINE, tokenize.NL):
                    line_starts = True
                elif token.type not in (tokenize.INDENT, tokenize.DEDENT) and line_starts:
                    comments.code_indent[line] = col
                    line_starts = False
        except (tokenize.TokenError, IndentationError, SyntaxError):
            comments._from_lines(lines)
        return comments

    def _from_lines(self, lines: List[str]) -> None:
        """Comments found line by line, for text ``tokenize`` refuses (a ``#`` in a string may count)."""
        self.by_line.clear()
        self.standalone.clear()
        self.code_indent.clear()
        for number, text in enumerate(lines, start=1):
            stripped = text.lstrip()
            if "#" in text:
                self.by_line[number] = text[text.index("#"):]
            if stripped.startswith("#"):
                self.standalone[number] = len(text) - len(stripped)
            elif stripped:
                self.code_indent[number] = len(text) - len(stripped)

    def suppresses(self, line: int, code: str) -> bool:
        """Whether a comment on, before, or (as a block-level disable) above ``line`` hides ``code``."""
        comment = self.by_line.get(line, "")
        if suppressed(comment, code, python=True):
            return True
        if pylint_disables(self.by_line.get(line - 1, ""), code, ("disable-next",)):
            return True
        return self._disabled_by_standalone(line, code)

    def _disabled_by_standalone(self, line: int, code: str) -> bool:
        """A standalone ``disable`` above, not re-enabled, whose block has not ended before ``line``."""
        indent: Optional[int] = None  # indentation of the disable in force, or None
        since = 0
        for number in sorted(n for n in self.standalone if n < line):
            comment = self.by_line[number]
            if pylint_disables(comment, code):
                indent, since = self.standalone[number], number
            elif indent is not None and pylint_disables(comment, code, ("enable",)) \
                    and self.standalone[number] <= indent:
                indent = None
        if indent is None:
            return False
        return not any(self.code_indent.get(number, indent) < indent for number in range(since + 1, line + 1))


def mentions_suppression(text: str) -> bool:
    """Cheap test before tokenizing: can this text suppress anything at all?"""
    lowered = text.lower()
    return "noqa" in lowered or "pylint" in lowered
