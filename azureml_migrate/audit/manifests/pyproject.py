"""pyproject.toml: PEP 621, PEP 735 dependency groups and Poetry tables."""

from __future__ import annotations

import re
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

from .common import LocatedRequirement
from .locator import TextLocator, load_toml, table_header


def _strings(value: Any) -> List[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def pyproject(text: str) -> List[LocatedRequirement]:
    """PEP 621 dependencies and optional-dependencies, PEP 735 groups, Poetry dependencies."""
    document = load_toml(text)
    locator = TextLocator(text)
    found: List[LocatedRequirement] = []
    project = document.get("project")
    if isinstance(project, dict):
        start = locator.section_start(table_header("project"))
        for requirement in _strings(project.get("dependencies")):
            found.append(locator.located(requirement, "pip", "string", requirement, start))
        extras = project.get("optional-dependencies")
        if isinstance(extras, dict):
            start = locator.section_start(table_header("project", "optional-dependencies"))
            for group in extras.values():
                for requirement in _strings(group):
                    found.append(locator.located(requirement, "pip", "string", requirement, start))
    groups = document.get("dependency-groups")
    if isinstance(groups, dict):
        start = locator.section_start(table_header("dependency-groups"))
        for group in groups.values():
            for requirement in _strings(group):
                found.append(locator.located(requirement, "pip", "string", requirement, start))
    tool = document.get("tool")
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    if isinstance(poetry, dict):
        tables: List[Tuple[Any, re.Pattern]] = [
            (poetry.get("dependencies"), table_header("tool", "poetry", "dependencies")),
            (poetry.get("dev-dependencies"), table_header("tool", "poetry", "dev-dependencies")),
        ]
        group_tables = poetry.get("group")
        if isinstance(group_tables, dict):
            for name, group in group_tables.items():
                if isinstance(group, dict):
                    header = table_header("tool", "poetry", "group", name, "dependencies")
                    tables.append((group.get("dependencies"), header))
        for table, header in tables:
            if isinstance(table, dict):
                found.extend(_poetry_table(table, locator, locator.section_start(header)))
    return found


def _poetry_table(table: Dict[str, Any], locator: TextLocator, start: int) -> Iterator[LocatedRequirement]:
    for name, value in table.items():
        if name.lower() == "python":
            continue
        constraints = value if isinstance(value, list) else [value]
        for constraint in constraints:
            version = constraint.get("version") if isinstance(constraint, dict) else constraint
            if not isinstance(version, str):
                continue
            specifier = poetry_to_pep440(version)
            if specifier is None:
                continue
            yield locator.located(f"{name}{specifier}", "pip", "key", name, start, shown=f'{name} = "{version}"')


def _bump(release: Sequence[int], index: int) -> str:
    bumped = list(release[:index + 1])
    bumped[index] += 1
    return ".".join(str(part) for part in bumped + [0] * max(0, len(release) - index - 1))


def poetry_to_pep440(constraint: str) -> Optional[str]:
    """A Poetry version constraint as a PEP 440 specifier ('' for any); None if unsupported.

    ``^1.2.3`` → ``>=1.2.3,<2.0.0``; ``^0.2`` → ``>=0.2,<0.3``; ``~1.2.3`` → ``>=1.2.3,<1.3.0``;
    ``~1`` → ``>=1,<2``; ``1.0.*`` → ``==1.0.*``; ``1.0.85`` → ``==1.0.85``; ``>=1,<2`` as is.
    Alternatives (``||``) are not a single range and are left alone.
    """
    text = constraint.strip()
    if "||" in text or "|" in text:
        return None
    if text in ("", "*"):
        return ""
    clauses = []
    for part in re.split(r"\s*,\s*|\s+(?=[<>=!~^])", text):
        part = part.strip()
        if not part:
            continue
        clause = _poetry_clause(part)
        if clause is None:
            return None
        clauses.append(clause)
    return ",".join(clauses)


def _poetry_clause(part: str) -> Optional[str]:
    if part.startswith(("^", "~")) and not part.startswith("~="):
        raw = part[1:].strip()
        numbers = re.match(r"^(\d+(?:\.\d+)*)", raw)
        if numbers is None:
            return None
        release = [int(piece) for piece in numbers.group(1).split(".")]
        if part.startswith("^"):
            index = next((i for i, piece in enumerate(release) if piece != 0), len(release) - 1)
        else:
            index = 0 if len(release) == 1 else 1
        return f">={raw},<{_bump(release, index)}"
    if re.match(r"^(==|>=|<=|!=|~=|>|<|===)", part):
        operator = re.match(r"^(===|==|>=|<=|!=|~=|>|<)", part).group(1)
        return operator + part[len(operator):].strip()
    if part.startswith("="):
        return "==" + part[1:].strip()
    if re.match(r"^\d", part):
        return "==" + part
    return None
