"""A Jupyter notebook as the fixing loop sees it: its code cells' sources, nothing else.

Only code cells' ``source`` changes. The JSON is written back the way the file was written
(indentation, separators, ``ensure_ascii``, key order, line endings and the final newline),
which is checked first: the unchanged notebook must come out byte for byte as it went in,
or the file is left alone with an error rather than reformatted.
"""

from __future__ import annotations

import json
import re
from typing import Any, Dict, Hashable, List, Optional, Set, Tuple, Union

from ..audit import checkers
from ..audit.readers_code import NotebookError, cell_block, notebook_cells
from ..engine import may_have_findings, parse_source
from ..facts import Span
from ..fixes import Edit
from ..rules import Options
from .documents import Wanted, _char_column, requirement_candidates
from .edits import Lines
from .imports import ModuleNames, ProgramLayout
from .model import Candidate, Checked, FixError, Program, UnitKey

_LINE = re.compile(r"[^\n]*\n|[^\n]+")
Layout = Dict[str, Any]


class NotebookDocument:
    yaml = False

    def __init__(self, text: str, options: Options, wanted: Wanted) -> None:
        try:
            code, problems = notebook_cells(text)
        except NotebookError as error:
            raise FixError(str(error)) from None
        self.text = text
        self.options = options
        self.wanted = wanted
        self.problems = [f"cell {position}: {problem}" for position, problem in problems]
        self.units: Dict[UnitKey, str] = dict(code)
        self._document: Optional[dict] = None
        self._layout: Optional[Tuple[Layout, str, str]] = None

    # -- checking ----------------------------------------------------------------------------
    def check(self, units: Dict[UnitKey, str]) -> Checked:
        checked = Checked(errors=list(self.problems))
        if not checkers.may_mention_sdk("\n".join(units.values())):
            return checked
        program = checkers.Program()
        for position, source in units.items():
            block = cell_block(position, source)
            checked.candidates.extend(requirement_candidates(block.installs, position, Lines(source), self.options,
                                                             self.wanted, cell=position))
            if not block.has_python or not block.python.strip():
                continue
            python, problem = checkers.parseable_python(block)
            if problem is not None:
                checked.errors.append(f"cell {position}: {problem}")
                continue
            program.add(block, python)
        if program.lines and may_have_findings(program.text, target_rules=self.options.target_rules):
            for part in _programs(program):
                self._check_program(part, units, checked)
        checked.candidates.sort(key=lambda candidate: (candidate.cell or 0, candidate.line, candidate.column,
                                                       candidate.code))
        return checked

    def _check_program(self, program: "checkers.Program", units: Dict[UnitKey, str], checked: Checked) -> None:
        try:
            tree = parse_source(program.text)
            findings, _ = checkers.python_findings(program.text, self.options, tree)
        except SyntaxError:
            return
        index = len(checked.programs)
        first = program.origin[0][0].cell

        def place(line: int) -> Tuple[UnitKey, int]:
            block, local = program.origin[line - 1]
            return block.cell, local

        lines_of = {(block.cell, local): line for line, (block, local) in enumerate(program.origin, start=1)}

        def line_of(cell: UnitKey, local: int) -> int:
            return lines_of.get((cell, local), local)

        checked.programs.append(Program(ModuleNames.of(tree, _program_layout(program)), place, (first, 1), line_of,
                                        self.options.line_length))
        for finding in findings:
            if not self.wanted(finding.code):
                continue
            block, located = program.locate(finding)
            fix = located.fix if located.fix is not None else finding.fix
            problem = ""
            if finding.fix is not None and finding.fix.edits and located.fix is None:
                problem = "its edits cross a notebook cell boundary"
            elif fix is not None and fix.edits and any(block.col_offsets):
                problem = "the cell is indented as a whole (IPython dedents it): rewrite it by hand"
            elif fix is not None and _edits_ipython(fix.edits, program.block_lines[id(block)], block.original):
                problem = "it edits a line of IPython syntax"
            lines = Lines(units[block.cell])
            line = located.span.line
            indent = block.col_offsets[line - 1] if 0 < line <= len(block.col_offsets) else 0
            checked.candidates.append(Candidate(
                finding.code, located.span.line, _char_column(lines, located.span.line, located.span.col + indent) + 1,
                finding.message, fix, block.cell,
                _no_leading_blank(fix.edits, lines) if fix is not None and not problem else (), index,
                problem, block.cell, finding.status))

    def broken(self, units: Dict[UnitKey, str], changed: Set[UnitKey]) -> Optional[str]:
        for position in sorted(changed):
            block = cell_block(position, units[position])
            if block.has_python and block.python.strip():
                _, problem = checkers.parseable_python(block)
                if problem is not None:
                    return f"cell {position}: {problem}"
        return None

    # -- writing -----------------------------------------------------------------------------
    def assemble(self, units: Dict[UnitKey, str]) -> str:
        if units == self.units:
            return self.text
        document, layout, trailing, newline = self._writer()
        for cell_position, cell, key in _code_cells(document):
            if cell_position in units and units[cell_position] != self.units[cell_position]:
                cell[key] = _source_value(units[cell_position], cell.get(key))
        body = json.dumps(document, **layout) + trailing
        return body.replace("\n", newline) if newline != "\n" else body

    def _writer(self) -> Tuple[dict, Layout, str, str]:
        """A fresh copy of the document and the layout that writes it back unchanged."""
        document = json.loads(self.text)
        if self._layout is None:
            self._layout = _layout(self.text, document)
        layout, trailing, newline = self._layout
        return document, layout, trailing, newline


def _programs(program: "checkers.Program") -> List["checkers.Program"]:
    """The cells as one program; each cell alone when together they do not parse (a
    ``from __future__`` import in a later cell), as the audit does."""
    try:
        parse_source(program.text)
        return [program]
    except SyntaxError:
        pass
    alone = []
    for block in {id(origin[0]): origin[0] for origin in program.origin}.values():
        part = checkers.Program()
        part.add(block, "\n".join(program.block_lines[id(block)]) + "\n")
        alone.append(part)
    return alone


def _no_leading_blank(edits, lines: Lines):
    """Edits where deleting a cell's first lines (an import nothing uses any more) also deletes
    the blank lines after them, so the cell does not start with an empty line."""
    moved = []
    count = len(lines.starts)
    for edit in edits:
        span = edit.span
        if (not edit.text and span.col == 0 and span.end_col == 0 and span.end_line > span.line
                and all(not lines.line_text(line).strip() for line in range(1, span.line))):
            end = span.end_line
            while end <= count and not lines.line_text(end).strip():
                end += 1
            edit = Edit(Span(span.line, 0, end, 0), "")
        moved.append(edit)
    return tuple(moved)


#: cell magics whose body runs in the kernel: what it binds is bound in the notebook
_KERNEL_CELL_MAGICS = frozenset({"time", "capture", "prun", "debug"})
#: cell magics whose body is a Python script run (or written) outside the kernel
_SCRIPT_CELL_MAGICS = frozenset({"writefile", "file", "python", "python3", "pypy"})


def _program_layout(program: "checkers.Program") -> ProgramLayout:
    """Per program line: the program it runs in (the kernel, or the script a ``%%writefile``
    cell holds) and whether new imports may be written there (never in a cell that starts with
    a cell magic, except below the magic line of a script that needs them itself)."""
    magics: Dict[int, Optional[Tuple[str, int]]] = {}
    for block, _ in program.origin:
        if id(block) not in magics:
            magics[id(block)] = _cell_magic(block.original)

    def layout(line: int) -> Tuple[Hashable, bool]:
        if not 1 <= line <= len(program.origin):
            return None, False
        block, local = program.origin[line - 1]
        magic = magics[id(block)]
        if magic is None:
            return None, True
        name, header = magic
        if name in _KERNEL_CELL_MAGICS:
            return None, False
        return block.cell, name in _SCRIPT_CELL_MAGICS and local > header

    return layout


def _cell_magic(lines: List[str]) -> Optional[Tuple[str, int]]:
    """(name, line) of the cell magic a cell starts with, or None."""
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped:
            if not stripped.startswith("%%"):
                return None
            words = stripped[2:].split()
            return (words[0] if words else ""), number
    return None


def _edits_ipython(edits, python_lines: List[str], original: List[str]) -> bool:
    """Whether an edit touches a line the audit replaced because it is IPython syntax."""
    for edit in edits:
        last = edit.span.end_line - (1 if edit.span.end_col == 0 and edit.span.end_line > edit.span.line else 0)
        for line in range(edit.span.line, last + 1):
            if 1 <= line <= len(original) and python_lines[line - 1] != original[line - 1]:
                return True
    return False


def _code_cells(document: dict):
    """(1-based position among all cells, cell, source key) of every code cell, as
    ``readers_code.notebook_cells`` numbers them (nbformat 3 worksheets too)."""
    if isinstance(document.get("cells"), list):
        cells, key = document["cells"], "source"
    else:
        cells = [cell for sheet in document.get("worksheets", []) if isinstance(sheet, dict)
                 for cell in (sheet.get("cells") if isinstance(sheet.get("cells"), list) else [])]
        key = "input"
    for position, cell in enumerate(cells, start=1):
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            yield position, cell, key


def _source_value(source: str, original: Union[str, List[str], None]) -> Union[str, List[str]]:
    """The new source in the form the cell had: one string, or a list of lines."""
    if isinstance(original, list):
        return _LINE.findall(source)
    return source


def _layout(text: str, document: Any) -> Tuple[Layout, str, str]:
    """(``json.dumps`` arguments, trailing text, newline) that write ``document`` as ``text``."""
    newline = "\r\n" if "\r\n" in text else "\n"
    body = text.replace("\r\n", "\n") if newline == "\r\n" else text
    stripped = body.rstrip("\n")
    trailing = body[len(stripped):]
    indent: Union[int, str, None] = None
    if "\n" in stripped:
        second = stripped.split("\n", 2)[1]
        whitespace = second[:len(second) - len(second.lstrip(" \t"))]
        indent = whitespace if "\t" in whitespace else len(whitespace)
    separators = [(",", ": "), (", ", ": ")] + ([(",", ":")] if indent is None else [])
    for ensure_ascii in (False, True):
        for separator in separators:
            layout: Layout = {"indent": indent, "ensure_ascii": ensure_ascii, "separators": separator}
            if json.dumps(document, **layout) == stripped:
                return layout, trailing, newline
    raise FixError("its JSON layout cannot be written back unchanged (not as Jupyter or nbformat write it), "
                   "so it is not rewritten")
