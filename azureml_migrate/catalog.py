"""The rule catalog, gathered from the rule modules (``azureml_migrate/rules/aml*.py``).

flake8 messages, pylint ``msgs``, ``azureml-migrate rules``/``explain``, report metadata,
``docs/rules.md``, the README rule table and the ``docs/pylint.md`` message table are all
generated from ``RULES``; tests prove they agree. Codes are never reused or renumbered: a
retired rule keeps its module with ``retired=True`` and reports nothing.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Dict, Mapping, Tuple

from .rules import RULES, Rule
from .ids import FLAKE8_PREFIX, INTERNAL_ERROR_CODE, PYLINT_CHECKER_ID
from .rules.base import DOC_SECTIONS

__all__ = [
    "ACTIVE_RULES", "DEFAULT_DISABLED", "TARGET_OF", "DOC_SECTIONS", "FLAKE8_PREFIX", "INTERNAL_ERROR_CODE",
    "PYLINT_CHECKER_ID", "RULES", "RULES_BY_CODE", "Rule", "rule_for",
]

#: The rules that report findings: every output that lists rules a user can select uses these.
ACTIVE_RULES: Tuple[Rule, ...] = tuple(rule for rule in RULES if not rule.retired)
RULES_BY_CODE: Mapping[str, Rule] = MappingProxyType({rule.code: rule for rule in RULES})
DEFAULT_DISABLED: Tuple[str, ...] = tuple(rule.code for rule in ACTIVE_RULES if not rule.default_enabled)
#: The default-off rules that choosing a migration target turns on, by code.
TARGET_OF: Mapping[str, str] = MappingProxyType({rule.code: rule.target for rule in ACTIVE_RULES if rule.target})


def rule_for(key: str) -> Rule:
    """Look a rule up by code, symbol or pylint msgid (case-insensitive)."""
    wanted = key.strip()
    for rule in RULES:
        if wanted.upper() in (rule.code, rule.msgid) or wanted.lower() == rule.symbol:
            return rule
    raise KeyError(key)


def _default_state(rule: Rule) -> str:
    if rule.default_enabled:
        return "on"
    return f"off (on with target {rule.target})" if rule.target else "off"


def rules_table_markdown() -> str:
    """The README rule table."""
    lines = [
        "| code | pylint | symbol | default | what it flags |",
        "|---|---|---|---|---|",
    ]
    for rule in RULES:
        default = "retired" if rule.retired else _default_state(rule)
        lines.append(f"| {rule.code} | {rule.msgid} | `{rule.symbol}` | {default} | {rule.summary} |")
    return "\n".join(lines)


def pylint_messages_markdown() -> str:
    """The message table of docs/pylint.md."""
    lines = [
        "| pylint | symbol | flake8 | default | what it flags |",
        "|---|---|---|---|---|",
    ]
    for rule in ACTIVE_RULES:
        default = _default_state(rule)
        lines.append(f"| {rule.msgid} | `{rule.symbol}` | {rule.code} | {default} | {rule.summary} |")
    return "\n".join(lines)


#: Generated tables inside hand-written pages: (file, marker name, generator).
GENERATED_TABLES = (
    ("README.md", "rules-table", rules_table_markdown),
    ("docs/pylint.md", "pylint-table", pylint_messages_markdown),
)


def replace_table(text: str, marker: str, table: str) -> str:
    """``text`` with the lines between ``<!-- marker:start -->`` and ``<!-- marker:end -->`` replaced."""
    start, end = f"<!-- {marker}:start -->\n", f"\n<!-- {marker}:end -->"
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    return before + start + table + end + after


def write_docs(root) -> None:
    """Regenerate docs/rules.md and the tables in README.md and docs/pylint.md."""
    from pathlib import Path

    root = Path(root)
    (root / "docs" / "rules.md").write_text(all_docs_markdown(), encoding="utf-8")
    for name, marker, generate in GENERATED_TABLES:
        path = root / name
        path.write_text(replace_table(path.read_text(encoding="utf-8"), marker, generate()), encoding="utf-8")


def all_docs_markdown() -> str:
    """docs/rules.md: every rule's page, in catalog order."""
    header = ("<!-- generated from the rule modules: "
              "python -m azureml_migrate.catalog --write-docs -->\n\n# Rules\n\n"
              + rules_table_markdown() + "\n\n")
    pages = []
    for rule in RULES:
        lines = rule.docs().splitlines()
        pages.append("\n".join(
            "#" + line if line.startswith("#") and not _in_code(lines, i) else line
            for i, line in enumerate(lines)))
    return header + "\n\n".join(pages) + "\n"


def _in_code(lines, index: int) -> bool:
    return sum(1 for line in lines[:index] if line.startswith("```")) % 2 == 1


def as_dicts() -> Tuple[Dict[str, object], ...]:
    return tuple(
        {
            "code": rule.code,
            "msgid": rule.msgid,
            "symbol": rule.symbol,
            "name": rule.name,
            "default_enabled": rule.default_enabled,
            "summary": rule.summary,
            "concerns_sdk_version": rule.concerns,
        }
        for rule in ACTIVE_RULES
    )


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--write-docs"]:
        write_docs(".")
    else:
        print(all_docs_markdown(), end="")
