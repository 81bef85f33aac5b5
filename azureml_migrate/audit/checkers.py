"""Checking one file of any kind: read, decode, prefilter, parse, run the shared core, suppress.

``check_file`` never raises: a file that cannot be read, decoded or parsed becomes an
``AuditError`` saying what went wrong and where, and every finding that could still be found
is kept (other notebook cells, other Markdown blocks). The checked code is never imported or
run, YAML is composed with the safe loader only, and nothing is written anywhere.

Parse errors are reported only for files that pass the cheap text prefilter (a file that
cannot contain a finding is not parsed at all, which keeps the audit fast on large trees);
read and decoding errors are always reported. Broken Python blocks in Markdown are normal in
documentation and skip only that block, without an error.

Columns here are 1-based characters; ``end_column`` is the 1-based column just after the
flagged text (SARIF's ``endColumn``).
"""

from __future__ import annotations

import functools
import io
import tokenize
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from ..engine import check_tree, may_have_findings, parse_source
from ..facts import ModuleFacts, RequirementKind, RequirementList, RequirementString, RequirementSyntax, Span
from ..fixes import Edit, Fix
from ..messages import MANUAL, Status, render
from ..rules import Finding, Options, check_module
from . import manifests
from .discovery import unreadable_path
from .files import UnreadableFile, read_regular, too_long
from .fix_positions import UNPLACED, audit_fix, byte_span, in_lines
from .kinds import MAYBE_CONDA, kind_by_name, yaml_is_conda
from .manifests import LocatedRequirement, ManifestError, character_column
from .model import AuditError, AuditFinding, AuditFix, FileReport
from .readers_text import physical_lines
from .suppression import PythonComments, mentions_suppression, suppressed
from ..records import replace

if TYPE_CHECKING:
    from .readers_code import CodeBlock

MANIFEST_MARKER = "azureml"
#: pip's hash-checking mode: every requirement of the file needs hashes of the version it installs
HASH_CHECKING_BLOCKER = ("the file is in pip's hash-checking mode (--hash): the raised version needs its own "
                         "hashes (regenerate them, e.g. with pip-compile --generate-hashes)")


class _DecodeError(Exception):
    """The bytes are not text in the encoding the kind calls for."""


def check_file(path: Path, display_path: str, options: Options = Options()) -> FileReport:
    """The findings and errors of one file; never raises for anything the file contains."""
    named_kind = kind_by_name(path.name, path.parent.name)
    if named_kind is None and not too_long(path):
        problem = unreadable_path(path)  # discovery yields a directory it cannot list, a link loop
        return FileReport(display_path, None, [], [AuditError(display_path, problem, None)] if problem else [])
    kind = None if named_kind == MAYBE_CONDA else named_kind
    try:
        data = read_regular(path)
    except UnreadableFile as error:
        return FileReport(display_path, kind, [], [AuditError(display_path, str(error), kind)])
    return check_data(data, named_kind, display_path, options)


def check_data(data: bytes, named_kind: Optional[str], display_path: str, options: Options = Options()) -> FileReport:
    """The findings and errors of a file's bytes (read from disk or standard input), of the
    kind its name gives (``kinds.kind_by_name``); never raises."""
    kind = None if named_kind == MAYBE_CONDA else named_kind
    if named_kind == MAYBE_CONDA and yaml_is_conda(data):
        kind = "conda"
    if kind is None:
        return FileReport(display_path, kind)
    try:
        text = _decode_python(data) if kind in ("python", "setup_py") else _decode_text(data)
    except _DecodeError as error:
        return FileReport(display_path, kind, [], [AuditError(display_path, str(error), kind)])
    return check_text(text, kind, display_path, options)


def check_text(text: str, kind: str, display_path: str, options: Options = Options()) -> FileReport:
    """The findings and errors of a file's decoded text (an editor's buffer); never raises."""
    report = FileReport(display_path, kind)
    try:
        _CHECKERS[kind](text, report, options)
    except Exception as error:  # a bug of ours must not stop the audit of the other files
        report.errors.append(AuditError(display_path, f"internal error while checking this file: "
                                                      f"{type(error).__name__}: {error}", kind))
    report.findings.sort(key=lambda f: (f.cell or 0, f.line, f.column, f.code, f.end_line, f.end_column))
    return report


# -- decoding --------------------------------------------------------------------------------
def _decode_python(data: bytes) -> str:
    """PEP 263: a BOM or a coding cookie decides; UTF-8 otherwise."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        if not _has_coding_cookie(data):  # the first lines are not UTF-8: say which byte
            _decode(data, "utf-8")
        raise _DecodeError(f"cannot decode: {error.msg if hasattr(error, 'msg') else error}") from None
    return _decode(data, encoding)


def _has_coding_cookie(data: bytes) -> bool:
    """Whether one of the first two lines holds a PEP 263 ``coding`` declaration (as a comment)."""
    return any(line.lstrip().startswith(b"#") and b"coding" in line for line in data.split(b"\n", 2)[:2])


def _decode_text(data: bytes) -> str:
    return _decode(data, "utf-8-sig")


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        shown = "UTF-8" if encoding in ("utf-8", "utf-8-sig") else encoding
        raise _DecodeError(f"cannot decode as {shown}: byte 0x{data[error.start]:02x} at line {line} "
                           f"is not valid {shown}") from None
    except LookupError:
        raise _DecodeError(f"cannot decode: unknown encoding {encoding!r}") from None


def _may_mention_sdk(text: str) -> bool:
    return may_have_findings(text) or MANIFEST_MARKER in text.lower()


# -- turning core findings into audit findings -----------------------------------------------
def _segment(lines: Sequence[str], line: int, col: int, end_line: int, end_col: int) -> str:
    """Text between two (1-based line, 0-based character column) positions, whitespace-normalized."""
    if not (1 <= line <= len(lines)) or not (1 <= end_line <= len(lines)):
        return ""
    if line == end_line:
        text = lines[line - 1][col:end_col]
    else:
        text = "\n".join([lines[line - 1][col:], *lines[line:end_line - 1], lines[end_line - 1][:end_col]])
    return " ".join(text.split())


def _line(lines: Sequence[str], number: int) -> str:
    return lines[number - 1] if 1 <= number <= len(lines) else ""


def _audit_finding(finding: Finding, report: FileReport, kind: str, block: Optional[CodeBlock],
                   lines: Sequence[str], byte_columns: bool, source: Optional[str] = None,
                   cell: Optional[int] = None, fix: Optional[AuditFix] = None) -> AuditFinding:
    """A core finding (block-relative, 0-based columns) as a file-relative audit finding."""
    span = finding.span
    col, end_col = span.col, span.end_col
    if byte_columns:
        col = character_column(_line(lines, span.line), col)
        end_col = character_column(_line(lines, span.end_line), end_col)
    if source is None:
        source = _segment(lines, span.line, col, span.end_line, end_col)
    line, end_line = span.line, span.end_line
    if block is not None:
        col += _offset(block, span.line)
        end_col += _offset(block, span.end_line)
        line += block.first_line - 1
        end_line += block.first_line - 1
        cell = block.cell
    status = finding.status
    if fix is not None and fix.applicability == MANUAL and status.label != MANUAL:
        status = Status(MANUAL, UNPLACED)
    return AuditFinding(finding.code, report.path, line, col + 1, end_line, end_col + 1,
                        render(finding.text, status), finding.hint, cell, kind, source, fix, status)


def _offset(block: CodeBlock, line: int) -> int:
    return block.col_offsets[line - 1] if 0 < line <= len(block.col_offsets) else 0


def _requirement_findings(requirement: LocatedRequirement, options: Options, lines: Sequence[str],
                          blocker: str = "", beside: Optional[RequirementList] = None) -> Tuple[List[Finding], bool]:
    """(the findings, whether their spans are in byte columns of ``lines``) of one requirement."""
    if MANIFEST_MARKER not in requirement.text.lower():
        return [], False  # names no SDK package: not worth parsing (most lines of a large file)
    span, raw = byte_span(lines, requirement.line, requirement.col, requirement.end_line, requirement.end_col)
    fact = RequirementString(span, requirement.text, requirement.kind, requirement.shown, raw,
                             RequirementSyntax(requirement.syntax), blocker, beside)
    return check_module(ModuleFacts(requirements=[fact]), options), raw is not None


#: how many notebook cells' own results are remembered (``_block_requirements``, ``_parseable``)
BLOCK_MEMO_SIZE = 4096


@functools.lru_cache(maxsize=BLOCK_MEMO_SIZE)
def _block_requirements(requirements: Tuple[LocatedRequirement, ...], path: str, kind: str, options: Options,
                        lines: Tuple[str, ...], cell: Optional[int]) -> Tuple[AuditFinding, ...]:
    """The requirement findings of one notebook cell, remembered by its content: they depend
    on the cell alone, so an editor's change to one cell of a notebook
    does not check the installs of every other cell again (the Python is one program and is
    always checked whole)."""
    report = FileReport(path, kind)
    _add_requirements(requirements, report, kind, options, lines, cell)
    return tuple(report.findings)


def _add_requirements(requirements: Iterable[LocatedRequirement], report: FileReport, kind: str,
                      options: Options, lines: Sequence[str], cell: Optional[int] = None,
                      blocker: str = "") -> None:
    """Requirement findings for located requirements (positions in ``lines``: the file's, or a
    notebook cell's); ``# noqa`` in their comment text hides them.

    The requirements of one command continued over many lines share its whole text as their
    comment text: each (text, code) is looked at once, or the work would grow with the square
    of the command's length.
    """
    verdicts: Dict[Tuple[str, str], bool] = {}
    place = in_lines(lines, cell=cell)
    requirements = list(requirements)
    azureml = tuple((r.text, RequirementKind(r.kind)) for r in requirements if MANIFEST_MARKER in r.text.lower())
    beside = RequirementList(azureml) if len(azureml) > 1 else None
    for requirement in requirements:
        findings, in_bytes = _requirement_findings(requirement, options, lines, blocker, beside)
        for finding in findings:
            key = (requirement.comment_text, finding.code)
            if key not in verdicts:
                verdicts[key] = suppressed(requirement.comment_text, finding.code)
            if verdicts[key]:
                continue
            source = " ".join((requirement.shown or requirement.text).split())
            report.findings.append(_audit_finding(finding, report, kind, None, lines, byte_columns=in_bytes,
                                                  source=source, cell=cell, fix=audit_fix(finding.fix, place)))


# -- Python, notebooks, Markdown -------------------------------------------------------------
def _python_findings(python: str, options: Options, tree=None) -> Tuple[List[Finding], List[str]]:
    """Core findings of Python text minus suppressed ones; raises SyntaxError."""
    if tree is None:
        tree = parse_source(python)
    findings = check_tree(tree, python, options)
    lines = physical_lines(python)
    if findings and mentions_suppression(python):
        comments = PythonComments.of(python)
        findings = [f for f in findings if not comments.suppresses(f.span.line, f.code)]
    return findings, lines


def _syntax_message(error: SyntaxError) -> str:
    where = f" at line {error.lineno}" if error.lineno else ""
    return f"syntax error{where}: {error.msg}"


def _check_python(text: str, report: FileReport, options: Options) -> None:
    if not may_have_findings(text, target_rules=options.target_rules):
        return
    try:
        findings, lines = _python_findings(text, options)
    except SyntaxError as error:
        report.errors.append(AuditError(report.path, _syntax_message(error), report.kind))
        return
    place = in_lines(lines)
    #: by the core fix's identity: the findings of one call share one fix, placed once
    placed: Dict[int, Optional[AuditFix]] = {}
    for finding in findings:
        fix = None
        if finding.fix is not None:
            fix = placed.get(id(finding.fix))
            if fix is None:
                fix = placed[id(finding.fix)] = audit_fix(finding.fix, place)
        report.findings.append(_audit_finding(finding, report, "python", None, lines, byte_columns=True, fix=fix))


def _check_setup_py(text: str, report: FileReport, options: Options) -> None:
    """Python rules, plus the literal requirements of ``setup(...)``."""
    if not _may_mention_sdk(text):
        return
    try:
        tree = parse_source(text)
    except SyntaxError as error:
        report.errors.append(AuditError(report.path, _syntax_message(error), report.kind))
        return
    lines = physical_lines(text)
    findings = check_tree(tree, text, options) if may_have_findings(text) else []
    comments = PythonComments.of(text) if mentions_suppression(text) else None
    place = in_lines(lines)
    for finding in findings:
        if comments is None or not comments.suppresses(finding.span.line, finding.code):
            report.findings.append(_audit_finding(finding, report, "setup_py", None, lines, byte_columns=True,
                                                  fix=audit_fix(finding.fix, place)))
    for requirement in manifests.setup_py(tree, text):
        requirement_findings, in_bytes = _requirement_findings(requirement, options, lines)
        for finding in requirement_findings:
            if comments is None or not comments.suppresses(finding.span.line, finding.code):
                report.findings.append(_audit_finding(finding, report, "setup_py", None, lines, byte_columns=in_bytes,
                                                      source=" ".join(requirement.text.split()),
                                                      fix=audit_fix(finding.fix, place)))


def _parseable_python(block: CodeBlock) -> Tuple[Optional[str], Optional[str]]:
    """(the block's Python that parses, or None; the syntax error message if it has one).

    A line taken for IPython syntax may have been Python (``% b`` continuing an expression):
    the original text is tried before the block is called broken.
    """
    return _parseable(block.python, tuple(block.original))


@functools.lru_cache(maxsize=BLOCK_MEMO_SIZE)
def _parseable(python: str, original_lines: Tuple[str, ...]) -> Tuple[Optional[str], Optional[str]]:
    """``_parseable_python`` remembered by the block's text: a notebook's unchanged cells are
    not parsed alone again on every change of another cell."""
    try:
        parse_source(python)
        return python, None
    except SyntaxError as error:
        original = "\n".join(original_lines) + "\n"
        if original == python:
            return None, _syntax_message(error)
        try:
            parse_source(original)
        except SyntaxError:
            return None, _syntax_message(error)
        return original, None


class _Program:
    """The Python of a notebook's code cells (or a Markdown file's Python blocks) as one module,
    in document order, with each module line mapped back to its block and line there."""

    def __init__(self) -> None:
        self.lines: List[str] = []
        #: per module line: (block, line within the block)
        self.origin: List[Tuple[CodeBlock, int]] = []
        self.block_lines: Dict[int, List[str]] = {}

    def add(self, block: CodeBlock, python: str) -> None:
        lines = physical_lines(python)
        self.block_lines[id(block)] = lines
        self.lines.extend(lines)
        self.origin.extend((block, number) for number in range(1, len(lines) + 1))

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def locate(self, finding: Finding) -> Tuple[CodeBlock, Finding]:
        """The block a module finding sits in, and the finding with block-relative lines (its
        fix too; None when an edit of the fix leaves the block)."""
        span = finding.span
        block, line = self.origin[span.line - 1]
        shift = span.line - line
        moved = Span(line, span.col, span.end_line - shift, span.end_col)
        fix = self._moved_fix(finding.fix, shift, len(self.block_lines[id(block)]))
        return block, replace(finding, span=moved, fix=fix)

    @staticmethod
    def _moved_fix(fix: Optional[Fix], shift: int, block_length: int) -> Optional[Fix]:
        if fix is None:
            return None
        edits = []
        for edit in fix.edits:
            span = edit.span
            line, end_line = span.line - shift, span.end_line - shift
            # an edit may end at column 0 of the line after the block's last (a deleted last line)
            if not (1 <= line <= block_length and 1 <= end_line <= block_length
                    or end_line == block_length + 1 and span.end_col == 0):
                if edit.optional:
                    continue
                return None
            edits.append(Edit(Span(line, span.col, end_line, span.end_col), edit.text, edit.optional))
        return replace(fix, edits=tuple(edits))


def _check_blocks(blocks: Sequence[CodeBlock], report: FileReport, kind: str, options: Options,
                  file_lines: Optional[Sequence[str]] = None) -> None:
    """Every notebook code cell (or Markdown Python block) that parses, as one program.

    A name bound in one cell is known in the cells after it, as when the notebook runs. A cell
    that does not parse is left out: in a notebook it is reported (every code cell of a notebook
    that passed the file's prefilter is parsed), in Markdown it is not (a broken snippet in
    documentation is no error).
    """
    program = _Program()
    for block in blocks:
        # install positions are the cell's (notebooks) or the file's (Markdown)
        if file_lines is not None:
            _add_requirements(block.installs, report, kind, options, file_lines, block.cell)
        elif block.installs:
            report.findings.extend(_block_requirements(tuple(block.installs), report.path, kind, options,
                                                       tuple(block.original), block.cell))
        if not block.has_python or not block.python.strip():
            continue
        python, problem = _parseable_python(block)
        if problem is not None:
            if kind == "notebook":
                report.errors.append(AuditError(report.path, f"cell {block.cell}: {problem}", "notebook"))
            continue
        program.add(block, python)
    text = program.text
    if not program.lines or not may_have_findings(text, target_rules=options.target_rules):
        return
    try:
        findings, _ = _python_findings(text, options)
    except SyntaxError:
        # cells that parse alone but not together (a ``from __future__`` import in a later cell)
        findings = []
        for block in {id(origin[0]): origin[0] for origin in program.origin}.values():
            alone = _Program()
            alone.add(block, "\n".join(program.block_lines[id(block)]) + "\n")
            findings.extend(_block_findings(alone, options))
        _report(findings, report, kind)
        return
    _report([_located(program, finding) for finding in findings], report, kind)


def _located(program: _Program, finding: Finding) -> Tuple[CodeBlock, Finding, List[str], Optional[AuditFix]]:
    """(block, block-relative finding, the block's lines, the fix in the file's positions).

    A fix whose edits leave the finding's block (``locate`` drops it) is shown as manual.
    """
    block, moved = program.locate(finding)
    lines = program.block_lines[id(block)]
    if moved.fix is None and finding.fix is not None:
        return block, moved, lines, audit_fix(finding.fix, lambda span: None)
    place = in_lines(lines, block.first_line, block.col_offsets, block.cell)
    return block, moved, lines, audit_fix(moved.fix, place)


def _block_findings(program: _Program, options: Options) -> List[Tuple[CodeBlock, Finding, List[str],
                                                                       Optional[AuditFix]]]:
    try:
        findings, _ = _python_findings(program.text, options)
    except SyntaxError:
        return []
    return [_located(program, finding) for finding in findings]


def _report(located: Sequence[Tuple[CodeBlock, Finding, List[str], Optional[AuditFix]]], report: FileReport,
            kind: str) -> None:
    for block, finding, lines, fix in located:
        report.findings.append(_audit_finding(finding, report, kind, block, lines, byte_columns=True, fix=fix))


def _check_notebook(text: str, report: FileReport, options: Options) -> None:
    if not _may_mention_sdk(text):
        return
    from .readers_code import NotebookError, notebook_blocks  # the block readers load on first use

    try:
        blocks, problems = notebook_blocks(text)
    except NotebookError as error:
        report.errors.append(AuditError(report.path, str(error), "notebook"))
        return
    for position, problem in problems:
        report.errors.append(AuditError(report.path, f"cell {position}: {problem}", "notebook"))
    _check_blocks(blocks, report, "notebook", options)


def _check_markdown(text: str, report: FileReport, options: Options) -> None:
    if not _may_mention_sdk(text):
        return
    from .readers_code import markdown_blocks

    _check_blocks(markdown_blocks(text), report, "markdown", options, physical_lines(text))


# -- manifests -------------------------------------------------------------------------------
def _manifest_checker(reader: str, kind: str, what: str) -> Callable[[str, FileReport, Options], None]:
    """The check of a manifest kind; its reader, ``manifests.<reader>``, is imported on first use
    (the conda reader imports yaml, the TOML ones tomllib)."""
    def check(text: str, report: FileReport, options: Options) -> None:
        if MANIFEST_MARKER not in text.lower():
            return
        read: Callable[[str], List[LocatedRequirement]] = getattr(manifests, reader)
        try:
            requirements = read(text)
        except ManifestError as error:
            report.errors.append(AuditError(report.path, str(error), kind))
            return
        except RecursionError:
            report.errors.append(AuditError(report.path, f"cannot read {what}: nested too deeply", kind))
            return
        blocker = HASH_CHECKING_BLOCKER if kind == "requirements" and "--hash" in text else ""
        _add_requirements(requirements, report, kind, options, physical_lines(text), blocker=blocker)
    check.__doc__ = f"SDK requirement findings in a {what}."
    return check


_CHECKERS: Dict[str, Callable[[str, FileReport, Options], None]] = {
    "python": _check_python,
    "setup_py": _check_setup_py,
    "notebook": _check_notebook,
    "markdown": _check_markdown,
    "requirements": _manifest_checker("requirements_file", "requirements", "requirements file"),
    "conda": _manifest_checker("conda_environment", "conda", "conda environment file"),
    "pyproject": _manifest_checker("pyproject", "pyproject", "pyproject.toml"),
    "setup_cfg": _manifest_checker("setup_cfg", "setup_cfg", "setup.cfg"),
    "pipfile": _manifest_checker("pipfile", "pipfile", "Pipfile"),
    "dockerfile": _manifest_checker("dockerfile", "dockerfile", "Dockerfile"),
}


# -- what ``azureml-migrate fix`` reuses, so it fixes exactly what the audit reports ----------
Program = _Program
DecodeError = _DecodeError
decode = _decode
may_mention_sdk = _may_mention_sdk
syntax_message = _syntax_message
python_findings = _python_findings
parseable_python = _parseable_python
check_markdown = _check_markdown
