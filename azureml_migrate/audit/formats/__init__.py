"""Report formats: each renders an AuditReport to a text stream.

They all read the same sorted findings, so they agree on count and locations; a test proves
it on a repository mixing every file kind. The terminal formats (``concise``, ``full``, and
``text``, the former name of ``concise``) also take a TextStyle (colour, quiet).
"""

from __future__ import annotations

from typing import Callable, Dict, Optional, TextIO

from ..runner import AuditReport
from . import ci_annotations, gitlab, html_report, json_report, junit, markdown, sarif, text
from .text import TextStyle

Renderer = Callable[[AuditReport, TextIO], None]

FORMATS: Dict[str, Renderer] = {
    "concise": text.render_concise,
    "full": text.render_full,
    "text": text.render_concise,
    "json": json_report.render,
    "sarif": sarif.render,
    "github": ci_annotations.render_github,
    "azure": ci_annotations.render_azure,
    "gitlab": gitlab.render,
    "junit": junit.render,
    "markdown": markdown.render,
    "html": html_report.render,
}

#: formats for people at a terminal: they take a TextStyle
TERMINAL_FORMATS = frozenset({"concise", "full", "text"})
#: formats whose output is one document a tool parses: nothing else may go to the same stream
DOCUMENT_FORMATS = frozenset({"json", "sarif", "html", "gitlab", "junit"})


def render(name: str, report: AuditReport, stream: TextIO, style: Optional[TextStyle] = None) -> None:
    if name in TERMINAL_FORMATS:
        FORMATS[name](report, stream, style or TextStyle())  # type: ignore[call-arg]
    else:
        FORMATS[name](report, stream)
