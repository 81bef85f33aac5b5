"""A finding's message, rendered in one place from data every front end can read.

A message is one line a person reads in an editor tooltip or a CI log: the rule's own words
(what is deprecated, the replacement in a few words) and, in brackets, what ``azureml-migrate
fix`` can do about it: ``fixable``, ``fixable with --unsafe-fixes`` or ``manual: <what to do>``.
That ending is a ``Status`` carried beside the message (findings, audit findings, fix reports,
JSON, SARIF and the language server read the status, never the message text), and ``render``
is the only place the two are joined. A manual reason too long for a tooltip is shortened to
its leading clauses, cut only between clauses (never inside code or a quoted string); the whole
reason stays in the fix and its hint.
"""

from __future__ import annotations

import functools
from typing import List

from .fixes import Applicability, Fix
from .records import record

#: the three things ``fix`` can do about a finding, as messages and reports name them
FIXABLE = "fixable"
UNSAFE_FIXABLE = "fixable with --unsafe-fixes"
MANUAL = "manual"
LABELS = (FIXABLE, UNSAFE_FIXABLE, MANUAL)

#: a manual reason longer than this is cut to its leading clauses in a message
BRIEF_REASON = 100


@record
class Status:
    """What ``azureml-migrate fix`` can do about a finding."""

    #: one of ``LABELS``
    label: str = MANUAL
    #: for a manual finding, what to do by hand, as briefly as the message says it ("" otherwise)
    reason: str = ""

    def __post_init__(self) -> None:
        if self.label not in LABELS:
            raise ValueError(f"unknown status {self.label!r}")
        if self.reason and self.label != MANUAL:
            raise ValueError("only a manual finding names a reason in its message")

    @classmethod
    def of(cls, fix: Fix) -> "Status":
        """The status a finding with ``fix`` has: its applicability, and for a manual fix its
        brief (``Fix.brief``), else its reason's leading clauses."""
        if fix.applicability is Applicability.SAFE:
            return cls(FIXABLE)
        if fix.applicability is Applicability.UNSAFE:
            return cls(UNSAFE_FIXABLE)
        return cls(MANUAL, fix.brief or brief(fix.reason))

    def ending(self) -> str:
        """What the message ends with, in brackets."""
        return f"{self.label}: {self.reason}" if self.reason else self.label


def render(text: str, status: Status) -> str:
    """The message: the rule's words and the status, on one line."""
    if "\n" in text:
        text = " ".join(line.strip() for line in text.splitlines())
    return f"{text} ({status.ending()})"


def needs_manual_work_first(member: str) -> str:
    """The manual reason of a fix group's member that another member blocks: the blocking
    member named briefly (``est = PyTorch(...)``); its own finding says what to do."""
    return f"{member} needs manual work first"


_OPENING, _CLOSING = "([{", ")]}"


@functools.lru_cache(maxsize=1024)
def brief(reason: str, width: int = BRIEF_REASON) -> str:
    """``reason`` in a message: whole when short, else its leading clauses (split at ``: ``
    and ``; `` outside brackets and quotes, so code is never cut), at least the first.
    Remembered: every finding on one call, and every call of a kind, repeats its reason."""
    if len(reason) <= width:
        return reason
    cuts = _clause_ends(reason)
    kept = cuts[0] if cuts else len(reason)
    for end in cuts[1:]:
        if end > width:
            break
        kept = end
    return reason[:kept]


def _clause_ends(text: str) -> List[int]:
    """Offsets where a top-level clause ends (before ``: `` or ``; ``), in one linear scan. A
    quote opens a string only where a token starts (not the apostrophe of "configuration's")."""
    ends: List[int] = []
    depth, quote = 0, ""
    for index, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"" and (index == 0 or not text[index - 1].isalnum()):
            quote = char
        elif char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(depth - 1, 0)
        elif depth == 0 and char in ":;" and text[index + 1:index + 2] == " ":
            ends.append(index)
    return ends
