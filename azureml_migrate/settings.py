"""One configuration for every front end: ``[tool.azureml-migrate]`` / ``[azureml-migrate]``.

The flake8 plugin, the pylint plugin and the audit all read their settings here, so the same
file means the same thing to all three. A configuration file is a ``pyproject.toml`` with a
``[tool.azureml-migrate]`` table or, failing that in the same directory, a ``setup.cfg`` with an
``[azureml-migrate]`` section. It is looked for from a start directory upwards, stopping after
the directory that holds ``.git`` (the repository root) or at the filesystem root.

Relative paths in the file (``exclude``, ``per-file-ignores``, ``baseline``) are relative to
the directory of the file. A file met on the way that cannot be parsed is passed over unless
its text names the section (then it *is* the configuration, and it is malformed): a repository
with a broken ``pyproject.toml`` must still be checkable.

Selection follows flake8: the longest matching ``select``/``extend-select`` prefix against the
longest ``ignore`` prefix. With no ``select`` the default set is every rule that is on by
default; an explicit selection turns on every rule it covers, the default-off rules
included, so ``--select AML`` means the same in flake8, pylint (``--enable``) and the audit.
"""

from __future__ import annotations

import configparser
import fnmatch
import os
import re
import sys
from bisect import bisect_right
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, TypeVar

from .ids import FLAKE8_PREFIX
from .records import record

if TYPE_CHECKING:
    from packaging.version import Version


def _toml_loads(text: str) -> Dict[str, Any]:
    """``tomllib.loads``, imported when a TOML file is first read: most linted files have no
    configuration file above them, and tomllib costs more to load than the settings module."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python < 3.11 only
        import tomli as tomllib
    return tomllib.loads(text)


def _catalog():
    """The rule catalog, imported on first use: a flake8 start reads settings only once a file
    passes the prefilter, and importing every rule module is the dearest part of a start."""
    from . import catalog

    return catalog


TABLE = "azureml-migrate"
KEYS = ("select", "ignore", "extend-select", "extend-ignore", "exclude", "extend-exclude",
        "per-file-ignores", "min-sdk-version", "baseline", "target")
#: What the rules migrate to: ScriptRunConfig + Environment (SDK v1, the default) or SDK v2
#: (azure-ai-ml command and sweep jobs). Choosing v2 turns on the rules of the v2 family.
TARGETS = ("scriptrunconfig", "v2")
DEFAULT_TARGET = "scriptrunconfig"
#: Configuration files are small; anything bigger is not read (regular files only).
MAX_CONFIG_BYTES = 4 * 1024 * 1024


class ConfigError(Exception):
    """A configuration or usage problem: the command exits with status 2 and this message."""


@record
class ExcludePattern:
    """A glob of files or directories to skip; relative to ``base`` when it contains '/'."""

    base: Path
    pattern: str


@record
class PerFileIgnore:
    """Codes ignored in files matching a glob; the glob is relative to ``base``."""

    base: Path
    pattern: str
    codes: Tuple[str, ...]


@record
class FileSettings:
    """What one configuration file says, validated, with its paths anchored at its directory."""

    source: Optional[Path] = None
    select: Optional[Tuple[str, ...]] = None
    ignore: Tuple[str, ...] = ()
    extend_select: Tuple[str, ...] = ()
    extend_ignore: Tuple[str, ...] = ()
    exclude: Tuple[ExcludePattern, ...] = ()
    extend_exclude: Tuple[ExcludePattern, ...] = ()
    per_file_ignores: Tuple[PerFileIgnore, ...] = ()
    min_sdk_version: Optional[Version] = None
    baseline: Optional[Path] = None
    target: Optional[str] = None


NO_FILE = FileSettings()


# -- finding the file --------------------------------------------------------------------------
def _read_small(path: Path) -> str:
    """A configuration file's text: a regular file, size-bounded, UTF-8 (OSError/ValueError)."""
    if not path.is_file():
        raise OSError(f"not a regular file: {path}")
    if path.stat().st_size > MAX_CONFIG_BYTES:
        raise ValueError(f"larger than {MAX_CONFIG_BYTES // (1024 * 1024)} MB")
    return path.read_text(encoding="utf-8")


def _parse_cfg(text: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.read_string(text)
    return parser


def has_section(path: Path) -> bool:
    """Whether ``path`` (pyproject.toml or setup.cfg) holds our section, or names it but is broken."""
    try:
        text = _read_small(path)
    except (OSError, ValueError):
        return False
    if path.name == "setup.cfg":
        if f"[{TABLE}]" not in text:  # how configparser spells the section, and how a broken file names it
            return False
        try:
            return _parse_cfg(text).has_section(TABLE)
        except configparser.Error:
            return True
    if not _toml_may_hold_table(text):
        return False
    try:
        document = _toml_loads(text)
    except (ValueError, RecursionError):  # malformed, an over-long integer, nested too deeply
        return _broken_toml_names_table(text)
    return isinstance(document.get("tool"), dict) and TABLE in document["tool"]


def _broken_toml_names_table(text: str) -> bool:
    """A pyproject.toml that is not valid TOML is our configuration (to be reported as broken)
    when its text names the table."""
    return f"tool.{TABLE}" in text or f'"{TABLE}"' in text


#: The tokens of TOML text that decide where a table header can start: single-line strings
#: (whose brackets are not brackets), comments, brackets and braces. Each alternative is one
#: linear pass over a character class.
_TOML_TOKEN = re.compile(r"\"[^\"\n]*\"|'[^'\n]*'|#[^\n]*|[][{}]")
_BARE_KEY_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def _toml_may_hold_table(text: str) -> bool:
    """False only when the TOML text surely has no ``[tool.azureml-migrate]`` table, valid or
    broken, so the parser (whose import alone costs more than a flake8 plugin's whole start)
    is not needed: the table's key must be spelled in the text, and where it is spelled only
    under headers of other top-level tables (``[project.scripts]``) it cannot be ours.

    Text with escapes (a key spelled with ``\\u``) or multi-line strings (which may hold
    lines that look like headers) always goes to the parser. ``tests/test_settings.py``
    holds this to the parser on written and generated documents.
    """
    if TABLE not in text:
        return "\\" in text
    if "\\" in text or '"""' in text or "'''" in text or _broken_toml_names_table(text):
        return True
    depth = 0
    tool_regions: List[Tuple[int, bool]] = [(0, True)]  # before any header: root keys (``tool.x = ``)
    for token in _TOML_TOKEN.finditer(text):
        char = token.group()[0]
        if char in "[{":
            start = token.start()
            if depth == 0 and char == "[" and not text[text.rfind("\n", 0, start) + 1:start].strip(" \t"):
                tool_regions.append((start, _first_key_is_tool(text, start)))
            depth += 1
        elif char in "]}":
            depth = max(depth - 1, 0)
    position = text.find(TABLE)
    while position >= 0:
        index = bisect_right(tool_regions, (position, True)) - 1
        if tool_regions[index][1]:
            return True
        position = text.find(TABLE, position + len(TABLE))
    return False


def _first_key_is_tool(text: str, header: int) -> bool:
    """Whether the table header at ``header`` (``[tool.x]``, ``[[ "tool" ]]``) starts with the key
    ``tool``; its quoted spellings have no escapes (see ``_toml_may_hold_table``)."""
    start = header + 2 if text.startswith("[[", header) else header + 1
    while text[start:start + 1] in (" ", "\t"):
        start += 1
    if text.startswith(('"tool"', "'tool'"), start):
        return True
    return text.startswith("tool", start) and text[start + 4:start + 5] not in _BARE_KEY_CHARACTERS


def _config_in(directory: Path) -> Optional[Path]:
    for name in ("pyproject.toml", "setup.cfg"):
        candidate = directory / name
        try:
            present = candidate.is_file()
        except OSError:  # a directory that may not be searched holds no configuration we can use
            return None
        if present and has_section(candidate):
            return candidate
    return None


def find_config_file(start: Path, cache: Optional[Dict[Path, Optional[Path]]] = None) -> Optional[Path]:
    """The nearest configuration file from directory ``start`` up to the repository root.

    With a ``cache`` every directory visited remembers the answer, so checking thousands of
    files in a tree costs one walk per new directory, not per file.
    """
    return _nearest(start, _config_in, None, cache)


_Found = TypeVar("_Found")


def _nearest(start: Path, look_in: Callable[[Path], Optional[_Found]], default: _Found,
             cache: Optional[Dict[Path, _Found]]) -> _Found:
    """What ``look_in`` finds in the nearest directory from ``start`` up to the repository root
    (a directory holding ``.git``), else ``default``; every directory visited remembers it."""
    cache = {} if cache is None else cache
    visited: List[Path] = []
    found = default
    for directory in (start, *start.parents):
        if directory in cache:
            found = cache[directory]
            break
        visited.append(directory)
        here = look_in(directory)
        if here is not None:
            found = here
            break
        if os.path.lexists(directory / ".git"):
            break
    for directory in visited:
        cache[directory] = found
    return found


# -- reading it --------------------------------------------------------------------------------
def read_table(config_file: Path) -> Dict[str, Any]:
    """The section of a pyproject.toml or setup.cfg as a dict, or ConfigError saying what is wrong."""
    try:
        text = _read_small(config_file)
    except OSError as error:
        raise ConfigError(f"cannot read configuration {config_file}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"cannot read configuration {config_file}: not UTF-8 text") from None
    except ValueError as error:
        raise ConfigError(f"cannot read configuration {config_file}: {error}") from None
    if config_file.name == "setup.cfg":
        table = _cfg_section(config_file, text)
        where = f"[{TABLE}]"
    else:
        table = _toml_table(config_file, text)
        where = f"[tool.{TABLE}]"
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(f"{config_file}: unknown key{'s' if len(unknown) > 1 else ''} "
                          f"{', '.join(unknown)} in {where} (known: {', '.join(KEYS)})")
    return table


def _toml_table(config_file: Path, text: str) -> Dict[str, Any]:
    try:
        document = _toml_loads(text)
    except ValueError as error:  # TOMLDecodeError, or an integer too long for int()
        raise ConfigError(f"{config_file}: not valid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{config_file}: not valid TOML: nested too deeply") from None
    table = document.get("tool", {}).get(TABLE) if isinstance(document.get("tool"), dict) else None
    if table is None:
        raise ConfigError(f"{config_file}: no [tool.{TABLE}] table")
    if not isinstance(table, dict):
        raise ConfigError(f"{config_file}: [tool.{TABLE}] must be a table")
    return table


def _cfg_section(config_file: Path, text: str) -> Dict[str, Any]:
    try:
        parser = _parse_cfg(text)
    except configparser.Error as error:
        raise ConfigError(f"{config_file}: not a valid setup.cfg: {' '.join(str(error).split())}") from None
    if not parser.has_section(TABLE):
        raise ConfigError(f"{config_file}: no [{TABLE}] section")
    return {key: value for key, value in parser.items(TABLE)}


def read_config(config_file: Path) -> FileSettings:
    """A configuration file's settings, validated (ConfigError names the file and the key)."""
    config_file = Path(os.path.abspath(config_file))
    table = read_table(config_file)
    where = str(config_file)
    base = config_file.parent
    return FileSettings(
        source=config_file,
        select=tuple(codes_option(table, "select", where)) if "select" in table else None,
        ignore=tuple(codes_option(table, "ignore", where)),
        extend_select=tuple(codes_option(table, "extend-select", where)),
        extend_ignore=tuple(codes_option(table, "extend-ignore", where)),
        exclude=tuple(ExcludePattern(base, glob) for glob in strings_option(table, "exclude", where, split_globs)),
        extend_exclude=tuple(ExcludePattern(base, glob)
                             for glob in strings_option(table, "extend-exclude", where, split_globs)),
        per_file_ignores=tuple(_per_file_table(table.get("per-file-ignores"), base, where)),
        min_sdk_version=parse_version(table["min-sdk-version"], f"{where}: min-sdk-version")
        if "min-sdk-version" in table else None,
        baseline=_baseline_option(table, base, where),
        target=parse_target(table["target"], f"{where}: target") if "target" in table else None,
    )


def split_list(value: str) -> List[str]:
    """``"AML1, AML2"`` or ``"AML1 AML2"`` -> ``["AML1", "AML2"]``."""
    return [part for part in value.replace(",", " ").split() if part]


def split_globs(value: str) -> List[str]:
    """``"vendored, my dir/*.py"`` -> ``["vendored", "my dir/*.py"]``: commas or lines, names may have spaces."""
    return [part.strip() for part in value.replace("\n", ",").split(",") if part.strip()]


def normalize_code(text: str, where: str) -> str:
    """A rule code or code prefix (``AML``, ``AML1``, a whole code); symbols map to their code."""
    candidate = text.strip()
    catalog = _catalog()
    if any(rule.code.startswith(candidate.upper()) for rule in catalog.RULES) \
            and candidate.upper().startswith(FLAKE8_PREFIX):
        return candidate.upper()
    try:
        return catalog.rule_for(candidate).code
    except KeyError:
        raise ConfigError(f"{where}: unknown rule code, prefix or symbol {text!r} "
                          "(run 'azureml-migrate rules' for the list)") from None


def codes(values: Sequence[str], where: str) -> List[str]:
    return [normalize_code(value, where) for value in values]


def strings_option(table: Mapping[str, Any], key: str, where: str,
                   split: Callable[[str], List[str]] = split_list) -> List[str]:
    if key not in table:
        return []
    value = table[key]
    if isinstance(value, str):
        return split(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item.strip() for item in value if item.strip()]
    raise ConfigError(f"{where}: {key} must be a list of strings (or one comma-separated string)")


def codes_option(table: Mapping[str, Any], key: str, where: str) -> List[str]:
    return codes(strings_option(table, key, where), f"{where}: {key}")


def _per_file_table(value: Any, base: Path, where: str) -> List[PerFileIgnore]:
    if value is None:
        return []
    if isinstance(value, str):
        return parse_per_file_ignores(value, base)
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: per-file-ignores must be a table of glob = [codes]")
    entries = []
    for pattern, listed in value.items():
        if isinstance(listed, str):
            listed = split_list(listed)
        if not isinstance(listed, list) or not all(isinstance(code, str) for code in listed):
            raise ConfigError(f"{where}: per-file-ignores {pattern!r} must be a list of codes")
        entries.append(PerFileIgnore(base, pattern, tuple(codes(listed, f"{where}: per-file-ignores"))))
    return entries


def parse_per_file_ignores(text: str, base: Path) -> List[PerFileIgnore]:
    """flake8's syntax: ``"tests/*:AML1,AML3 legacy.py:AML"`` (spaces or newlines between)."""
    entries: List[PerFileIgnore] = []
    for item in text.split():
        pattern, separator, listed = item.rpartition(":")
        if not separator or not pattern:
            if entries and not separator:
                previous = entries.pop()
                entries.append(PerFileIgnore(base, previous.pattern,
                                             previous.codes + tuple(codes(split_list(item), "per-file-ignores"))))
                continue
            raise ConfigError(f"per-file-ignores: expected GLOB:CODES, got {item!r}")
        entries.append(PerFileIgnore(base, pattern, tuple(codes(split_list(listed), "per-file-ignores"))))
    return entries


def parse_version(text: Any, where: str) -> "Version":
    from packaging.version import InvalidVersion, Version

    try:
        return Version(str(text).strip())
    except InvalidVersion:
        raise ConfigError(f"{where}: not a version: {text!r} (expected e.g. 1.15.0)") from None


def parse_target(value: Any, where: str) -> str:
    """``scriptrunconfig`` or ``v2`` (any case, surrounding blanks ignored), else ConfigError."""
    if isinstance(value, str) and value.strip().lower() in TARGETS:
        return value.strip().lower()
    raise ConfigError(f"{where}: must be one of {', '.join(TARGETS)}, not {value!r}")


def _baseline_option(table: Mapping[str, Any], base: Path, where: str) -> Optional[Path]:
    if "baseline" not in table:
        return None
    value = table["baseline"]
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: baseline must be a path (a string)")
    return base / value.strip()


# -- the project's line length -----------------------------------------------------------------
#: black's and ruff's default: rewrites are wrapped to it where no tool sets another
DEFAULT_LINE_LENGTH = 88
#: where a formatter or linter keeps its line length, by file, in the order one directory's
#: files are read: (file name, table path, key); a setup.cfg/tox.ini/.flake8 table is a section
_LINE_LENGTH_SOURCES = (
    (".ruff.toml", (), "line-length"),
    ("ruff.toml", (), "line-length"),
    ("pyproject.toml", ("tool", "ruff"), "line-length"),
    ("pyproject.toml", ("tool", "black"), "line-length"),
    ("setup.cfg", ("flake8",), "max-line-length"),
    ("tox.ini", ("flake8",), "max-line-length"),
    (".flake8", ("flake8",), "max-line-length"),
)


@record
class LineLength:
    """The line length rewrites are wrapped to, and where it was read ("default" when nowhere)."""

    value: int = DEFAULT_LINE_LENGTH
    source: str = "default"


def find_line_length(start: Path, cache: Optional[Dict[Path, LineLength]] = None) -> LineLength:
    """The project's line length for code in directory ``start``: the nearest directory, up to the
    repository root, whose ruff, black or flake8 configuration sets one (ruff's files, then
    ``[tool.ruff]``, ``[tool.black]``, then flake8's ``max-line-length`` in setup.cfg, tox.ini,
    .flake8), else 88. Files are only read, never run; one that does not parse is passed over (it
    is no configuration of ours), a value that is not a positive whole number is a ConfigError."""
    return _nearest(start, _line_length_in, LineLength(), cache)


def _line_length_in(directory: Path) -> Optional[LineLength]:
    documents: Dict[str, Any] = {}
    for name, table_path, key in _LINE_LENGTH_SOURCES:
        if name not in documents:
            documents[name] = _tool_document(directory / name)
        document = documents[name]
        if document is None:
            continue
        table = document
        for part in table_path:
            table = table.get(part) if isinstance(table, dict) else None
        spellings = (key, key.replace("-", "_")) if name in (".flake8", "setup.cfg", "tox.ini") else (key,)
        for spelling in spellings:
            if isinstance(table, dict) and spelling in table:
                where = f"{directory / name}" + (f" [{'.'.join(table_path)}]" if table_path else "")
                return LineLength(_positive_length(table[spelling], f"{where}: {spelling}"), where)
    return None


def _tool_document(path: Path) -> Optional[Dict[str, Any]]:
    """A TOML file as a dict, an INI file as {section: {key: value}}; None when absent or unreadable."""
    try:
        if not path.is_file():
            return None
        text = _read_small(path)
    except (OSError, ValueError):
        return None
    if path.suffix == ".toml":
        try:
            return _toml_loads(text)
        except (ValueError, RecursionError):
            return None
    try:
        parser = _parse_cfg(text)
    except configparser.Error:
        return None
    return {section: dict(parser.items(section)) for section in parser.sections()}


def _positive_length(value: Any, where: str) -> int:
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, str) and text.isdigit() and text.isascii():
        text = int(text)
    if isinstance(text, int) and not isinstance(text, bool) and 0 < text <= 10_000:
        return text
    raise ConfigError(f"{where} must be a whole number of characters (1 to 10000), not {value!r}")


# -- what the settings mean --------------------------------------------------------------------
@record
class CodeSelection:
    """flake8's select/ignore semantics: the longest matching prefix decides, ties are ignored.

    Without ``select`` the rules that are off by default (catalog ``default_enabled=False``) are
    reported only when ``extend_select`` covers them; an explicit ``select`` turns on every rule
    it covers (``select = AML`` includes the default-off rules), as flake8 and pylint do.

    The rules of a migration target's family (catalog ``target``, e.g. the v2 rules) are on
    when that target is chosen. Under another target they are on only when a selection names
    the family or the rule (``AML5`` or a whole code): the bare ``AML`` prefix selects every rule
    of the chosen target, and code that migrates to ScriptRunConfig is not told that
    ScriptRunConfig has no future unless it asks.
    """

    select: Optional[Tuple[str, ...]] = None
    ignore: Tuple[str, ...] = ()
    extend_select: Tuple[str, ...] = ()
    target: str = DEFAULT_TARGET

    def enabled(self, code: str) -> bool:
        family, default_off = _family_and_default_off(code)
        if family is not None and family != self.target and _longest_prefix(
                code, (*(self.select or ()), *self.extend_select)) <= len(FLAKE8_PREFIX):
            return False
        if self.select is None:
            if default_off and not _longest_prefix(code, self.extend_select) and family != self.target:
                return False
            chosen: Tuple[str, ...] = (FLAKE8_PREFIX, *self.extend_select)
        else:
            chosen = (*self.select, *self.extend_select)
        return _longest_prefix(code, chosen) > _longest_prefix(code, self.ignore)

    def enabled_codes(self) -> Tuple[str, ...]:
        return tuple(rule.code for rule in _catalog().ACTIVE_RULES if self.enabled(rule.code))

    def target_families(self) -> Tuple[str, ...]:
        """The targets whose rule families this selection turns on (``Options.target_rules``).

        Under the default target a family is on only when a selection names more than the bare
        prefix (``enabled``): without such a name the answer is known without the catalog, whose
        import (every rule module) a file that merely mentions azureml should not pay for.
        """
        if self.target == DEFAULT_TARGET and all(
                len(code) <= len(FLAKE8_PREFIX) for code in (*(self.select or ()), *self.extend_select)):
            return ()
        return tuple(sorted({family for code, family in _catalog().TARGET_OF.items() if self.enabled(code)}))


def _family_and_default_off(code: str) -> Tuple[Optional[str], bool]:
    """A code's target family (or None) and whether it is off by default, as the catalog's
    ``TARGET_OF``/``DEFAULT_DISABLED`` say, read from that rule's module alone."""
    from .rules import rule_of_code

    rule = rule_of_code(code)
    if rule is None or rule.retired:
        return None, False
    return rule.target or None, not rule.default_enabled


def _longest_prefix(code: str, prefixes: Iterable[str]) -> int:
    return max((len(prefix) for prefix in prefixes if code.startswith(prefix)), default=0)


def absolute(path: str, cwd: Path) -> Path:
    return Path(os.path.abspath(path if os.path.isabs(path) else cwd / path))


def ignored_for_file(shown_path: str, per_file_ignores: Sequence[PerFileIgnore], cwd: Path) -> Tuple[str, ...]:
    """Codes (prefixes) that ``per-file-ignores`` switch off for one file.

    A pattern without '/' matches the file name (``*_legacy.py``); one with '/' matches the path
    relative to the directory of the configuration (``legacy/*``, where ``*`` crosses '/' as in
    flake8). A pattern naming a directory (``legacy`` or ``legacy/``) covers every file below it.
    """
    path = absolute(shown_path, cwd)
    found: List[str] = []
    for entry in per_file_ignores:
        if _matches(_relative_to(path, entry.base), entry.pattern, any_component=False):
            found.extend(entry.codes)
    return tuple(found)


def is_excluded(path: str, patterns: Sequence[ExcludePattern], cwd: Path) -> bool:
    """Whether an exclude glob covers a file: as per-file-ignores, and a bare name (``vendored``)
    also matches any directory of that name, as discovery does."""
    target = absolute(path, cwd)
    return any(_matches(_relative_to(target, entry.base), entry.pattern, any_component=True)
               for entry in patterns)


def _relative_to(path: Path, base: Path) -> PurePosixPath:
    for anchor in (Path(os.path.abspath(base)), base.resolve()):
        try:
            return PurePosixPath(path.relative_to(anchor).as_posix())
        except ValueError:
            continue
    return PurePosixPath(path.as_posix())


def _matches(relative: PurePosixPath, pattern: str, any_component: bool) -> bool:
    pattern = pattern[2:] if pattern.startswith("./") else pattern
    pattern = pattern.rstrip("/") or pattern
    if "/" not in pattern:
        names = relative.parts if any_component else (relative.name,)
        if any(fnmatch.fnmatchcase(name, pattern) for name in names):
            return True
    candidates = [relative.as_posix(), *(parent.as_posix() for parent in relative.parents if parent.name)]
    return any(fnmatch.fnmatchcase(candidate, pattern) for candidate in candidates)
