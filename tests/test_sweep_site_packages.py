"""Real-world sweep: every .py file installed in this environment's site-packages, through the core.

Thousands of modules nobody wrote for us (pip, setuptools, pylint, astroid, hypothesis, and the
azureml SDK itself when installed). The core must never raise on them, its prefilter must never
hide a finding, and findings may only land in packages that use the azureml SDK.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import sysconfig
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import List, NamedTuple, Optional, Tuple

import pytest

from azureml_migrate.engine import check_source, check_tree, parse_source


class FileResult(NamedTuple):
    path: str
    package: str
    imports_azureml: bool
    findings: Tuple[Tuple[str, int], ...]
    status: str
    error: Optional[str]


def site_packages() -> List[Path]:
    paths = sysconfig.get_paths()
    return sorted({Path(paths["purelib"]), Path(paths["platlib"])})


def imports_azureml(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "azureml" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").split(".")[0] == "azureml":
            return True
    return False


def check_one(root: Path, path: Path) -> FileResult:
    """Everything the sweep asserts about one file; exceptions are returned, not raised."""
    relative = path.relative_to(root)
    package = relative.parts[0].split(".")[0] if len(relative.parts) > 1 else relative.stem
    try:
        source = importlib.util.decode_source(path.read_bytes())
    except (OSError, SyntaxError, UnicodeDecodeError, LookupError) as error:
        return FileResult(str(relative), package, False, (), "undecodable", type(error).__name__)
    try:
        tree = parse_source(source)
    except SyntaxError:
        return FileResult(str(relative), package, False, (), "syntax error", None)
    try:
        every = [(f.code, f.span.line) for f in check_tree(tree, source)]
        prefiltered = [(f.code, f.span.line) for f in check_source(source)]
    except Exception as error:
        return FileResult(str(relative), package, False, (), "crashed", f"{type(error).__name__}: {error}")
    status = "checked" if every == prefiltered else "prefilter hid findings"
    uses_sdk = "azureml" in source and imports_azureml(tree)
    return FileResult(str(relative), package, uses_sdk, tuple(every), status, None)


def check_chunk(chunk: List[Tuple[str, str]]) -> List[FileResult]:
    return [check_one(Path(root), Path(path)) for root, path in chunk]


@pytest.fixture(scope="module")
def sweep() -> List[FileResult]:
    files = [(str(root), str(path)) for root in site_packages() for path in sorted(root.rglob("*.py"))
             if path.is_file()]
    chunks = [files[start:start + 200] for start in range(0, len(files), 200)]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return [result for chunk in pool.map(check_chunk, chunks) for result in chunk]


@pytest.mark.slow
def test_the_sweep_covers_thousands_of_real_modules(sweep):
    checked = [result for result in sweep if result.status == "checked"]
    assert len(checked) > 1000, f"only {len(checked)} modules found under {site_packages()}"


@pytest.mark.slow
def test_the_core_never_raises_on_installed_code(sweep):
    crashed = [f"{r.path}: {r.error}" for r in sweep if r.status == "crashed"]
    assert crashed == []


@pytest.mark.slow
def test_the_prefilter_never_hides_a_finding(sweep):
    hidden = [r.path for r in sweep if r.status == "prefilter hid findings"]
    assert hidden == []


@pytest.mark.slow
def test_no_findings_in_packages_that_do_not_use_the_azureml_sdk(sweep):
    """No false positives on real, unrelated code: a package with findings imports azureml."""
    users = {r.package for r in sweep if r.imports_azureml}
    misplaced = [f"{r.path}: {r.findings}" for r in sweep if r.findings and r.package not in users]
    assert misplaced == []
