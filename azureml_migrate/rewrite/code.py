"""Small pieces of code generation shared by the rewrites."""

from __future__ import annotations

from ..facts import Value

#: where the SDK cuts a package name from its specification (``CondaDependencies._get_package_name``)
_NAME_ENDS = frozenset("[=|<>~!")


class Blocked(Exception):
    """The call cannot be rewritten faithfully; the message says exactly why, and ``brief``
    (when the reason's leading clauses would not) what to do, in the few words of a finding's
    message (``fixes.Fix.brief``)."""

    def __init__(self, reason: str, brief: str = "") -> None:
        super().__init__(reason)
        self.brief = brief


def source_code(value: Value) -> str:
    """The expression as the user wrote it; parenthesised when it spans lines, so it stays one
    expression wherever the rewrite places it."""
    text = value.text.strip()
    return f"({text})" if "\n" in text or "\r" in text else text


def literal_code(item: object) -> str:
    return repr(item)


def package_name(specification: str) -> str:
    """The name the SDK compares packages by: a wheel's first field, else the text before the
    first version or extras character."""
    if specification.endswith(".whl"):
        return specification.rsplit("/", 1)[-1].split("-", 1)[0]
    for index, character in enumerate(specification):
        if character in _NAME_ENDS:
            return specification[:index]
    return specification
