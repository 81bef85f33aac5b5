"""Issue 17's Done-when for the bundled example: ``azureml-migrate fix --target v2
--unsafe-fixes examples/legacy_project`` leaves no v1 training API in the Python files and
notebooks except findings that are manual and say why.

What is left is found independently of the rules: every name a fixed Python file or notebook
code cell imports from ``azureml.core``, ``azureml.train``, ``azureml.pipeline`` or
``azureml.data`` (``from M import N`` binds N; ``import M`` binds its first part, read as
``azureml.<...>``), at each line where it is read. Each such read must be covered by a
remaining finding (``--format json``) on a line of the statement that reads it (a finding is
reported where its call starts), or on the line of the import that binds it
(the v2 rules flag names they do not follow as calls, ``Run``, ``Environment``, ``Workspace``,
where they are imported: every read goes through that import), and that finding must be
manual (not fixed, not a fix held back) with a reason of its own: not the fallback the fixer
gives a finding whose rule names none (``fixer.loop.manual_reason``).
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest

from azureml_migrate.fixer.loop import NO_REASON

sys.path.insert(0, str(Path(__file__).parent))
from whole_programs import CONSOLE_SCRIPT, notebook_cells  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "legacy_project"
V1_TRAINING_MODULES = ("azureml.core", "azureml.train", "azureml.pipeline", "azureml.data")

#: (file relative to the project, cell number or None, line, v1 name)
Use = Tuple[str, object, int, str]


def _from_v1_training(module: str) -> bool:
    return any(module == root or module.startswith(root + ".") for root in V1_TRAINING_MODULES)


def v1_reads(code: str) -> Iterator[Tuple[int, int, str]]:
    """(first and last line of the statement that reads it, line of the import that binds it,
    name) for every read of a name bound by an import from a v1 training module; ``import
    azureml.core`` binds ``azureml``, read as ``azureml.core...``."""
    tree = ast.parse(code)
    bound: Dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and not node.level and _from_v1_training(node.module or ""):
            for alias in node.names:
                bound[alias.asname or alias.name] = node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if _from_v1_training(alias.name):
                    bound[alias.asname or alias.name.split(".")[0]] = node.lineno
    for statement in ast.walk(tree):
        if not isinstance(statement, ast.stmt):
            continue
        for node in _own_nodes(statement):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in bound:
                yield statement.lineno, statement.end_lineno, bound[node.id], node.id


def _own_nodes(statement: ast.stmt) -> Iterator[ast.AST]:
    """The nodes of a statement that no statement inside it holds (a body is its own)."""
    pending = [child for child in ast.iter_child_nodes(statement) if not isinstance(child, ast.stmt)]
    while pending:
        node = pending.pop()
        yield node
        pending.extend(child for child in ast.iter_child_nodes(node) if not isinstance(child, ast.stmt))


def file_reads(path: Path) -> Iterator[Tuple[object, int, int, str]]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        for cell in notebook_cells(text):
            if cell.writefile is None:
                for read in v1_reads(cell.code):
                    yield (cell.number, *read)
    else:
        for read in v1_reads(text):
            yield (None, *read)


def uncovered(project: Path, report: dict) -> List[str]:
    """Every read of a v1 training name in the project's Python files and notebooks that no
    manual finding with a reason of its own covers, described."""
    findings: Dict[Tuple[str, object, int], List[dict]] = {}
    for record in report["files"]:
        for finding in record["remaining"]:
            findings.setdefault((record["path"], finding["cell"], finding["line"]), []).append(finding)
    problems = []
    for path in sorted(project.rglob("*")):
        if path.suffix not in (".py", ".ipynb"):
            continue
        shown = path.relative_to(project).as_posix()
        for cell, line, last_line, import_line, name in file_reads(path):
            where = f"{shown}:{'cell %s:' % cell if cell else ''}{line}"
            lines = sorted({*range(line, last_line + 1), import_line})
            near = [finding for number in lines for finding in findings.get((shown, cell, number), [])]
            manual = [finding for finding in near if finding["status"] in ("manual", "dropped")]
            explained = [finding for finding in manual if finding["reason"] and finding["reason"] != NO_REASON]
            if not near:
                problems.append(f"{where}: {name} is read and no finding is left on its line or its import")
            elif not manual:
                problems.append(f"{where}: {name} is covered only by {[f['status'] for f in near]} findings")
            elif not explained:
                problems.append(f"{where}: {name}: the manual findings {[f['code'] for f in manual]} give no reason "
                                f"of their own ({manual[0]['message']!r})")
    return problems


def fix_v2(project: Path) -> dict:
    done = subprocess.run([str(CONSOLE_SCRIPT), "fix", "--target", "v2", "--unsafe-fixes", "--format", "json", "."],
                          cwd=project, capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def fixed_example(tmp_path_factory):
    project = tmp_path_factory.mktemp("example") / "legacy_project"
    shutil.copytree(EXAMPLE, project)
    return project, fix_v2(project)


def test_the_fix_leaves_no_v1_training_api_but_manual_findings_that_say_why(fixed_example):
    project, report = fixed_example
    assert report["summary"]["fixed"] > 0, "the v2 fix changed nothing in the example: the test would prove nothing"
    assert uncovered(project, report) == []


def test_the_scan_sees_v1_reads_the_fix_left(fixed_example):
    """The check can fail: the unfixed example's reads are not covered by a fixed run's findings,
    and a read on a line of its own, far from any finding, is caught."""
    project, report = fixed_example
    reads = [read for path in project.rglob("*") if path.suffix in (".py", ".ipynb") for read in file_reads(path)]
    assert any(name == "Run" for *_, name in reads), "src/train.py still reads Run: the scan must see it"
    planted = project / "planted.py"
    planted.write_text("from azureml.train.hyperdrive import choice\n\n\n\nspace = {'--lr': choice(1, 2)}\n")
    try:
        assert [problem.split(":")[0] for problem in uncovered(project, report)] == ["planted.py"]
        assert set(v1_reads(planted.read_text())) == {(5, 5, 1, "choice")}
    finally:
        planted.unlink()


def test_a_generic_manual_reason_does_not_count(fixed_example):
    project, report = fixed_example
    bare = json.loads(json.dumps(report))
    for record in bare["files"]:
        for finding in record["remaining"]:
            finding["reason"] = NO_REASON
    assert uncovered(project, bare), "with no reasons left, reads of v1 names must be reported"
