"""Report formats: each renders an AuditReport to a text stream.

They all read the same sorted findings, so they agree on count and locations; a test proves
it on a repository mixing every file kind.
"""

from __future__ import annotations

from typing import Callable, Dict, TextIO

from ..runner import AuditReport
from . import ci_annotations, html_report, json_report, markdown, sarif, text

Renderer = Callable[[AuditReport, TextIO], None]

FORMATS: Dict[str, Renderer] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "github": ci_annotations.render_github,
    "azure": ci_annotations.render_azure,
    "markdown": markdown.render,
    "html": html_report.render,
}

#: formats whose output is one document a tool parses: nothing else may go to the same stream
DOCUMENT_FORMATS = frozenset({"json", "sarif", "html"})


def render(name: str, report: AuditReport, stream: TextIO) -> None:
    FORMATS[name](report, stream)
