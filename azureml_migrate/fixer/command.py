"""The ``azureml-migrate fix`` command: fix every file under the paths, say what is left.

It finds files and reads its configuration exactly as ``audit`` does (the same discovery,
excludes, ``[tool.azureml-migrate]`` table, select/ignore and per-file ignores), applies the
safe fixes (``--unsafe-fixes``: the unsafe ones too) and prints what still needs a person.
Exit status: 0 no finding left, 1 findings left, a file that could not be fixed, or (with
``--diff``) changes to make; 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable, Dict, List, Set, Tuple

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _usage_error(message: str) -> int:
    print(f"azureml-migrate fix: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _selection(settings):
    from ..settings import CodeSelection

    return CodeSelection(settings.select, settings.ignore, settings.extend_select, settings.target)


def _wanted(settings, shown: str, cwd: Path) -> Callable[[str], bool]:
    from ..settings import ignored_for_file

    selection = _selection(settings)
    extra = ignored_for_file(shown, settings.per_file_ignores, cwd) if settings.per_file_ignores else ()
    return lambda code: selection.enabled(code) and not any(code.startswith(prefix) for prefix in extra)


def _location(shown: str, item) -> str:
    cell = f"cell {item.cell}:" if item.cell is not None else ""
    return f"{shown}:{cell}{item.line}:{item.column}"


def _named_and_trees(paths: List[str], cwd: Path) -> Tuple[Set[str], List[str]]:
    """(the named files as discovery yields them, the named directories resolved): a file
    found below a directory must still resolve into one when it is written."""
    named, trees = set(), []
    for given in paths:
        joined = cwd / given
        if os.path.isdir(joined):
            trees.append(os.path.realpath(joined))
        else:
            named.add(str(joined))
    return named, trees


def _patch_name(path: str, cwd: Path) -> bytes:
    """The file's own name bytes relative to the current directory, as git names it in a patch."""
    try:
        relative = os.path.relpath(path, cwd)
    except ValueError:  # another drive on Windows
        relative = path
    return os.fsencode(relative).replace(os.sep.encode(), b"/")


def _write_bytes(data: bytes) -> None:
    """A diff goes out as the file's own bytes, whatever the terminal's encoding."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8", "surrogateescape"))
    else:
        buffer.write(data)
        buffer.flush()


def run(args: argparse.Namespace) -> int:
    from ..audit import coverage, discovery, runner
    from ..audit.config import CommandLine, ConfigError, load_settings
    from ..rules import Options
    from .files import fix_file, markdown_block_diff, notebook_cell_diff, unified_diff
    from .report import FileRecord
    from .report import write as write_report

    cwd = Path.cwd()
    if args.paths == ["-"]:
        return _run_on_standard_input(args, cwd)
    if "-" in args.paths:
        return _usage_error("'-' (standard input) cannot be fixed together with other paths")
    if args.stdin_filename is not None:
        return _usage_error("--stdin-filename names standard input: give PATH '-' too")
    missing = [path for path in args.paths if discovery.missing(cwd / path)]
    if missing:
        return _usage_error(f"no such file or directory: {', '.join(missing)}")
    flags = CommandLine(
        select=args.select, ignore=args.ignore, extend_select=args.extend_select, extend_ignore=args.extend_ignore,
        exclude=args.exclude, extend_exclude=args.extend_exclude, per_file_ignores=args.per_file_ignores,
        min_sdk_version=args.min_sdk_version, no_baseline=True, target=args.target)
    try:
        settings = load_settings(args.paths, flags, cwd, config_file=args.config, use_config=not args.isolated)
        jobs = runner.files_to_check(args.paths, settings, cwd)
    except ConfigError as error:
        return _usage_error(str(error))
    except FileNotFoundError as error:
        return _usage_error(f"no such file or directory: {error.filename or error}")
    for warning in coverage.warnings(args.paths, [shown for _, shown in jobs], settings, cwd):
        print(f"azureml-migrate: {warning}", file=sys.stderr)
    options = Options(min_sdk_version=settings.min_sdk_version, target=settings.target,
                      line_length=settings.line_length.value, target_rules=_selection(settings).target_families())
    fixed = unsafe = manual = errors = changed = 0
    listing: List[str] = []
    shown_fixes: List[str] = []
    tally = _Tally()
    records: List[FileRecord] = []
    as_json = args.format == "json"
    named, trees = _named_and_trees(args.paths, cwd)
    for path, shown in jobs:
        outcome = fix_file(Path(path), shown, options, _wanted(settings, shown, cwd), args.unsafe_fixes,
                           write=not args.diff, within=None if path in named else trees)
        result = outcome.result
        # a fix counts once it is in the file (with --diff: once it would be written)
        done = outcome.written or (args.diff and outcome.after is not None and outcome.error is None)
        record = FileRecord(shown, outcome.kind, result, bool(done), outcome.written, outcome.error,
                            list(result.errors) if result is not None else [])
        if outcome.error is not None or (result is not None and (result.applied or result.remaining or result.errors)):
            records.append(record)
        if outcome.error is not None:
            errors += 1
            lost = len(result.applied) if result is not None and not done else 0
            if not as_json:
                print(f"{shown}: error: {outcome.error}" + (f" ({lost} fix{'' if lost == 1 else 'es'} not applied)"
                                                            if lost else ""), file=sys.stderr)
        if result is None:
            continue
        if args.diff and not as_json and outcome.kind == "markdown" and result.manual:
            _write_bytes(markdown_block_diff(result.original, shown, options, _wanted(settings, shown, cwd),
                                             args.unsafe_fixes).encode("utf-8"))
        for problem in result.errors:
            errors += 1
            if not as_json:
                print(f"{shown}: error: {problem}", file=sys.stderr)
        if done and args.diff and not as_json:
            if outcome.kind == "notebook":
                _write_bytes(notebook_cell_diff(outcome.before.decode("utf-8-sig"), outcome.after.decode("utf-8-sig"),
                                                shown).encode("utf-8"))
            else:
                _write_bytes(unified_diff(outcome.before, outcome.after, _patch_name(path, cwd)))
        changed += done
        fixed += len(result.applied) if done else 0
        unsafe += len(result.unsafe)
        manual += len(result.manual) + len(result.dropped)
        tally.add(result, done)
        if done:
            shown_fixes.extend(f"{_location(shown, item)}: {item.code} {item.text}" for item in result.applied)
        for item in sorted(result.manual + result.dropped + result.unsafe,
                           key=lambda item: (item.cell or 0, item.line, item.column, item.code)):
            prefix = "unsafe fix not applied: " if item in result.unsafe else ""
            listing.append(f"{_location(shown, item)}: {item.code} {prefix}{item.text}")
    if as_json:
        write_report(records, len(jobs), args.unsafe_fixes, args.diff, sys.stdout)
    out = sys.stderr if args.diff else sys.stdout
    if not args.quiet and not as_json:
        if args.show_fixes:
            print(f"{'Would fix' if args.diff else 'Fixed'}:" if shown_fixes else "No fixes applied.", file=out)
            for line in shown_fixes:
                print(f"  {line}", file=out)
        for line in listing:
            print(line, file=out)
        if args.statistics:
            out.write(tally.render())
        print(_summary(fixed, unsafe, manual, errors, args.diff), file=out)
    if args.exit_zero:
        return EXIT_CLEAN
    if errors or unsafe or manual or (args.diff and changed) or (args.exit_non_zero_on_fix and changed):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _run_on_standard_input(args: argparse.Namespace, cwd: Path) -> int:
    """``fix -``: the fixed text on standard output (the text unchanged when it cannot be fixed,
    so an editor or formatter pipe loses nothing), what is left on standard error."""
    from pathlib import PurePath

    from ..audit.config import CommandLine, ConfigError, load_settings
    from ..audit.kinds import kind_of
    from ..rules import Options
    from . import fix_text
    from .model import FixError
    from .report import FileRecord
    from .report import write as write_report

    shown = args.stdin_filename or "-"
    flags = CommandLine(
        select=args.select, ignore=args.ignore, extend_select=args.extend_select, extend_ignore=args.extend_ignore,
        per_file_ignores=args.per_file_ignores, min_sdk_version=args.min_sdk_version, no_baseline=True)
    try:
        settings = load_settings([args.stdin_filename or "."], flags, cwd, config_file=args.config,
                                 use_config=not args.isolated)
    except ConfigError as error:
        return _usage_error(str(error))
    text = sys.stdin.read()
    kind = kind_of(PurePath(args.stdin_filename), read_content=False) if args.stdin_filename else "python"
    as_json = args.format == "json"
    options = Options(min_sdk_version=settings.min_sdk_version, line_length=settings.line_length.value)
    try:
        result = fix_text(text, kind or "python", options, _wanted(settings, shown, cwd), args.unsafe_fixes)
    except FixError as error:
        sys.stdout.write(text)
        if as_json:
            write_report([FileRecord(shown, kind or "python", error=str(error))], 1, args.unsafe_fixes, False,
                         sys.stderr)
        else:
            print(f"{shown}: error: {error}", file=sys.stderr)
        return EXIT_CLEAN if args.exit_zero else EXIT_FINDINGS
    sys.stdout.write(result.text)
    left = sorted(result.manual + result.dropped + result.unsafe,
                  key=lambda item: (item.cell or 0, item.line, item.column, item.code))
    if as_json:
        record = FileRecord(shown, kind or "python", result, True, False, None, list(result.errors))
        write_report([record] if result.applied or left or result.errors else [], 1, args.unsafe_fixes, False,
                     sys.stderr)
    elif not args.quiet:
        for item in (result.applied if args.show_fixes else []):
            print(f"fixed: {_location(shown, item)}: {item.code} {item.text}", file=sys.stderr)
        for item in left:
            prefix = "unsafe fix not applied: " if item in result.unsafe else ""
            print(f"{_location(shown, item)}: {item.code} {prefix}{item.text}", file=sys.stderr)
        print(_summary(len(result.applied), len(result.unsafe), len(result.manual) + len(result.dropped),
                       len(result.errors), False), file=sys.stderr)
    if not as_json:
        for problem in result.errors:
            print(f"{shown}: error: {problem}", file=sys.stderr)
    changed = result.text != text
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if left or result.errors or (args.exit_non_zero_on_fix and changed) else EXIT_CLEAN


def _summary(fixed: int, unsafe: int, manual: int, errors: int, diff: bool) -> str:
    """One honest line: the unsafe count only when some were held back."""
    parts = [f"{fixed} {'would be fixed' if diff else 'fixed'}"]
    if unsafe:
        parts.append(f"{unsafe} fixable with --unsafe-fixes")
    parts.append(f"{manual} need{'s' if manual == 1 else ''} manual work")
    if errors:
        parts.append(f"{errors} file error{'' if errors == 1 else 's'}")
    return ", ".join(parts)


class _Tally:
    """``--statistics``: per rule, how many findings were fixed, are fixable with --unsafe-fixes,
    and need manual work."""

    def __init__(self) -> None:
        self.counts: Dict[str, List[int]] = {}

    def add(self, result, done: bool) -> None:
        for column, items in ((0, result.applied if done else ()), (1, result.unsafe),
                              (2, result.manual + result.dropped)):
            for item in items:
                self.counts.setdefault(item.code, [0, 0, 0])[column] += 1

    def render(self) -> str:
        from ..catalog import rule_for

        lines = [f"{'fixed':>5} {'unsafe':>6} {'manual':>6}  rule"]
        for code in sorted(self.counts):
            fixed, unsafe, manual = self.counts[code]
            lines.append(f"{fixed:>5} {unsafe:>6} {manual:>6}  {code} {rule_for(code).symbol}")
        totals = [sum(counts[column] for counts in self.counts.values()) for column in range(3)]
        lines.append(f"{totals[0]:>5} {totals[1]:>6} {totals[2]:>6}  total")
        return "\n".join(lines) + "\n"
