"""The language server over pygls: diagnostics, quick fixes, fix-all and hover for the buffers
an editor opens (text documents and notebook documents), from the audit's engine.

Every handler is guarded: a failure of ours is logged to the editor and, for a check, shown as
one diagnostic on the buffer; the server goes on serving. Nothing from the workspace is
imported or run: buffers are only parsed, and configuration files only read.
"""

from __future__ import annotations

import asyncio
import functools
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple
from urllib.parse import unquote

from lsprotocol import types
from pygls import uris
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..audit.config import ConfigError
from ..audit.model import AuditFinding, FileReport
from ..catalog import rule_for
from ..engine import collector_paused
from ..fixer import fix_text
from ..fixer.model import FixError
from .checking import (CONFIG_FILE_NAMES, Cell, Configuration, Scope, TextChange, check, document_kind,
                       finding_picker, notebook_json, notebook_sources, scope_for, text_change)

SOURCE = "azureml-migrate"
FIX_ALL = "source.fixAll.azureml-migrate"
EXPLAIN_COMMAND = "azureml-migrate.explain"
#: the pause that ends a burst of edits: a change this long after the buffer's last change
#: (or the end of its last check) is checked at once, a change sooner waits until the burst
#: has paused this long (initializationOptions ``{"debounceMs": N}`` changes it)
DEFAULT_DEBOUNCE_SECONDS = 0.03


@dataclass
class Checked:
    """The last check of a buffer: a text document, or a whole notebook (``cells`` its cell URIs)."""

    uri: str
    kind: str
    path: Optional[Path]
    #: the text checked: the buffer's, or the notebook JSON the cells make
    text: str
    scope: Optional[Scope]
    report: FileReport
    cells: Tuple[str, ...] = ()
    #: why the buffer was not checked (a configuration error), shown as its one diagnostic
    problem: Optional[str] = None
    #: per diagnostic URI: the diagnostics and the findings they show, in the same order
    shown: Dict[str, List[Tuple[types.Diagnostic, Optional[AuditFinding]]]] = field(default_factory=dict)
    #: the workspace edit of each fix asked for (findings of one call share their fix)
    fixes: Dict[Tuple[Any, Optional[int]], Optional[types.WorkspaceEdit]] = field(default_factory=dict)


class MigrateServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            SOURCE, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            notebook_document_sync=types.NotebookDocumentSyncOptions(
                notebook_selector=[types.NotebookDocumentFilterWithCells(
                    cells=[types.NotebookCellLanguage(language="python")])],
                save=True))
        self.configuration = Configuration()
        self.checked: Dict[str, Checked] = {}
        self.timers: Dict[str, asyncio.TimerHandle] = {}
        #: per buffer: when it last changed or a check of a change ended (the event loop's clock)
        self.last_activity: Dict[str, float] = {}
        #: what was last published for each URI (version, diagnostics), not to send it again
        self.published: Dict[str, Any] = {}
        self.debounce = DEFAULT_DEBOUNCE_SECONDS

    # -- logging -------------------------------------------------------------------------------
    def log(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        except Exception:  # the client has gone: nothing to tell
            pass

    # -- checking ------------------------------------------------------------------------------
    def notebook_of(self, uri: str) -> Optional[types.NotebookDocument]:
        return self.workspace.get_notebook_document(cell_uri=uri)

    def changed(self, key: str, check_now: Callable[[], None]) -> None:
        """A buffer changed: a lone change (the buffer quiet for ``debounce``: no check pending,
        its last change and the end of its last check that long ago) is checked at once; a
        change within a burst waits until the burst pauses for ``debounce`` and only the last
        text is checked. So a burst is checked at its first change and at its last, and a
        change that arrives while a check runs (queued behind it) counts as part of a burst."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        previous = self.last_activity.get(key)
        self.last_activity[key] = now
        if key in self.timers or (previous is not None and now - previous < self.debounce):
            self.schedule(key, check_now)
            return
        check_now()
        self.last_activity[key] = loop.time()

    def schedule(self, key: str, check_now: Callable[[], None]) -> None:
        """Check after ``debounce`` seconds without a newer change of the same buffer."""
        self.cancel(key)
        loop = asyncio.get_running_loop()

        def run() -> None:
            self.timers.pop(key, None)
            check_now()
            self.last_activity[key] = loop.time()
        self.timers[key] = loop.call_later(self.debounce, run)

    def cancel(self, key: str) -> bool:
        """Drop a pending check of the buffer (it is checked now: saved; or closed); whether
        one was pending."""
        timer = self.timers.pop(key, None)
        if timer is not None:
            timer.cancel()
        return timer is not None

    def settle(self, key: str) -> None:
        """Run a pending check of the buffer now (a request must see its current text)."""
        if self.cancel(key):
            self.recheck(key)

    def recheck(self, key: str) -> None:
        if key in self.workspace.notebook_documents:
            self.check_notebook(key)
        else:
            self.check_text_document(key)

    def check_text_document(self, uri: str) -> None:
        with collector_paused():  # see ``_check_text_document``
            self._check_text_document(uri)

    def check_notebook(self, notebook_uri: str) -> None:
        with collector_paused():  # see ``_check_text_document``
            self._check_notebook(notebook_uri)

    def _check_text_document(self, uri: str) -> None:
        """Check and publish with the cyclic garbage collector paused: a check's syntax tree
        and facts, alive while it runs, would otherwise be promoted to the oldest generation
        by the collections their allocation sets off, and a full collection of the server's
        objects (30-120 ms measured) would then fall inside some check; freed by reference
        counting when the check ends, they never reach a collection."""
        notebook = self.notebook_of(uri)
        if notebook is not None:
            self.check_notebook(notebook.uri)
            return
        document = self.workspace.get_text_document(uri)
        path = _path_of(uri)
        try:
            text = document.source
            kind = document_kind(path, document.language_id or "", text)
            if kind is None:
                self.forget(uri)
                return
            entry = self._checked(uri, kind, path, text)
        except Exception as error:
            self.log(f"cannot check {uri}:\n{traceback.format_exc()}", types.MessageType.Error)
            entry = Checked(uri, "", path, "", None, FileReport(uri, None),
                            problem=f"internal error: {type(error).__name__}: {error}")
        self.checked[uri] = entry
        self.publish(entry, {uri: document.lines}, as_json_notebook=entry.kind == "notebook")

    def _check_notebook(self, notebook_uri: str) -> None:
        notebook = self.workspace.get_notebook_document(notebook_uri=notebook_uri)
        if notebook is None:
            return
        cell_uris = tuple(cell.document for cell in notebook.cells)
        lines = {}
        try:
            cells = []
            for cell in notebook.cells:
                document = self.workspace.get_text_document(cell.document)
                lines[cell.document] = document.lines
                cells.append(Cell(cell.kind == types.NotebookCellKind.Code, document.language_id or "",
                                  document.source))
            entry = self._checked(notebook_uri, "notebook", _path_of(notebook_uri), notebook_json(cells))
        except Exception as error:
            self.log(f"cannot check {notebook_uri}:\n{traceback.format_exc()}", types.MessageType.Error)
            entry = Checked(notebook_uri, "notebook", None, "", None, FileReport(notebook_uri, "notebook"),
                            problem=f"internal error: {type(error).__name__}: {error}")
        entry.cells = cell_uris
        self.checked[notebook_uri] = entry
        self.publish(entry, lines)

    def _checked(self, uri: str, kind: str, path: Optional[Path], text: str) -> Checked:
        try:
            settings = self.configuration.settings_for(path)
        except ConfigError as error:
            return Checked(uri, kind, path, text, None, FileReport(uri, kind),
                           problem=f"configuration error: {error}")
        scope = scope_for(settings, path)
        return Checked(uri, kind, path, text, scope, check(text, kind, path, scope))

    def forget(self, uri: str) -> None:
        """Clear what the server said about a buffer (closed, or not a kind it reads)."""
        entry = self.checked.pop(uri, None)
        targets = entry.cells if entry is not None and entry.cells else (uri,)
        for target in targets:
            if self.published.pop(target, None) is None and entry is None:
                continue  # nothing was said about it
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=target, diagnostics=[]))

    # -- diagnostics ---------------------------------------------------------------------------
    def publish(self, entry: Checked, lines: Dict[str, Sequence[str]], as_json_notebook: bool = False) -> None:
        targets = entry.cells or (entry.uri,)
        shown: Dict[str, List[Tuple[types.Diagnostic, Optional[AuditFinding]]]] = {target: [] for target in targets}
        first = targets[0] if targets else entry.uri
        if entry.problem is not None:
            shown.setdefault(first, []).append((_problem_diagnostic(f"azureml-migrate could not check this file: "
                                                                    f"{entry.problem}"), None))
        for error in entry.report.errors:
            target = first
            if entry.cells and error.message.startswith("cell "):
                number = error.message[5:].split(":", 1)[0]
                if number.isdigit() and 1 <= int(number) <= len(entry.cells):
                    target = entry.cells[int(number) - 1]
            shown.setdefault(target, []).append(
                (_problem_diagnostic(f"azureml-migrate could not check this file: {error.message}"), None))
        for finding in entry.report.findings:
            if entry.cells:
                if finding.cell is None or not 1 <= finding.cell <= len(entry.cells):
                    continue
                target = entry.cells[finding.cell - 1]
            else:
                target = entry.uri
            shown[target].append((self.diagnostic(finding, lines.get(target, ()), as_json_notebook), finding))
        entry.shown = shown
        for target, pairs in shown.items():
            diagnostics = [diagnostic for diagnostic, _ in pairs]
            version = self.version_of(target)
            # a notebook's cells: only those whose diagnostics changed (the edited cell always)
            said = (version, [(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character,
                               d.message, d.code, d.severity) for d in diagnostics])
            if self.published.get(target) == said:
                continue
            self.published[target] = said
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=target, diagnostics=diagnostics, version=version))

    def version_of(self, uri: str) -> Optional[int]:
        """The version of the open buffer the diagnostics are for (None if it is not open)."""
        document = self.workspace.text_documents.get(unquote(uri))
        return document.version if document is not None else None

    def diagnostic(self, finding: AuditFinding, lines: Sequence[str], as_json_notebook: bool) -> types.Diagnostic:
        message = finding.message
        if as_json_notebook:  # a notebook opened as JSON text: cell positions do not map onto it
            where = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))
            message = f"cell {finding.cell}, line {finding.line}: {message}"
        else:
            where = self.client_range(lines, finding.line - 1, finding.column - 1, finding.end_line - 1,
                                      finding.end_column - 1)
        return types.Diagnostic(range=where, message=message, severity=types.DiagnosticSeverity.Warning,
                                code=finding.code, source=SOURCE,
                                data={"status": finding.status.label, "reason": finding.status.reason})

    def client_range(self, lines: Sequence[str], line: int, column: int, end_line: int, end_column: int) -> types.Range:
        """A range in code points, in the position encoding agreed with the client."""
        return types.Range(start=self.client_position(lines, line, column),
                           end=self.client_position(lines, end_line, end_column))

    def client_position(self, lines: Sequence[str], line: int, column: int) -> types.Position:
        line, column = max(line, 0), max(column, 0)
        text = lines[line] if line < len(lines) else ""
        prefix = text[:column]
        if prefix.isascii():
            return types.Position(line=line, character=len(prefix))
        encoding = self.workspace.position_encoding
        if encoding == types.PositionEncodingKind.Utf8:
            units = len(prefix.encode("utf-8", "surrogatepass"))
        elif encoding == types.PositionEncodingKind.Utf32:
            units = len(prefix)
        else:
            units = len(prefix.encode("utf-16-le", "surrogatepass")) // 2
        return types.Position(line=line, character=units)

    # -- code actions --------------------------------------------------------------------------
    def entry_for(self, uri: str) -> Optional[Checked]:
        notebook = self.notebook_of(uri)
        key = notebook.uri if notebook is not None else uri
        self.settle(key)
        if key not in self.checked:
            self.recheck(key)
        return self.checked.get(key)

    def code_actions(self, params: types.CodeActionParams) -> List[types.CodeAction]:
        uri = params.text_document.uri
        entry = self.entry_for(uri)
        if entry is None or entry.scope is None:
            return []
        wanted_kinds = params.context.only
        actions: List[types.CodeAction] = []
        if _asked(wanted_kinds, types.CodeActionKind.QuickFix):
            # the findings of one call share one fix: one action lists all their diagnostics
            merged: Dict[Tuple[str, str], types.CodeAction] = {}
            for diagnostic, finding in entry.shown.get(uri, ()):
                if finding is None or not _overlaps(diagnostic.range, params.range):
                    continue
                for action in self.finding_actions(entry, diagnostic, finding):
                    key = (action.title, repr(action.edit))
                    if key in merged:
                        merged[key].diagnostics = [*(merged[key].diagnostics or ()), diagnostic]
                    else:
                        merged[key] = action
            actions.extend(merged.values())
        if _asked(wanted_kinds, FIX_ALL):
            action = self.fix_all(entry)
            if action is not None:
                actions.append(action)
        return actions

    def finding_actions(self, entry: Checked, diagnostic: types.Diagnostic,
                        finding: AuditFinding) -> List[types.CodeAction]:
        fix = finding.fix
        actions = []
        if fix is not None and fix.applicability in ("safe", "unsafe") and entry.kind != "markdown":
            unsafe = fix.applicability == "unsafe"
            if (fix, finding.cell) not in entry.fixes:
                entry.fixes[(fix, finding.cell)] = self.fixed_edit(entry, unsafe, finding_picker(finding))
            edit = entry.fixes[(fix, finding.cell)]
            if edit is not None:
                title = _group_title(entry, finding)
                title = f"{title} (unsafe: {fix.reason})" if unsafe else title
                actions.append(types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix,
                                                diagnostics=[diagnostic], is_preferred=not unsafe, edit=edit))
        if not actions:
            rule = rule_for(finding.code)
            actions.append(types.CodeAction(
                title=f"Explain {finding.code} ({rule.symbol}): {rule.summary}", kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                command=types.Command(title=f"Explain {finding.code}", command=EXPLAIN_COMMAND,
                                      arguments=[finding.code])))
        return actions

    def fix_all(self, entry: Checked) -> Optional[types.CodeAction]:
        edit = self.fixed_edit(entry, unsafe=False, only=None)
        if edit is None:
            return None
        return types.CodeAction(title="azureml-migrate: apply every safe fix", kind=FIX_ALL, edit=edit)

    def fixed_edit(self, entry: Checked, unsafe: bool, only) -> Optional[types.WorkspaceEdit]:
        """The workspace edit of ``fix``'s result on the buffer's text, None if nothing changes."""
        scope = entry.scope
        assert scope is not None
        try:
            result = fix_text(entry.text, entry.kind, scope.options, scope.wanted, unsafe=unsafe, only=only)
        except (FixError, ValueError) as error:
            self.log(f"no fix for {entry.uri}: {error}")
            return None
        if not result.changed:
            return None
        if entry.cells:
            changes: Dict[str, List[types.TextEdit]] = {}
            sources = zip(entry.cells, notebook_sources(entry.text), notebook_sources(result.text))
            for cell_uri, before, after in sources:
                change = text_change(before, after)
                if change is not None:
                    changes[cell_uri] = [self.text_edit(cell_uri, change)]
            return types.WorkspaceEdit(changes=changes) if changes else None
        change = text_change(entry.text, result.text)
        assert change is not None
        return types.WorkspaceEdit(changes={entry.uri: [self.text_edit(entry.uri, change)]})

    def text_edit(self, uri: str, change: TextChange) -> types.TextEdit:
        lines = self.workspace.get_text_document(uri).lines
        return types.TextEdit(range=self.client_range(lines, change.line, change.column, change.end_line,
                                                      change.end_column), new_text=change.text)

    # -- hover ---------------------------------------------------------------------------------
    def hover(self, params: types.HoverParams) -> Optional[types.Hover]:
        uri = params.text_document.uri
        entry = self.entry_for(uri)
        if entry is None:
            return None
        point = types.Range(start=params.position, end=params.position)
        parts = []
        for diagnostic, finding in entry.shown.get(uri, ()):
            if finding is None or not _overlaps(diagnostic.range, point):
                continue
            rule = rule_for(finding.code)
            fix = finding.fix
            text = f"**{finding.code}** `{rule.symbol}`: {finding.message}"
            if fix is not None:
                text += f"\n\nFix ({fix.applicability}): {fix.title}" + (f" ({fix.reason})" if fix.reason else "")
            parts.append(text + "\n\n" + rule.docs())
        if not parts:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                        value="\n\n---\n\n".join(parts)))

    # -- configuration -------------------------------------------------------------------------
    def configuration_changed(self) -> None:
        """A configuration file changed: read it again and check every open buffer again."""
        self.configuration.forget()
        for key in list(self.checked):
            self.recheck(key)


def _group_title(entry: Checked, finding: AuditFinding) -> str:
    """What the quick fix writes: its fix's title, and those of the fixes of its fix group
    (applied together with it), in file order."""
    fix = finding.fix
    assert fix is not None
    if not fix.group:
        return fix.title
    titles = [other.fix.title for other in entry.report.findings
              if other.fix is not None and other.fix.group == fix.group]
    return "; ".join(dict.fromkeys(titles or [fix.title]))


def _path_of(uri: str) -> Optional[Path]:
    if not uri.startswith("file:"):
        return None
    path = uris.to_fs_path(uri)
    return Path(path) if path else None


def _is_config_file(uri: str) -> bool:
    return uri.rstrip("/").rsplit("/", 1)[-1] in CONFIG_FILE_NAMES


def _problem_diagnostic(message: str) -> types.Diagnostic:
    return types.Diagnostic(range=types.Range(start=types.Position(line=0, character=0),
                                              end=types.Position(line=0, character=0)),
                            message=message, severity=types.DiagnosticSeverity.Error, source=SOURCE)


def _asked(only: Optional[Sequence[str]], kind: str) -> bool:
    """Whether a code action kind is among those asked for (a kind covers its sub-kinds)."""
    if not only:
        return True
    return any(kind == wanted or kind.startswith(wanted + ".") for wanted in only)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(position: types.Position) -> Tuple[int, int]:
        return position.line, position.character
    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _guarded(handler: Callable) -> Callable:
    """A handler whose failure is logged and answered with nothing, never a dead server."""
    @functools.wraps(handler)
    def run(server: MigrateServer, params: Any) -> Any:
        try:
            return handler(server, params)
        except Exception:
            server.log(f"azureml-migrate: {handler.__name__} failed:\n{traceback.format_exc()}",
                       types.MessageType.Error)
            return None
    return run


def build_server() -> MigrateServer:
    server = MigrateServer()

    @server.feature(types.INITIALIZE)
    @_guarded
    def initialize(ls: MigrateServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounceMs"), (int, float)):
            ls.debounce = max(0.0, float(options["debounceMs"]) / 1000)

    @server.feature(types.INITIALIZED)
    @_guarded
    def initialized(ls: MigrateServer, params: types.InitializedParams) -> None:
        capabilities = ls.client_capabilities.workspace
        watched = capabilities.did_change_watched_files if capabilities is not None else None
        if watched is None or not watched.dynamic_registration:
            return
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILE_NAMES]
        ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
            id="azureml-migrate-configuration", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @_guarded
    def did_open(ls: MigrateServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.check_text_document(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @_guarded
    def did_change(ls: MigrateServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.changed(uri, lambda: _guarded(lambda server, _: server.check_text_document(uri))(ls, None))

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @_guarded
    def did_save(ls: MigrateServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.cancel(uri)
        if _is_config_file(uri):
            ls.configuration_changed()
        ls.check_text_document(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @_guarded
    def did_close(ls: MigrateServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.cancel(uri)
        ls.last_activity.pop(uri, None)
        ls.forget(uri)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
    @_guarded
    def notebook_open(ls: MigrateServer, params: types.DidOpenNotebookDocumentParams) -> None:
        ls.check_notebook(params.notebook_document.uri)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    @_guarded
    def notebook_change(ls: MigrateServer, params: types.DidChangeNotebookDocumentParams) -> None:
        uri = params.notebook_document.uri
        ls.changed(uri, lambda: _guarded(lambda server, _: server.check_notebook(uri))(ls, None))

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_SAVE)
    @_guarded
    def notebook_save(ls: MigrateServer, params: types.DidSaveNotebookDocumentParams) -> None:
        ls.settle(params.notebook_document.uri)
        ls.check_notebook(params.notebook_document.uri)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    @_guarded
    def notebook_close(ls: MigrateServer, params: types.DidCloseNotebookDocumentParams) -> None:
        uri = params.notebook_document.uri
        ls.cancel(uri)
        ls.last_activity.pop(uri, None)
        entry = ls.checked.get(uri)
        if entry is not None:
            ls.forget(uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @_guarded
    def watched_files(ls: MigrateServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(_is_config_file(change.uri) for change in params.changes):
            ls.configuration_changed()

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))
    @_guarded
    def code_action(ls: MigrateServer, params: types.CodeActionParams) -> List[types.CodeAction]:
        return ls.code_actions(params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @_guarded
    def hover(ls: MigrateServer, params: types.HoverParams) -> Optional[types.Hover]:
        return ls.hover(params)

    @server.command(EXPLAIN_COMMAND)
    def explain(ls: MigrateServer, code=None) -> Optional[str]:
        try:
            rule = rule_for(str(code))
        except KeyError:
            ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Error,
                                                           message=f"azureml-migrate: unknown rule {code!r}"))
            return None
        ls.window_show_message(types.ShowMessageParams(
            type=types.MessageType.Info,
            message=f"{rule.code} ({rule.symbol}): {rule.summary} Full text: azureml-migrate explain {rule.code}"))
        return rule.docs()

    return server
