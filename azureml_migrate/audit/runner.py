"""Running the file checkers over a whole tree: all cores, streamed, deterministic.

Files are checked in worker processes (``multiprocessing.Pool.imap_unordered`` with chunks);
each worker returns only the findings and errors of its files, already filtered by the code
selection, so file contents never reach the parent and memory grows with the number of
findings, not of files. The discovered path list (a short string per file) is kept so the
progress bar knows the total. Output order never depends on scheduling: everything is sorted
by path, cell, line, column and code at the end.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Callable, Iterator, List, Optional, Sequence, TextIO, Tuple

from ..rules import Options
from ..settings import CodeSelection, PerFileIgnore, ignored_for_file, is_excluded
from . import baseline as baseline_module
from .checkers import check_data, check_file
from .config import Settings
from .discovery import discover
from .files import printable_path
from .kinds import MAYBE_CONDA, kind_by_name
from .model import AuditError, AuditFinding, FileReport

#: Below this many files a process pool costs more than it saves.
SERIAL_THRESHOLD = 32
#: The progress bar appears for runs over this many files, or lasting longer than PROGRESS_AFTER.
PROGRESS_FILES = 500
PROGRESS_AFTER = 2.0

CheckFile = Callable[[Path, str, Options], FileReport]


@dataclass(frozen=True)
class FileFilter:
    """What a worker needs to turn a checker's FileReport into the reported one."""

    selection: CodeSelection
    per_file_ignores: Tuple[PerFileIgnore, ...]
    cwd: Path

    def apply(self, report: FileReport) -> FileReport:
        extra_ignores = ignored_for_file(report.path, self.per_file_ignores, self.cwd) if self.per_file_ignores else ()
        kept = [finding for finding in report.findings
                if self.selection.enabled(finding.code)
                and not any(finding.code.startswith(prefix) for prefix in extra_ignores)]
        return FileReport(report.path, report.kind, kept, list(report.errors))


@dataclass(frozen=True)
class FingerprintedFinding:
    finding: AuditFinding
    fingerprint: str


@dataclass(frozen=True)
class BaselineOutcome:
    path: str
    #: findings hidden because the baseline has them
    known: int
    #: baseline entries no current finding matches any more
    gone: int
    #: file errors hidden because the baseline records them (same path, same reason)
    known_errors: int = 0


@dataclass
class AuditReport:
    """What every report format renders."""

    findings: List[FingerprintedFinding]
    errors: List[AuditError]
    files_checked: int
    files_by_kind: Counter = field(default_factory=Counter)
    baseline: Optional[BaselineOutcome] = None
    #: the audited directories as displayed; "top-level directory" counts are relative to them
    roots: Tuple[str, ...] = (".",)


def sort_key(finding: AuditFinding) -> Tuple:
    return (finding.path, finding.cell or 0, finding.line, finding.column, finding.code,
            finding.end_line, finding.end_column, finding.message)


def display_path(path: Path, cwd: Path) -> str:
    """The path as the user would type it: relative to the current directory, posix slashes,
    and printable (``files.printable_path``: every report format and fingerprint can take it)."""
    absolute = path if path.is_absolute() else cwd / path
    try:
        shown = Path(os.path.relpath(absolute, cwd)).as_posix()
    except ValueError:  # another drive on Windows
        shown = absolute.as_posix()
    return printable_path(shown)


# -- workers -----------------------------------------------------------------------------------
_worker_state: Optional[Tuple[CheckFile, Options, FileFilter]] = None


def _init_worker(check: CheckFile, options: Options, file_filter: FileFilter) -> None:
    """Workers leave Ctrl-C to the main process, which stops them (no traceback per worker)."""
    global _worker_state
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_state = (check, options, file_filter)


def _check_one(job: Tuple[str, str]) -> FileReport:
    assert _worker_state is not None
    check, options, file_filter = _worker_state
    return _checked(check, options, file_filter, job)


def _checked(check: CheckFile, options: Options, file_filter: FileFilter, job: Tuple[str, str]) -> FileReport:
    """One file's filtered report; a checker failure becomes an error for that file, not a crash."""
    path, shown = job
    try:
        report = check(Path(path), shown, options)
    except Exception as error:  # the contract says check_file never raises; keep the run going if it does
        return FileReport(shown, None, [], [AuditError(shown, f"internal error: {type(error).__name__}: {error}")])
    return file_filter.apply(report)


def check_all(jobs_list: Sequence[Tuple[str, str]], check: CheckFile, options: Options,
              file_filter: FileFilter, jobs: int) -> Iterator[FileReport]:
    """Reports for every (path, display path), in completion order, on ``jobs`` processes."""
    # what is alive now (the modules, the rules, the settings) lives as long as the run: out of
    # the cyclic collector's way, its full collections walk only what the checks make
    gc.freeze()
    if jobs <= 1 or len(jobs_list) < SERIAL_THRESHOLD:
        for job in jobs_list:
            yield _checked(check, options, file_filter, job)
        return
    import multiprocessing  # only a parallel run needs it (``--jobs 1`` or a few files: none)

    chunksize = max(1, min(64, len(jobs_list) // (jobs * 8)))
    with multiprocessing.Pool(jobs, initializer=_init_worker, initargs=(check, options, file_filter)) as pool:
        yield from pool.imap_unordered(_check_one, jobs_list, chunksize)


class Progress:
    """A one-line bar on stderr, only for a terminal and only once the run is long."""

    def __init__(self, total: int, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.interactive = stream.isatty() if hasattr(stream, "isatty") else False
        self.shown = False
        self.last_draw = 0.0

    def update(self, done: int, findings: int) -> None:
        if not self.interactive:
            return
        now = self.clock()
        if not self.shown and self.total <= PROGRESS_FILES and now - self.started < PROGRESS_AFTER:
            return
        if self.shown and now - self.last_draw < 0.1 and done < self.total:
            return
        self.shown = True
        self.last_draw = now
        width = 30
        filled = int(width * done / self.total) if self.total else width
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} files, "
                          f"{findings} findings")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


@dataclass
class RunResult:
    findings: List[AuditFinding]
    errors: List[AuditError]
    files_checked: int
    files_by_kind: Counter
    roots: Tuple[str, ...] = (".",)
    #: display paths of every file checked (a baseline compares only these)
    checked: Tuple[str, ...] = ()


def files_to_check(paths: Sequence[str], settings: Settings, cwd: Path) -> List[Tuple[str, str]]:
    """(path, display path) of every file under ``paths`` the audit reads, minus the excluded."""
    here = [entry.pattern for entry in settings.exclude if entry.base == cwd]
    elsewhere = [entry for entry in settings.exclude if entry.base != cwd]
    return [(str(path), display_path(path, cwd))
            for path in discover([cwd / path for path in paths], exclude=here, root=cwd)
            if not (elsewhere and is_excluded(str(path), elsewhere, cwd))]


def run(paths: Sequence[str], settings: Settings, cwd: Path, jobs: Optional[int] = None,
        progress_stream: Optional[TextIO] = None) -> RunResult:
    """Discover, check and filter: every finding and error of the tree, sorted."""
    jobs = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
    jobs_list = files_to_check(paths, settings, cwd)
    selection = CodeSelection(settings.select, settings.ignore, settings.extend_select, settings.target)
    options = Options(min_sdk_version=settings.min_sdk_version, target=settings.target,
                      line_length=settings.line_length.value, target_rules=selection.target_families())
    file_filter = FileFilter(selection, settings.per_file_ignores, cwd)
    findings: List[AuditFinding] = []
    errors: List[AuditError] = []
    by_kind: Counter = Counter()
    progress = Progress(len(jobs_list), progress_stream or sys.stderr)
    try:
        for done, report in enumerate(check_all(jobs_list, check_file, options, file_filter, jobs), start=1):
            findings.extend(report.findings)
            errors.extend(report.errors)
            if report.kind:
                by_kind[report.kind] += 1
            progress.update(done, len(findings))
    finally:
        progress.close()
    findings.sort(key=sort_key)
    errors.sort(key=lambda error: (error.path, error.message))
    roots = tuple(sorted({display_path(cwd / path if os.path.isdir(cwd / path) else (cwd / path).parent, cwd)
                          for path in paths}))
    return RunResult(findings, errors, len(jobs_list), by_kind, roots, tuple(shown for _, shown in jobs_list))


def run_standard_input(data: bytes, name: Optional[str], settings: Settings, cwd: Path,
                       problem: Optional[str] = None) -> RunResult:
    """``audit -``: the text read from standard input, checked as the file ``name`` would be
    (its kind from the name, Python without one; its per-file ignores), unless the exclude
    settings cover that path (then nothing is checked). ``problem``: why the input could not
    be read (too large), reported as that file's error."""
    shown = display_path(cwd / name, cwd) if name else "-"
    if name and settings.exclude and is_excluded(shown, settings.exclude, cwd):
        return RunResult([], [], 0, Counter(), (".",), ())
    named = kind_by_name(PurePath(name).name, PurePath(name).parent.name) if name else None
    if problem is not None:
        kind = None if named == MAYBE_CONDA else named or "python"
        report = FileReport(shown, kind, [], [AuditError(shown, problem, kind)])
    else:
        report = check_data(data, named or "python", shown, _options(settings))
    selection = CodeSelection(settings.select, settings.ignore, settings.extend_select, settings.target)
    report = FileFilter(selection, settings.per_file_ignores, cwd).apply(report)
    by_kind = Counter([report.kind] if report.kind else [])
    roots = (display_path((cwd / name).parent, cwd),) if name else (".",)
    return RunResult(sorted(report.findings, key=sort_key), sorted(report.errors, key=lambda error: error.message),
                     1, by_kind, roots, (shown,))


def _options(settings: Settings) -> Options:
    selection = CodeSelection(settings.select, settings.ignore, settings.extend_select, settings.target)
    return Options(min_sdk_version=settings.min_sdk_version, target=settings.target,
                   target_rules=selection.target_families())


def anchored(cwd: Path, anchor: Path) -> Callable[[str], str]:
    """Display path (relative to ``cwd``) -> path relative to ``anchor`` (the baseline's directory)."""
    if os.path.abspath(anchor) == os.path.abspath(cwd):
        return lambda shown: shown
    return lambda shown: display_path(cwd / shown, anchor)


def build_report(result: RunResult, baseline: Optional[baseline_module.Baseline] = None,
                 baseline_path: str = "", relative: Callable[[str], str] = lambda shown: shown) -> AuditReport:
    """Fingerprint the findings and, with a baseline, keep only the new ones.

    ``relative`` maps a display path to the path the fingerprint uses (relative to the
    baseline's directory, see ``anchored``)."""
    prints = baseline_module.fingerprints(result.findings, lambda finding: relative(finding.path))
    fingerprinted = [FingerprintedFinding(finding, fingerprint)
                     for finding, fingerprint in zip(result.findings, prints)]
    outcome = None
    errors = result.errors
    if baseline is not None:
        known = baseline.fingerprints
        new = [item for item in fingerprinted if item.fingerprint not in known]
        current = {item.fingerprint for item in fingerprinted}
        checked = {relative(shown) for shown in result.checked}
        errors = [error for error in result.errors if (relative(error.path), error.message) not in baseline.errors]
        outcome = BaselineOutcome(baseline_path, len(fingerprinted) - len(new), baseline.gone(current, checked),
                                  len(result.errors) - len(errors))
        fingerprinted = new
    return AuditReport(fingerprinted, errors, result.files_checked, result.files_by_kind, outcome, result.roots)
