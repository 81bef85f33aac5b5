"""Terminal formats, as ruff prints them: ``concise`` (one line per finding, never cut) and
``full`` (the flagged source line with a caret, the message, and the multi-line rewrite once
per rewritten call: under the first of the findings that share it).

Colour only on a terminal, never when ``NO_COLOR`` is set, always when ``FORCE_COLOR`` is
(https://no-color.org, https://force-color.org). ``quiet`` leaves out the summary line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Dict, List, Optional, TextIO, Tuple

from ..model import AuditFinding
from ..runner import AuditReport
from .common import exclude_hint, location, summary_line
from .source_context import SourceCache


@dataclass(frozen=True)
class TextStyle:
    colour: bool = False
    quiet: bool = False


def wants_colour(stream: TextIO, environ=os.environ) -> bool:
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.enabled and text else text


BOLD, RED, CYAN, BLUE, GREEN = "1", "1;31", "36", "1;34", "32"


def _errors_and_summary(report: AuditReport, stream: TextIO, style: TextStyle, paint: _Paint) -> None:
    for error in report.errors:
        stream.write(f"{paint(error.path, BOLD)}: {paint('error', RED)}: {error.message}{exclude_hint(error.path)}\n")
    if not style.quiet:
        stream.write(summary_line(report) + "\n")


def render_concise(report: AuditReport, stream: TextIO, style: TextStyle = TextStyle()) -> None:
    paint = _Paint(style.colour)
    for item in report.findings:
        finding = item.finding
        message = " ".join(finding.message.split())
        stream.write(f"{paint(location(finding), BOLD)}: {paint(finding.code, RED)} {message}\n")
    _errors_and_summary(report, stream, style, paint)


def render_full(report: AuditReport, stream: TextIO, style: TextStyle = TextStyle(),
                sources: Optional[SourceCache] = None) -> None:
    paint = _Paint(style.colour)
    sources = sources or SourceCache()
    shown: Dict[Tuple[str, str], AuditFinding] = {}
    for item in report.findings:
        finding = item.finding
        stream.write(f"{paint(location(finding), BOLD)}: {paint(finding.code, RED)} {finding.message}\n")
        stream.write("".join(_context(finding, sources.lines(finding), paint)))
        if finding.hint and not _shown_above(finding, shown):
            stream.write(f"  {paint('=', BLUE)} {paint('rewrite:', GREEN)}\n")
            for line in finding.hint.splitlines():
                stream.write(f"      {line}\n")
        stream.write("\n")
    _errors_and_summary(report, stream, style, paint)


def _shown_above(finding: AuditFinding, shown: Dict[Tuple[str, str], AuditFinding]) -> bool:
    """Whether an earlier finding on the same call (whose lines hold this one's) showed this
    rewrite; otherwise this finding shows it."""
    earlier = shown.get((finding.path, finding.hint))
    if earlier is not None and earlier.cell == finding.cell and earlier.line <= finding.line <= earlier.end_line:
        return True
    shown[(finding.path, finding.hint)] = finding
    return False


def _context(finding, lines: Optional[List[str]], paint: _Paint) -> List[str]:
    """The flagged line with a caret under the flagged text (to the line's end if it goes on)."""
    if lines is None or not 1 <= finding.line <= len(lines):
        return []
    text = lines[finding.line - 1].rstrip("\r").expandtabs(1)
    start = max(finding.column - 1, 0)
    end = finding.end_column - 1 if finding.end_line == finding.line else len(text.rstrip())
    width = max(end - start, 1)
    gutter = " " * len(str(finding.line))
    bar = paint("|", BLUE)
    return [f" {gutter} {bar}\n",
            f" {paint(str(finding.line), BLUE)} {bar} {text}\n",
            f" {gutter} {bar} {' ' * start}{paint('^' * width, RED)}\n"]
