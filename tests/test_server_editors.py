"""``azureml-migrate server`` as editors meet it: the console command, and a real editor
(headless Neovim from Debian) as the client."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python < 3.11: tomli, a dependency there
    import tomli as tomllib


def test_server_without_pygls_says_what_to_install():
    hidden = ("import sys; sys.modules['pygls'] = None; from azureml_migrate.cli import main; "
              "sys.exit(main(['server']))")
    result = subprocess.run([sys.executable, "-c", hidden], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    (server_extra,) = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(
        encoding="utf-8"))["project"]["optional-dependencies"]["server"]
    assert "needs pygls" in result.stderr and f'pip install "{server_extra}"' in result.stderr
    assert "Traceback" not in result.stderr


# -- Neovim ------------------------------------------------------------------------------------
DOCS = Path(__file__).resolve().parent.parent / "docs" / "editors.md"
#: what Neovim does after loading the documented set-up: open the file, wait for the server's
#: diagnostics, apply the preferred quick fix of the estimator finding, write; then fix-all,
#: write; and report the diagnostic codes it saw at each step
NEOVIM_DRIVER = r"""
local report = {}
local function codes(bufnr)
  local found = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(found, diagnostic.code or (diagnostic.user_data and diagnostic.user_data.lsp.code))
  end
  table.sort(found)
  return found
end
local function has(list, code)
  for _, item in ipairs(list) do if item == code then return true end end
  return false
end
local function finish()
  local out = io.open(vim.env.AZUREML_MIGRATE_REPORT, "w")
  out:write(vim.fn.json_encode(report))
  out:close()
  vim.cmd("qall!")
end
local function actions(bufnr, range, diagnostics, only)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = range,
    context = { diagnostics = diagnostics, only = only },
  }
  local results = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 60000) or {}
  local found = {}
  for _, result in pairs(results) do
    for _, action in ipairs(result.result or {}) do table.insert(found, action) end
  end
  return found
end

vim.cmd("edit " .. vim.fn.fnameescape(vim.env.AZUREML_MIGRATE_TARGET))
local bufnr = vim.api.nvim_get_current_buf()
report.attached = vim.wait(60000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
report.before = codes(bufnr)
local estimator
for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
  local code = diagnostic.code or (diagnostic.user_data and diagnostic.user_data.lsp.code)
  if code == "AML101" then estimator = diagnostic end
end
if estimator == nil then return finish() end
local range = {
  start = { line = estimator.lnum, character = estimator.col },
  ["end"] = { line = estimator.end_lnum, character = estimator.end_col },
}
local lsp_diagnostic = { range = range, message = estimator.message, code = "AML101", source = estimator.source }
report.titles = {}
for _, action in ipairs(actions(bufnr, range, { lsp_diagnostic }, { "quickfix" })) do
  table.insert(report.titles, action.title)
  if action.isPreferred and action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
  end
end
vim.cmd("write")
local written = io.open(vim.env.AZUREML_MIGRATE_TARGET, "r")
report.written_after_quick_fix = written:read("*a")
written:close()
report.fixed = vim.wait(60000, function() return not has(codes(bufnr), "AML101") end, 20)
report.after_quick_fix = codes(bufnr)
local whole = { start = { line = 0, character = 0 }, ["end"] = { line = 0, character = 0 } }
local fix_all = actions(bufnr, whole, {}, { "source.fixAll.azureml-migrate" })
report.fix_all = #fix_all
for _, action in ipairs(fix_all) do vim.lsp.util.apply_workspace_edit(action.edit, "utf-16") end
vim.cmd("write")
vim.wait(2000, function() return false end, 50)
report.after_fix_all = codes(bufnr)
finish()
"""
SCRIPT = """\
from azureml.core import Experiment, Workspace
from azureml.train.estimator import Estimator

ws = Workspace.from_config()
est = Estimator(source_directory='src', entry_script='train.py', compute_target='cpu-cluster',
                pip_packages=['pandas'])
Experiment(ws, 'demo').submit(est)
"""


def documented_neovim_snippet() -> str:
    """The first Lua block of the Neovim section of docs/editors.md."""
    section = DOCS.read_text().split("\n## Neovim\n", 1)[1]
    return section.split("```lua\n", 1)[1].split("```", 1)[0]


def test_neovim_applies_the_quick_fix_and_fix_all(tmp_path):
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("Neovim is not installed (Debian: apt-get install neovim; .ci/run installs it)")
    target = tmp_path / "submit.py"
    target.write_text(SCRIPT)
    expected = tmp_path / "expected" / "submit.py"
    expected.parent.mkdir()
    expected.write_text(SCRIPT)
    subprocess.run([sys.executable, "-m", "azureml_migrate.cli", "fix", "--quiet", str(expected)],
                   cwd=expected.parent, capture_output=True, check=False)
    (tmp_path / "init.lua").write_text(documented_neovim_snippet())
    (tmp_path / "driver.lua").write_text(NEOVIM_DRIVER)
    report = tmp_path / "report.json"
    environment = dict(os.environ, AZUREML_MIGRATE_TARGET=str(target), AZUREML_MIGRATE_REPORT=str(report),
                       PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
                       HOME=str(tmp_path), XDG_STATE_HOME=str(tmp_path / "state"),
                       XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run([nvim, "--headless", "-i", "NONE", "--noplugin", "-u", str(tmp_path / "init.lua"),
                             "-c", f"luafile {tmp_path / 'driver.lua'}"],
                            cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=300,
                            stdin=subprocess.DEVNULL)
    assert report.exists(), f"Neovim wrote no report: {result.stdout}\n{result.stderr}"
    seen = json.loads(report.read_text())
    assert seen["attached"] and "AML101" in seen["before"] and "AML301" in seen["before"]
    assert "replace Estimator(...) with ScriptRunConfig(...)" in seen["titles"]
    assert seen["fixed"] and "AML101" not in seen["after_quick_fix"] and "AML301" not in seen["after_quick_fix"]
    after_quick_fix = seen["written_after_quick_fix"]
    assert after_quick_fix != SCRIPT and after_quick_fix != expected.read_text()
    assert "ScriptRunConfig(" in after_quick_fix and "Estimator(source_directory" not in after_quick_fix
    # what is left (the now unused import) is fix-all's: the file ends as the fix command writes it
    assert target.read_text() == expected.read_text()
    assert seen["after_fix_all"] == []
