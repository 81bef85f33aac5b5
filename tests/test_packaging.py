"""A non-editable install must carry every subpackage (the README's quick start uses one)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - older Pythons
    tomllib = pytest.importorskip("tomli")


def test_every_package_directory_is_packaged():
    setuptools = pytest.importorskip("setuptools")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    packaged = set(setuptools.find_packages(str(ROOT), include=include))
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("azureml_migrate", "flake8_azureml_migrate", "pylint_azureml_migrate")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert on_disk and on_disk <= packaged
    assert "azureml_migrate.audit.formats" in packaged
