"""Conda environment YAML, composed with PyYAML's safe loader only (never constructed)."""

from __future__ import annotations

from typing import List, Optional, Sequence

import yaml

from ..readers_text import yaml_lines
from .common import LocatedRequirement, ManifestError

#: More aliases than any environment file needs: beyond this a document is refused as a bomb.
MAX_YAML_ALIASES = 100
_STR_TAG = "tag:yaml.org,2002:str"


class _GuardedLoader(yaml.SafeLoader):
    """SafeLoader that composes nodes only (never constructs objects) and counts aliases."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_YAML_ALIASES:
                mark = self.peek_event().start_mark
                raise yaml.composer.ComposerError(
                    None, None, f"more than {MAX_YAML_ALIASES} aliases (refused as an alias bomb)", mark)
        return super().compose_node(parent, index)


def _yaml_documents(text: str) -> List[yaml.Node]:
    try:
        loader = _GuardedLoader(text)
    except yaml.reader.ReaderError as error:
        raise ManifestError(_reader_error(text, error)) from None
    try:
        documents = []
        while loader.check_node():
            documents.append(loader.get_node())
        return documents
    except yaml.reader.ReaderError as error:
        raise ManifestError(_reader_error(text, error)) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = error.problem or error.context or "not YAML"
        raise ManifestError(f"malformed YAML{where}: {problem}") from None
    except yaml.YAMLError as error:
        raise ManifestError(f"malformed YAML: {error}") from None
    finally:
        loader.dispose()


def _reader_error(text: str, error: yaml.reader.ReaderError) -> str:
    """PyYAML refuses control characters before parsing; say where, as for other YAML errors."""
    line = text.count("\n", 0, max(error.position, 0)) + 1
    character = error.character if isinstance(error.character, str) else chr(error.character)
    return f"malformed YAML at line {line}: character {character!r} is not allowed in YAML"


def _mapping_value(node: yaml.Node, key: str) -> Optional[yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None


def _scalar_requirement(node: yaml.Node, kind: str, lines: Sequence[str]) -> Optional[LocatedRequirement]:
    if not isinstance(node, yaml.ScalarNode) or node.tag != _STR_TAG:
        return None
    line = node.start_mark.line
    col = node.start_mark.column + (1 if node.style in ("'", '"') else 0)
    text = " ".join(str(node.value).split())
    if not text:
        return None
    comment = lines[line] if line < len(lines) else ""
    return LocatedRequirement(text, kind, line + 1, col, line + 1, col + len(text), comment)


def conda_environment(text: str) -> List[LocatedRequirement]:
    """Entries under ``dependencies:`` (conda specs) and its ``pip:`` sub-list (pip syntax)."""
    lines = yaml_lines(text)
    found: List[LocatedRequirement] = []
    for document in _yaml_documents(text):
        dependencies = _mapping_value(document, "dependencies")
        if not isinstance(dependencies, yaml.SequenceNode):
            continue
        for item in dependencies.value:
            pip = _mapping_value(item, "pip")
            if isinstance(pip, yaml.SequenceNode):
                for entry in pip.value:
                    located = _scalar_requirement(entry, "pip", lines)
                    if located is not None:
                        found.append(located)
                continue
            located = _scalar_requirement(item, "conda", lines)
            if located is not None:
                found.append(located)
    return found
