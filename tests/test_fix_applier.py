"""The fixing loop itself (``fixer.loop.fix_document``), edits and imports, on documents whose
fixes the test defines: a rewrite with an import, which no rule of ours produces yet."""

from __future__ import annotations

import ast
import json
import os

import pytest

from azureml_migrate.audit.checkers import Program as AuditProgram
from azureml_migrate.audit.readers_code import CodeBlock
from azureml_migrate.facts import Span
from azureml_migrate.fixer import fix_text
from azureml_migrate.fixer.edits import EditError, Lines, Range, apply, resolve
from azureml_migrate.fixer.files import fix_file
from azureml_migrate.fixer.imports import ModuleNames
from azureml_migrate.fixer.loop import fix_document
from azureml_migrate.fixer.model import Candidate, Checked, FixError
from azureml_migrate.fixes import Applicability, Edit, Fix, Import
from azureml_migrate.rules import RULES, Finding, Options
from tests.fix_documents import CallFixes

NEW_IMPORT = Import("pkg.mod", "NEW")


class Renaming(CallFixes):
    """Python text where every call ``OLD(...)`` gets a safe fix to ``NEW(...)`` that imports
    NEW from pkg.mod, ``BAD(...)`` a fix whose result does not parse, and ``RISKY(...)`` an
    unsafe one; findings on one line share one fix, as the findings of one call do."""

    codes = ("AML101", "AML301")

    def fixes(self, span: Span):
        return {
            "OLD": Fix(Applicability.SAFE, "OLD to NEW", (Edit(span, "NEW"),), (NEW_IMPORT,)),
            "BAD": Fix(Applicability.SAFE, "BAD breaks", (Edit(span, "NEW("),)),
            "RISKY": Fix(Applicability.UNSAFE, "RISKY to NEW", (Edit(span, "NEW"),), (NEW_IMPORT,),
                         reason="assumes a thing"),
        }


def fixed(text: str, unsafe: bool = False):
    result = fix_document(Renaming(text), unsafe)
    again = fix_document(Renaming(result.text), unsafe)
    assert again.text == result.text and not again.applied  # a second run changes nothing
    return result


def test_an_import_goes_after_the_docstring_and_leading_imports():
    result = fixed('"""Doc."""\nfrom __future__ import annotations\nimport os\n\nx = OLD(1)\ny = OLD(2)\n')
    assert result.text == ('"""Doc."""\nfrom __future__ import annotations\nimport os\nfrom pkg.mod import NEW\n'
                           '\nx = NEW(1)\ny = NEW(2)\n')
    # two calls, two findings each: one fix per call, every finding counted
    assert [(item.code, item.line) for item in result.applied] == [
        ("AML101", 5), ("AML301", 5), ("AML101", 6), ("AML301", 6)]


def test_an_import_joins_a_one_line_import_of_the_same_module():
    assert fixed("from pkg.mod import other\nOLD()\n").text == "from pkg.mod import other, NEW\nNEW()\n"
    assert fixed("from pkg.mod import (a, b,)\nOLD()\n").text == "from pkg.mod import (a, b, NEW)\nNEW()\n"


def test_an_import_already_there_is_not_added_again():
    assert fixed("from pkg.mod import NEW\nOLD()\n").text == "from pkg.mod import NEW\nNEW()\n"


def test_a_name_bound_to_something_else_stops_the_fix():
    text = "NEW = 3\nOLD()\n"
    result = fixed(text)
    assert result.text == text
    why = "name NEW is already bound to something else where the fix would use it"
    assert [(item.code, item.text) for item in result.manual] == [("AML101", why), ("AML301", why)]


def test_a_fix_that_breaks_the_code_is_dropped_and_the_others_kept():
    result = fixed("a = BAD()\nb = OLD()\n")
    assert result.text == "from pkg.mod import NEW\na = BAD()\nb = NEW()\n"
    assert {item.code for item in result.dropped} == {"AML101", "AML301"}
    assert all("would not read" in item.text for item in result.dropped)


def test_unsafe_fixes_wait_for_unsafe():
    text = "RISKY()\n"
    result = fixed(text)
    assert result.text == text and len(result.unsafe) == 2 and "assumes a thing" in result.unsafe[0].text
    assert fixed(text, unsafe=True).text == "from pkg.mod import NEW\nNEW()\n"


def test_crlf_text_gets_crlf_import_lines():
    assert fixed("import os\r\nOLD()\r\n").text == "import os\r\nfrom pkg.mod import NEW\r\nNEW()\r\n"


def test_text_without_a_final_newline():
    assert fixed("import os").text == "import os"
    assert fixed("import os\nOLD()").text == "import os\nfrom pkg.mod import NEW\nNEW()"


def test_columns_are_utf8_bytes():
    assert fixed("x = 'é'; y = OLD()\n").text == "from pkg.mod import NEW\nx = 'é'; y = NEW()\n"


def test_overlapping_fixes_are_applied_one_round_after_the_other():
    # OLD(OLD()) : both edits are distinct, not overlapping; an outer edit over the whole
    # line and an inner one overlap: the outer goes first, the inner is re-found next round
    lines = Lines("abc\n")
    with pytest.raises(EditError):
        apply("abc\n", [Range(0, 3, "x"), Range(1, 2, "y")])
    assert apply("abc\n", [Range(0, 0, "<"), Range(0, 3, "x")]) == "<x\n"
    assert resolve(lines, [Edit(Span(1, 1, 1, 2), "Z")]) == (Range(1, 2, "Z"),)
    assert fixed("OLD(OLD())\n").text == "from pkg.mod import NEW\nNEW(NEW())\n"


def test_positions_outside_the_text_are_refused():
    lines = Lines("é\n")
    with pytest.raises(EditError):
        lines.offset(1, 1)  # inside the two bytes of é
    with pytest.raises(EditError):
        lines.offset(3, 0)
    assert lines.offset(2, 0) == 2  # string offsets: é is one character


def test_a_notebook_fix_crossing_a_cell_boundary_is_not_moved():
    program = AuditProgram()
    for cell, python in ((1, "a = 1\n"), (2, "b = 2\n")):
        program.add(CodeBlock(python, python.splitlines(), 1, [0], cell), python)
    rule = RULES[0]
    across = Fix(Applicability.SAFE, "t", (Edit(Span(1, 0, 2, 1), "x"),))
    inside = Fix(Applicability.SAFE, "t", (Edit(Span(2, 0, 3, 0), ""),))
    block, located = program.locate(Finding(rule, Span(1, 0, 1, 1), "m", fix=across))
    assert block.cell == 1 and located.fix is None
    block, located = program.locate(Finding(rule, Span(2, 0, 2, 1), "m", fix=inside))
    assert block.cell == 2 and located.fix.edits == (Edit(Span(1, 0, 2, 0), ""),)


def _notebook(*sources, **layout) -> str:
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
             for source in sources]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5},
                      **(layout or {"indent": 1})) + "\n"


def test_notebook_cells_are_one_program_and_the_last_line_of_a_cell_can_go():
    text = _notebook("from azureml.train.estimator import Estimator, Mpi", "Mpi()")
    result = fix_text(text, "notebook")
    assert json.loads(result.text)["cells"][0]["source"] == "from azureml.train.estimator import Mpi"
    text = _notebook("import os\nfrom azureml.train.estimator import Estimator", "os")
    assert json.loads(fix_text(text, "notebook").text)["cells"][0]["source"] == "import os"


def test_a_notebook_whose_layout_cannot_be_reproduced_is_left_alone():
    text = _notebook("from azureml.train.estimator import Estimator\n").replace('"nbformat": 4', '"nbformat":  4')
    with pytest.raises(FixError, match="JSON layout"):
        fix_text(text, "notebook")


def test_a_compact_notebook_keeps_its_separators():
    text = _notebook("from azureml.train.estimator import Estimator\nx = 1\n", separators=(",", ":"))
    result = fix_text(text, "notebook")
    assert result.text == _notebook("x = 1\n", separators=(",", ":"))


def test_a_broken_cell_is_reported_and_the_others_fixed():
    text = _notebook("def (:\n", "from azureml.train.estimator import Estimator\n")
    result = fix_text(text, "notebook")
    assert result.errors == ["cell 1: syntax error at line 1: invalid syntax"]
    assert json.loads(result.text)["cells"][1]["source"] == ""


def test_a_requirement_finding_waits_for_unsafe_fixes_and_without_a_fix_is_manual_work():
    text = "azureml-core==1.0.85\n"
    result = fix_text(text, "requirements")
    assert result.text == text and [item.code for item in result.unsafe] == ["AML401"] and result.manual == []
    text = "azureml-core==1.0.85 --hash=sha256:00\n"  # hash-checking mode: the fix is manual
    result = fix_text(text, "requirements", unsafe=True)
    assert result.text == text and [item.code for item in result.manual] == ["AML401"]


def test_a_broken_manifest_is_a_fix_error():
    with pytest.raises(FixError):
        fix_text("dependencies: [azureml-core\n", "conda")


def test_a_directory_or_fifo_is_a_clear_error(tmp_path):
    directory = tmp_path / "odd.py"
    directory.mkdir()
    outcome = fix_file(directory, "odd.py")
    assert outcome.error == "not a regular file: a directory; only regular files are read"
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.py")
        outcome = fix_file(tmp_path / "pipe.py", "pipe.py")
        assert outcome.error == "not a regular file: a FIFO (named pipe); only regular files are read"


def test_a_symlink_is_followed_and_kept(tmp_path):
    real = tmp_path / "real.py"
    real.write_text("import os\nfrom azureml.train.estimator import Estimator\n")
    link = tmp_path / "link.py"
    link.symlink_to(real)
    outcome = fix_file(link, "link.py")
    assert outcome.written and link.is_symlink() and real.read_text() == "import os\n"


def test_a_name_is_present_only_where_an_import_of_the_same_object_runs_before_the_use():
    source = ("from a import X\n"            # 1
              "from b import Y as Z\n"       # 2
              "import c.d\n"                 # 3
              "if 1:\n"                      # 4
              "    from a import Q\n"        # 5
              "    Q()\n"                    # 6
              "def f():\n"                   # 7
              "    V = 1\n"                  # 8
              "    X()\n"                    # 9
              "    V()\n"                    # 10
              "Q()\n"                        # 11
              "from a import L\n"            # 12
              "from azureml.core.environment import Environment\n")  # 13
    names = ModuleNames.of(ast.parse(source))
    x, q, late = Import("a", "X"), Import("a", "Q"), Import("a", "L")
    assert names.missing([x, Import("q", "R")], (9, 4)) == ([Import("q", "R")], None)
    assert names.missing([q], (6, 4)) == ([], None)  # bound earlier in the same block
    assert names.missing([q], (11, 0)) == ([q], None)  # bound only in a branch the use is not in
    assert names.missing([late], (11, 0)) == ([late], None)  # bound only after the use
    assert names.missing([Import("q", "V")], (10, 4))[1] is not None  # a local of the function
    assert names.missing([Import("q", "V")], (11, 0)) == ([Import("q", "V")], None)  # not a module name
    assert names.missing([Import("q", "Z")], (11, 0))[1] is not None  # Z is b.Y
    assert names.missing([Import("q", "c")], (11, 0))[1] is not None
    environment = Import("azureml.core", "Environment")
    assert names.missing([environment], (12, 0)) == ([environment], None)  # the same class, imported later
    assert names.missing([environment], (14, 0)) == ([], None)
    assert names.missing([Import("azureml.core", "Environment", "Z")], (11, 0))[1] is not None


class Pinning:
    """A real manifest document whose requirement findings get a fix raising the pin (the
    requirement rules' own fixes are another change): byte columns, the reader re-run."""

    def __init__(self, text: str, kind: str) -> None:
        from azureml_migrate.fixer.documents import ManifestDocument

        self.inner = ManifestDocument(text, kind, Options(), lambda code: True)
        self.units, self.yaml = self.inner.units, self.inner.yaml
        self.broken, self.assemble = self.inner.broken, self.inner.assemble

    def check(self, units) -> Checked:
        checked = self.inner.check(units)
        lines = Lines(units[None], self.yaml)
        for index, candidate in enumerate(checked.candidates):
            text = lines.line_text(candidate.line)
            start = text.index("azureml-core")
            end = start + len("azureml-core==1.0.85")
            encoded = len(text[:start].encode()), len(text[:end].encode())
            fix = Fix(Applicability.SAFE, "raise the pin",
                      (Edit(Span(candidate.line, encoded[0], candidate.line, encoded[1]), "azureml-core>=1.15.0"),))
            checked.candidates[index] = Candidate(candidate.code, candidate.line, candidate.column, candidate.message,
                                                  fix, None, fix.edits)
        return checked


@pytest.mark.parametrize("kind, text", [
    ("pyproject", '[project]\nname = "é"\ndependencies = ["é-pkg", "azureml-core==1.0.85"]\n'),
    ("conda", "name: é\ndependencies:\n  - pip:\n    - azureml-core==1.0.85  # é\n"),
    ("requirements", "azureml-core==1.0.85\r\n"),
])
def test_a_manifest_fix_lands_on_its_requirement(kind, text):
    result = fix_document(Pinning(text, kind))
    assert result.text == text.replace("azureml-core==1.0.85", "azureml-core>=1.15.0")
    assert [item.code for item in result.applied] == ["AML401"]
    again = fix_document(Pinning(result.text, kind))
    assert again.text == result.text and not again.applied


def test_requirement_findings_are_positioned_in_utf8_bytes():
    from azureml_migrate.fixer.documents import ManifestDocument

    text = 'dependencies = ["é", "azureml-core==1.0.85"]\n'
    checked = ManifestDocument("[project]\n" + text, "pyproject", Options(), lambda code: True).check(
        {None: "[project]\n" + text})
    (candidate,) = checked.candidates
    assert candidate.column == text.index("azureml") + 1  # reported in characters, as the audit does
