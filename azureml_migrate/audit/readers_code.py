"""Python code held in other files: notebook cells and Markdown code blocks.

Both become ``CodeBlock``s: Python text whose line numbers are those of the cell (notebooks)
or of the Markdown file, with IPython syntax (``%magic``, ``%%cell magic``, ``!shell``,
``var = !shell``, ``obj?``, automagic ``pip install``) replaced by ``pass`` lines so the rest
parses with ``ast`` and keeps its positions. Install commands found in that syntax
(``%pip``/``!pip``/``%conda install``, ``%%bash`` bodies) are kept as ``LocatedRequirement``s.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any, List, Optional, Sequence, Tuple

from .manifests import LocatedRequirement, PositionMap, command_requirements, shell_lines_requirements
from .readers_text import physical_lines


class NotebookError(Exception):
    """The file is not a notebook the audit can read; the message says why."""


@dataclass
class CodeBlock:
    #: Python source with IPython-only lines blanked (same number of lines as the original)
    python: str
    #: the original lines (for suppression comments and the flagged construct's source)
    original: List[str]
    #: file line of the block's first line (1 for notebook cells: lines are cell lines)
    first_line: int = 1
    #: per line: characters removed from the left (Markdown fence indentation)
    col_offsets: List[int] = field(default_factory=list)
    #: 1-based position of the notebook cell among all cells; None outside notebooks
    cell: Optional[int] = None
    #: install commands in shell syntax, positions in block lines
    installs: List[LocatedRequirement] = field(default_factory=list)
    #: whether any Python is worth parsing (False: shell-only cell magic)
    has_python: bool = True


# -- IPython syntax --------------------------------------------------------------------------
_PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "pypy", "python", "python3"})
_SHELL_CELL_MAGICS = frozenset({"bash", "sh", "script", "system", "!", "zsh"})
_SHELL_LINE_MAGICS = frozenset({"pip", "conda", "mamba", "micromamba", "sx", "system"})
_ASSIGNED_SHELL = re.compile(r"^\s*[\w.\[\]'\"]+\s*=\s*([!%])")
_AUTOMAGIC_INSTALL = re.compile(r"^\s*(?:pip|pip3|conda|mamba)\s+install\b")
_WRITEFILE = re.compile(r"^%%writefile\s+(?:-a\s+|--append\s+)?(\S+)")


def _is_help(stripped: str) -> bool:
    return (stripped.startswith("?") or stripped.endswith("?")) and "#" not in stripped


def _shell_start(line: str) -> Optional[int]:
    """Where the shell/magic text of an IPython line starts (after ``!``/``%``), or None."""
    stripped = line.lstrip()
    indent = len(line) - len(stripped)
    if stripped.startswith("!") and not stripped.startswith("!="):
        return indent + 1
    if stripped.startswith("%") and not stripped.startswith(("%%", "%=")):
        return indent + 1
    assigned = _ASSIGNED_SHELL.match(line)
    if assigned is not None:
        return assigned.end()
    if _AUTOMAGIC_INSTALL.match(line):
        return indent
    return None


def blank_ipython(lines: Sequence[str], first_line: int = 1,
                  first_cols: Optional[Sequence[int]] = None) -> Tuple[List[str], List[LocatedRequirement], bool]:
    """(Python lines, install requirements, has Python) for one cell or code block.

    Positions of the requirements are in the numbering of ``first_line``; ``first_cols``
    gives, per line, columns to add (Markdown indentation).
    """
    cols = list(first_cols) if first_cols is not None else [0] * len(lines)
    python = list(lines)
    installs: List[LocatedRequirement] = []
    first_code = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first_code is not None and lines[first_code].lstrip().startswith("%%"):
        header = lines[first_code].strip()
        name = header[2:].split()[0] if len(header) > 2 and header[2:].split() else ""
        written = _WRITEFILE.match(header)
        if name in _PYTHON_CELL_MAGICS or (written is not None and written.group(1).endswith(".py")):
            python[first_code] = ""  # the body is Python: a script written to disk, or timed
        else:
            body = lines[first_code + 1:]
            if name in _SHELL_CELL_MAGICS:
                installs.extend(_shift(shell_lines_requirements(body, first_line + first_code + 1), cols, first_line))
            return [""] * len(lines), installs, False
    index = 0
    while index < len(python):
        start_col = _shell_start(python[index])
        stripped = python[index].strip()
        if start_col is None:
            if stripped and _is_help(stripped):
                python[index] = _neutral(python[index])
            index += 1
            continue
        positions = PositionMap()
        start = index
        text = python[index][start_col:]
        magic = text.split()[0] if text.split() else ""
        shell_text_start = start_col
        if python[index].lstrip().startswith("%"):
            if magic not in _SHELL_LINE_MAGICS:
                shell_text_start = -1
            elif magic in ("sx", "system"):
                shell_text_start = start_col + len(magic)
        while True:
            line = python[index]
            offset = shell_text_start if index == start else 0
            continued = line.rstrip().endswith("\\")
            if offset >= 0:
                piece = line[offset:].rstrip()
                positions.add(piece[:-1] + " " if continued else piece, first_line + index, offset + cols[index])
            python[index] = _neutral(line) if index == start else ""
            index += 1
            if not continued or index >= len(python):
                break
        if shell_text_start >= 0 and "install" in positions.text:
            installs.extend(command_requirements(positions, "\n".join(lines[start:index])))
    return python, installs, True


def _shift(found: List[LocatedRequirement], cols: Sequence[int], first_line: int) -> List[LocatedRequirement]:
    """Add per-line Markdown indentation to requirements found in dedented lines."""
    shifted = []
    for item in found:
        add = cols[item.line - first_line] if 0 <= item.line - first_line < len(cols) else 0
        shifted.append(dataclasses.replace(item, col=item.col + add, end_col=item.end_col + add))
    return shifted


def _neutral(line: str) -> str:
    """A statement that parses wherever the original line stood and means nothing."""
    indent = line[:len(line) - len(line.lstrip())]
    return f"{indent}pass"


# -- notebooks -------------------------------------------------------------------------------
def _cell_text(source: Any) -> str:
    if source is None:
        return ""
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(piece, str) for piece in source):
        return "".join(source)
    raise NotebookError(f"cell source is {type(source).__name__}, not text")


def notebook_cells(text: str) -> Tuple[List[Tuple[int, str]], List[Tuple[int, str]]]:
    """(code cells as (1-based position, source), per-cell problems as (position, message)).

    Raises NotebookError when the file is not notebook JSON at all. Notebooks of another
    language (their metadata says so) have no Python cells.
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotebookError(f"not valid notebook JSON: {error.msg} "
                            f"at line {error.lineno} column {error.colno}") from None
    except RecursionError:
        raise NotebookError("not valid notebook JSON: nested too deeply") from None
    except ValueError as error:  # an integer too long for int(), valid JSON all the same
        raise NotebookError(f"not readable notebook JSON: {error}") from None
    if not isinstance(document, dict):
        raise NotebookError("not a Jupyter notebook: the JSON is not an object")
    if isinstance(document.get("cells"), list):
        cells = document["cells"]
        source_key = "source"
    elif isinstance(document.get("worksheets"), list):  # nbformat 3
        cells = [cell for sheet in document["worksheets"] if isinstance(sheet, dict)
                 for cell in (sheet.get("cells") if isinstance(sheet.get("cells"), list) else [])]
        source_key = "input"
    else:
        raise NotebookError("not a Jupyter notebook: no 'cells' list")
    if not _is_python_notebook(document):
        return [], []
    code: List[Tuple[int, str]] = []
    problems: List[Tuple[int, str]] = []
    for position, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        try:
            code.append((position, _cell_text(cell.get(source_key))))
        except NotebookError as error:
            problems.append((position, str(error)))
    return code, problems


def _is_python_notebook(document: dict) -> bool:
    metadata = document.get("metadata") if isinstance(document.get("metadata"), dict) else {}
    for section, key in (("language_info", "name"), ("kernelspec", "language")):
        value = metadata.get(section, {}).get(key) if isinstance(metadata.get(section), dict) else None
        if isinstance(value, str) and value:
            return value.lower().startswith("python")
    return True


_LEADING_INDENT = re.compile(r"[ \t]+")


def ipython_dedent(lines: Sequence[str]) -> Tuple[List[str], List[int]]:
    """(the lines as IPython runs them, per line the characters it removed from the left).

    IPython skips leading blank lines, then removes the first line's indentation from every
    line that starts with exactly that text (``leading_empty_lines`` and ``leading_indent``
    of ``IPython.core.inputtransformer2``): a cell pasted from inside a function runs.
    """
    first = next((line for line in lines if line.strip()), "")
    indent = _LEADING_INDENT.match(first)
    if indent is None:
        return list(lines), [0] * len(lines)
    prefix = indent.group()
    width = len(prefix)
    dedented = [line[width:] if line.startswith(prefix) else line for line in lines]
    return dedented, [width if line.startswith(prefix) else 0 for line in lines]


def cell_block(position: int, source: str) -> CodeBlock:
    """One code cell as a block: dedented as IPython does, positions still the cell's
    (``col_offsets``); ``original`` keeps the cell's own lines."""
    python, lines, cols, installs, has_python = _cell_reading(source)
    return CodeBlock(python, list(lines), 1, list(cols), position, list(installs), has_python)


@functools.lru_cache(maxsize=4096)
def _cell_reading(source: str) -> Tuple[str, Tuple[str, ...], Tuple[int, ...], Tuple[LocatedRequirement, ...], bool]:
    """A cell's reading, remembered by its text: an editor's change to one cell of a notebook
    does not read every other cell's IPython syntax again."""
    lines = physical_lines(source)
    dedented, cols = ipython_dedent(lines)
    python, installs, has_python = blank_ipython(dedented, 1, cols)
    return "\n".join(python) + "\n", tuple(lines), tuple(cols), tuple(installs), has_python


def notebook_blocks(text: str) -> Tuple[List[CodeBlock], List[Tuple[int, str]]]:
    cells, problems = notebook_cells(text)
    return [cell_block(position, source) for position, source in cells], problems


# -- Markdown --------------------------------------------------------------------------------
_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^\n]*)$")
PYTHON_INFO = frozenset({"python", "py", "python3", "py3", "ipython", "ipython3", "python2", "pycon"})
SHELL_INFO = frozenset({"bash", "sh", "shell", "console", "zsh", "shell-session", "dockerfile", "docker"})


def _info_language(info: str) -> str:
    word = info.strip().split()[0] if info.strip() else ""
    return word.strip("{}.").lower()


def markdown_blocks(text: str) -> List[CodeBlock]:
    """Fenced Python blocks (for ``ast``) and shell blocks (install commands only); a fence with
    no language is taken for Python (tutorial pages often leave it out).

    Positions are lines and columns of the Markdown file.
    """
    lines = physical_lines(text)
    blocks: List[CodeBlock] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None or (opening.group("fence")[0] == "`" and "`" in opening.group("info")):
            index += 1
            continue
        fence = opening.group("fence")
        indent = len(opening.group("indent"))
        language = _info_language(opening.group("info"))
        body_start = index + 1
        end = _closing_fence(lines, body_start, fence)
        index = end + 1
        if language and language not in PYTHON_INFO and language not in SHELL_INFO:
            continue  # an untagged fence is read as Python: if it is not, it does not parse
        body: List[str] = []
        cols: List[int] = []
        for line in lines[body_start:end]:
            removed = min(indent, len(line) - len(line.lstrip(" ")))
            body.append(line[removed:])
            cols.append(removed)
        if language in SHELL_INFO:
            installs = _shift(shell_lines_requirements(body, body_start + 1), cols, body_start + 1)
            blocks.append(CodeBlock("", body, body_start + 1, cols, None, installs, False))
            continue
        if language == "pycon" or next((line for line in body if line.strip()), "").startswith(">>>"):
            body, cols = _without_prompts(body, cols)
        python, installs, has_python = blank_ipython(body, body_start + 1, cols)
        blocks.append(CodeBlock("\n".join(python) + "\n", body, body_start + 1, cols, None, installs, has_python))
    return blocks


def _closing_fence(lines: Sequence[str], start: int, fence: str) -> int:
    """Index of the line that closes a fence opened just before ``start``.

    CommonMark closes a fence only with a bare fence line: ``` ``` -->`` (a block inside an
    HTML comment) would leave the fence open and swallow the rest of the page. Here a fence line
    closes the block unless what follows it reads as a language (``` ```python``), which can only
    open a block; a fence that never closes runs to the end of the file.
    """
    for end in range(start, len(lines)):
        closing = _FENCE.match(lines[end])
        if closing is None or closing.group("fence")[0] != fence[0] or len(closing.group("fence")) < len(fence):
            continue
        info = closing.group("info").strip()
        if not info or not (info[0].isalnum() or info[0] in "{."):
            return end
    return len(lines)


def _without_prompts(body: Sequence[str], cols: Sequence[int]) -> Tuple[List[str], List[int]]:
    """An interactive session (``>>>``/``...`` prompts) as the code typed; output lines blanked."""
    code: List[str] = []
    shifted: List[int] = []
    for line, col in zip(body, cols):
        if line.startswith((">>> ", "... ")) or line in (">>>", "..."):
            code.append(line[4:])
            shifted.append(col + 4)
        else:
            code.append("")
            shifted.append(col)
    return code, shifted
