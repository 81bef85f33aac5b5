"""Driving ``azureml-migrate server`` through the protocol in tests, as an editor does: open
buffers, wait for diagnostics, apply workspace edits to the buffers, send the changes back."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Union

from lsprotocol import types

#: the console entry point, exactly as an editor runs it (``azureml-migrate server``)
SERVER_COMMAND = [sys.executable, "-c", "import sys; from azureml_migrate.cli import main; "
                                        "sys.exit(main(['server']))"]
#: bounds a wait for the server so a broken server fails the test instead of hanging it
WAIT_SECONDS = 60
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "legacy_project"


def uri_of(path: Path) -> str:
    return path.resolve().as_uri()


def codes(diagnostics: Sequence[types.Diagnostic]) -> List[str]:
    return sorted(str(diagnostic.code) for diagnostic in diagnostics)


async def diagnostics_for(client, uri: str, condition: Callable[[Sequence[types.Diagnostic]], bool],
                          ) -> Sequence[types.Diagnostic]:
    """The diagnostics of ``uri`` once they satisfy ``condition`` (publications come and go)."""
    async def wait() -> Sequence[types.Diagnostic]:
        while not (uri in client.diagnostics and condition(client.diagnostics[uri])):
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return client.diagnostics[uri]
    return await asyncio.wait_for(wait(), WAIT_SECONDS)


def open_text(client, path: Path, language: str, text: Optional[str] = None, version: int = 1) -> str:
    uri = uri_of(path)
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id=language, version=version, text=path.read_text() if text is None else text)))
    return uri


def replace_text(client, uri: str, text: str, version: int) -> None:
    """Send the whole new text of a buffer (a change without a range)."""
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def _offset(text: str, position: types.Position) -> int:
    """Offset of an LSP position (UTF-16 code units, the default encoding) in ``text``."""
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[:position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for index, char in enumerate(line):
        if units >= position.character:
            return start + index
        units += 2 if ord(char) > 0xFFFF else 1
    return start + len(line.rstrip("\r\n")) if units < position.character else start + len(line)


def apply_edits(text: str, edits: Sequence[types.TextEdit]) -> str:
    """The text with an editor's text edits applied (positions of the original text)."""
    placed = sorted(((_offset(text, edit.range.start), _offset(text, edit.range.end), edit.new_text)
                     for edit in edits), reverse=True)
    for start, end, new in placed:
        text = text[:start] + new + text[end:]
    return text


def apply_workspace_edit(buffers: Dict[str, str], edit: types.WorkspaceEdit) -> Dict[str, str]:
    """The buffers (uri -> text) after a workspace edit; only the URIs it changes."""
    assert edit.changes, "the server sends plain text edits"
    return {uri: apply_edits(buffers[uri], edits) for uri, edits in edit.changes.items()}


def read_code_actions_as_the_protocol_says(client) -> None:
    """Tell a CodeAction that carries a command from a bare Command by the type of ``command``
    (a string only in a Command), as the protocol defines them; lsprotocol's client hook takes
    any object with a ``command`` key for a Command."""
    converter = client.protocol._converter

    def structure(value, _):
        if isinstance(value.get("command"), str):
            return converter.structure(value, types.Command)
        return converter.structure(value, types.CodeAction)
    converter.register_structure_hook(Union[types.Command, types.CodeAction], structure)


async def code_actions(client, uri: str, diagnostic_range: types.Range,
                       diagnostics: Sequence[types.Diagnostic] = (),
                       only: Optional[List[str]] = None) -> List[types.CodeAction]:
    result = await asyncio.wait_for(client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic_range,
        context=types.CodeActionContext(diagnostics=list(diagnostics), only=only))), WAIT_SECONDS)
    return [action for action in result or [] if isinstance(action, types.CodeAction)]


async def assert_alive(client, uri: str) -> None:
    """The server still answers requests and its process still runs."""
    await asyncio.wait_for(client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=0))),
        WAIT_SECONDS)
    assert client._server is not None and client._server.returncode is None
