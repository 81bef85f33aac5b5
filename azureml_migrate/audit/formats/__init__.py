"""Report formats: each renders an AuditReport to a text stream.

They all read the same sorted findings, so they agree on count and locations; a test proves
it on a repository mixing every file kind. The terminal formats (``concise``, ``full``, and
``text``, the former name of ``concise``) also take a TextStyle (colour, quiet).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Callable, Dict, Iterator, Mapping, Optional, TextIO, Tuple

if TYPE_CHECKING:
    from ..runner import AuditReport
    from .text import TextStyle

Renderer = Callable[["AuditReport", TextIO], None]

#: each format's renderer: its module in this package and the function's name there
_RENDERERS: Dict[str, Tuple[str, str]] = {
    "concise": ("text", "render_concise"),
    "full": ("text", "render_full"),
    "text": ("text", "render_concise"),
    "json": ("json_report", "render"),
    "sarif": ("sarif", "render"),
    "github": ("ci_annotations", "render_github"),
    "azure": ("ci_annotations", "render_azure"),
    "gitlab": ("gitlab", "render"),
    "junit": ("junit", "render"),
    "markdown": ("markdown", "render"),
    "html": ("html_report", "render"),
}


class _Formats(Mapping[str, Renderer]):
    """The formats by name; a format's module is imported when its renderer is looked up, so
    the command line lists every name and a run loads only the format it writes."""

    def __getitem__(self, name: str) -> Renderer:
        module, function = _RENDERERS[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), function)

    def __iter__(self) -> Iterator[str]:
        return iter(_RENDERERS)

    def __len__(self) -> int:
        return len(_RENDERERS)


FORMATS: Mapping[str, Renderer] = _Formats()

#: formats for people at a terminal: they take a TextStyle
TERMINAL_FORMATS = frozenset({"concise", "full", "text"})
#: formats whose output is one document a tool parses: nothing else may go to the same stream
DOCUMENT_FORMATS = frozenset({"json", "sarif", "html", "gitlab", "junit"})


def render(name: str, report: "AuditReport", stream: TextIO, style: Optional["TextStyle"] = None) -> None:
    if name in TERMINAL_FORMATS:
        if style is None:
            from .text import TextStyle

            style = TextStyle()
        FORMATS[name](report, stream, style)  # type: ignore[call-arg]
    else:
        FORMATS[name](report, stream)


def __getattr__(name: str):
    """``TextStyle``, the terminal formats' style, from the module that defines it (imported
    only when asked for)."""
    if name == "TextStyle":
        from .text import TextStyle

        return TextStyle
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
