"""Each kind of file as the fixing loop sees it: Python modules (and ``setup.py``), notebooks,
and dependency manifests. Findings come from the audit's own checking code, so ``fix``
rewrites exactly what ``audit`` reports, ``# noqa`` and the rest included.

A notebook's units are its code cells' sources: the cells are checked as one program (as the
audit does, names bound in one cell known in the next), and each fix is moved into the cell
it edits; a fix reaching over a cell boundary, or into a line of IPython syntax, is not
applied. Markdown is never rewritten: its findings are all reported as manual work.
"""

from __future__ import annotations

from typing import Callable, Dict, List, Optional, Sequence, Set

from ..audit import checkers, manifests
from ..audit.manifests import LocatedRequirement, ManifestError
from ..audit.model import FileReport
from ..audit.readers_text import physical_lines
from ..audit.suppression import PythonComments, mentions_suppression, suppressed
from ..engine import may_have_findings, parse_source
from ..facts import ModuleFacts, RequirementString, RequirementSyntax, Span
from ..rules import Finding, Options, check_module
from .edits import Lines
from .imports import ModuleNames
from .model import Candidate, Checked, FixError, Item, Program, UnitKey

Wanted = Callable[[str], bool]


def _char_column(lines: Lines, line: int, byte_col: int) -> int:
    if not 1 <= line <= len(lines.starts):
        return byte_col
    return manifests.character_column(lines.line_text(line), byte_col)


def _raw_text(lines: Lines, requirement: LocatedRequirement) -> Optional[str]:
    """The text under a one-line requirement's span (character columns), which its fix replaces."""
    if requirement.line != requirement.end_line or not 1 <= requirement.line <= len(lines.starts):
        return None
    text = lines.line_text(requirement.line).rstrip("\r\n")
    return text[requirement.col:requirement.end_col] if requirement.end_col <= len(text) else None


def requirement_candidates(requirements: Sequence[LocatedRequirement], unit: UnitKey, lines: Lines,
                           options: Options, wanted: Wanted, cell: Optional[int] = None,
                           problem: str = "", blocker: str = "") -> List[Candidate]:
    """Requirement findings, positioned in the unit's (line, byte column) as fixes are;
    ``blocker`` says why no requirement of the file may be edited (pip's hash-checking mode)."""
    found = []
    for requirement in requirements:
        if checkers.MANIFEST_MARKER not in requirement.text.lower():
            continue
        span = Span(requirement.line, lines.byte_col(requirement.line, requirement.col),
                    requirement.end_line, lines.byte_col(requirement.end_line, requirement.end_col))
        fact = RequirementString(span, requirement.text, requirement.kind, requirement.shown,
                                 _raw_text(lines, requirement), RequirementSyntax(requirement.syntax), blocker)
        for finding in check_module(ModuleFacts(requirements=[fact]), options):
            if wanted(finding.code) and not suppressed(requirement.comment_text, finding.code):
                fix = finding.fix
                found.append(Candidate(finding.code, requirement.line, requirement.col + 1, finding.message, fix,
                                       unit, fix.edits if fix is not None else (), None, problem, cell,
                                       finding.status))
    return found


def _python_candidates(findings: Sequence[Finding], lines: Lines, wanted: Wanted, program: int) -> List[Candidate]:
    return [Candidate(finding.code, finding.span.line, _char_column(lines, finding.span.line, finding.span.col) + 1,
                      finding.message, finding.fix, None, finding.fix.edits if finding.fix else (), program,
                      status=finding.status)
            for finding in findings if wanted(finding.code)]


class PythonDocument:
    """A Python module, or ``setup.py`` (its ``setup(...)`` requirements too)."""

    yaml = False

    def __init__(self, text: str, options: Options, wanted: Wanted, setup_py: bool = False) -> None:
        self.units: Dict[UnitKey, str] = {None: text}
        self.options = options
        self.wanted = wanted
        self.setup_py = setup_py

    def check(self, units: Dict[UnitKey, str]) -> Checked:
        text = units[None]
        if not (checkers.may_mention_sdk(text) if self.setup_py
                else may_have_findings(text, target_rules=self.options.target_rules)):
            return Checked()
        try:
            tree = parse_source(text)
        except SyntaxError as error:
            raise FixError(checkers.syntax_message(error)) from None
        lines = Lines(text)
        checked = Checked(programs=[Program(ModuleNames.of(tree), lambda line: (None, line),
                                            line_length=self.options.line_length)])
        if may_have_findings(text, target_rules=self.options.target_rules):
            findings, _ = checkers.python_findings(text, self.options, tree)
            checked.candidates.extend(_python_candidates(findings, lines, self.wanted, 0))
        if self.setup_py:
            requirements = manifests.setup_py(tree, text)
            candidates = requirement_candidates(requirements, None, lines, self.options, self.wanted)
            comments = PythonComments.of(text) if mentions_suppression(text) else None
            checked.candidates.extend(candidate for candidate in candidates
                                      if comments is None or not comments.suppresses(candidate.line, candidate.code))
        checked.candidates.sort(key=lambda candidate: (candidate.line, candidate.column, candidate.code))
        return checked

    def broken(self, units: Dict[UnitKey, str], changed: Set[UnitKey]) -> Optional[str]:
        try:
            parse_source(units[None])
        except SyntaxError as error:
            return checkers.syntax_message(error)
        return None

    def assemble(self, units: Dict[UnitKey, str]) -> str:
        return units[None]


_READERS: Dict[str, Callable[[str], List[LocatedRequirement]]] = {
    "requirements": manifests.requirements_file,
    "conda": manifests.conda_environment,
    "pyproject": manifests.pyproject,
    "setup_cfg": manifests.setup_cfg,
    "pipfile": manifests.pipfile,
    "dockerfile": manifests.dockerfile,
}
MANIFEST_KINDS = frozenset(_READERS)


class ManifestDocument:
    """A dependency manifest: its requirement findings, re-read by its own reader after edits."""

    def __init__(self, text: str, kind: str, options: Options, wanted: Wanted) -> None:
        self.units: Dict[UnitKey, str] = {None: text}
        self.kind = kind
        self.yaml = kind == "conda"
        self.read = _READERS[kind]
        self.options = options
        self.wanted = wanted

    def _requirements(self, text: str) -> List[LocatedRequirement]:
        try:
            return self.read(text)
        except ManifestError as error:
            raise FixError(str(error)) from None
        except RecursionError:
            raise FixError("cannot read it: nested too deeply") from None

    def check(self, units: Dict[UnitKey, str]) -> Checked:
        text = units[None]
        if checkers.MANIFEST_MARKER not in text.lower():
            return Checked()
        # the requirements reader numbers lines as str.splitlines does, which also breaks at
        # form feeds and the like: there a position could name another line than the edit's
        problem = ("its line numbers are ambiguous (the file has line breaks other than \\n and \\r\\n)"
                   if self.kind == "requirements" and len(text.splitlines()) != len(physical_lines(text)) else "")
        blocker = checkers.HASH_CHECKING_BLOCKER if self.kind == "requirements" and "--hash" in text else ""
        return Checked(requirement_candidates(self._requirements(text), None, Lines(text, self.yaml),
                                              self.options, self.wanted, problem=problem, blocker=blocker))

    def broken(self, units: Dict[UnitKey, str], changed: Set[UnitKey]) -> Optional[str]:
        try:
            self._requirements(units[None])
        except FixError as error:
            return str(error)
        return None

    def assemble(self, units: Dict[UnitKey, str]) -> str:
        return units[None]


def markdown_items(text: str, options: Options, wanted: Wanted) -> List[Item]:
    """Markdown findings, all manual: documentation is not rewritten."""
    report = FileReport("", "markdown")
    checkers.check_markdown(text, report, options)
    why = "not fixed in Markdown (edit the code block by hand)"
    return [Item(finding.code, finding.line, finding.column, f"{why}: {finding.message}", None, finding.message,
                 finding.fix.title if finding.fix is not None else "",
                 finding.fix.applicability if finding.fix is not None else None, why)
            for finding in report.findings if wanted(finding.code)]
