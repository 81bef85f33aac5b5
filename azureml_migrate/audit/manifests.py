"""Requirement strings out of dependency manifests and install commands, with positions.

Each reader turns one file's text into ``LocatedRequirement``s (pip or conda syntax as the
file wrote it) and never judges versions: the shared core (``rules.check_requirement_string``)
does. A reader raises ``ManifestError`` when the whole file cannot be read as its kind;
single lines it does not understand (options, URLs, paths) are skipped, as pip skips them.
Positions are 1-based lines and 0-based columns, like the core's spans.
"""

from __future__ import annotations

import ast
import bisect
import configparser
import re
import sys
from dataclasses import dataclass
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

import yaml

from .readers_text import physical_lines, yaml_lines

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib


class ManifestError(Exception):
    """The file cannot be read as its kind; the message says what and where."""


@dataclass(frozen=True)
class LocatedRequirement:
    text: str
    kind: str  # "pip" or "conda"
    line: int
    col: int
    end_line: int
    end_col: int
    #: the text suppression comments are looked for in (the physical line(s) of the requirement)
    comment_text: str = ""
    #: how the file wrote it, when ``text`` had to be translated to PEP 508 (Poetry)
    shown: Optional[str] = None


# -- shell commands: pip / conda install -----------------------------------------------------
_OPERATORS = ("&&", "||", ";", "|", "&", "(", ")")
_PIP_OPTIONS_WITH_VALUE = frozenset({
    "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
    "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root",
    "--platform", "--python-version", "--implementation", "--abi", "--src", "--upgrade-strategy",
    "--progress-bar", "--cache-dir", "--log", "--proxy", "--retries", "--timeout",
    "--trusted-host", "--cert", "--client-cert", "--exists-action", "--no-binary",
    "--only-binary", "--global-option", "--install-option", "--config-settings", "-C",
    "--python", "--report", "--root-user-action", "--keyring-provider",
})
_CONDA_OPTIONS_WITH_VALUE = frozenset({
    "-c", "--channel", "-n", "--name", "-p", "--prefix", "--file", "--repodata-fn",
    "--solver", "--subdir", "--platform",
})
_PIP_PROGRAM = re.compile(r"^(?:.*/)?pip(?:\d+(?:\.\d+)*)?(?:\.exe)?$")
_PYTHON_PROGRAM = re.compile(r"^(?:.*/)?python(?:\d+(?:\.\d+)*)?(?:\.exe)?$")
_CONDA_PROGRAM = re.compile(r"^(?:.*/)?(?:conda|mamba|micromamba)(?:\.exe)?$")


_SHELL_TOKEN = re.compile(r"""(?P<space>\s+)|(?P<op>&&|\|\||[;|&()])|(?P<comment>\#.*)"""
                          r"""|(?P<word>(?:[^\s'"\\;&|()]|'[^']*'?|"(?:[^"\\]|\\.)*"?|\\.?)+)""", re.DOTALL)
_SHELL_QUOTED = re.compile(r"""'([^']*)'?|"((?:[^"\\]|\\.)*)"?|\\(.?)""", re.DOTALL)


def _unquote(match: re.Match) -> str:
    single, double, escaped = match.groups()
    if single is not None:
        return single
    if double is not None:
        return re.sub(r"\\(.)", r"\1", double)
    return escaped or ""


def shell_words(text: str) -> List[Tuple[str, int, int]]:
    """Words of a shell command (quotes removed) with their start/end offsets in ``text``.

    Control operators (``&&``, ``;``, ``|`` ...) come back as words of their own; a ``#``
    starting a word starts a comment. Only what install commands need: no expansion, no
    here-documents.
    """
    words: List[Tuple[str, int, int]] = []
    for match in _SHELL_TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "comment":
            break
        if kind == "op":
            words.append((match.group(), match.start(), match.end()))
        elif kind == "word":
            words.append((_SHELL_QUOTED.sub(_unquote, match.group()), match.start(), match.end()))
    return words


def install_arguments(words: Sequence[Tuple[str, int, int]]) -> Iterator[Tuple[str, str, int, int]]:
    """(requirement, kind, start, end) for each package argument of pip/conda install commands."""
    commands: List[List[Tuple[str, int, int]]] = [[]]
    for word in words:
        if word[0] in _OPERATORS:
            commands.append([])
        else:
            commands[-1].append(word)
    for command in commands:
        yield from _command_arguments(command)


def _command_arguments(command: List[Tuple[str, int, int]]) -> Iterator[Tuple[str, str, int, int]]:
    names = [word for word, _, _ in command]
    for position, name in enumerate(names):
        kind = None
        if _PIP_PROGRAM.match(name):
            kind, rest = "pip", position + 1
        elif _PYTHON_PROGRAM.match(name) and names[position + 1:position + 3] == ["-m", "pip"]:
            kind, rest = "pip", position + 3
        elif _CONDA_PROGRAM.match(name):
            kind, rest = "conda", position + 1
        if kind is None:
            continue
        while rest < len(names) and names[rest].startswith("-"):  # pip's own options (pip -q install)
            rest += 1
        if rest >= len(names) or names[rest] != "install":
            continue
        yield from _package_arguments(command[rest + 1:], kind)
        return


def _package_arguments(arguments: Sequence[Tuple[str, int, int]], kind: str) -> Iterator[Tuple[str, str, int, int]]:
    with_value = _PIP_OPTIONS_WITH_VALUE if kind == "pip" else _CONDA_OPTIONS_WITH_VALUE
    skip_next = False
    for word, start, end in arguments:
        if skip_next:
            skip_next = False
            continue
        if word.startswith("-"):
            skip_next = word in with_value
            continue
        if not word or "$" in word or "://" in word or word.startswith((".", "/", "~")):
            continue
        yield word, kind, start, end


class PositionMap:
    """Offsets in a joined logical line back to (line, column) in the file."""

    def __init__(self) -> None:
        self.text = ""
        self._starts: List[int] = []
        self._origins: List[Tuple[int, int]] = []

    def add(self, piece: str, line: int, col: int) -> None:
        self._starts.append(len(self.text))
        self._origins.append((line, col))
        self.text += piece

    def position(self, offset: int) -> Tuple[int, int]:
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        line, col = self._origins[index]
        return line, col + offset - self._starts[index]


def command_requirements(positions: PositionMap, comment_text: str) -> List[LocatedRequirement]:
    """The install arguments of one logical shell line, located in the file."""
    found = []
    for word, kind, start, end in install_arguments(shell_words(positions.text)):
        line, col = positions.position(start)
        end_line, end_col = positions.position(end - 1)
        found.append(LocatedRequirement(word, kind, line, col, end_line, end_col + 1, comment_text))
    return found


def shell_lines_requirements(lines: Sequence[str], first_line: int = 1,
                             first_col: int = 0) -> List[LocatedRequirement]:
    """Install commands in shell text (``\\`` continues a line), located from ``first_line``."""
    found: List[LocatedRequirement] = []
    index = 0
    while index < len(lines):
        positions = PositionMap()
        start = index
        while True:
            text = lines[index]
            continued = text.rstrip().endswith("\\")
            piece = text.rstrip()[:-1] + " " if continued else text
            positions.add(piece, first_line + index, first_col)
            index += 1
            if not continued or index >= len(lines):
                break
        if "install" in positions.text:
            found.extend(command_requirements(positions, "\n".join(lines[start:index])))
    return found


# -- requirements.txt ------------------------------------------------------------------------
_INLINE_COMMENT = re.compile(r"(^|\s)#.*$")
_TRAILING_OPTIONS = re.compile(r"\s+--?[A-Za-z].*$")


def requirements_file(text: str) -> List[LocatedRequirement]:
    """pip requirements/constraints lines; options, editables, URLs and paths are skipped."""
    lines = text.splitlines()
    found: List[LocatedRequirement] = []
    index = 0
    while index < len(lines):
        start = index
        parts = []
        while True:
            line = lines[index]
            index += 1
            stripped_comment = _INLINE_COMMENT.sub("", line)
            if stripped_comment.rstrip().endswith("\\") and index < len(lines):
                parts.append(stripped_comment.rstrip()[:-1])
                continue
            parts.append(stripped_comment)
            break
        logical = " ".join(parts)
        requirement = _TRAILING_OPTIONS.sub("", logical).strip()
        if not requirement or requirement.startswith("-") or "://" in requirement.split(";")[0].split("@")[0]:
            continue
        if requirement.startswith((".", "/", "~")):
            continue
        first = lines[start]
        col = first.find(requirement.split()[0]) if requirement.split() else 0
        col = max(col, 0)
        one_line = start == index - 1
        end_col = col + len(requirement) if one_line else len(lines[index - 1].rstrip())
        found.append(LocatedRequirement(requirement, "pip", start + 1, col, index, end_col,
                                        "\n".join(lines[start:index])))
    return found


# -- conda environment YAML ------------------------------------------------------------------
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


# -- TOML: pyproject.toml and Pipfile ---------------------------------------------------------
def _toml(text: str) -> Dict[str, Any]:
    try:
        return tomllib.loads(text)
    except ValueError as error:  # TOMLDecodeError, or an integer too long for int() (valid TOML)
        raise ManifestError(f"malformed TOML: {error}") from None


_QUOTED_STRING = re.compile(r"""(["'])(?P<value>(?:(?!\1).)*)\1""")
_TOML_KEY = re.compile(r"""^\s*(?P<quote>["']?)(?P<name>[^"'=\s\[]+)(?P=quote)\s*=""")
_CFG_VALUE = re.compile(r"^(?:[^\s=:][^=:]*[=:])?\s*(?P<value>\S.*?)\s*$")


class _TextLocator:
    """Finds where a value parsed by a position-less parser (TOML, configparser) was written.

    The text is indexed once (quoted strings, ``key =`` lines, bare values) so locating many
    requirements stays linear; a value written twice is matched to its occurrences in order,
    preferring those below the section header it belongs to. A value that cannot be found
    (written with escapes, say) is placed at line 1.
    """

    def __init__(self, text: str) -> None:
        self.lines = physical_lines(text)
        self._indexes: Dict[str, Dict[str, List[Tuple[int, int, int]]]] = {}

    def section_start(self, header: re.Pattern) -> int:
        for number, line in enumerate(self.lines):
            if header.match(line):
                return number
        return 0

    def _index(self, what: str) -> Dict[str, List[Tuple[int, int, int]]]:
        index = self._indexes.get(what)
        if index is not None:
            return index
        index = {}

        def add(key: str, number: int, start: int, end: int) -> None:
            index.setdefault(key, []).append((number, start, end))

        for number, line in enumerate(self.lines):
            if what == "string":
                for match in _QUOTED_STRING.finditer(line):
                    add(match.group("value"), number, match.start("value"), match.end("value"))
            elif what == "key":
                match = _TOML_KEY.match(line)
                if match is not None:
                    add(match.group("name"), number, match.start("quote"), len(_INLINE_COMMENT.sub("", line).rstrip()))
            else:
                match = _CFG_VALUE.match(_INLINE_COMMENT.sub("", line))
                if match is not None:
                    add(match.group("value"), number, match.start("value"), match.end("value"))
        self._indexes[what] = index
        return index

    def located(self, requirement: str, kind: str, what: str, value: str, start: int = 0,
                shown: Optional[str] = None) -> LocatedRequirement:
        """``requirement`` placed where ``value`` is written as a ``what`` (string, key, value).

        A key is not used up: several constraints of one Poetry dependency share its line.
        """
        places = self._index(what).get(value)
        if not places:
            return LocatedRequirement(requirement, kind, 1, 0, 1, 0, "", shown)
        chosen = next((place for place in places if place[0] >= start), places[0])
        if what != "key":
            places.remove(chosen)
        number, col, end = chosen
        return LocatedRequirement(requirement, kind, number + 1, col, number + 1, end, self.lines[number], shown)


def _header(*names: str) -> re.Pattern:
    dotted = r"\s*\.\s*".join(r"""["']?""" + re.escape(name) + r"""["']?""" for name in names)
    return re.compile(r"^\s*\[\s*" + dotted + r"\s*\]")


def _strings(value: Any) -> List[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def pyproject(text: str) -> List[LocatedRequirement]:
    """PEP 621 dependencies and optional-dependencies, PEP 735 groups, Poetry dependencies."""
    document = _toml(text)
    locator = _TextLocator(text)
    found: List[LocatedRequirement] = []
    project = document.get("project")
    if isinstance(project, dict):
        start = locator.section_start(_header("project"))
        for requirement in _strings(project.get("dependencies")):
            found.append(locator.located(requirement, "pip", "string", requirement, start))
        extras = project.get("optional-dependencies")
        if isinstance(extras, dict):
            start = locator.section_start(_header("project", "optional-dependencies"))
            for group in extras.values():
                for requirement in _strings(group):
                    found.append(locator.located(requirement, "pip", "string", requirement, start))
    groups = document.get("dependency-groups")
    if isinstance(groups, dict):
        start = locator.section_start(_header("dependency-groups"))
        for group in groups.values():
            for requirement in _strings(group):
                found.append(locator.located(requirement, "pip", "string", requirement, start))
    tool = document.get("tool")
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    if isinstance(poetry, dict):
        tables: List[Tuple[Any, re.Pattern]] = [
            (poetry.get("dependencies"), _header("tool", "poetry", "dependencies")),
            (poetry.get("dev-dependencies"), _header("tool", "poetry", "dev-dependencies")),
        ]
        group_tables = poetry.get("group")
        if isinstance(group_tables, dict):
            for name, group in group_tables.items():
                if isinstance(group, dict):
                    tables.append((group.get("dependencies"), _header("tool", "poetry", "group", name, "dependencies")))
        for table, header in tables:
            if isinstance(table, dict):
                found.extend(_poetry_table(table, locator, locator.section_start(header)))
    return found


def _poetry_table(table: Dict[str, Any], locator: _TextLocator, start: int) -> Iterator[LocatedRequirement]:
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


_PIPFILE_NON_PACKAGE_TABLES = frozenset({"source", "requires", "pipenv", "scripts"})


def pipfile(text: str) -> List[LocatedRequirement]:
    """[packages], [dev-packages] and custom categories: ``"==1.0"``, ``{version=...}``, ``"*"``."""
    document = _toml(text)
    locator = _TextLocator(text)
    found: List[LocatedRequirement] = []
    for table_name, table in document.items():
        if table_name in _PIPFILE_NON_PACKAGE_TABLES or not isinstance(table, dict):
            continue
        start = locator.section_start(_header(table_name))
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


# -- setup.cfg -------------------------------------------------------------------------------
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
    locator = _TextLocator(text)
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
        start = locator.section_start(_header(*section.split(".")))
        for raw in value.splitlines():
            requirement = _INLINE_COMMENT.sub("", raw).strip()
            if not requirement or requirement.startswith(("file:", "attr:", ";")):
                continue
            found.append(locator.located(requirement, "pip", "value", requirement, start))
    return found


# -- setup.py --------------------------------------------------------------------------------
_SETUP_NAMES = frozenset({"setup", "setuptools.setup", "distutils.core.setup"})


def _dotted(node: ast.AST) -> Optional[str]:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def setup_py(tree: ast.AST, source: str) -> List[LocatedRequirement]:
    """Literal ``install_requires``/``extras_require`` of ``setup(...)`` calls, read with ``ast``.

    A name bound once at module level to a literal list or dict is followed; anything else
    (computed lists, file reads) is not evaluated.
    """
    lines = physical_lines(source)
    module_literals: Dict[str, ast.AST] = {}
    for statement in getattr(tree, "body", []):
        if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
                and isinstance(statement.value, (ast.List, ast.Tuple, ast.Dict))):
            module_literals[statement.targets[0].id] = statement.value
    found: List[LocatedRequirement] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _dotted(node.func) not in _SETUP_NAMES:
            continue
        for keyword in node.keywords:
            value = keyword.value
            if isinstance(value, ast.Name):
                value = module_literals.get(value.id, value)
            if keyword.arg in ("install_requires", "tests_require", "setup_requires"):
                found.extend(_literal_strings(value, lines))
            elif keyword.arg == "extras_require" and isinstance(value, ast.Dict):
                for group in value.values:
                    if isinstance(group, ast.Name):
                        group = module_literals.get(group.id, group)
                    found.extend(_literal_strings(group, lines))
    return found


def _literal_strings(node: ast.AST, lines: Sequence[str]) -> Iterable[LocatedRequirement]:
    elements = node.elts if isinstance(node, (ast.List, ast.Tuple, ast.Set)) else [node]
    for element in elements:
        if isinstance(element, ast.Constant) and isinstance(element.value, str):
            line = element.lineno
            text = lines[line - 1] if line - 1 < len(lines) else ""
            col = character_column(text, element.col_offset)
            end_line = element.end_lineno or line
            end_text = lines[end_line - 1] if end_line - 1 < len(lines) else ""
            end_col = character_column(end_text, element.end_col_offset or element.col_offset)
            yield LocatedRequirement(element.value, "pip", line, col, end_line, end_col, text)


def character_column(line_text: str, byte_offset: int) -> int:
    """``ast`` columns are UTF-8 byte offsets; reports want characters."""
    return len(line_text.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))


# -- Dockerfile ------------------------------------------------------------------------------
_ESCAPE_DIRECTIVE = re.compile(r"^#\s*escape\s*=\s*(\S)\s*$", re.IGNORECASE)
_INSTRUCTION = re.compile(r"^\s*([A-Za-z]+)\b")


def dockerfile(text: str) -> List[LocatedRequirement]:
    """pip/conda install arguments of ``RUN`` instructions (shell form and JSON exec form).

    Suppression: a ``# noqa`` comment line directly above the ``RUN`` instruction, or directly
    above the continuation line holding the requirement, or a shell comment ending the line.
    """
    lines = physical_lines(text)
    escape = "\\"
    for line in lines:
        directive = _ESCAPE_DIRECTIVE.match(line)
        if directive:
            escape = directive.group(1)
            continue
        break
    found: List[LocatedRequirement] = []
    index = 0
    while index < len(lines):
        instruction = _INSTRUCTION.match(lines[index])
        if instruction is None or lines[index].lstrip().startswith("#"):
            index += 1
            continue
        start = index
        positions = PositionMap()
        above = lines[start - 1] if start > 0 else ""
        comment_above: Dict[int, str] = {start + 1: above if above.lstrip().startswith("#") else ""}
        previous_comment = ""
        while index < len(lines):
            text_line = lines[index]
            if index > start and text_line.lstrip().startswith("#"):
                previous_comment = text_line
                index += 1
                continue
            comment_above[index + 1] = previous_comment if index > start else comment_above[start + 1]
            previous_comment = ""
            stripped = text_line.rstrip()
            continued = stripped.endswith(escape)
            offset = instruction.end() if index == start else 0
            piece = stripped[offset:-1] + " " if continued else text_line[offset:]
            positions.add(piece, index + 1, offset)
            index += 1
            if not continued:
                break
        if instruction.group(1).upper() != "RUN":
            continue
        command = positions.text.strip()
        if command.startswith("["):
            command_positions = _exec_form(positions)
        else:
            command_positions = positions
        before_run = comment_above[start + 1]
        for requirement in command_requirements(command_positions, ""):
            own_line = lines[requirement.line - 1]
            comment_text = "\n".join((before_run, comment_above.get(requirement.line, ""), _shell_comment(own_line)))
            found.append(LocatedRequirement(requirement.text, requirement.kind, requirement.line, requirement.col,
                                            requirement.end_line, requirement.end_col, comment_text))
    return found


def _shell_comment(line: str) -> str:
    match = re.search(r"(^|\s)(#.*)$", line)
    return match.group(2) if match else ""


def _exec_form(positions: PositionMap) -> PositionMap:
    """``RUN ["pip", "install", "x==1"]``: the JSON strings as shell words, positions kept."""
    exec_positions = PositionMap()
    for match in re.finditer(r'"((?:[^"\\]|\\.)*)"', positions.text):
        line, col = positions.position(match.start(1))
        exec_positions.add(match.group(1) + " ", line, col)
    return exec_positions
