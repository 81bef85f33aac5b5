"""``fix --diff`` on a notebook shows each changed code cell's Python under a
``path.ipynb:cell N`` header, as ruff does; the JSON is what ``fix`` writes. The test proves
the shown hunks honest: each applied with real ``patch`` to the original cell gives the cell
``fix`` wrote, and every cell not shown is unchanged."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict

import pytest

from tests.test_audit_support import LEGACY_SCRIPT, write
from tests.test_fix_cli import run_fix

PROJECT = Path(__file__).resolve().parent.parent / "examples" / "legacy_project"
CORPUS = Path(__file__).resolve().parent / "program_corpus"
HEADER = re.compile(r"^--- (.+):cell (\d+)\n\+\+\+ \1:cell \2\n", re.MULTILINE)


def code_cells(path: Path) -> Dict[int, str]:
    """Code cell sources by 1-based position among all cells, read with json alone."""
    document = json.loads(path.read_text(encoding="utf-8"))
    return {position: "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for position, cell in enumerate(document["cells"], start=1) if cell["cell_type"] == "code"}


def cell_hunks(diff: str, name: str) -> Dict[int, str]:
    """Each cell's diff (headers included) of one notebook, by cell position."""
    found = [(match.start(), match.group(1), int(match.group(2))) for match in HEADER.finditer(diff)]
    hunks = {}
    for index, (start, shown, cell) in enumerate(found):
        end = found[index + 1][0] if index + 1 < len(found) else len(diff)
        if shown == name:
            hunks[cell] = diff[start:end]
    return hunks


def _notebooks():
    """The bundled notebook and every notebook of the whole-program corpus (``.nbpy``)."""
    return [PROJECT / "notebooks" / "explore.ipynb", *sorted(CORPUS.glob("*.nbpy"))]


def _place(source: Path, directory: Path) -> None:
    """The notebook as a user has it, named nb.ipynb (a corpus ``.nbpy`` made into JSON)."""
    if str(Path(__file__).parent) not in sys.path:
        sys.path.insert(0, str(Path(__file__).parent))
    from whole_programs import materialize

    materialize(source, directory).rename(directory / "nb.ipynb")


@pytest.mark.skipif(shutil.which("patch") is None, reason="patch is not installed")
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("source", _notebooks(), ids=lambda path: path.name)
def test_each_cell_hunk_applied_to_the_original_cell_gives_the_written_cell(tmp_path, source, unsafe):
    shown_dir, fixed_dir = tmp_path / "shown", tmp_path / "fixed"
    for directory in (shown_dir, fixed_dir):
        _place(source, directory)
    assert (shown_dir / "nb.ipynb").suffix == ".ipynb"
    flags = ("--unsafe-fixes",) if unsafe else ()
    diff = run_fix("--diff", *flags, "nb.ipynb", cwd=shown_dir)
    written = run_fix(*flags, "nb.ipynb", cwd=fixed_dir)
    before, after = code_cells(shown_dir / "nb.ipynb"), code_cells(fixed_dir / "nb.ipynb")
    changed = {cell for cell in before if before[cell] != after.get(cell)}
    assert bool(diff.stdout) == bool(changed), diff.stderr
    assert diff.returncode in (0, 1) and written.returncode in (0, 1)
    assert diff.returncode == 1 or not changed
    assert "{" not in "".join(line for line in diff.stdout.splitlines() if line.startswith(('+ "', '- "')))
    hunks = cell_hunks(diff.stdout, "nb.ipynb")
    assert set(hunks) == changed
    assert sum(len(hunk) for hunk in hunks.values()) == len(diff.stdout)
    for cell, hunk in hunks.items():
        original = tmp_path / f"cell{cell}.py"
        original.write_text(before[cell], encoding="utf-8")
        patch = tmp_path / f"cell{cell}.patch"
        patch.write_text(hunk, encoding="utf-8")
        applied = subprocess.run(["patch", "--quiet", str(original), str(patch)], capture_output=True, text=True,
                                 check=False)
        assert applied.returncode == 0, applied.stdout + applied.stderr
        assert original.read_text(encoding="utf-8") == after[cell], cell


def test_the_bundled_notebook_shows_python_per_cell_not_json(tmp_path):
    shutil.copy(PROJECT / "notebooks" / "explore.ipynb", tmp_path / "explore.ipynb")
    result = run_fix("--diff", "--unsafe-fixes", "explore.ipynb", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[:3] == ["--- explore.ipynb:cell 2", "+++ explore.ipynb:cell 2", "@@ -1,3 +1,3 @@"]
    assert "-%pip install azureml-sdk==1.0.85 matplotlib" in lines
    assert "+est = ScriptRunConfig(" in lines and "--- explore.ipynb:cell 3" in lines
    assert not any('"source"' in line or line.startswith(('+  "', '-  "')) for line in lines)
    assert (tmp_path / "explore.ipynb").read_bytes() == (PROJECT / "notebooks" / "explore.ipynb").read_bytes()


def test_python_files_keep_their_patch_and_notebooks_beside_them_their_cell_diffs(tmp_path):
    write(tmp_path, "train.py", "import os\nfrom azureml.train.estimator import Estimator\n\nprint(os.name)\n")
    shutil.copy(PROJECT / "notebooks" / "explore.ipynb", tmp_path / "explore.ipynb")
    result = run_fix("--diff", "--unsafe-fixes", ".", cwd=tmp_path)
    assert "--- a/train.py\n+++ b/train.py\n" in result.stdout
    assert "--- explore.ipynb:cell 3\n+++ explore.ipynb:cell 3\n" in result.stdout
    assert "a/explore.ipynb" not in result.stdout


def test_a_cell_without_a_final_newline_says_so(tmp_path):
    cells = [LEGACY_SCRIPT.rstrip("\n").replace("est = ", "# est\nest = ")]
    document = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                           "source": cells[0].splitlines(keepends=True)}],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 4}
    write(tmp_path, "nb.ipynb", json.dumps(document, indent=1) + "\n")
    result = run_fix("--diff", "nb.ipynb", cwd=tmp_path)
    assert result.stdout.startswith("--- nb.ipynb:cell 1\n+++ nb.ipynb:cell 1\n")
    assert result.stdout.endswith("\\ No newline at end of file\n")


MARKDOWN = """\
# Submitting

First the workspace:

```python
from azureml.core import Experiment, Workspace
from azureml.train.estimator import Estimator

ws = Workspace.from_config()
```

A shell block is not Python:

```sh
pip install azureml-sdk
```

Then the job:

```python
est = Estimator(source_directory='src', entry_script='train.py',
                compute_target='cpu-cluster', pip_packages=['pandas'])
Experiment(ws, 'train').submit(est)
```
"""


def _python_blocks(text: str):
    """(first code line, code) of each ```python block, found with plain string work."""
    lines = text.splitlines(keepends=True)
    blocks, start = [], None
    for number, line in enumerate(lines, start=1):
        if line.startswith("```python"):
            start = number + 1
        elif line.startswith("```") and start is not None:
            blocks.append((start, "".join(lines[start - 1:number - 1])))
            start = None
    return blocks


@pytest.mark.skipif(shutil.which("patch") is None, reason="patch is not installed")
def test_markdown_blocks_are_shown_per_block_and_the_hunks_are_what_fix_makes_of_that_code(tmp_path):
    write(tmp_path, "docs/submit.md", MARKDOWN)
    result = run_fix("--diff", "docs/submit.md", cwd=tmp_path)
    assert (tmp_path / "docs" / "submit.md").read_text(encoding="utf-8") == MARKDOWN  # Markdown is never written
    blocks = _python_blocks(MARKDOWN)
    headers = [line[4:] for line in result.stdout.splitlines() if line.startswith("--- ")]
    assert headers == [f"docs/submit.md:block {number} (line {line})"
                       for number, (line, _) in enumerate(blocks, start=1)]
    # the same code as the cells of a notebook, fixed and written by the real command
    notebook = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                           "source": code} for _, code in blocks], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}
    write(tmp_path, "nb/blocks.ipynb", json.dumps(notebook, indent=1) + "\n")
    assert run_fix("nb/blocks.ipynb", cwd=tmp_path).returncode in (0, 1)
    written = code_cells(tmp_path / "nb" / "blocks.ipynb")
    patched_markdown = MARKDOWN
    for number, (line, code) in enumerate(blocks, start=1):
        header = f"docs/submit.md:block {number} (line {line})"
        start = result.stdout.index(f"--- {header}\n")
        following = result.stdout.find("\n--- ", start + 1)
        hunk = result.stdout[start:following + 1 if following >= 0 else len(result.stdout)]
        original = tmp_path / f"block{number}.py"
        original.write_text(code, encoding="utf-8")
        (tmp_path / f"block{number}.patch").write_text(hunk, encoding="utf-8")
        applied = subprocess.run(["patch", "--quiet", str(original), str(tmp_path / f"block{number}.patch")],
                                 capture_output=True, text=True, check=False)
        assert applied.returncode == 0, applied.stdout + applied.stderr
        assert original.read_text(encoding="utf-8") == written[number]
        patched_markdown = patched_markdown.replace(code, written[number])
    # with the hunks copied in, the audit finds nothing left to fix in the Markdown
    write(tmp_path, "after/submit.md", patched_markdown)
    from tests.test_audit_support import run_audit

    after = json.loads(run_audit("--format", "json", "--isolated", "after/submit.md", cwd=tmp_path).stdout)
    fixable = [finding for finding in after["findings"] if (finding["fix"] or {}).get("applicability") == "safe"]
    assert fixable == []
    before = json.loads(run_audit("--format", "json", "--isolated", "docs/submit.md", cwd=tmp_path).stdout)
    assert len(after["findings"]) < len(before["findings"])


def test_the_notebook_example_in_docs_fix_md_is_the_commands_output(tmp_path):
    shutil.copy(PROJECT / "notebooks" / "explore.ipynb", tmp_path / "explore.ipynb")
    result = run_fix("--diff", "--unsafe-fixes", "explore.ipynb", cwd=tmp_path)
    docs = (Path(__file__).resolve().parent.parent / "docs" / "fix.md").read_text(encoding="utf-8")
    start = docs.index("```diff\n") + len("```diff\n")
    example = docs[start:docs.index("```\n", start)]
    assert result.stdout.startswith(example) and example.count("--- ") == 1
    assert "\n--- explore.ipynb:cell 3\n" in result.stdout[len(example) - 1:]
