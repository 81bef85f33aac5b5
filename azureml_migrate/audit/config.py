"""The audit's settings: the shared configuration (``azureml_migrate.settings``) merged with the command line.

Where the configuration is found: ``--config FILE`` when given; otherwise the search starts
at the first audited path (its directory when it is a file) and walks up to the nearest
``pyproject.toml`` with a ``[tool.azureml-migrate]`` table (or ``setup.cfg`` with
``[azureml-migrate]``), stopping after the directory that holds ``.git`` or at the filesystem
root. Starting from the audited path, not the current directory, means
``azureml-migrate audit ../other-repo`` uses that repository's settings, as flake8 and ruff
users expect.

Relative paths in the file are relative to the directory of the file; on the command line
they are relative to the current directory. Command-line flags override the file:
``--select``, ``--ignore``, ``--exclude``, ``--per-file-ignores``, ``--min-sdk-version``,
``--target`` and ``--baseline`` replace the file's value, ``--extend-select``, ``--extend-ignore`` and
``--extend-exclude`` add to it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence, Tuple

from packaging.version import Version

from ..sdk import DEFAULT_MIN_SDK_VERSION
from ..settings import (DEFAULT_TARGET, KEYS, NO_FILE, TABLE, ConfigError, ExcludePattern, LineLength,
                        PerFileIgnore, codes, find_config_file, find_line_length, normalize_code,
                        parse_per_file_ignores, parse_target, parse_version, read_config, read_table, split_globs,
                        split_list)

__all__ = ["KEYS", "TABLE", "ConfigError", "ExcludePattern", "PerFileIgnore", "Settings", "CommandLine",
           "find_config", "load_settings", "read_table", "normalize_code", "parse_per_file_ignores",
           "split_globs", "split_list"]


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
    target: str = DEFAULT_TARGET
    #: what rewrites are wrapped to: the project's ruff, black or flake8 line length, else 88
    line_length: LineLength = field(default_factory=LineLength)
    #: the configuration file used, if any (shown in messages)
    source: Optional[Path] = None
    #: where each value came from: "default", the configuration file, or "command line"
    origins: Tuple[Tuple[str, str], ...] = ()


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
    target: Optional[str] = None


def find_config(paths: Sequence[str], cwd: Path) -> Optional[Path]:
    """The nearest configuration file for the first audited path (see module doc)."""
    return find_config_file(_start(paths, cwd))


def _start(paths: Sequence[str], cwd: Path) -> Path:
    """The directory configuration is looked for from: the first audited path's."""
    first = Path(paths[0]) if paths else Path(".")
    joined = first if first.is_absolute() else cwd / first
    try:
        start = joined.resolve()
    except (OSError, RuntimeError):  # a symbolic link loop: search from the directory holding it
        start = Path(os.path.realpath(joined.parent)) / joined.name
    if not os.path.isdir(start):
        start = start.parent
    return start


def _cli_codes(values: Sequence[str], where: str) -> Tuple[str, ...]:
    return tuple(codes([code for value in values for code in split_list(value)], where))


def load_settings(paths: Sequence[str], flags: CommandLine, cwd: Path,
                  config_file: Optional[str] = None, use_config: bool = True) -> Settings:
    """Settings from the configuration file (found or given) overridden by the flags."""
    found: Optional[Path] = None
    if config_file is not None:
        found = (cwd / config_file).resolve()
    elif use_config:
        found = find_config(paths, cwd)
    file = read_config(found) if found is not None else NO_FILE
    origin = str(found) if found is not None else "default"
    origins = {key: (origin if key.replace("-", "_") in _given(file) else "default") for key in KEYS}

    select = file.select
    ignore = file.ignore + file.extend_ignore
    extend_select = file.extend_select
    exclude = file.exclude + file.extend_exclude
    per_file = file.per_file_ignores
    min_version = file.min_sdk_version or Version(DEFAULT_MIN_SDK_VERSION)
    baseline = file.baseline
    target = file.target or DEFAULT_TARGET
    line_length = find_line_length(_start(paths, cwd)) if use_config else LineLength()

    def given(key: str) -> None:
        origins[key] = "command line" if origins[key] == "default" else f"command line (over {origins[key]})"

    if flags.select is not None:
        select = _cli_codes([flags.select], "--select")
        given("select")
    if flags.ignore is not None:
        ignore = _cli_codes([flags.ignore], "--ignore") + file.extend_ignore
        given("ignore")
    if flags.extend_select:
        extend_select += _cli_codes(flags.extend_select, "--extend-select")
        given("extend-select")
    if flags.extend_ignore:
        ignore += _cli_codes(flags.extend_ignore, "--extend-ignore")
        given("extend-ignore")
    if flags.exclude is not None:
        exclude = tuple(ExcludePattern(cwd, glob) for value in flags.exclude for glob in split_globs(value)) \
            + file.extend_exclude
        given("exclude")
    if flags.extend_exclude:
        exclude += tuple(ExcludePattern(cwd, glob) for value in flags.extend_exclude for glob in split_globs(value))
        given("extend-exclude")
    if flags.per_file_ignores is not None:
        per_file = tuple(parse_per_file_ignores(flags.per_file_ignores, cwd))
        given("per-file-ignores")
    if flags.min_sdk_version is not None:
        min_version = parse_version(flags.min_sdk_version, "--min-sdk-version")
        given("min-sdk-version")
    if flags.baseline is not None:
        baseline = cwd / flags.baseline
        given("baseline")
    if flags.no_baseline:
        baseline = None
        given("baseline")
    if flags.target is not None:
        target = parse_target(flags.target, "--target")
        given("target")

    return Settings(select=select, ignore=ignore, extend_select=extend_select, exclude=exclude,
                    per_file_ignores=per_file, min_sdk_version=min_version, baseline=baseline, source=found,
                    target=target, line_length=line_length, origins=tuple(origins.items()))


def _given(file) -> set:
    """The keys a configuration file sets (as attribute names)."""
    present = set()
    for key in KEYS:
        name = key.replace("-", "_")
        value = getattr(file, name)
        if value not in (None, ()):
            present.add(name)
    return present


def describe(settings: Settings, cwd: Path) -> str:
    """``--show-settings``: every effective value, where it came from, and the rules it enables."""
    from ..settings import CodeSelection

    def shown(path: Path) -> str:
        try:
            return Path(os.path.relpath(path, cwd)).as_posix()
        except ValueError:  # another drive on Windows
            return path.as_posix()

    origins = dict(settings.origins)
    values = {
        "select": ", ".join(settings.select) if settings.select is not None else "(default: the rules on by default)",
        "extend-select": ", ".join(settings.extend_select),
        "ignore": ", ".join(settings.ignore),
        "exclude": ", ".join(f"{shown(entry.base)}/{entry.pattern}" if "/" in entry.pattern else entry.pattern
                             for entry in settings.exclude),
        "per-file-ignores": "; ".join(f"{shown(entry.base)}/{entry.pattern}: {','.join(entry.codes)}"
                                      for entry in settings.per_file_ignores),
        "min-sdk-version": str(settings.min_sdk_version),
        "baseline": shown(settings.baseline) if settings.baseline is not None else "",
        "target": settings.target,
    }
    lines = [f"configuration file: {settings.source if settings.source is not None else '(none: defaults)'}"]
    for key, value in values.items():
        origin = origins.get(key, "default")
        if key in ("extend-select", "ignore", "exclude"):
            extend = origins.get(f"extend-{key}" if key != "extend-select" else key, "default")
            origin = origin if origin != "default" else extend
        lines.append(f"{key} = {value or '(none)'}    [{origin}]")
    enabled = CodeSelection(settings.select, settings.ignore, settings.extend_select, settings.target).enabled_codes()
    lines.append(f"line length for rewrites = {settings.line_length.value}    [{settings.line_length.source}]")
    lines.append(f"rules reported: {', '.join(enabled) or '(none)'}")
    return "\n".join(lines) + "\n"
