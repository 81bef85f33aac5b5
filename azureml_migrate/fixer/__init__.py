"""``azureml-migrate fix``: apply the fixes the rules attach to their findings.

``fix_text(text, kind, ...)`` fixes one file's text of any kind the audit reads and says what
it did (``model.FixResult``); ``files.fix_file`` reads, fixes and writes back one file;
``command`` is the command line. Modules are imported on use, so ``azureml-migrate rules``
does not pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

if TYPE_CHECKING:
    from ..rules import Options
    from .model import FixResult, Item

__all__ = ["fix_text"]


def fix_text(text: str, kind: str, options: Optional["Options"] = None,
             wanted: Callable[[str], bool] = lambda code: True, unsafe: bool = False,
             only: Optional[Callable[["Item"], bool]] = None) -> "FixResult":
    """The text with the fixes of the wanted rules applied (unsafe ones too with ``unsafe``).

    ``only`` picks findings by their report item (code, line, column, cell): then only their
    fixes are applied, as an editor's quick fix does (``selection``).

    ``kind`` is an audit file kind (``audit.kinds``). Raises ``model.FixError`` when the file
    cannot be fixed at all (it does not parse, is not notebook JSON ...). Markdown is never
    rewritten: its findings come back as manual work.
    """
    from ..rules import Options
    from .documents import MANIFEST_KINDS, ManifestDocument, PythonDocument, markdown_items
    from .loop import fix_document
    from .model import FixResult
    from .notebook import NotebookDocument
    from .selection import OnlyPicked

    options = options if options is not None else Options()
    if kind == "markdown":
        return FixResult(text, text, manual=markdown_items(text, options, wanted))
    if kind in ("python", "setup_py"):
        document = PythonDocument(text, options, wanted, setup_py=kind == "setup_py")
    elif kind == "notebook":
        document = NotebookDocument(text, options, wanted)
    elif kind in MANIFEST_KINDS:
        document = ManifestDocument(text, kind, options, wanted)
    else:
        raise ValueError(f"unknown file kind {kind!r}")
    return fix_document(document if only is None else OnlyPicked(document, only), unsafe)
