"""``[tool.azureml-migrate]`` in ``pyproject.toml``, merged with the command line.

Where the configuration is found: ``--config FILE`` when given; otherwise the search starts
at the first audited path (its directory when it is a file) and walks up to the nearest
``pyproject.toml`` that has a ``[tool.azureml-migrate]`` table, stopping after the directory
that holds ``.git`` (the repository root) or at the filesystem root. Starting from the audited
path, not the current directory, means ``azureml-migrate audit ../other-repo`` uses that
repository's settings, as flake8 and ruff users expect.

A ``pyproject.toml`` met on the way that is not valid TOML is skipped unless its text mentions
``tool.azureml-migrate`` (then it *is* the configuration, and it is malformed): an audited
repository with a broken ``pyproject.toml`` must still be audited, and that file then shows up
among the report's errors.

Relative paths in the file (``exclude``, ``per-file-ignores`` patterns, ``baseline``) are
relative to the directory of the file; on the command line they are relative to the current
directory. Command-line flags override the file: ``--select``, ``--ignore``, ``--exclude``,
``--per-file-ignores``, ``--min-sdk-version`` and ``--baseline`` replace the file's value,
``--extend-select``, ``--extend-ignore`` and ``--extend-exclude`` add to it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from packaging.version import InvalidVersion, Version

from ..catalog import RULES, rule_for
from ..sdk import DEFAULT_MIN_SDK_VERSION

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib

TABLE = "azureml-migrate"
KEYS = ("select", "ignore", "extend-select", "extend-ignore", "exclude", "extend-exclude",
        "per-file-ignores", "min-sdk-version", "baseline")


class ConfigError(Exception):
    """A configuration or usage problem: the command exits with status 2 and this message."""


@dataclass(frozen=True)
class ExcludePattern:
    """A glob of files or directories to skip; relative to ``base`` when it contains '/'."""

    base: Path
    pattern: str


@dataclass(frozen=True)
class PerFileIgnore:
    """Codes ignored in files matching a glob; the glob is relative to ``base``."""

    base: Path
    pattern: str
    codes: Tuple[str, ...]


@dataclass(frozen=True)
class Settings:
    """Everything the audit needs to know besides the paths, after merging file and flags."""

    select: Optional[Tuple[str, ...]] = None
    ignore: Tuple[str, ...] = ()
    extend_select: Tuple[str, ...] = ()
    exclude: Tuple[ExcludePattern, ...] = ()
    per_file_ignores: Tuple[PerFileIgnore, ...] = ()
    min_sdk_version: Version = field(default_factory=lambda: Version(DEFAULT_MIN_SDK_VERSION))
    baseline: Optional[Path] = None
    #: the configuration file used, if any (shown in messages)
    source: Optional[Path] = None


@dataclass(frozen=True)
class CommandLine:
    """The configuration-related flags exactly as given (None: not given)."""

    select: Optional[str] = None
    ignore: Optional[str] = None
    extend_select: Sequence[str] = ()
    extend_ignore: Sequence[str] = ()
    exclude: Optional[Sequence[str]] = None
    extend_exclude: Sequence[str] = ()
    per_file_ignores: Optional[str] = None
    min_sdk_version: Optional[str] = None
    baseline: Optional[str] = None
    no_baseline: bool = False


def find_config(paths: Sequence[str], cwd: Path) -> Optional[Path]:
    """The nearest ``pyproject.toml`` with a ``[tool.azureml-migrate]`` table (see module doc)."""
    first = Path(paths[0]) if paths else Path(".")
    start = first if first.is_absolute() else cwd / first
    start = start.resolve()
    if not start.is_dir():
        start = start.parent
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and _has_table(candidate):
            return candidate
        if (directory / ".git").exists():
            return None
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        document = tomllib.loads(text)
    except (ValueError, RecursionError):  # malformed, an over-long integer, nested too deeply
        return f"tool.{TABLE}" in text or f'"{TABLE}"' in text
    return isinstance(document.get("tool"), dict) and TABLE in document["tool"]


def read_table(config_file: Path) -> Dict[str, Any]:
    """The ``[tool.azureml-migrate]`` table of a TOML file, or ConfigError saying what is wrong."""
    try:
        text = config_file.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot read configuration {config_file}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"cannot read configuration {config_file}: not UTF-8 text") from None
    try:
        document = tomllib.loads(text)
    except ValueError as error:  # TOMLDecodeError, or an integer too long for int()
        raise ConfigError(f"{config_file}: not valid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{config_file}: not valid TOML: nested too deeply") from None
    table = document.get("tool", {}).get(TABLE) if isinstance(document.get("tool"), dict) else None
    if table is None:
        raise ConfigError(f"{config_file}: no [tool.{TABLE}] table")
    if not isinstance(table, dict):
        raise ConfigError(f"{config_file}: [tool.{TABLE}] must be a table")
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(f"{config_file}: unknown key{'s' if len(unknown) > 1 else ''} "
                          f"{', '.join(unknown)} in [tool.{TABLE}] (known: {', '.join(KEYS)})")
    return table


def load_settings(paths: Sequence[str], flags: CommandLine, cwd: Path,
                  config_file: Optional[str] = None, use_config: bool = True) -> Settings:
    """Settings from the configuration file (found or given) overridden by the flags."""
    found: Optional[Path] = None
    table: Mapping[str, Any] = {}
    if config_file is not None:
        found = (cwd / config_file).resolve()
        table = read_table(found)
    elif use_config:
        found = find_config(paths, cwd)
        if found is not None:
            table = read_table(found)
    where = str(found) if found is not None else ""
    base = found.parent if found is not None else cwd

    select = _codes_option(table, "select", where) if "select" in table else None
    ignore = _codes_option(table, "ignore", where)
    extend_select = _codes_option(table, "extend-select", where)
    extend_ignore = _codes_option(table, "extend-ignore", where)
    exclude = [ExcludePattern(base, glob) for glob in _strings_option(table, "exclude", where, split_globs)]
    extend_exclude = [ExcludePattern(base, glob)
                      for glob in _strings_option(table, "extend-exclude", where, split_globs)]
    per_file = _per_file_table(table.get("per-file-ignores"), base, where)
    min_version = _version(table["min-sdk-version"], f"{where}: min-sdk-version") \
        if "min-sdk-version" in table else Version(DEFAULT_MIN_SDK_VERSION)
    baseline = _baseline_option(table, base, where)

    if flags.select is not None:
        select = _codes(split_list(flags.select), "--select")
    if flags.ignore is not None:
        ignore = _codes(split_list(flags.ignore), "--ignore")
    extend_select += _codes([c for value in flags.extend_select for c in split_list(value)], "--extend-select")
    extend_ignore += _codes([c for value in flags.extend_ignore for c in split_list(value)], "--extend-ignore")
    if flags.exclude is not None:
        exclude = [ExcludePattern(cwd, glob) for value in flags.exclude for glob in split_globs(value)]
    extend_exclude += [ExcludePattern(cwd, glob) for value in flags.extend_exclude for glob in split_globs(value)]
    if flags.per_file_ignores is not None:
        per_file = parse_per_file_ignores(flags.per_file_ignores, cwd)
    if flags.min_sdk_version is not None:
        min_version = _version(flags.min_sdk_version, "--min-sdk-version")
    if flags.baseline is not None:
        baseline = (cwd / flags.baseline)
    if flags.no_baseline:
        baseline = None

    return Settings(
        select=tuple(select) if select is not None else None,
        ignore=tuple(ignore) + tuple(extend_ignore),
        extend_select=tuple(extend_select),
        exclude=tuple(exclude) + tuple(extend_exclude),
        per_file_ignores=tuple(per_file),
        min_sdk_version=min_version,
        baseline=baseline,
        source=found,
    )


def split_list(value: str) -> List[str]:
    """``"AML1, AML2"`` or ``"AML1 AML2"`` -> ``["AML1", "AML2"]``."""
    return [part for part in value.replace(",", " ").split() if part]


def split_globs(value: str) -> List[str]:
    """``"vendored, my dir/*.py"`` -> ``["vendored", "my dir/*.py"]``: commas only, names may have spaces."""
    return [part.strip() for part in value.split(",") if part.strip()]


def normalize_code(text: str, where: str) -> str:
    """A rule code or code prefix (``AML``, ``AML1``, ``AML101``); symbols map to their code."""
    candidate = text.strip()
    if any(rule.code.startswith(candidate.upper()) for rule in RULES) and candidate.upper().startswith("AML"):
        return candidate.upper()
    try:
        return rule_for(candidate).code
    except KeyError:
        raise ConfigError(f"{where}: unknown rule code, prefix or symbol {text!r} "
                          "(run 'azureml-migrate rules' for the list)") from None


def _codes(values: Sequence[str], where: str) -> List[str]:
    return [normalize_code(value, where) for value in values]


def _strings_option(table: Mapping[str, Any], key: str, where: str,
                    split: Callable[[str], List[str]] = split_list) -> List[str]:
    if key not in table:
        return []
    value = table[key]
    if isinstance(value, str):
        return split(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item.strip() for item in value if item.strip()]
    raise ConfigError(f"{where}: {key} must be a list of strings (or one comma-separated string)")


def _codes_option(table: Mapping[str, Any], key: str, where: str) -> List[str]:
    return _codes(_strings_option(table, key, where), f"{where}: {key}")


def _per_file_table(value: Any, base: Path, where: str) -> List[PerFileIgnore]:
    if value is None:
        return []
    if isinstance(value, str):
        return parse_per_file_ignores(value, base)
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: per-file-ignores must be a table of glob = [codes]")
    entries = []
    for pattern, codes in value.items():
        if isinstance(codes, str):
            codes = split_list(codes)
        if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
            raise ConfigError(f"{where}: per-file-ignores {pattern!r} must be a list of codes")
        entries.append(PerFileIgnore(base, pattern, tuple(_codes(codes, f"{where}: per-file-ignores"))))
    return entries


def parse_per_file_ignores(text: str, base: Path) -> List[PerFileIgnore]:
    """flake8's syntax: ``"tests/*:AML101,AML301 legacy.py:AML"`` (spaces or newlines between)."""
    entries = []
    for item in text.split():
        pattern, separator, codes = item.rpartition(":")
        if not separator or not pattern:
            if entries and not separator:
                previous = entries.pop()
                entries.append(PerFileIgnore(base, previous.pattern,
                                             previous.codes + tuple(_codes(split_list(item), "per-file-ignores"))))
                continue
            raise ConfigError(f"per-file-ignores: expected GLOB:CODES, got {item!r}")
        entries.append(PerFileIgnore(base, pattern, tuple(_codes(split_list(codes), "per-file-ignores"))))
    return entries


def _version(text: Any, where: str) -> Version:
    try:
        return Version(str(text).strip())
    except InvalidVersion:
        raise ConfigError(f"{where}: not a version: {text!r} (expected e.g. 1.15.0)") from None


def _baseline_option(table: Mapping[str, Any], base: Path, where: str) -> Optional[Path]:
    if "baseline" not in table:
        return None
    value = table["baseline"]
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: baseline must be a path (a string)")
    return base / value
