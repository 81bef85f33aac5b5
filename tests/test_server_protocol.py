"""``azureml-migrate server`` end to end through the Language Server Protocol (pytest-lsp as the
editor): diagnostics, quick fixes applied and sent back, fix-all, notebooks, requirement
files, configuration changes and documents it cannot check, the server alive after each."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp is in the [test] extra")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from azureml_migrate.server.checking import Cell, notebook_json  # noqa: E402
from tests.lsp_client import (  # noqa: E402
    EXAMPLES, SERVER_COMMAND, WAIT_SECONDS, apply_edits, apply_workspace_edit, assert_alive, code_actions, codes,
    diagnostics_for, open_text, read_code_actions_as_the_protocol_says, replace_text, uri_of)

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.asyncio(loop_scope="function")
FIX_ALL = "source.fixAll.azureml-migrate"


async def _start(lsp_client: LanguageClient, tmp_path: Path, debounce_ms: int) -> None:
    lsp_client.registrations = []
    read_code_actions_as_the_protocol_says(lsp_client)

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        lsp_client.registrations.extend(params.registrations)

    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=tmp_path.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="work")],
        initialization_options={"debounceMs": debounce_ms}))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER_COMMAND))
async def client(lsp_client: LanguageClient, tmp_path):
    await _start(lsp_client, tmp_path, debounce_ms=10)
    yield
    await lsp_client.shutdown_session()


def _copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / Path(name).name
    shutil.copyfile(EXAMPLES / name, target)
    return target


def _fix_command(path: Path, *flags: str) -> str:
    """What ``azureml-migrate fix`` writes for the file (on a copy of it)."""
    copy = path.parent / "cli-copy" / path.name
    copy.parent.mkdir(exist_ok=True)
    shutil.copyfile(path, copy)
    subprocess.run([sys.executable, "-m", "azureml_migrate.cli", "fix", "--quiet", *flags, str(copy)],
                   cwd=copy.parent, capture_output=True, check=False)
    return copy.read_text()


async def test_python_quick_fix_applied_makes_its_diagnostics_go(client: LanguageClient, tmp_path):
    path = _copy("hyperdrive_sweep.py", tmp_path)
    uri = open_text(client, path, "python")
    diagnostics = await diagnostics_for(client, uri, lambda found: "AML101" in codes(found))
    estimator = next(d for d in diagnostics if d.code == "AML101")
    assert estimator.source == "azureml-migrate" and estimator.range.start.line == 7

    actions = await code_actions(client, uri, estimator.range, [estimator])
    preferred = [action for action in actions if action.is_preferred]
    # the estimator's fix group: its rewrite and the HyperDriveConfig call that reads it
    assert [action.title for action in preferred] == [
        "replace Estimator(...) with ScriptRunConfig(...); pass the ScriptRunConfig as run_config="]
    assert preferred[0].kind == types.CodeActionKind.QuickFix
    assert {d.code for d in preferred[0].diagnostics} == {"AML101", "AML301", "AML302"}  # one fix, one action
    fixed = apply_workspace_edit({uri: path.read_text()}, preferred[0].edit)[uri]
    assert "ScriptRunConfig(" in fixed and "Estimator(source_directory" not in fixed
    assert "HyperDriveConfig(run_config=estimator," in fixed

    replace_text(client, uri, fixed, version=2)
    after = await diagnostics_for(client, uri, lambda found: True)
    assert not {"AML101", "AML301", "AML302", "AML104"} & set(codes(after)), codes(after)
    await assert_alive(client, uri)


async def test_fix_all_writes_what_the_fix_command_writes(client: LanguageClient, tmp_path):
    path = _copy("hyperdrive_sweep.py", tmp_path)
    uri = open_text(client, path, "python")
    before = await diagnostics_for(client, uri, lambda found: len(found) > 0)
    actions = await code_actions(client, uri, before[0].range, only=[FIX_ALL])
    assert [action.kind for action in actions] == [FIX_ALL]
    fixed = apply_workspace_edit({uri: path.read_text()}, actions[0].edit)[uri]
    assert fixed == _fix_command(path)
    assert fixed != path.read_text()

    replace_text(client, uri, fixed, version=2)
    after = await diagnostics_for(client, uri, lambda found: True)
    assert len(after) < len(before)
    assert not await code_actions(client, uri, types.Range(start=types.Position(line=0, character=0),
                                                           end=types.Position(line=0, character=0)), only=[FIX_ALL])
    await assert_alive(client, uri)


async def test_unsafe_fix_is_offered_labelled_and_never_preferred(client: LanguageClient, tmp_path):
    path = _copy("submit_pytorch.py", tmp_path)
    uri = open_text(client, path, "python")
    diagnostics = await diagnostics_for(client, uri, lambda found: "AML101" in codes(found))
    estimator = next(d for d in diagnostics if d.code == "AML101")
    actions = await code_actions(client, uri, estimator.range, [estimator])
    fixes = [action for action in actions if action.edit is not None]
    assert fixes and all("(unsafe: " in action.title and not action.is_preferred for action in fixes)
    # the unsafe fix applies only with an explicit choice; fix-all leaves it alone
    assert fixes[0].title.startswith("replace PyTorch(...) with ScriptRunConfig(...)")
    text = path.read_text()
    fixed = apply_workspace_edit({uri: text}, fixes[0].edit)[uri]
    fix_all = await code_actions(client, uri, estimator.range, only=[FIX_ALL])
    if fix_all:  # other safe fixes of the file may apply; this one is not among them
        assert "PyTorch(" in apply_workspace_edit({uri: text}, fix_all[0].edit)[uri]
    replace_text(client, uri, fixed, version=2)
    after = await diagnostics_for(client, uri, lambda found: True)
    assert "AML101" not in codes(after) and "PyTorch(" not in fixed
    await assert_alive(client, uri)


async def test_manual_finding_offers_explain_and_hover_explains(client: LanguageClient, tmp_path):
    path = _copy("submit_tensorflow.py", tmp_path)  # manual: vm_size asks for run-based compute
    uri = open_text(client, path, "python")
    diagnostics = await diagnostics_for(client, uri, lambda found: "AML101" in codes(found))
    estimator = next(d for d in diagnostics if d.code == "AML101")
    actions = await code_actions(client, uri, estimator.range, [estimator])
    explain = [action for action in actions if action.command is not None and estimator in action.diagnostics]
    assert [list(action.command.arguments) for action in explain] == [["AML101"]]
    assert all(action.edit is None for action in actions if action.diagnostics == [estimator])

    documentation = subprocess.run([sys.executable, "-m", "azureml_migrate.cli", "explain", "AML101"],
                                   capture_output=True, text=True, check=True).stdout
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=explain[0].command.command, arguments=explain[0].command.arguments))
    assert result.strip() == documentation.strip()
    assert any("AML101" in message.message for message in client.messages)

    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=estimator.range.start))
    assert hover is not None and documentation.strip() in hover.contents.value
    assert hover.contents.value.startswith("**AML101** `azureml-estimator`")
    await assert_alive(client, uri)


def _notebook_cells(path: Path):
    document = json.loads(path.read_text())
    cells = []
    for index, cell in enumerate(document["cells"]):
        text = "".join(cell["source"])
        code = cell["cell_type"] == "code"
        cells.append((f"vscode-notebook-cell:{path.as_posix()}#C{index}", code, text))
    return cells


def _open_notebook(client, path: Path):
    cells = _notebook_cells(path)
    client.notebook_document_did_open(types.DidOpenNotebookDocumentParams(
        notebook_document=types.NotebookDocument(
            uri=uri_of(path), notebook_type="jupyter-notebook", version=1,
            cells=[types.NotebookCell(kind=types.NotebookCellKind.Code if code else types.NotebookCellKind.Markup,
                                      document=uri) for uri, code, _ in cells]),
        cell_text_documents=[types.TextDocumentItem(uri=uri, language_id="python" if code else "markdown",
                                                    version=1, text=text) for uri, code, text in cells]))
    return cells


def _change_cells(client, path: Path, changed, version: int) -> None:
    client.notebook_document_did_change(types.DidChangeNotebookDocumentParams(
        notebook_document=types.VersionedNotebookDocumentIdentifier(version=version, uri=uri_of(path)),
        change=types.NotebookDocumentChangeEvent(cells=types.NotebookDocumentCellChanges(text_content=[
            types.NotebookDocumentCellContentChanges(
                document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                changes=[types.TextDocumentContentChangeWholeDocument(text=text)])
            for uri, text in changed.items()]))))
    for uri in changed:
        client.diagnostics.pop(uri, None)


async def test_notebook_document_cells_checked_as_one_program_and_fixed(client: LanguageClient, tmp_path):
    path = _copy("notebooks/explore.ipynb", tmp_path)
    cells = _open_notebook(client, path)
    estimator_cell = cells[2][0]
    diagnostics = await diagnostics_for(client, estimator_cell, lambda found: "AML101" in codes(found))
    pip_cell = await diagnostics_for(client, cells[1][0], lambda found: True)
    assert codes(pip_cell) == ["AML401"]  # %pip install azureml-sdk==1.0.85, in the cell's own lines
    assert pip_cell[0].range.start.line == 0 and pip_cell[0].range.start.character == 13
    estimator = next(d for d in diagnostics if d.code == "AML101")
    assert estimator.range.start.line == 4  # the cell's line, as the audit numbers it

    actions = await code_actions(client, estimator_cell, estimator.range, [estimator])
    preferred = [action for action in actions if action.is_preferred]
    assert [action.title for action in preferred] == ["replace Estimator(...) with ScriptRunConfig(...)"]
    buffers = {uri: text for uri, _, text in cells}
    changed = apply_workspace_edit(buffers, preferred[0].edit)
    assert set(changed) == {estimator_cell} and "ScriptRunConfig(" in changed[estimator_cell]
    _change_cells(client, path, changed, version=2)
    after = await diagnostics_for(client, estimator_cell, lambda found: True)
    assert "AML101" not in codes(after) and "AML301" not in codes(after)
    await assert_alive(client, estimator_cell)


async def test_notebook_fix_all_writes_what_the_fix_command_writes(client: LanguageClient, tmp_path):
    path = _copy("notebooks/explore.ipynb", tmp_path)
    cells = _open_notebook(client, path)
    estimator = (await diagnostics_for(client, cells[2][0], lambda found: "AML101" in codes(found)))[0]
    actions = await code_actions(client, cells[2][0], estimator.range, only=[FIX_ALL])
    assert [action.kind for action in actions] == [FIX_ALL]
    changed = apply_workspace_edit({uri: text for uri, _, text in cells}, actions[0].edit)
    fixed_file = json.loads(_fix_command(path))
    for index, (uri, _, text) in enumerate(cells):
        assert changed.get(uri, text) == "".join(fixed_file["cells"][index]["source"])
    assert changed
    _change_cells(client, path, changed, version=2)
    after = await diagnostics_for(client, cells[2][0], lambda found: True)
    assert not {"AML101", "AML301"} & set(codes(after))
    await assert_alive(client, cells[2][0])


async def test_requirements_file_quick_fix(client: LanguageClient, tmp_path):
    path = _copy("requirements.txt", tmp_path)
    uri = open_text(client, path, "pip-requirements")
    diagnostics = await diagnostics_for(client, uri, lambda found: len(found) > 0)
    assert codes(diagnostics) == ["AML401", "AML401"]
    first = min(diagnostics, key=lambda d: d.range.start.line)
    actions = await code_actions(client, uri, first.range, [first])
    fix = next(action for action in actions if action.edit is not None)
    assert fix.title.startswith("raise 'azureml-sdk[notebooks]==1.0.85' to 'azureml-sdk[notebooks]==1.15.0'")
    fixed = apply_workspace_edit({uri: path.read_text()}, fix.edit)[uri]
    assert "azureml-sdk[notebooks]==1.15.0\n" in fixed and "azureml-train-core==1.0.85" in fixed
    replace_text(client, uri, fixed, version=2)
    after = await diagnostics_for(client, uri, lambda found: len(found) != 2)
    assert codes(after) == ["AML401"] and after[0].range.start.line == 2
    await assert_alive(client, uri)


@pytest.mark.parametrize("name, language, expected", [
    ("README.md", "markdown", {"AML101", "AML102", "AML301"}),
    ("environment.yml", "yaml", {"AML401"}),
])
async def test_other_kinds_get_diagnostics(client: LanguageClient, tmp_path, name, language, expected):
    path = _copy(name, tmp_path)
    uri = open_text(client, path, language)
    diagnostics = await diagnostics_for(client, uri, lambda found: len(found) > 0)
    assert set(codes(diagnostics)) == expected
    if name == "README.md":  # documentation is never rewritten: explain only
        actions = await code_actions(client, uri, diagnostics[0].range, diagnostics)
        assert actions and all(action.edit is None for action in actions)


async def test_dockerfile_setup_cfg_and_pyproject(client: LanguageClient, tmp_path):
    files = {
        "Dockerfile": ("dockerfile", "FROM python:3.8\nRUN pip install azureml-sdk==1.0.85\n"),
        "setup.cfg": ("ini", "[options]\ninstall_requires =\n    azureml-core==1.0.85\n"),
        "pyproject.toml": ("toml", '[project]\nname = "x"\ndependencies = ["azureml-core==1.0.85"]\n'),
    }
    for name, (language, text) in files.items():
        path = tmp_path / name
        path.write_text(text)
        uri = open_text(client, path, language)
        diagnostics = await diagnostics_for(client, uri, lambda found: len(found) > 0)
        assert codes(diagnostics) == ["AML401"], name
        await assert_alive(client, uri)


async def test_configuration_change_is_read_again(client: LanguageClient, tmp_path):
    path = _copy("hyperdrive_sweep.py", tmp_path)
    uri = open_text(client, path, "python")
    await diagnostics_for(client, uri, lambda found: "AML101" in codes(found))
    watched = [registration for registration in client.registrations
               if registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    assert [watcher["globPattern"] for watcher in watched[0].register_options["watchers"]] == [
        "**/pyproject.toml", "**/setup.cfg"]
    config = tmp_path / "pyproject.toml"

    config.write_text('[tool.azureml-migrate]\nignore = ["AML1"]\n')
    client.diagnostics.pop(uri)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=uri_of(config), type=types.FileChangeType.Created)]))
    ignored = await diagnostics_for(client, uri, lambda found: True)
    assert ignored and not any(code.startswith("AML1") for code in codes(ignored))

    config.write_text('[tool.azureml-migrate]\nignore = "AML1\n')  # broken TOML
    client.diagnostics.pop(uri)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=uri_of(config), type=types.FileChangeType.Changed)]))
    broken = await diagnostics_for(client, uri, lambda found: True)
    assert len(broken) == 1 and broken[0].severity == types.DiagnosticSeverity.Error
    assert "configuration error" in broken[0].message and "pyproject.toml" in broken[0].message

    # saved from the editor: the server reads it again without a file watcher
    config.write_text('[tool.azureml-migrate]\nexclude = ["hyperdrive_*.py"]\n')
    client.diagnostics.pop(uri)
    config_uri = open_text(client, config, "toml")
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=config_uri)))
    excluded = await diagnostics_for(client, uri, lambda found: True)
    assert list(excluded) == []

    config.unlink()
    client.diagnostics.pop(uri)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=uri_of(config), type=types.FileChangeType.Deleted)]))
    await diagnostics_for(client, uri, lambda found: "AML101" in codes(found))
    await assert_alive(client, uri)


async def test_documents_it_cannot_check_get_one_diagnostic_saying_why(client: LanguageClient, tmp_path):
    broken = tmp_path / "broken.py"
    uri = open_text(client, broken, "python", "from azureml.train.estimator import Estimator\nEstimator(\n")
    diagnostics = await diagnostics_for(client, uri, lambda found: len(found) > 0)
    assert len(diagnostics) == 1 and "syntax error" in diagnostics[0].message
    assert diagnostics[0].severity == types.DiagnosticSeverity.Error
    await assert_alive(client, uri)

    nul = open_text(client, tmp_path / "nul.py", "python", "import azureml\x00\nEstimator(")
    found = await diagnostics_for(client, nul, lambda found: len(found) > 0)
    assert len(found) == 1 and "could not check" in found[0].message
    await assert_alive(client, nul)

    notebook = open_text(client, tmp_path / "bad.ipynb", "json", '{"cells": [azureml')
    found = await diagnostics_for(client, notebook, lambda found: len(found) > 0)
    assert len(found) == 1 and "could not check" in found[0].message
    actions = await code_actions(client, notebook, found[0].range, found)
    assert all(action.edit is None for action in actions)
    await assert_alive(client, notebook)

    # the broken file mended: its diagnostics are the findings again
    replace_text(client, uri, "from azureml.train.estimator import Estimator\nEstimator('src')\n", version=2)
    mended = await diagnostics_for(client, uri, lambda found: "AML101" in codes(found))
    assert all(d.severity == types.DiagnosticSeverity.Warning for d in mended)


async def test_burst_of_changes_ends_with_the_last_text(client: LanguageClient, tmp_path):
    path = tmp_path / "train.py"
    uri = open_text(client, path, "python", "x = 1\n")
    assert list(await diagnostics_for(client, uri, lambda found: True)) == []
    published = _record_publications(client)
    lines = ["from azureml.train.estimator import Estimator\n", "est = Estimator('src')\n"]
    for version in range(2, 8):  # typing: each version is sent before the last is checked
        text = "".join(lines) + "y = 1\n" * version
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
    await asyncio.wait_for(_published_version(published, uri, 7), WAIT_SECONDS)
    found = client.diagnostics[uri]
    estimator = next(d for d in found if d.code == "AML101")
    assert estimator.range.start.line == 1
    edited = apply_edits(text, [types.TextEdit(range=estimator.range, new_text="None")])
    assert edited.splitlines()[1] == "est = None"
    versions = [version for published_uri, version in published if published_uri == uri]
    assert versions[-1] == 7 and versions == sorted(set(versions)), versions
    await assert_alive(client, uri)


# -- debounce: a lone change checked at once, a burst at its first and its last change -----------
#: a debounce no test waits out: a check it delays is made only when a request or a save needs it
LONG_DEBOUNCE_MS = 600_000


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER_COMMAND))
async def patient_client(lsp_client: LanguageClient, tmp_path):
    await _start(lsp_client, tmp_path, debounce_ms=LONG_DEBOUNCE_MS)
    yield
    await lsp_client.shutdown_session()


def _record_publications(client) -> list:
    """Every (URI, version) the server publishes diagnostics for from now on, in order."""
    published: list = []

    def wait() -> None:
        client.protocol.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS).add_done_callback(record)

    def record(future) -> None:
        if future.exception() is None:  # else the session has ended
            params = future.result()
            published.append((params.uri, params.version))
            wait()
    wait()
    return published


async def _published_version(published: list, uri: str, version: int) -> None:
    while (uri, version) not in published:
        await asyncio.sleep(0.01)


_ESTIMATOR = "from azureml.train.estimator import Estimator\n"


async def test_lone_change_checked_at_once_burst_at_its_first_and_last(patient_client: LanguageClient, tmp_path):
    client = patient_client
    published = _record_publications(client)
    path = tmp_path / "train.py"
    uri = open_text(client, path, "python", "x = 1\n")
    await asyncio.wait_for(_published_version(published, uri, 1), WAIT_SECONDS)

    # a lone change: checked at once (its debounce would outlast the wait)
    replace_text(client, uri, _ESTIMATOR + "est = Estimator('src')\n", version=2)
    await asyncio.wait_for(_published_version(published, uri, 2), WAIT_SECONDS)
    assert [d.range.start.line for d in client.diagnostics[uri] if d.code == "AML101"] == [1]

    # a burst right after it: nothing checked until the pause, then only its last text
    for version in (3, 4, 5):
        replace_text(client, uri, _ESTIMATOR + "\n" * (version - 2) + "est = Estimator('src')\n", version=version)
    await assert_alive(client, uri)  # a request settles the pending check first
    assert published == [(uri, 1), (uri, 2), (uri, 5)]
    assert [d.range.start.line for d in client.diagnostics[uri] if d.code == "AML101"] == [4]

    # still within the burst: a save checks the pending text at once
    replace_text(client, uri, _ESTIMATOR + "x = 1\n", version=6)
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    await asyncio.wait_for(_published_version(published, uri, 6), WAIT_SECONDS)
    await assert_alive(client, uri)
    assert published == [(uri, 1), (uri, 2), (uri, 5), (uri, 6)]
    assert "AML101" not in codes(client.diagnostics[uri])


async def test_notebook_lone_change_checked_at_once_burst_at_its_last(patient_client: LanguageClient, tmp_path):
    client = patient_client
    published = _record_publications(client)
    path = _copy("notebooks/explore.ipynb", tmp_path)
    cells = _open_notebook(client, path)
    estimator_cell, _, text = cells[2]
    await asyncio.wait_for(_published_version(published, estimator_cell, 1), WAIT_SECONDS)
    assert "AML101" in codes(client.diagnostics[estimator_cell])

    without_import = text.replace(_ESTIMATOR, "")
    assert without_import != text
    _change_cells(client, path, {estimator_cell: without_import}, version=2)
    await asyncio.wait_for(_published_version(published, estimator_cell, 2), WAIT_SECONDS)
    assert "AML101" not in codes(client.diagnostics[estimator_cell])

    _change_cells(client, path, {estimator_cell: text + "# 3\n"}, version=3)
    _change_cells(client, path, {estimator_cell: text}, version=4)
    await assert_alive(client, estimator_cell)
    assert [version for uri, version in published if uri == estimator_cell] == [1, 2, 4]
    assert "AML101" in codes(client.diagnostics[estimator_cell])


# -- the server says what the audit says ------------------------------------------------------
def _bench_documents():
    """The benchmark's dense module (a finding every third line) and 200-cell notebook
    (``benchmarks/bench_server.py``), so the documents timed are the documents proven."""
    spec = importlib.util.spec_from_file_location("bench_server", REPO / "benchmarks" / "bench_server.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.legacy_module(), bench.notebook_cells()


def _audit_json(tmp_path: Path, *names: str) -> dict:
    """``azureml-migrate audit --format json`` on files of ``tmp_path``: per path, its findings
    as (code, cell, line, column, end line, end column, message)."""
    result = subprocess.run([sys.executable, "-m", "azureml_migrate.cli", "audit", "--format", "json",
                             "--no-baseline", *names], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1), result.stderr
    found: dict = {name: [] for name in names}
    for finding in json.loads(result.stdout)["findings"]:
        found[finding["path"]].append((finding["code"], finding["cell"], finding["line"], finding["column"],
                                       finding["end_line"], finding["end_column"], finding["message"],
                                       finding["status"], finding["reason"]))
    return {name: sorted(findings) for name, findings in found.items()}


def _said(diagnostics, cell=None) -> list:
    """Diagnostics in the audit's numbering (1-based lines and character columns; ASCII text),
    with the status their data carries."""
    return [(str(d.code), cell, d.range.start.line + 1, d.range.start.character + 1, d.range.end.line + 1,
             d.range.end.character + 1, d.message, d.data["status"], d.data["reason"]) for d in diagnostics]


async def test_diagnostics_are_the_audit_findings_of_the_benchmark_documents(client: LanguageClient, tmp_path):
    module_text, notebook = _bench_documents()
    module = tmp_path / "legacy_module.py"
    module.write_text(module_text)
    path = tmp_path / "notebook.ipynb"
    path.write_text(notebook_json([Cell(code, "python" if code else "markdown", text) for code, text in notebook]))
    audited = _audit_json(tmp_path, module.name, path.name)
    assert len(audited[module.name]) > 600 and len(audited[path.name]) > 150

    uri = open_text(client, module, "python")
    assert sorted(_said(await diagnostics_for(client, uri, lambda found: len(found) > 0))) == audited[module.name]

    cells = _open_notebook(client, path)

    async def notebook_said():
        said = []
        for index, (cell_uri, _, _) in enumerate(cells):
            said += _said(await diagnostics_for(client, cell_uri, lambda found: True), index + 1)
        return sorted(said)
    assert await notebook_said() == audited[path.name]

    # unchanged cells are read from memory, the program is checked whole: an edit of one cell
    # (its import gone) changes that cell's findings and leaves the rest as the audit says
    edited, _, text = cells[2]
    assert "from azureml.train.estimator import Estimator\n" in text
    changed = text.replace("from azureml.train.estimator import Estimator\n", "")
    before = client.diagnostics[edited]
    _change_cells(client, path, {edited: changed}, version=2)
    after = await diagnostics_for(client, edited, lambda found: True)
    await assert_alive(client, edited)  # every publication of that check has arrived
    assert _said(after) != _said(before)
    document = json.loads(path.read_text())
    document["cells"][2]["source"] = changed.splitlines(keepends=True)
    path.write_text(json.dumps(document))
    assert await notebook_said() == _audit_json(tmp_path, path.name)[path.name]
