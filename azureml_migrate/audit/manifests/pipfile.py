"""Pipfile package tables."""

from __future__ import annotations

from typing import List

from .common import LocatedRequirement
from .locator import TextLocator, load_toml, table_header


_PIPFILE_NON_PACKAGE_TABLES = frozenset({"source", "requires", "pipenv", "scripts"})


def pipfile(text: str) -> List[LocatedRequirement]:
    """[packages], [dev-packages] and custom categories: ``"==1.0"``, ``{version=...}``, ``"*"``."""
    document = load_toml(text)
    locator = TextLocator(text)
    found: List[LocatedRequirement] = []
    for table_name, table in document.items():
        if table_name in _PIPFILE_NON_PACKAGE_TABLES or not isinstance(table, dict):
            continue
        start = locator.section_start(table_header(table_name))
        for name, value in table.items():
            version = value.get("version") if isinstance(value, dict) else value
            if not isinstance(version, str):
                continue
            version = version.strip()
            specifier = "" if version == "*" else version
            if specifier and specifier[0].isdigit():
                specifier = "==" + specifier
            found.append(locator.located(f"{name}{specifier}", "pip", "key", name, start,
                                         shown=f'{name} = "{version}"'))
    return found
