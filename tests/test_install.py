"""The README's install commands work as written: from a clone (``pip install .``,
``pipx install .``) and from a built wheel, each into an environment of its own.

The package is not on PyPI, so no document may tell anyone to install it by name from there.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import azureml_migrate
from tests.source_copy import ROOT, copy_source, fresh_venv, pip

EXAMPLE = ROOT / "examples" / "legacy_project"
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# `pip install azureml-migrate-lint`, `pip install "azureml-migrate-lint[flake8]"`, and the same
# as a pre-commit `additional_dependencies` entry: all resolve the name on PyPI.
INSTALL_BY_NAME = re.compile(
    r"""pip\s+install\s+(?:-\S+\s+)*["']?azureml-migrate-lint(?![^"'\s]*\s*@)"""
    r"""|additional_dependencies:.*["']azureml-migrate-lint(?:\[[\w,]+\])?["']""")


def reference_audit() -> subprocess.CompletedProcess:
    """The audit of the bundled example by the install under test (this checkout)."""
    script = Path(sys.executable).parent / "azureml-migrate"
    return subprocess.run([str(script), "audit", "--format", "concise", "."], cwd=EXAMPLE,
                          capture_output=True, text=True, check=False)


def check_installed_command(script: Path, cwd: Path) -> None:
    """The installed console script is the installed package and audits as this checkout does."""
    version = subprocess.run([str(script), "--version"], cwd=cwd, capture_output=True, text=True, check=False)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"azureml-migrate {azureml_migrate.__version__}"
    audit = subprocess.run([str(script), "audit", "--format", "concise", "."], cwd=EXAMPLE,
                           capture_output=True, text=True, check=False)
    expected = reference_audit()
    assert audit.returncode == expected.returncode == 1, audit.stderr
    assert "AML101" in audit.stdout
    assert audit.stdout == expected.stdout


def check_not_from_checkout(python: Path, cwd: Path) -> None:
    located = subprocess.run([str(python), "-c", "import azureml_migrate; print(azureml_migrate.__file__)"],
                             cwd=cwd, capture_output=True, text=True, check=True)
    assert "site-packages" in located.stdout and str(ROOT) not in located.stdout


def test_no_document_installs_the_package_by_name_from_pypi():
    offending = [(document.name, match.group(0)) for document in DOCUMENTS
                 for match in INSTALL_BY_NAME.finditer(document.read_text(encoding="utf-8"))]
    assert offending == []


def test_the_pattern_catches_installs_by_name():
    for text in ('pip install azureml-migrate-lint', 'pip install -q "azureml-migrate-lint[flake8]"',
                 'additional_dependencies: ["azureml-migrate-lint[flake8]"]'):
        assert INSTALL_BY_NAME.search(text), text
    for text in ('pip install .', 'pip install ".[flake8]"',
                 'pip install "azureml-migrate-lint[flake8] @ git+https://example.invalid/x.git@v1"',
                 'additional_dependencies: ["azureml-migrate-lint[flake8] @ git+https://example.invalid/x@v1"]'):
        assert not INSTALL_BY_NAME.search(text), text


def test_readme_names_each_tested_install_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("pipx install .", "python -m pip install .",
                    "python -m pip wheel --no-deps -w dist .", "python -m pip install dist/"):
        assert command in readme, command


@pytest.mark.slow  # each variant builds the package and installs it with its dependencies
def test_pip_install_from_a_clone(tmp_path):
    source = copy_source(tmp_path / "clone")
    bin_dir = fresh_venv(tmp_path / "venv")
    result = pip(bin_dir / "python", "install", "-q", ".", cwd=source)
    assert result.returncode == 0, result.stderr
    check_not_from_checkout(bin_dir / "python", tmp_path)
    check_installed_command(bin_dir / "azureml-migrate", tmp_path)


@pytest.mark.slow
def test_a_built_wheel_installs_into_a_fresh_environment(tmp_path):
    source = copy_source(tmp_path / "clone")
    built = pip(Path(sys.executable), "wheel", "--no-deps", "-q", "-w", "dist", ".", cwd=source)
    assert built.returncode == 0, built.stderr
    (wheel,) = (source / "dist").glob("*.whl")
    assert wheel.name == f"azureml_migrate_lint-{azureml_migrate.__version__}-py3-none-any.whl"
    bin_dir = fresh_venv(tmp_path / "venv")
    result = pip(bin_dir / "python", "install", "-q", str(wheel), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    check_not_from_checkout(bin_dir / "python", tmp_path)
    check_installed_command(bin_dir / "azureml-migrate", tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        packaged = {name.rsplit("/", 1)[0] for name in archive.namelist() if name.endswith("/__init__.py")}
    assert {"flake8_azureml_migrate", "pylint_azureml_migrate", "azureml_migrate/audit/formats"} <= packaged


@pytest.mark.slow
def test_pipx_install_from_a_clone(tmp_path):
    source = copy_source(tmp_path / "clone")
    environment = {**os.environ, "PIPX_HOME": str(tmp_path / "pipx"), "PIPX_BIN_DIR": str(tmp_path / "bin"),
                   "PIPX_MAN_DIR": str(tmp_path / "man")}
    result = subprocess.run([sys.executable, "-m", "pipx", "install", "."], cwd=source, env=environment,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    check_installed_command(tmp_path / "bin" / "azureml-migrate", tmp_path)
