"""setup.cfg ``[options]`` requirements, read with configparser (no interpolation)."""

from __future__ import annotations

import configparser
from typing import List, Tuple

from .common import INLINE_COMMENT, LocatedRequirement, ManifestError
from .locator import TextLocator, table_header


def setup_cfg(text: str) -> List[LocatedRequirement]:
    """``[options] install_requires``/``tests_require`` and ``[options.extras_require]``."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error as error:
        first_line = str(error).splitlines()[0]
        line = getattr(error, "lineno", None)
        where = f" at line {line}" if line else ""
        raise ManifestError(f"malformed setup.cfg{where}: {first_line}") from None
    locator = TextLocator(text)
    found: List[LocatedRequirement] = []
    values: List[Tuple[str, str, str]] = []
    if parser.has_section("options"):
        for key in ("install_requires", "tests_require", "setup_requires"):
            if parser.has_option("options", key):
                values.append(("options", key, parser.get("options", key)))
    if parser.has_section("options.extras_require"):
        for key, value in parser.items("options.extras_require"):
            values.append(("options.extras_require", key, value))
    for section, _key_name, value in values:
        start = locator.section_start(table_header(*section.split(".")))
        for raw in value.splitlines():
            requirement = INLINE_COMMENT.sub("", raw).strip()
            if not requirement or requirement.startswith(("file:", "attr:", ";")):
                continue
            found.append(locator.located(requirement, "pip", "value", requirement, start))
    return found
