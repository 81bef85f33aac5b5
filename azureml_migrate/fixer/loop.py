"""The fixing loop, the same for every kind of file (as ``ruff check --fix`` does it).

Each round checks the current text, takes the selected findings whose fix applies, applies
each distinct fix once (the findings of one call share one), leaves out fixes that overlap
one already taken (the next round, on the new text, gets to them), adds the imports the taken
fixes need, and re-parses what it wrote: a fix whose result does not parse is dropped and
reported, the others stay. The fixes of one fix group (``Fix.group``: an estimator's rewrite
and the calls that read it as an estimator) move as one: all of them in one round, or none;
when one is dropped (a name clash, an edit that cannot be made), all are, and each of their
findings names the fix that blocked it. Rounds go on until nothing changes, ten at most, so a
second run over the output changes nothing.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Protocol, Sequence, Set, Tuple

from ..fixes import Applicability, Import
from .edits import EditError, Lines, Occupied, Range, apply, newline_of, resolve
from .imports import join_text, wrapped_import
from .model import Candidate, Checked, FixResult, Item, UnitKey

MAX_ROUNDS = 10
#: what a dropped fix becomes in the report: "manual" (a clash to decide) or "dropped"
MANUAL, DROPPED = "manual", "dropped"


class Document(Protocol):
    """One file as the loop sees it: units of text it may edit, and how to check them."""

    #: the editable texts: the whole file, or a notebook's code cell sources
    units: Dict[UnitKey, str]
    #: whether lines break as YAML counts them
    yaml: bool

    def check(self, units: Dict[UnitKey, str]) -> Checked: ...

    def broken(self, units: Dict[UnitKey, str], changed: Set[UnitKey]) -> Optional[str]:
        """Why the edited units no longer read as their kind, or None."""

    def assemble(self, units: Dict[UnitKey, str]) -> str: ...


@dataclass
class _Choice:
    """What one round applies as a whole: one fix, or every fix of one fix group."""

    members: List[Candidate]
    #: the edits of every fix of the choice, by the unit they are in
    ranges: Dict[UnitKey, Tuple[Range, ...]]
    imports: Tuple[Import, ...]
    program: Optional[int]
    #: where the choice first uses each name it imports, in program coordinates
    uses: Dict[Import, Tuple[int, int]] = field(default_factory=dict)


def fix_document(document: Document, unsafe: bool = False) -> FixResult:
    """Apply the fixes of ``document`` until nothing changes; the result says what happened."""
    units = dict(document.units)
    original = document.assemble(units)
    applied: List[Item] = []
    dropped: Dict[Tuple, Tuple[str, str]] = {}
    checked = document.check(units)
    errors = list(checked.errors)
    #: the Python programs of the document (none for a manifest), read for their line length
    programs = list(checked.programs)
    for _ in range(MAX_ROUNDS):
        outcome = _round(document, units, checked, unsafe, dropped)
        if outcome is None:
            break
        units, items = outcome
        applied.extend(items)
        checked = document.check(units)
    if programs and units != document.units:
        units = _wrap_imports(document, dict(document.units), units, programs[0].line_length)
    result = FixResult(original, document.assemble(units), applied, errors=errors)
    _classify(checked.candidates, result, dropped, unsafe)
    return result


def _classify(candidates: Sequence[Candidate], result: FixResult, dropped: Dict[Tuple, Tuple[str, str]],
              unsafe: bool) -> None:
    """Sort the findings left in the fixed text into unsafe, manual and dropped."""
    for candidate in candidates:
        fix = candidate.fix
        if fix is None:
            why = candidate.status.reason or NO_REASON
            result.manual.append(candidate.item(candidate.message, why))
        elif fix.applicability is Applicability.MANUAL:
            result.manual.append(candidate.item(fix.reason, fix.reason))
        elif candidate.key in dropped:
            kind, why = dropped[candidate.key]
            (result.manual if kind == MANUAL else result.dropped).append(candidate.item(why, why))
        elif candidate.problem:
            why = f"fix not applied: {candidate.problem}"
            result.dropped.append(candidate.item(why, why))
        elif fix.applicability is Applicability.UNSAFE and not unsafe:
            result.unsafe.append(candidate.item(f"{fix.title} (unsafe: {fix.reason})", fix.reason))
        else:
            why = (f"fix not applied: it changes nothing here, or other fixes kept overlapping it "
                   f"for {MAX_ROUNDS} rounds")
            result.dropped.append(candidate.item(why, why))


#: the reason a finding without a fix and without a reason of its own is left for manual work
NO_REASON = "no fix is known for this finding: rewrite it by hand"


def _round(document: Document, units: Dict[UnitKey, str], checked: Checked, unsafe: bool,
           dropped: Dict[Tuple, Tuple[str, str]]) -> Optional[Tuple[Dict[UnitKey, str], List[Item]]]:
    lines = {key: Lines(text, document.yaml) for key, text in units.items()}
    choices = _choose(checked, units, lines, unsafe, dropped)
    if not choices:
        return None
    new_units = _render(units, lines, checked, choices)
    problem = _problem(document, units, new_units)
    if problem is not None:
        good = []
        for choice in choices:
            alone = _problem(document, units, _render(units, lines, checked, [choice]))
            if alone is not None:
                culprit, alone = _culprit(document, units, lines, checked, choice, alone)
                _drop(dropped, choice.members, culprit, DROPPED, f"fix dropped: the fixed code would not read: {alone}")
            else:
                good.append(choice)
        choices = good
        new_units = _render(units, lines, checked, choices)
        if choices and _problem(document, units, new_units) is not None:
            choices = choices[:1]  # fine alone, not together: one now, the rest next round
            new_units = _render(units, lines, checked, choices)
    if new_units == units:
        for choice in choices:
            _drop(dropped, choice.members, choice.members[0], DROPPED, "fix not applied: it changes nothing")
        return (units, []) if choices or problem is not None else None
    items = [member.item(member.fix.title, member.fix.reason) for choice in choices for member in choice.members
             if member.fix is not None]
    return new_units, items


def _culprit(document: Document, units: Dict[UnitKey, str], lines: Dict[UnitKey, Lines], checked: Checked,
             choice: _Choice, problem: str) -> Tuple[Candidate, str]:
    """The fix of a group whose edits alone break the code (and why), or the group's first."""
    fixes = _distinct_fixes(choice.members)
    if len(fixes) > 1:
        for member in fixes:
            ranges = _resolve([member], units, lines, {})
            if ranges is None:
                continue
            alone = _problem(document, units, _render(units, lines, checked, [
                _Choice([member], ranges, (), member.program)]))
            if alone is not None:
                return member, alone
    return choice.members[0], problem


def _problem(document: Document, units: Dict[UnitKey, str], new_units: Optional[Dict[UnitKey, str]]) -> Optional[str]:
    if new_units is None:
        return "its edits overlap"
    changed = {key for key, text in new_units.items() if units.get(key) != text}
    return document.broken(new_units, changed) if changed else None


def _choose(checked: Checked, units: Dict[UnitKey, str], lines: Dict[UnitKey, Lines], unsafe: bool,
            dropped: Dict[Tuple, Tuple[str, str]]) -> List[_Choice]:
    """Distinct applicable fixes and whole fix groups, in file order, none overlapping another,
    names not clashing."""
    order = {key: index for index, key in enumerate(units)}
    bundles: Dict[Tuple, List[Candidate]] = {}
    for candidate in checked.candidates:
        if candidate.fix is None:
            continue
        group = candidate.fix.group
        bundles.setdefault(("group", candidate.program, group) if group else (candidate.unit, candidate.fix),
                           []).append(candidate)
    resolved = []
    for members in bundles.values():
        if not all(member.applicable(unsafe) for member in members):
            continue  # a group is as applicable as its weakest member; its findings say so
        blocked = next((member for member in members if member.key in dropped), None)
        if blocked is not None:
            _drop(dropped, members, blocked, *dropped[blocked.key])
            continue
        problem = next((member for member in members if member.problem), None)
        if problem is not None:
            _drop(dropped, members, problem, DROPPED, f"fix not applied: {problem.problem}")
            continue
        missing = members[0].fix.group_size - len(_distinct_fixes(members)) if members[0].fix.group else 0
        if missing > 0:
            _drop(dropped, members, members[0], DROPPED,
                  f"fix not applied: it goes together with {missing} more fix{'es' if missing > 1 else ''} of "
                  "this group whose findings are suppressed or not selected; the group is applied whole or not "
                  "at all")
            continue
        found = _resolve(members, units, lines, dropped)
        if found is None:
            continue
        position = min((order[unit], min((item.start for item in found[unit]), default=0)) for unit in found)
        resolved.append((position, members, found))
    resolved.sort(key=lambda entry: entry[0])
    occupied: Dict[UnitKey, Occupied] = defaultdict(Occupied)
    pending: Dict[Tuple[int, str], Import] = {}
    choices = []
    for _, members, ranges in resolved:
        first = members[0]
        wanted = tuple(dict.fromkeys(item for member in _distinct_fixes(members) for item in member.fix.imports))
        needed: List[Import] = []
        uses: Dict[Import, Tuple[int, int]] = {}
        if wanted:
            programs = {member.program for member in members}
            if None in programs or len(programs) > 1:
                _drop(dropped, members, first, DROPPED, "fix dropped: imports can only be added to Python code")
                continue
            program = checked.programs[first.program]
            for member in _distinct_fixes(members):
                if member.fix.imports:
                    use = first_use(member, program)
                    for item in member.fix.imports:
                        uses[item] = min(use, uses.get(item, use))
            problem = None
            for item in wanted:
                found, problem = program.names.missing([item], uses[item])
                if problem is not None:
                    owner = next(member for member in members if item in member.fix.imports)
                    _drop(dropped, members, owner, MANUAL, problem)
                    break
                needed.extend(found)
            if problem is not None:
                continue
            if any(pending.get((first.program, item.bound), item) != item for item in needed):
                continue  # another fix of this round imports the name from elsewhere: next round
        if not all(occupied[unit].free(unit_ranges) for unit, unit_ranges in ranges.items()):
            continue
        for unit, unit_ranges in ranges.items():
            occupied[unit].take(unit_ranges)
        for item in needed:
            pending[(first.program, item.bound)] = item
        choices.append(_Choice(members, ranges, tuple(needed), first.program,
                               {item: uses[item] for item in needed}))
    return choices


def _distinct_fixes(members: Sequence[Candidate]) -> List[Candidate]:
    """One candidate per distinct fix of a bundle (the findings of one call share a fix)."""
    seen: Dict[Tuple, Candidate] = {}
    for member in members:
        seen.setdefault((member.unit, member.fix), member)
    return list(seen.values())


def _resolve(members: Sequence[Candidate], units: Dict[UnitKey, str], lines: Dict[UnitKey, Lines],
             dropped: Dict[Tuple, Tuple[str, str]]) -> Optional[Dict[UnitKey, Tuple[Range, ...]]]:
    """The ranges of every fix of a bundle by unit; None (and the bundle dropped) if any is not
    in the file."""
    found: Dict[UnitKey, List[Range]] = defaultdict(list)
    for member in _distinct_fixes(members):
        if member.unit not in lines:
            _drop(dropped, members, member, DROPPED, "fix dropped: it edits text the fixer cannot write")
            return None
        try:
            found[member.unit].extend(resolve(lines[member.unit], member.edits, newline_of(units[member.unit])))
        except EditError as error:
            _drop(dropped, members, member, DROPPED, f"fix dropped: its edit is not in the file ({error})")
            return None
    return {unit: tuple(ranges) for unit, ranges in found.items()}


def _drop(dropped: Dict[Tuple, Tuple[str, str]], members: Sequence[Candidate], blocker: Candidate, kind: str,
          why: str) -> None:
    """Drop a fix, or a whole fix group: the blocking fix says why, the others which fix blocked them."""
    blocker_fix = blocker.fix
    assert blocker_fix is not None
    for member in members:
        if member.key in dropped and member is not blocker:
            continue
        fix = member.fix
        assert fix is not None
        if fix == blocker_fix or member.key == blocker.key:
            dropped[member.key] = (kind, why)
        else:
            dropped[member.key] = (kind, f"fix not applied: it goes together with '{blocker_fix.title}', "
                                         f"which is not applied: {why}")


def first_use(candidate: Candidate, program) -> Tuple[int, int]:
    """Where a fix first uses what it imports: its first edit, in program coordinates."""
    line, col = min(((edit.span.line, edit.span.col) for edit in candidate.edits),
                    default=(candidate.line, 0))
    return program.line_of(candidate.unit, line), col


def _render(units: Dict[UnitKey, str], lines: Dict[UnitKey, Lines], checked: Checked,
            choices: Sequence[_Choice]) -> Optional[Dict[UnitKey, str]]:
    """The units with the chosen fixes' edits and their imports; None if edits overlap."""
    ranges: Dict[UnitKey, List[Range]] = defaultdict(list)
    occupied: Dict[UnitKey, Occupied] = defaultdict(Occupied)
    imports: Dict[int, Dict[Import, List[Tuple[int, int]]]] = defaultdict(dict)
    for choice in choices:
        for unit, unit_ranges in choice.ranges.items():
            ranges[unit].extend(unit_ranges)
            occupied[unit].take(unit_ranges)
        if choice.program is not None:
            for item in choice.imports:
                imports[choice.program].setdefault(item, []).append(choice.uses[item])
    for index, needed in imports.items():
        if needed:
            _add_imports(checked, index, needed, lines, units, ranges, occupied)
    new_units = dict(units)
    try:
        for key, unit_ranges in ranges.items():
            new_units[key] = apply(units[key], unit_ranges)
    except EditError:
        return None
    return new_units


def _add_imports(checked: Checked, index: int, needed: Dict[Import, List[Tuple[int, int]]],
                 lines: Dict[UnitKey, Lines], units: Dict[UnitKey, str], ranges: Dict[UnitKey, List[Range]],
                 occupied: Dict[UnitKey, Occupied]) -> None:
    """The ranges that add ``needed`` (each with the positions the round's fixes use it at)."""
    program = checked.programs[index]

    def statement_range(statement) -> Optional[Tuple[UnitKey, int, Range]]:
        unit, line = program.place(statement.lineno)
        if unit not in lines:
            return None
        try:
            start = lines[unit].offset(line, statement.col_offset)
            end = lines[unit].offset(line, statement.end_col_offset or 0)
        except EditError:
            return None
        return unit, line, Range(start, end, "")

    def can_join(statement) -> bool:
        found = statement_range(statement)
        return found is not None and occupied[found[0]].free([found[2]])

    import_plan = program.names.plan(needed, can_join)
    # of two insertions at one offset the later listed goes first: new lines before a fix's
    # statements, and a name joined to a cell's last line before the lines added after it
    for (where, program_line, indented_as), statements in import_plan.new_lines:
        unit, line = program.place(program_line)
        if where == "after":
            line += 1
        indent = ""
        if indented_as:
            text = lines[unit].line_text(program.place(indented_as)[1])
            indent = text[:len(text) - len(text.lstrip(" \t"))]
        newline = newline_of(units[unit])
        offset = lines[unit].offset(line, 0)
        ranges[unit].append(Range(offset, offset, "".join(indent + statement + newline for statement in statements)))
    for statement, added in import_plan.joined:
        found = statement_range(statement)
        assert found is not None
        unit, line, _ = found
        col, text = join_text(lines[unit].line_text(line), statement, added)
        offset = lines[unit].offset(line, col)
        ranges[unit].append(Range(offset, offset, text))


def _wrap_imports(document: Document, original: Dict[UnitKey, str], units: Dict[UnitKey, str],
                  line_length: int) -> Dict[UnitKey, str]:
    """The fixed units with each one-line ``from M import ...`` that the fix wrote or lengthened
    past the project's line length wrapped as black wraps it; done once the rounds are over,
    so later rounds could still join names to the one-line form. An import line the fix did
    not change stays as the user wrote it. A line is taken for an import statement when it
    parses alone as one (the fix writes imports only as whole lines of their own, or joins
    names to such a line) and the code still parses once it is wrapped."""
    wrapped = dict(units)
    changed: Set[UnitKey] = set()
    for unit, text in units.items():
        if text == original.get(unit):
            continue
        kept = _line_set(original.get(unit))
        lines = Lines(text, document.yaml)
        ranges = []
        for line in range(1, len(lines.starts) + 1):
            line_text = lines.line_text(line).rstrip("\r\n")
            code = line_text.lstrip(" \t")
            if len(line_text) <= line_length or not code.startswith("from ") or line_text in kept:
                continue
            statement = _import_statement(code)
            if statement is None:
                continue
            indent = line_text[:len(line_text) - len(code)]
            start = lines.starts[line - 1] + len(indent)
            encoded = code.encode("utf-8", errors="surrogatepass")[:statement.end_col_offset or 0]
            end = start + len(encoded.decode("utf-8", errors="surrogatepass"))
            ranges.append(Range(start, end, wrapped_import(statement, indent).replace("\n", newline_of(text))))
        if ranges:
            wrapped[unit] = apply(text, ranges)
            changed.add(unit)
    if not changed or document.broken(wrapped, changed) is not None:
        return units
    return wrapped


def _import_statement(code: str) -> Optional[ast.ImportFrom]:
    """``code`` (one line) as the one ``from M import ...`` statement it is, or None."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.ImportFrom):
        return None
    statement = tree.body[0]
    return statement if statement.end_lineno == 1 and all(alias.name != "*" for alias in statement.names) else None


def _line_set(text: Optional[str]) -> Set[str]:
    return {line.rstrip("\r\n") for line in (text or "").splitlines()}
